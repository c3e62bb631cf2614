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
import { findByText, mapPick, routes, subscribe, tap, waitFor, wx } from './simulate';

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
  mapPick.place = null;
  subscribe.answers = {};
  subscribe.failure = null;
});

const button = (page: Page, label: string) => findByText(page.dom, label, 'wx-button');
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
    expect(requestsTo('POST', '/suggestions')).toHaveLength(0);
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
