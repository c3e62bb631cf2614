import type { HeldComment, PublicComment } from '@ankang/shared';
import { describe, expect, it, vi } from 'vitest';
import { tinyPng } from '../../functions/local/fakeWechatCodes';
import { closedDay, stationDetail } from './fixtures';
import { findByText, routes, tap, waitFor, wx, wxmlAttribute } from './simulate';
import {
  button,
  ok,
  openAs,
  refusal,
  requests,
  resetPagesEachTest,
  text,
  toasts,
} from './staffOutreachPages';

// Saving the code writes a file and hands it to the album: wx APIs the shared stand-in lacks, added
// before the app boots (Taro reads `wx` once).
const written: { filePath: string; data: string; encoding: string }[] = [];
const albumWx = {
  getFileSystemManager: vi.fn(() => ({
    writeFile: (options: { filePath: string; data: string; encoding: string; success?: () => void }) => {
      written.push({ filePath: options.filePath, data: options.data, encoding: options.encoding });
      setTimeout(() => options.success?.(), 0);
    },
  })),
  saveImageToPhotosAlbum: vi.fn((options: { filePath: string; success?: (r: object) => void }) =>
    setTimeout(() => options.success?.({ errMsg: 'saveImageToPhotosAlbum:ok' }), 0),
  ),
};
Object.assign(wx, albumWx);

resetPagesEachTest();

const stationId = 'st_00000000near';
const stationName = '人民路环卫驿站';
const codePath = `/staff/stations/${stationId}/code`;
const png = tinyPng(stationId).toString('base64');
const codeAnswer = () =>
  ok({ image: png, mimeType: 'image/png', page: 'pages/station/index', scene: stationId, stationName });
const codeImage = (page: ReturnType<typeof openAs>) => page.dom.querySelector('.main--poster__code');

const held = (overrides: Partial<HeldComment> = {}): HeldComment => ({
  id: `cm_${'a'.repeat(32)}`,
  stationId,
  stationName,
  orgPath: '320000/320500/320582',
  stars: 2,
  tags: ['facilitiesBroken'],
  comment: '饮水机坏了好几天了',
  date: '2026-07-01',
  heldBecause: 'unreachable',
  createdAt: '2026-07-01T06:30:00.000Z',
  version: 3,
  ...overrides,
});

describe('Page: 驿站二维码海报', () => {
  it('shows the station’s name over its code with 扫码评价 and 扫码报修, and saves the code', async () => {
    routes.set(`GET ${codePath}`, codeAnswer);
    written.length = 0;

    const page = openAs('staff/pages/poster/index', { id: stationId });
    const image = await waitFor(() => codeImage(page));

    expect(requests('GET', codePath)).toHaveLength(1);
    expect(wxmlAttribute(image, 'src')).toBe(`data:image/png;base64,${png}`);
    expect(page.dom.querySelector('.main--poster__name')?.textContent).toBe(stationName);
    expect(
      Array.from(page.dom.querySelectorAll('.main--poster__call')).map((el) => el.textContent),
    ).toStrictEqual(['扫码评价', '扫码报修']);
    // A mini-program cannot print: it says how to print instead of offering a button.
    expect(findByText(page.dom, '打印海报', 'wx-button')).toBeNull();
    tap(button(page.dom, '保存到相册'));
    await waitFor(() => albumWx.saveImageToPhotosAlbum.mock.calls.length > 0);
    expect(written).toStrictEqual([
      { filePath: `/usr/station-${stationId}.png`, data: png, encoding: 'base64' },
    ]);
    await waitFor(() => toasts().includes('已保存'));
  });

  it('says WeChat could not make the code, and shows it after 重试', async () => {
    routes.set(`GET ${codePath}`, () => refusal(502, 'WECHAT_UNAVAILABLE', '微信服务暂时不可用，请稍后再试'));

    const page = openAs('staff/pages/poster/index', { id: stationId });

    await waitFor(() => text(page).includes('暂时无法从微信生成二维码'));
    expect(codeImage(page)).toBeNull();
    routes.set(`GET ${codePath}`, codeAnswer);
    tap(button(page.dom, '重试'));
    await waitFor(() => codeImage(page));
    expect(requests('GET', codePath)).toHaveLength(2);
  });
});

describe('Page: 评论审核', () => {
  it('lists held comments with why they wait, and 公开 sends the decision at the version seen', async () => {
    const first = held();
    const second = held({
      id: `cm_${'b'.repeat(32)}`,
      comment: '门口有点挤',
      heldBecause: 'review',
      version: 1,
    });
    routes.set('GET /staff/comments', () => ok({ comments: [first, second] }));
    routes.set(`POST /staff/comments/${first.id}/review`, () =>
      ok({ id: first.id, state: 'public', version: 3 }),
    );

    const page = openAs('staff/pages/comments/index');
    await waitFor(() => text(page).includes('饮水机坏了好几天了'));

    expect(text(page)).toContain('提交时未能完成微信内容安全检查');
    expect(text(page)).toContain('微信内容安全检查建议人工复核');
    const card = findByText(page.dom, '饮水机坏了好几天了', '.main--held-comment')!;
    tap(button(card, '公开'));
    await waitFor(() => toasts().includes('已公开'));
    const sent = requests('POST', `/staff/comments/${first.id}/review`);
    expect(sent.map((options) => options.data)).toStrictEqual([{ decision: 'approve', version: 3 }]);
    await waitFor(() => !text(page).includes('饮水机坏了好几天了'));
    expect(text(page)).toContain('门口有点挤');
  });

  it('sends one decision when 隐藏 is tapped twice before the page redraws, and 公开 waits for it', async () => {
    const first = held();
    routes.set('GET /staff/comments', () => ok({ comments: [first] }));
    routes.set(`POST /staff/comments/${first.id}/review`, () =>
      ok({ id: first.id, state: 'hidden', version: 3 }),
    );
    const page = openAs('staff/pages/comments/index');
    await waitFor(() => text(page).includes('饮水机坏了好几天了'));
    const card = findByText(page.dom, '饮水机坏了好几天了', '.main--held-comment')!;

    // Three taps in one go: 隐藏, 隐藏 again, then 公开 on the same comment.
    tap(button(card, '隐藏'));
    tap(button(card, '隐藏'));
    tap(button(card, '公开'));

    await waitFor(() => toasts().includes('已隐藏'));
    await waitFor(() => !text(page).includes('饮水机坏了好几天了'));
    expect(
      requests('POST', `/staff/comments/${first.id}/review`).map((options) => options.data),
    ).toStrictEqual([{ decision: 'hide', version: 3 }]);
    expect(toasts()).toStrictEqual(['已隐藏']);
  });

  it('says so when nothing waits', async () => {
    routes.set('GET /staff/comments', () => ok({ comments: [] }));
    const page = openAs('staff/pages/comments/index');
    await waitFor(() => text(page).includes('没有待审核的评论'));
  });
});

describe('Page: 驿站详情 › 评论', () => {
  const publicComment: PublicComment = {
    id: `cm_${'c'.repeat(32)}`,
    stars: 5,
    tags: ['cool', 'waterOk'],
    comment: '空调很足，水很凉',
    date: '2026-06-30',
  };

  it('opens the station a poster code names (scene), with its recent comments', async () => {
    routes.set(`GET /stations/${stationId}`, () => ok(stationDetail(closedDay(), '国庆节')));
    routes.set(`GET /stations/${stationId}/comments`, () => ok({ comments: [publicComment] }));

    const page = openAs('pages/station/index', { scene: encodeURIComponent(stationId) });

    await waitFor(() => text(page).includes('空调很足，水很凉'));
    expect(requests('GET', `/stations/${stationId}`)).toHaveLength(1);
    const item = page.dom.querySelector('.main--station-comments__item')!;
    expect(item.textContent).toContain('5 分');
    expect(item.textContent).toContain('2026-06-30');
    expect(item.textContent).toContain('凉爽舒适 · 饮水方便');
  });

  it('refuses a scene that is not a station id without asking the server', async () => {
    const page = openAs('pages/station/index', { scene: encodeURIComponent('../../x') });
    await waitFor(() => text(page).includes('缺少驿站编号'));
    expect(
      wx.request.mock.calls.filter(([options]) => new URL(options.url).pathname.startsWith('/stations')),
    ).toHaveLength(0);
  });

  it('tells the author their held comment waits for review, and shows no comment as public', async () => {
    // openAs signs in (a staff member rates like any worker).
    routes.set(`GET /stations/${stationId}`, () => ok(stationDetail(closedDay(), '国庆节')));
    routes.set(`GET /stations/${stationId}/comments`, () => ok({ comments: [] }));
    routes.set(`POST /stations/${stationId}/feedback`, (options) =>
      ok({
        feedback: {
          stationId,
          date: '2026-07-01',
          ...(options.data as object),
          createdAt: '2026-07-01T06:30:00.000Z',
        },
        rating: { average: 4.5, count: 13 },
        commentState: 'held',
      }),
    );
    const page = openAs('pages/station/index', { id: stationId });
    await waitFor(() => text(page).includes('还没有评论'));
    tap(await waitFor(() => page.dom.querySelectorAll('.main--feedback-form__star')[3]));
    await waitFor(() => {
      const box = page.dom.querySelector('.main--rating-form wx-textarea');
      if (!box) return false;
      if (wxmlAttribute(box, 'value') === '饮水机坏了') return true;
      tap(box, 'input', { value: '饮水机坏了' });
      return false;
    });

    tap(await waitFor(() => findByText(page.dom, '提交评价', 'wx-button')));

    await waitFor(() => text(page).includes('您的评论正在等待工会工作人员审核'));
    // Loaded again after the rating: still nothing public.
    await waitFor(() => requests('GET', `/stations/${stationId}/comments`).length === 2);
    expect(page.dom.querySelectorAll('.main--station-comments__item')).toHaveLength(0);
  });
});
