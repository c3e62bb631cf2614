import { describe, expect, it } from 'vitest';
import {
  field,
  fieldError,
  openAs,
  type Page,
  requestsTo,
  resetPagesEachTest,
  sent,
  text,
  type,
} from './outreachPages';
import {
  type FakeAnswer,
  findByText,
  geo,
  holdAnswers,
  mapPick,
  media,
  routes,
  settled,
  subscribe,
  tap,
  waitFor,
  wx,
  wxmlAttribute,
} from './simulate';

const daxin = '320000/320500/320582/daxin';
const picked = {
  latitude: 31.979,
  longitude: 120.5262,
  name: '新东街菜场',
  address: '张家港市大新镇新东街 1 号',
};

/** A suggestion as the API answers it; `overrides` for the state under test. */
function suggestion(overrides: Record<string, unknown> = {}) {
  return {
    id: 'sg_000000000000000000000001',
    name: '菜场快递歇脚点',
    address: '张家港市大新镇新东街 1 号',
    location: { lat: 31.979, lng: 120.5262 },
    amenities: ['water', 'charging'],
    state: 'pending',
    orgPath: daxin,
    orgName: '大新镇工会',
    nearStation: null,
    stationId: null,
    declineReason: null,
    photos: [],
    decidedAt: null,
    createdAt: '2026-11-27T02:00:00.000Z',
    updatedAt: '2026-11-27T02:00:00.000Z',
    version: 1,
    ...overrides,
  };
}

function serveSubscriptions() {
  const subscriptions = [{ topic: 'suggestionOutcome', templateId: 'tmpl-suggest', remaining: 0 }];
  routes.set('GET /me/subscriptions', () => ({ statusCode: 200, data: { subscriptions } }));
  routes.set('POST /me/subscriptions', () => ({ statusCode: 200, data: { subscriptions } }));
}

resetPagesEachTest(() => {
  geo.fix = null;
  mapPick.place = null;
  subscribe.answers = {};
  subscribe.failure = null;
  media.taken = null;
  media.files.clear();
});

const bucket = 'http://127.0.0.1:9/ankang-photos';
const ok = (data: unknown, statusCode = 200): FakeAnswer => ({ statusCode, data });

/** The photo routes for any id: room to upload, the bucket (answering `putStatus`) and completion. */
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

const uploads = () => requestsTo('POST', '/photos/uploads').map(sent);
const suggestions = () => requestsTo('POST', '/suggestions').map(sent);
/** The line beside the send button that names what to fix, or the failure. */
const besideButton = (page: Page) =>
  Array.from(page.dom.querySelectorAll('.main--suggest-new__fix, .main--suggest-new__failure')).map(
    (node) => node.textContent,
  );

/** Name and place filled in (the map pick), ready to send. */
async function filledForm(): Promise<Page> {
  mapPick.place = picked;
  const page = openAs('worker', 'suggest/pages/new/index');
  await waitFor(() => field(page, 'name'));
  type(page, 'name', '菜场快递歇脚点');
  tap(button(page, '在地图上选择')!);
  await waitFor(() => text(page).includes('已选择：新东街菜场'));
  return page;
}

const button = (page: Page, label: string) => findByText(page.dom, label, 'wx-button');
/** The reason dialog's confirm button (its label says 正在提交… while the decision is sent). */
const dialogConfirm = (page: Page, label = '确认') =>
  findByText(page.dom, label, '.nut-dialog__footer-ok, wx-button');

const chip = (page: Page, name: string, label: string) =>
  findByText(field(page, name)!, label, '.main--choice-chips__chip')!;

describe('Page: 建议新增驿站', () => {
  it('checks the form before sending: nothing goes out without a place and a name', async () => {
    const page = openAs('worker', 'suggest/pages/new/index');
    await waitFor(() => field(page, 'name'));

    tap(button(page, '提交建议')!);

    await waitFor(() => fieldError(page, 'location') !== null);
    expect(fieldError(page, 'location')).toBe('请选择驿站的位置');
    expect(fieldError(page, 'name')).toBe('请填写名称');
    expect(fieldError(page, 'address')).toBe('请填写地址');
    // Beside the send button too: the fields may be far above it on a phone.
    expect(besideButton(page)).toStrictEqual(['请修改上面标红的内容：名称、位置、地址']);
    expect(requestsTo('POST', '/suggestions')).toHaveLength(0);
  });

  it('shows the server’s field refusal under its field and beside the send button', async () => {
    routes.set('POST /suggestions', () =>
      ok(
        {
          error: {
            code: 'VALIDATION_FAILED',
            message: '提交的内容有误，请检查后重试',
            details: { issues: [{ path: 'body.address', message: '地址包含不支持的字符' }] },
          },
        },
        400,
      ),
    );
    const page = await filledForm();

    tap(button(page, '提交建议')!);

    await waitFor(() => fieldError(page, 'address') !== null);
    expect(fieldError(page, 'address')).toBe('地址包含不支持的字符');
    expect(besideButton(page)).toStrictEqual(['请修改上面标红的内容：地址']);
    // Editing the field clears both.
    type(page, 'address', '新东街 1 号');
    await waitFor(() => fieldError(page, 'address') === null);
    expect(besideButton(page)).toStrictEqual([]);
  });

  it('sends the photos first under the suggestion’s request id, and a failed try resumes with the same id', async () => {
    // Arrange: two photos; the bucket refuses the second on the first try.
    media.taken = ['wxfile://tmp/door.jpg', 'wxfile://tmp/water.jpg'];
    let failing: string | null = null;
    servePhotos((id) => {
      failing ??= uploads().length === 2 ? id : null;
      return id === failing ? 500 : 200;
    });
    routes.set('POST /suggestions', () => ok({ suggestion: suggestion() }, 201));
    const page = await filledForm();
    tap(findByText(field(page, 'photos')!, '添加照片')!);
    await waitFor(() => field(page, 'photos')!.querySelectorAll('.main--photo-field__item').length === 2);

    // Act: the first try stops at the second photo; the failure shows beside the button.
    tap(button(page, '提交建议')!);
    await waitFor(() => besideButton(page).length === 1);
    expect(besideButton(page)).toStrictEqual(['服务器开小差了，请稍后再试']);
    expect(suggestions()).toStrictEqual([]);
    failing = 'none';
    tap(button(page, '提交建议')!);
    await waitFor(() => text(page).includes('建议已提交，谢谢您！'));

    // Assert: both photos under the one request id the suggestion then names, in the form's order.
    const [body] = suggestions();
    const [door, water] = uploads();
    const owner = { kind: 'suggestion', id: body.requestId };
    expect(uploads()).toStrictEqual([
      { id: door.id, owner, contentType: 'image/jpeg', size: 8 },
      { id: water.id, owner, contentType: 'image/jpeg', size: 8 },
      { id: water.id, owner, contentType: 'image/jpeg', size: 8 },
    ]);
    expect(suggestions()).toStrictEqual([
      {
        name: '菜场快递歇脚点',
        address: '张家港市大新镇新东街 1 号',
        location: { lat: 31.979, lng: 120.5262 },
        amenities: [],
        requestId: body.requestId,
        confirmNearby: false,
        photoIds: [door.id, water.id],
      },
    ]);
  });

  it('shows a photo refusal under the photos', async () => {
    media.taken = ['wxfile://tmp/door.jpg'];
    servePhotos(() => 200);
    routes.set('POST /suggestions', () =>
      ok({ error: { code: 'PHOTO_NOT_FOUND', message: '未找到该照片' } }, 404),
    );
    const page = await filledForm();
    tap(findByText(field(page, 'photos')!, '添加照片')!);
    await waitFor(() => field(page, 'photos')!.querySelectorAll('.main--photo-field__item').length === 1);

    tap(button(page, '提交建议')!);

    await waitFor(() => fieldError(page, 'photos') !== null);
    expect(fieldError(page, 'photos')).toBe('未找到该照片');
    expect(besideButton(page)).toStrictEqual(['请修改上面标红的内容：照片']);

    // Act: the photo taken out, the refusal was about photos that are no longer there.
    tap(field(page, 'photos')!.querySelector('.main--photo-field__remove')!);

    await waitFor(() => fieldError(page, 'photos') === null);
    expect(besideButton(page)).toStrictEqual([]);
  });

  it('clears a photo refusal when another photo is added', async () => {
    // Arrange: one photo sent and refused.
    media.taken = ['wxfile://tmp/door.jpg'];
    servePhotos(() => 200);
    routes.set('POST /suggestions', () =>
      ok({ error: { code: 'PHOTO_INVALID', message: '照片格式不正确' } }, 422),
    );
    const page = await filledForm();
    tap(findByText(field(page, 'photos')!, '添加照片')!);
    await waitFor(() => field(page, 'photos')!.querySelectorAll('.main--photo-field__item').length === 1);
    tap(button(page, '提交建议')!);
    await waitFor(() => fieldError(page, 'photos') === '照片格式不正确');

    // Act: another photo taken.
    media.taken = ['wxfile://tmp/water.jpg'];
    tap(findByText(field(page, 'photos')!, '添加照片')!);

    // Assert: the refusal was about the photos as they were.
    await waitFor(() => field(page, 'photos')!.querySelectorAll('.main--photo-field__item').length === 2);
    await settled(page);
    expect(fieldError(page, 'photos')).toBeNull();
    expect(besideButton(page)).toStrictEqual([]);
  });

  it('opens WeChat’s settings on 我就在这里 after a refusal, then takes where the worker stands', async () => {
    // Arrange: location refused.
    const page = openAs('worker', 'suggest/pages/new/index');
    await waitFor(() => field(page, 'name'));
    tap(button(page, '我就在这里')!);
    await waitFor(() => fieldError(page, 'location') !== null);
    expect(fieldError(page, 'location')).toBe(
      '未获得定位权限。请再点“我就在这里”，在设置中打开“位置信息”。也可以点“在地图上选择”。',
    );
    expect(wx.openSetting).not.toHaveBeenCalled();

    // Act: the worker taps again and switches location on in the settings page.
    geo.fix = { latitude: 31.98, longitude: 120.53, accuracy: 20 };
    tap(button(page, '我就在这里')!);

    // Assert
    await waitFor(() => text(page).includes('已选择：我当前的位置（31.98000, 120.53000）'));
    expect(wx.openSetting).toHaveBeenCalledTimes(1);
    expect(fieldError(page, 'location')).toBeNull();
  });

  it('answers WeChat’s privacy request with its own popup (location and photos), and agreeing answers WeChat', async () => {
    const page = openAs('worker', 'suggest/pages/new/index');
    await waitFor(() => field(page, 'name'));
    await waitFor(() => wx.onNeedPrivacyAuthorization.mock.calls.length > 0);
    const handler = wx.onNeedPrivacyAuthorization.mock.calls[0]?.[0] as (
      resolve: (o: object) => void,
    ) => void;
    const answers: object[] = [];

    handler((option) => answers.push(option));

    const agree = await waitFor(() => findByText(page.dom, '同意并继续', 'wx-button'));
    expect(text(page)).toContain('也可以拍照或从相册选择现场照片');
    expect(findByText(page.dom, '不同意（可在地图上选择位置，不拍照片）', 'wx-button')).not.toBeNull();
    expect(wxmlAttribute(agree, 'open-type')).toBe('agreePrivacyAuthorization');
    tap(agree, 'agreeprivacyauthorization');
    await waitFor(() => answers.length === 2);
    expect(answers).toStrictEqual([
      { event: 'exposureAuthorization' },
      { event: 'agree', buttonId: 'privacy-agree' },
    ]);
  });

  it('sends the map pick, warns of a station close by, sends again confirmed with the same request id', async () => {
    // Arrange
    serveSubscriptions();
    subscribe.answers = { 'tmpl-suggest': 'accept' };
    mapPick.place = picked;
    let calls = 0;
    routes.set('POST /suggestions', () => {
      calls += 1;
      return calls === 1
        ? {
            statusCode: 409,
            data: {
              error: {
                code: 'STATION_NEARBY',
                message: '附近 50 米已有驿站“大新镇社区服务中心工会驿站”，请确认是否为同一地点',
                details: {
                  nearStation: { id: 'st_00000000near', name: '大新镇社区服务中心工会驿站', distanceM: 50 },
                },
              },
            },
          }
        : { statusCode: 201, data: { suggestion: suggestion() } };
    });
    const page = openAs('worker', 'suggest/pages/new/index');
    await waitFor(() => field(page, 'name'));

    // Act: name, the map (its address fills the empty field), amenities, send.
    type(page, 'name', '菜场快递歇脚点');
    tap(button(page, '在地图上选择')!);
    await waitFor(() => text(page).includes('已选择：新东街菜场'));
    tap(chip(page, 'amenities', '饮水'));
    tap(chip(page, 'amenities', '充电'));
    await waitFor(
      () => field(page, 'amenities')!.querySelectorAll('.main--choice-chips__chip--on').length === 2,
    );
    tap(button(page, '提交建议')!);

    // Assert: the warning names the station; 不是，仍要提交 sends the same suggestion confirmed.
    await waitFor(() => text(page).includes('附近 50 米已有驿站“大新镇社区服务中心工会驿站”'));
    tap(button(page, '不是，仍要提交')!);
    await waitFor(() => text(page).includes('建议已提交，谢谢您！'));
    const bodies = requestsTo('POST', '/suggestions').map(sent);
    expect(bodies).toStrictEqual([
      {
        name: '菜场快递歇脚点',
        address: '张家港市大新镇新东街 1 号',
        location: { lat: 31.979, lng: 120.5262 },
        amenities: ['water', 'charging'],
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        confirmNearby: false,
        photoIds: [],
      },
      { ...bodies[0], confirmNearby: true },
    ]);
    expect(bodies[1].requestId).toBe(bodies[0].requestId);
    expect(text(page)).toContain('大新镇工会将审核“菜场快递歇脚点”');

    // The outcome message: asked from a tap, recorded once.
    // The offer shows once the templates are loaded.
    tap(await waitFor(() => button(page, '接收微信通知')));
    await waitFor(() => text(page).includes('已开启微信通知'));
    expect(wx.requestSubscribeMessage.mock.calls[0]?.[0].tmplIds).toStrictEqual(['tmpl-suggest']);
    expect(requestsTo('POST', '/me/subscriptions').map(sent)[0]?.results).toStrictEqual([
      { topic: 'suggestionOutcome', result: 'accept' },
    ]);
  });

  it('opens the station close by from the warning', async () => {
    mapPick.place = picked;
    routes.set('POST /suggestions', () => ({
      statusCode: 409,
      data: {
        error: {
          code: 'STATION_NEARBY',
          message: '附近已有驿站',
          details: { nearStation: { id: 'st_00000000near', name: '社区驿站', distanceM: 30 } },
        },
      },
    }));
    const page = openAs('worker', 'suggest/pages/new/index');
    await waitFor(() => field(page, 'name'));
    type(page, 'name', '菜场快递歇脚点');
    tap(button(page, '在地图上选择')!);
    await waitFor(() => text(page).includes('已选择'));
    tap(button(page, '提交建议')!);
    await waitFor(() => button(page, '查看该驿站'));

    tap(button(page, '查看该驿站')!);

    await waitFor(() => wx.navigateTo.mock.calls.length > 0);
    expect(wx.navigateTo.mock.calls[0]?.[0].url).toBe('/pages/station/index?id=st_00000000near');
  });
});

describe('Page: 我的建议', () => {
  it('shows each suggestion with its state, the decline reason and what happens next', async () => {
    routes.set('GET /me/suggestions', () => ({
      statusCode: 200,
      data: {
        suggestions: [
          suggestion({
            id: 'sg_000000000000000000000003',
            name: '桥下空地',
            state: 'declined',
            declineReason: '没有房屋',
          }),
          suggestion({
            id: 'sg_000000000000000000000002',
            name: '加油站休息区',
            state: 'approved',
            stationId: 'st_000000000000000000000002',
          }),
          suggestion(),
        ],
      },
    }));
    const page = openAs('worker', 'suggest/pages/mine/index');

    await waitFor(() => page.dom.querySelectorAll('.main--suggestion-card').length === 3);

    const states = Array.from(page.dom.querySelectorAll('.main--suggestion-card__state')).map(
      (s) => s.textContent,
    );
    expect(states).toStrictEqual(['未采纳', '已采纳', '待审核']);
    expect(text(page)).toContain('未采纳原因：没有房屋');
    expect(text(page)).toContain('工会完善资料、核实开放时间后，驿站将出现在地图上');
    expect(text(page)).toContain('工会审核后会在这里显示结果');
    expect(text(page)).toContain('每人每天最多提交 5 条建议。');
  });

  it('retries a failed later page from its cursor, keeping the rows shown', async () => {
    // Arrange: page 2 fails once.
    const newer = suggestion({ id: 'sg_000000000000000000000002', name: '加油站休息区' });
    let failures = 1;
    routes.set('GET /me/suggestions', (options) => {
      const cursor = new URL(options.url).searchParams.get('cursor');
      if (!cursor) return ok({ suggestions: [newer], nextCursor: 'page-2' });
      if (failures-- > 0)
        return ok({ error: { code: 'INTERNAL', message: '服务器开小差了，请稍后再试' } }, 500);
      return ok({ suggestions: [suggestion()] });
    });
    const page = openAs('worker', 'suggest/pages/mine/index');
    await waitFor(() => page.dom.querySelectorAll('.main--suggestion-card').length === 1);
    tap(button(page, '加载更多')!);
    const retry = await waitFor(() => page.dom.querySelector('.main--error-banner__retry'));

    // Act
    tap(retry);

    // Assert: page 2 again (not the first page), under the row already shown.
    await waitFor(() => page.dom.querySelectorAll('.main--suggestion-card').length === 2);
    const cursors = requestsTo('GET', '/me/suggestions').map((options) =>
      new URL(options.url).searchParams.get('cursor'),
    );
    expect(cursors).toStrictEqual([null, 'page-2', 'page-2']);
    expect(
      Array.from(page.dom.querySelectorAll('.main--suggestion-card__name')).map((n) => n.textContent),
    ).toStrictEqual(['加油站休息区', '菜场快递歇脚点']);
    expect(page.dom.querySelector('.main--error-banner')).toBeNull();
  });

  it('offers 建议新增驿站 when there are none', async () => {
    routes.set('GET /me/suggestions', () => ({ statusCode: 200, data: { suggestions: [] } }));
    const page = openAs('worker', 'suggest/pages/mine/index');
    await waitFor(() => text(page).includes('您还没有建议过驿站'));

    tap(button(page, '建议新增驿站')!);

    await waitFor(() => wx.navigateTo.mock.calls.length > 0);
    expect(wx.navigateTo.mock.calls[0]?.[0].url).toBe('/suggest/pages/new/index');
  });
});

describe('Page: 驿站建议审核', () => {
  it('shows the worker’s photos on the card and sends one approval for a double tap', async () => {
    // Arrange
    const photo = {
      id: `ph_${'1'.repeat(32)}`,
      url: `${bucket}/photos/x.jpg`,
      expiresAt: '2030-01-01T00:00:00.000Z',
    };
    const first = suggestion({ photos: [photo] });
    routes.set('GET /staff/suggestions', () => ok({ suggestions: [first] }));
    routes.set(`POST /staff/suggestions/${first.id}/review`, () =>
      ok({
        suggestion: { ...first, state: 'approved', stationId: 'st_000000000000000000000001', version: 2 },
      }),
    );
    const page = openAs('staffZjg', 'staff/pages/suggestions/index');
    await waitFor(() => page.dom.querySelectorAll('.main--suggestion-card').length === 1);
    expect(text(page)).toContain('职工拍的现场照片（1）');
    const thumb = page.dom.querySelector('.main--suggestion-card .main--station-photos__thumb')!;
    expect(wxmlAttribute(thumb, 'src')).toBe(photo.url);

    // Act: two taps before the page redraws.
    const approve = findByText(page.dom, '采纳，生成驿站', 'wx-button')!;
    tap(approve);
    tap(approve);

    // Assert
    await waitFor(() => wx.navigateTo.mock.calls.length > 0);
    expect(requestsTo('POST', `/staff/suggestions/${first.id}/review`).map(sent)).toStrictEqual([
      { version: 1, decision: 'approve' },
    ]);
    expect(wx.navigateTo.mock.calls.map(([options]) => options.url)).toStrictEqual([
      '/staff/pages/edit/index?id=st_000000000000000000000001',
    ]);
  });

  it('keeps the reason dialog open with what was typed when the decline fails', async () => {
    const first = suggestion();
    routes.set('GET /staff/suggestions', () => ok({ suggestions: [first] }));
    routes.set(`POST /staff/suggestions/${first.id}/review`, () =>
      ok({ error: { code: 'INTERNAL', message: '服务器开小差了，请稍后再试' } }, 500),
    );
    const page = openAs('staffZjg', 'staff/pages/suggestions/index');
    await waitFor(() => page.dom.querySelectorAll('.main--suggestion-card').length === 1);
    tap(findByText(page.dom, '不予采纳', 'wx-button')!);
    await waitFor(() => field(page, 'reason'));
    type(page, 'reason', '不对外开放');
    tap(findByText(page.dom, '确认', '.nut-dialog__footer-ok, wx-button')!);

    await waitFor(() => requestsTo('POST', `/staff/suggestions/${first.id}/review`).length === 1);
    await waitFor(() => wx.showToast.mock.calls.length > 0);
    expect(field(page, 'reason')).not.toBeNull();
    expect(wxmlAttribute(field(page, 'reason')!.querySelector('wx-textarea')!, 'value')).toBe('不对外开放');
    expect(page.dom.querySelectorAll('.main--suggestion-card')).toHaveLength(1);
  });

  /**
   * The decline dialog open on the first of two pending suggestions, a reason typed; the decline
   * will meet a colleague's decision, which moved it to 未采纳 (declined, version 2).
   */
  async function declineDialogBeatenByColleague() {
    const first = suggestion();
    const second = suggestion({ id: 'sg_000000000000000000000002', name: '加油站休息区' });
    const decided = { ...first, state: 'declined', declineReason: '已有驿站', version: 2 };
    let pending = [first, second];
    routes.set('GET /staff/suggestions', (options) => {
      const state = new URL(options.url).searchParams.get('state');
      return ok({ suggestions: state === 'declined' ? [decided] : pending });
    });
    routes.set(`POST /staff/suggestions/${first.id}/review`, () => {
      pending = [second];
      return ok({ error: { code: 'VERSION_CONFLICT', message: '建议已被他人处理，请刷新' } }, 409);
    });
    const page = openAs('staffZjg', 'staff/pages/suggestions/index');
    await waitFor(() => page.dom.querySelectorAll('.main--suggestion-card').length === 2);
    tap(
      findByText(findByText(page.dom, '菜场快递歇脚点', '.main--suggestion-card')!, '不予采纳', 'wx-button')!,
    );
    await waitFor(() => field(page, 'reason'));
    type(page, 'reason', '不对外开放');
    return { page, first };
  }

  it('closes the decline dialog when a colleague decided the suggestion first', async () => {
    // Arrange
    const { page, first } = await declineDialogBeatenByColleague();

    // Act
    tap(dialogConfirm(page)!);

    // Assert: the queue reloaded without it, and the dialog about it closed.
    await waitFor(() => page.dom.querySelectorAll('.main--suggestion-card').length === 1);
    await waitFor(() => field(page, 'reason') === null);
    expect(text(page)).toContain('其他工会干部处理了建议');
    expect(requestsTo('POST', `/staff/suggestions/${first.id}/review`)).toHaveLength(1);
  });

  it('keeps the decline dialog on a suggestion reloaded after a conflict, and sends its new version', async () => {
    // Arrange: the first decline meets a newer version; the reload brings version 2.
    const first = suggestion();
    routes.set('GET /staff/suggestions', () => ok({ suggestions: [first] }));
    routes.set(`POST /staff/suggestions/${first.id}/review`, () => {
      routes.set('GET /staff/suggestions', () => ok({ suggestions: [{ ...first, version: 2 }] }));
      routes.set(`POST /staff/suggestions/${first.id}/review`, () =>
        ok({ suggestion: { ...first, state: 'declined', declineReason: '不对外开放', version: 3 } }),
      );
      return ok({ error: { code: 'VERSION_CONFLICT', message: '建议已被他人修改，请刷新' } }, 409);
    });
    const page = openAs('staffZjg', 'staff/pages/suggestions/index');
    await waitFor(() => page.dom.querySelectorAll('.main--suggestion-card').length === 1);
    tap(findByText(page.dom, '不予采纳', 'wx-button')!);
    await waitFor(() => field(page, 'reason'));
    type(page, 'reason', '不对外开放');
    tap(dialogConfirm(page)!);
    await waitFor(() => requestsTo('GET', '/staff/suggestions').length === 2);
    await settled(page);

    // Act: confirm again, on the reloaded suggestion.
    expect(wxmlAttribute(field(page, 'reason')!.querySelector('wx-textarea')!, 'value')).toBe('不对外开放');
    tap(dialogConfirm(page)!);

    // Assert
    await waitFor(() => page.dom.querySelectorAll('.main--suggestion-card').length === 0);
    expect(requestsTo('POST', `/staff/suggestions/${first.id}/review`).map(sent)).toStrictEqual([
      { version: 1, decision: 'decline', reason: '不对外开放' },
      { version: 2, decision: 'decline', reason: '不对外开放' },
    ]);
    await waitFor(() => field(page, 'reason') === null);
  });

  it('does not open the decline dialog again on the tab the suggestion moved to', async () => {
    // Arrange: the decline met the colleague's decision and the dialog closed.
    const { page, first } = await declineDialogBeatenByColleague();
    tap(dialogConfirm(page)!);
    await waitFor(() => page.dom.querySelectorAll('.main--suggestion-card').length === 1);
    await waitFor(() => field(page, 'reason') === null);

    // Act: the staff member looks at 未采纳, where the suggestion now is.
    tap(page.dom.querySelector('.main--staff-suggestions__tab--declined')!);
    await waitFor(() => text(page).includes('已有驿站'));
    await settled(page);

    // Assert: no dialog about it, and no second decline of an already decided suggestion.
    expect(field(page, 'reason')).toBeNull();
    expect(findByText(page.dom, '确认', '.nut-dialog__footer-ok')).toBeNull();
    expect(requestsTo('POST', `/staff/suggestions/${first.id}/review`)).toHaveLength(1);
  });

  it('shows the decline as being sent, with 确认 disabled, and sends once for two quick confirms', async () => {
    const first = suggestion();
    routes.set('GET /staff/suggestions', () => ok({ suggestions: [first] }));
    routes.set(`POST /staff/suggestions/${first.id}/review`, () =>
      ok({ suggestion: { ...first, state: 'declined', declineReason: '不对外开放', version: 2 } }),
    );
    const page = openAs('staffZjg', 'staff/pages/suggestions/index');
    await waitFor(() => page.dom.querySelectorAll('.main--suggestion-card').length === 1);
    tap(findByText(page.dom, '不予采纳', 'wx-button')!);
    await waitFor(() => field(page, 'reason'));
    type(page, 'reason', '不对外开放');
    await settled(page);
    const slow = holdAnswers('POST', `/staff/suggestions/${first.id}/review`);
    try {
      // Act: two taps before the dialog redraws.
      const confirm = dialogConfirm(page)!;
      tap(confirm);
      tap(confirm);

      // Assert: one decline on its way (the queue's guard), and the button says so, disabled.
      const sending = await waitFor(() => dialogConfirm(page, '正在提交…'));
      // NutUI's Button keeps `disabled` to itself (its tap does nothing) and says so by its class.
      expect(sending.classList.contains('main--nut-button-disabled')).toBe(true);
      await settled(page);
      expect(slow.held).toHaveLength(1);
      slow.held[0]!.release();
      await waitFor(() => page.dom.querySelectorAll('.main--suggestion-card').length === 0);
      expect(requestsTo('POST', `/staff/suggestions/${first.id}/review`)).toHaveLength(1);
    } finally {
      slow.restore();
    }
  });

  it('declines with a required reason and approves into the draft station’s edit page', async () => {
    // Arrange
    const first = suggestion();
    const second = suggestion({ id: 'sg_000000000000000000000002', name: '加油站休息区' });
    routes.set('GET /staff/suggestions', () => ({ statusCode: 200, data: { suggestions: [first, second] } }));
    routes.set(`POST /staff/suggestions/${first.id}/review`, () => ({
      statusCode: 200,
      data: { suggestion: { ...first, state: 'declined', declineReason: '不对外开放', version: 2 } },
    }));
    routes.set(`POST /staff/suggestions/${second.id}/review`, () => ({
      statusCode: 200,
      data: {
        suggestion: { ...second, state: 'approved', stationId: 'st_000000000000000000000002', version: 2 },
      },
    }));
    const page = openAs('staffZjg', 'staff/pages/suggestions/index');
    await waitFor(() => page.dom.querySelectorAll('.main--suggestion-card').length === 2);

    // Act: 不予采纳 without a reason, then with one.
    const card = (name: string) => findByText(page.dom, name, '.main--suggestion-card')!;
    tap(findByText(card('菜场快递歇脚点'), '不予采纳', 'wx-button')!);
    const confirm = await waitFor(() => findByText(page.dom, '确认', '.nut-dialog__footer-ok, wx-button'));
    tap(confirm);
    await waitFor(() => text(page).includes('请填写不予采纳的理由'));
    expect(requestsTo('POST', `/staff/suggestions/${first.id}/review`)).toHaveLength(0);
    type(page, 'reason', '不对外开放');
    tap(findByText(page.dom, '确认', '.nut-dialog__footer-ok, wx-button')!);
    await waitFor(() => page.dom.querySelectorAll('.main--suggestion-card').length === 1);

    // Act: 采纳.
    tap(findByText(card('加油站休息区'), '采纳，生成驿站', 'wx-button')!);
    await waitFor(() => wx.navigateTo.mock.calls.length > 0);

    // Assert
    expect(requestsTo('POST', `/staff/suggestions/${first.id}/review`).map(sent)).toStrictEqual([
      { version: 1, decision: 'decline', reason: '不对外开放' },
    ]);
    expect(requestsTo('POST', `/staff/suggestions/${second.id}/review`).map(sent)).toStrictEqual([
      { version: 1, decision: 'approve' },
    ]);
    expect(wx.navigateTo.mock.calls[0]?.[0].url).toBe(
      '/staff/pages/edit/index?id=st_000000000000000000000002',
    );
  });
});
