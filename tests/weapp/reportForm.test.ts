import { describe, expect, it } from 'vitest';
import { stationDetail } from './fixtures';
import { openAs, type Page, requestsTo, resetPagesEachTest, sent, text } from './outreachPages';
import {
  type FakeAnswer,
  findByText,
  media,
  routes,
  settled,
  tap,
  waitFor,
  wx,
  wxmlAttribute,
} from './simulate';

/**
 * The 反映问题 form on a station's page with photos, sent over a network that fails part-way: the
 * photos go first under the report's requestId, so every try of one report must name the same id
 * (or its sent photos can never be claimed), and a photo already sent keeps its thumbnail.
 */

const stationId = 'st_00000000near';
const bucket = 'http://127.0.0.1:9/ankang-photos';
const ok = (data: unknown, statusCode = 200): FakeAnswer => ({ statusCode, data });
const unavailable: FakeAnswer = {
  statusCode: 503,
  data: { error: { code: 'INTERNAL', message: '服务暂时不可用，请稍后重试' } },
};

resetPagesEachTest(() => {
  media.taken = null;
  media.files.clear();
});

/** The photo routes for any id: room to upload, the bucket (as `putStatus` says) and completion. */
function servePhotos(putStatus: (id: string) => number) {
  routes.set('POST /photos/uploads', (options) => {
    const { id, owner } = options.data as { id: string; owner: unknown };
    routes.set(`PUT /ankang-photos/incoming/${id}`, () => ({ statusCode: putStatus(id), data: '' }));
    routes.set(`POST /photos/${id}/complete`, () =>
      ok({ id, owner, contentType: 'image/jpeg', size: 8, state: 'landed' }),
    );
    return ok(
      {
        id,
        uploadUrl: `${bucket}/incoming/${id}`,
        method: 'PUT',
        headers: { 'Content-Type': 'image/jpeg' },
        expiresAt: '2030-01-01T00:00:00.000Z',
        state: 'incoming',
      },
      201,
    );
  });
}

const filed = (kind: string) =>
  ok(
    {
      report: {
        id: 'rp_00000000000000000001',
        problemId: 'pb_00000000000000000001',
        state: 'new',
        kind,
        createdAt: '2026-07-01T06:30:00.000Z',
      },
    },
    201,
  );

const form = (page: Page) => page.dom.querySelector('.main--report-form')!;
const tiles = (page: Page) => Array.from(form(page).querySelectorAll('.main--photo-field__item'));
/** The files the thumbnails show (on WeChat a thumbnail is the kept file itself). */
const thumbnailFiles = (page: Page) =>
  tiles(page).map((tile) => String(wxmlAttribute(tile.querySelector('wx-image')!, 'src') ?? ''));
const reports = () => requestsTo('POST', `/stations/${stationId}/reports`).map(sent);
const uploads = () => requestsTo('POST', '/photos/uploads').map(sent);
const toastTitles = () => wx.showToast.mock.calls.map(([options]) => (options as { title: string }).title);

/** Types as WeChat reports it until the page has re-rendered with the value. */
const typeInto = (box: () => Element | null, value: string) =>
  waitFor(() => {
    const element = box();
    if (!element) return false;
    if (wxmlAttribute(element, 'value') === value) return true;
    tap(element, 'input', { value });
    return false;
  });

async function openStationWithPhotos(): Promise<Page> {
  routes.set(`GET /stations/${stationId}`, () => ok(stationDetail('2030-01-01', '元旦')));
  routes.set(`GET /stations/${stationId}/comments`, () => ok({ comments: [] }));
  media.taken = ['wxfile://tmp/tap.jpg', 'wxfile://tmp/sink.jpg'];
  const page = openAs('worker', 'pages/station/index', { id: stationId });
  await waitFor(() => text(page).includes('反映问题'));
  tap(findByText(form(page), '没有饮用水', '.main--choice-chips__chip')!);
  await typeInto(() => form(page).querySelector('wx-textarea'), '饮水机没水');
  tap(findByText(form(page), '添加照片')!);
  await waitFor(() => tiles(page).length === 2);
  return page;
}

/** Taps 提交问题 once the page is quiet (a button still drawn as loading takes no tap). */
async function submit(page: Page) {
  await settled(page);
  tap(findByText(form(page), '提交问题', 'wx-button')!);
}

describe('Form: 反映问题 with photos, over a failing network', () => {
  it('keeps one requestId from the first try to the filed report, though the words changed, and sends each photo once', async () => {
    const page = await openStationWithPhotos();
    const [tapPhoto, sinkPhoto] = thumbnailFiles(page);

    // Try 1: the first photo lands, the bucket refuses the second.
    let failing: string | null = null;
    servePhotos((id) => {
      failing ??= uploads().length === 2 ? id : null;
      return id === failing ? 500 : 200;
    });
    await submit(page);
    await waitFor(() => toastTitles().includes('服务器开小差了，请稍后再试'));
    expect(reports()).toStrictEqual([]);

    // Try 2, with more words: the second photo goes up; the report's answer is lost.
    failing = 'none';
    routes.set(`POST /stations/${stationId}/reports`, () => unavailable);
    await typeInto(() => form(page).querySelector('wx-textarea'), '饮水机没水，已经两天了');
    wx.showToast.mockClear();
    await submit(page);
    await waitFor(() => reports().length === 1 && toastTitles().includes('服务暂时不可用，请稍后重试'));

    // Try 3 files it.
    routes.set(`POST /stations/${stationId}/reports`, () => filed('noWater'));
    await submit(page);
    await waitFor(() => text(page).includes('已提交，工会工作人员会尽快处理。'));

    const [first, second] = uploads();
    const requestId = reports()[0].requestId as string;
    expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    // The photos went up under the report's id, the first once, the second retried once.
    expect(uploads()).toStrictEqual([
      { id: first.id, owner: { kind: 'report', id: requestId }, contentType: 'image/jpeg', size: 8 },
      { id: second.id, owner: { kind: 'report', id: requestId }, contentType: 'image/jpeg', size: 8 },
      { id: second.id, owner: { kind: 'report', id: requestId }, contentType: 'image/jpeg', size: 8 },
    ]);
    expect(first.id).not.toBe(second.id);
    expect(reports()).toStrictEqual([
      { kind: 'noWater', text: '饮水机没水，已经两天了', requestId, photoIds: [first.id, second.id] },
      { kind: 'noWater', text: '饮水机没水，已经两天了', requestId, photoIds: [first.id, second.id] },
    ]);
    expect(requestsTo('POST', `/photos/${first.id}/complete`)).toHaveLength(1);
    expect(requestsTo('POST', `/photos/${second.id}/complete`)).toHaveLength(1);
    // Filed: the phone's copies of both photos are gone.
    await waitFor(() => !media.files.has(tapPhoto!) && !media.files.has(sinkPhoto!));
    expect(media.files.size).toBe(0);
  });

  it('keeps every thumbnail’s file on the phone while the report is not yet filed', async () => {
    const page = await openStationWithPhotos();
    const shown = thumbnailFiles(page);
    expect(shown.map((file) => media.files.has(file))).toStrictEqual([true, true]);

    // A send that stops half-way: the first photo lands, the bucket refuses the second.
    servePhotos((id) => (id === uploads()[1]?.id ? 500 : 200));
    await submit(page);
    await waitFor(() => toastTitles().includes('服务器开小差了，请稍后再试'));
    expect(requestsTo('POST', `/photos/${uploads()[0]!.id}/complete`)).toHaveLength(1);

    // The same two thumbnails, each still showing a file that exists (WeChat draws nothing for a
    // deleted one), with 删除 back for the worker.
    await waitFor(() => form(page).querySelectorAll('.main--photo-field__remove').length === 2);
    expect(thumbnailFiles(page)).toStrictEqual(shown);
    expect(shown.map((file) => media.files.has(file))).toStrictEqual([true, true]);

    // Both photos land now; the report itself fails: still both.
    servePhotos(() => 200);
    routes.set(`POST /stations/${stationId}/reports`, () => unavailable);
    wx.showToast.mockClear();
    await submit(page);
    await waitFor(() => reports().length === 1 && toastTitles().includes('服务暂时不可用，请稍后重试'));
    await waitFor(() => form(page).querySelectorAll('.main--photo-field__remove').length === 2);
    expect(thumbnailFiles(page)).toStrictEqual(shown);
    expect(shown.map((file) => media.files.has(file))).toStrictEqual([true, true]);
  });
});
