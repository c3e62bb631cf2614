import { describe, expect, it } from 'vitest';
import { me, session } from './fixtures';
import { openPage as open, resetPagesEachTest } from './harness';
import { drainRequests, findByText, routes, settled, storage, tap, waitFor, wx } from './simulate';

const sessionKey = 'ankang.session';
const nearbyKey = 'ankang.nearbyStations';
const text = (page: { dom: HTMLElement }) => page.dom.textContent ?? '';
const requestsTo = (pathname: string) =>
  wx.request.mock.calls
    .map(([options]) => options)
    .filter((options) => new URL(options.url).pathname === pathname);

// The app's one shared GET /me (services/account.ts) is answered before the next test asks.
resetPagesEachTest();

describe('Page: 我的', () => {
  it('signs in with WeChat on tap and shows nickname, role labels, union and its chain', async () => {
    // Arrange
    routes.set('POST /auth/login', () => ({ statusCode: 200, data: session('staffZjg') }));
    routes.set('GET /me', () => ({ statusCode: 200, data: me('staffZjg') }));
    const page = open('pages/me/index');
    const button = await waitFor(() => findByText(page.dom, '微信一键登录', 'wx-button'));

    // Act
    tap(button);

    // Assert
    await waitFor(() => text(page).includes('李敏'));
    expect(wx.login).toHaveBeenCalledTimes(1);
    expect(requestsTo('/auth/login')[0]?.data).toStrictEqual({ code: 'fake-wx-code' });
    expect(text(page)).toContain('工会干部');
    expect(text(page)).toContain('张家港市总工会');
    expect(text(page)).toContain('江苏省总工会 › 苏州市总工会 › 张家港市总工会');
    expect(text(page)).toContain('工会工作台');
    expect(JSON.parse(String(storage.get(sessionKey))).token).toBe('token-staffZjg');
  });

  it('sends the stored token and signs out on 退出登录', async () => {
    // Arrange
    storage.set(sessionKey, JSON.stringify(session('volunteer')));
    routes.set('GET /me', () => ({ statusCode: 200, data: me('volunteer') }));
    const page = open('pages/me/index');
    await waitFor(() => requestsTo('/me').length > 0 && text(page).includes('赵磊'));
    expect(requestsTo('/me')[0]?.header?.Authorization).toBe('Bearer token-volunteer');
    expect(text(page)).toContain('志愿者服务');
    expect(text(page)).not.toContain('工会工作台');

    // Act
    tap(findByText(page.dom, '退出登录', 'wx-button')!);

    // Assert
    await waitFor(() => text(page).includes('您还没有登录'));
    expect(storage.has(sessionKey)).toBe(false);
  });

  it('revokes the token on the server and forgets the cached nearby list and station drafts on 退出登录', async () => {
    // Arrange
    storage.set(sessionKey, JSON.stringify(session('volunteer')));
    storage.set(nearbyKey, JSON.stringify({ stations: [], at: new Date().toISOString(), queryKey: 'q' }));
    // A rating typed on this phone: the next person to sign in must not see it.
    storage.set(
      'ankang.stationDrafts',
      JSON.stringify([
        {
          stationId: 'st_00000000near',
          form: 'rating',
          values: { stars: 4, tags: [], comment: '水很凉' },
          savedAt: Date.now(),
        },
      ]),
    );
    routes.set('GET /me', () => ({ statusCode: 200, data: me('volunteer') }));
    routes.set('POST /auth/logout', () => ({ statusCode: 200, data: { signedOut: true } }));
    const page = open('pages/me/index');
    await waitFor(() => text(page).includes('赵磊'));

    // Act
    tap(findByText(page.dom, '退出登录', 'wx-button')!);

    // Assert
    await waitFor(() => requestsTo('/auth/logout').length > 0);
    expect(requestsTo('/auth/logout')[0]?.header?.Authorization).toBe('Bearer token-volunteer');
    expect(storage.has(nearbyKey)).toBe(false);
    expect(storage.has('ankang.stationDrafts')).toBe(false);
    expect(storage.has(sessionKey)).toBe(false);
  });

  it('signs out on this device even when POST /auth/logout cannot be reached', async () => {
    // Arrange: no fake route for /auth/logout, so the request fails like a dropped network.
    storage.set(sessionKey, JSON.stringify(session('volunteer')));
    storage.set(nearbyKey, JSON.stringify({ stations: [], at: new Date().toISOString(), queryKey: 'q' }));
    routes.set('GET /me', () => ({ statusCode: 200, data: me('volunteer') }));
    const page = open('pages/me/index');
    await waitFor(() => text(page).includes('赵磊'));

    // Act
    tap(findByText(page.dom, '退出登录', 'wx-button')!);

    // Assert
    await waitFor(() => text(page).includes('您还没有登录'));
    expect(storage.has(sessionKey)).toBe(false);
    expect(storage.has(nearbyKey)).toBe(false);
  });

  it('opens the volunteer subpackage from its entrance', async () => {
    // Arrange
    storage.set(sessionKey, JSON.stringify(session('volunteer')));
    routes.set('GET /me', () => ({ statusCode: 200, data: me('volunteer') }));
    const page = open('pages/me/index');
    const entrance = await waitFor(() =>
      findByText(page.dom, '志愿者服务', '.main--link-list__item--volunteer'),
    );

    // Act
    tap(entrance);

    // Assert
    await waitFor(() => wx.navigateTo.mock.calls.length > 0);
    expect(wx.navigateTo.mock.calls[0]?.[0].url).toBe('/volunteer/pages/index/index');
  });

  it('opens the suggest form from 建议新增驿站 and the worker’s suggestions from 我的建议', async () => {
    // Arrange
    storage.set(sessionKey, JSON.stringify(session('worker')));
    routes.set('GET /me', () => ({ statusCode: 200, data: me('worker') }));
    const page = open('pages/me/index');
    const suggest = await waitFor(() =>
      findByText(page.dom, '建议新增驿站', '.main--link-list__item--suggest'),
    );
    // The profile refresh redraws the entries: tap once it was asked for and answered.
    await waitFor(() => requestsTo('/me').length === 1);
    await drainRequests();
    await settled(page);

    // Act
    tap(suggest);
    await waitFor(() => wx.navigateTo.mock.calls.length === 1);
    tap(findByText(page.dom, '我的建议', '.main--link-list__item--my-suggestions')!);

    // Assert
    await waitFor(() => wx.navigateTo.mock.calls.length === 2);
    expect(wx.navigateTo.mock.calls.map(([options]) => options.url)).toStrictEqual([
      '/suggest/pages/new/index',
      '/suggest/pages/mine/index',
    ]);
  });

  it('signs in again once and retries when the server rejects the stored token', async () => {
    // Arrange
    storage.set(sessionKey, JSON.stringify(session('staffZjg', 'revoked-token')));
    routes.set('GET /me', (options) =>
      options.header?.Authorization === 'Bearer fresh-token'
        ? { statusCode: 200, data: me('staffZjg') }
        : { statusCode: 401, data: { error: { code: 'UNAUTHENTICATED', message: '请先登录' } } },
    );
    routes.set('POST /auth/login', () => ({ statusCode: 200, data: session('staffZjg', 'fresh-token') }));

    // Act
    const page = open('pages/me/index');

    // Assert
    await waitFor(() => requestsTo('/me').length === 2 && !text(page).includes('请先登录'));
    await waitFor(() => JSON.parse(String(storage.get(sessionKey) ?? '{}')).token === 'fresh-token');
    expect(wx.login).toHaveBeenCalledTimes(1);
    expect(requestsTo('/me').map((options) => options.header?.Authorization)).toStrictEqual([
      'Bearer revoked-token',
      'Bearer fresh-token',
    ]);
    expect(text(page)).toContain('李敏');
  });

  it('ignores a late profile for someone else: the signed-in user stays who they are', async () => {
    // Arrange: the worker is signed in; a /me answer for the staff member (someone who signed out
    // while it was in flight) arrives.
    storage.set(sessionKey, JSON.stringify(session('worker')));
    routes.set('GET /me', () => ({ statusCode: 200, data: me('staffZjg') }));

    // Act
    const page = open('pages/me/index');
    await waitFor(() => requestsTo('/me').length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 50));

    // Assert
    expect(JSON.parse(String(storage.get(sessionKey))).me.nickname).toBe('刘师傅（环卫工）');
    expect(text(page)).toContain('刘师傅（环卫工）');
    expect(text(page)).not.toContain('李敏');
  });

  it('shows a Chinese network error with 重试 when the refresh cannot reach the server', async () => {
    // Arrange: no fake route, so wx.request fails as it does offline.
    storage.set(sessionKey, JSON.stringify(session('worker')));

    // Act
    const page = open('pages/me/index');

    // Assert
    await waitFor(() => text(page).includes('网络连接失败'));
    expect(text(page)).toContain('刘师傅（环卫工）');
    expect(text(page)).toContain('职工');
    expect(text(page)).toContain('重试');
  });
});
