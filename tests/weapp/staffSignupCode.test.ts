import { describe, expect, it, vi } from 'vitest';
import { tinyPng } from '../../functions/local/fakeWechatCodes';
import { findByText, routes, tap, waitFor, wx, wxmlAttribute } from './simulate';
import { lastYearCampaign, openCampaign } from './staffOutreachFixtures';
import {
  button,
  inCard,
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
const album: { failure: string | null } = { failure: null };
const written: { filePath: string; data: string; encoding: string }[] = [];
const albumWx = {
  getFileSystemManager: vi.fn(() => ({
    writeFile: (options: { filePath: string; data: string; encoding: string; success?: () => void }) => {
      written.push({ filePath: options.filePath, data: options.data, encoding: options.encoding });
      setTimeout(() => options.success?.(), 0);
    },
  })),
  saveImageToPhotosAlbum: vi.fn(
    (options: { filePath: string; success?: (r: object) => void; fail?: (e: object) => void }) =>
      setTimeout(() => {
        if (album.failure) options.fail?.({ errMsg: album.failure });
        else options.success?.({ errMsg: 'saveImageToPhotosAlbum:ok' });
      }, 0),
  ),
};
Object.assign(wx, albumWx);

resetPagesEachTest();

const campaign = openCampaign();
const codePath = `/staff/campaigns/${campaign.id}/signup-code`;
const png = tinyPng(campaign.id).toString('base64');
const codeAnswer = () =>
  ok({ image: png, mimeType: 'image/png', page: 'outreach/pages/signup/index', scene: campaign.id });

async function openCodeDialog() {
  routes.set('GET /campaigns', () => ok({ campaigns: [campaign, lastYearCampaign()] }));
  const page = openAs('staff/pages/campaigns/index');
  await waitFor(() => text(page).includes(campaign.title));
  // Only an open campaign of the staff member's own union offers a code.
  expect(findByText(inCard(page, lastYearCampaign().title)!, '报名二维码', 'wx-button')).toBeNull();
  tap(button(inCard(page, campaign.title), '报名二维码'));
  return page;
}

const codeImage = (page: ReturnType<typeof openAs>) =>
  page.dom.querySelector('.main--staff-signup-code__image');

describe('Page: 三送活动 › 报名二维码', () => {
  it('shows the campaign’s code and saves it to the album through a file of its own', async () => {
    // Arrange
    routes.set(`GET ${codePath}`, codeAnswer);
    written.length = 0;
    album.failure = null;

    // Act
    const page = await openCodeDialog();
    const image = await waitFor(() => codeImage(page));

    // Assert
    expect(requests('GET', codePath)).toHaveLength(1);
    expect(wxmlAttribute(image, 'src')).toBe(`data:image/png;base64,${png}`);
    expect(text(page)).toContain(`扫码报名：${campaign.title}`);

    tap(button(page.dom, '保存到相册'));
    await waitFor(() => albumWx.saveImageToPhotosAlbum.mock.calls.length > 0);
    // miniprogram-simulate's USER_DATA_PATH is `/usr/` (phones say `http://usr`): one slash, not two.
    const filePath = `/usr/signup-${campaign.id}.png`;
    expect(written).toStrictEqual([{ filePath, data: png, encoding: 'base64' }]);
    expect(albumWx.saveImageToPhotosAlbum.mock.calls[0]![0].filePath).toBe(filePath);
    await waitFor(() => toasts().includes('已保存'));
  });

  it('says WeChat could not make the code, and shows it after 重试', async () => {
    // Arrange
    routes.set(`GET ${codePath}`, () => refusal(502, 'WECHAT_UNAVAILABLE', '微信服务暂时不可用，请稍后再试'));

    // Act
    const page = await openCodeDialog();

    // Assert
    await waitFor(() => text(page).includes('暂时无法从微信生成报名二维码，请稍后重试。'));
    expect(codeImage(page)).toBeNull();
    routes.set(`GET ${codePath}`, codeAnswer);
    tap(button(page.dom, '重试'));
    const image = await waitFor(() => codeImage(page));
    expect(wxmlAttribute(image, 'src')).toBe(`data:image/png;base64,${png}`);
  });

  it('tells the staff member how to allow the album when WeChat refuses it', async () => {
    // Arrange
    routes.set(`GET ${codePath}`, codeAnswer);
    album.failure = 'saveImageToPhotosAlbum:fail auth deny';
    const page = await openCodeDialog();
    await waitFor(() => codeImage(page));

    // Act
    tap(button(page.dom, '保存到相册'));

    // Assert
    await waitFor(() => toasts().some((title) => title.startsWith('未获得保存到相册的权限')));
    expect(toasts()).not.toContain('已保存');
  });
});
