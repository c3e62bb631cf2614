import { describe, expect, it } from 'vitest';
import { me, session } from './fixtures';
import {
  campaign,
  campaignId,
  daxin,
  districts,
  shanghaiDay,
  volunteerSignup,
  worksiteSignup,
  zjg,
} from './outreachFixtures';
import {
  field,
  fieldError,
  monthDayOf,
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
  mapPick,
  routes,
  storage,
  tap,
  waitFor,
  wx,
  wxmlAttribute,
} from './simulate';

const draftsKey = 'ankang.outreach.drafts';
const signupRoute = 'outreach/pages/signup/index';

/** The unsent worksite sign-up kept on the phone, if any. */
const storedDraft = () =>
  (
    JSON.parse(String(storage.get(draftsKey) ?? '{"drafts":[]}')).drafts as Array<Record<string, unknown>>
  ).find((draft) => draft.key === `worksite:${campaignId}`) as
    | { requestId: string; values: { siteName: string } }
    | undefined;

function chip(page: Page, label: string, scope: Element = page.dom) {
  const found = findByText(scope, label, '.main--choice-chips__chip');
  if (!found) throw new Error(`no chip ${label}`);
  tap(found);
}

function serveSignupForm(previous: unknown[] = []) {
  routes.set('GET /districts', () => ({ statusCode: 200, data: districts() }));
  routes.set(`GET /campaigns/${campaignId}`, () => ({ statusCode: 200, data: campaign() }));
  routes.set('GET /me/worksite-signups', () => ({ statusCode: 200, data: { signups: previous } }));
}

const stored = (answer: FakeAnswer['data']): FakeAnswer => ({ statusCode: 201, data: answer });

/** Fills every required field (and a map point, a date and an item) with good values. */
async function fillForm(page: Page) {
  await waitFor(() => field(page, 'siteName'));
  type(page, 'siteName', '港城大道快递分拣点');
  tap(findByText(page.dom, '大新镇工会', '.main--district-picker__item')!);
  type(page, 'address', '大新镇港城大道 100 号');
  mapPick.place = {
    latitude: 31.912,
    longitude: 120.561,
    name: '港城大道快递分拣点',
    address: '港城大道 100 号',
  };
  tap(findByText(page.dom, '在地图上选择位置', 'wx-button')!);
  await waitFor(() => text(page).includes('已选择：港城大道快递分拣点'));
  type(page, 'outdoorWorkers', '25');
  type(page, 'highTempWorkers', '8');
  chip(page, '环卫工人');
  chip(page, '送清凉');
  await waitFor(() => page.dom.querySelector('.main--signup-kinds__items--cool'));
  chip(page, '矿泉水（箱）');
  chip(page, monthDayOf(1), field(page, 'preferredDates')!);
  type(page, 'contactName', '王师傅');
  type(page, 'contactPhone', '139 1234 5678');
  await waitFor(() => text(page).includes(`✓ ${monthDayOf(1)}`));
}

/** What fillForm sends, as the server reads it. */
const filledSignup = () => ({
  campaignId,
  siteName: '港城大道快递分拣点',
  orgPath: daxin,
  address: '大新镇港城大道 100 号',
  location: { lat: 31.912, lng: 120.561 },
  outdoorWorkers: 25,
  highTempWorkers: 8,
  workerGroups: ['sanitation'],
  requested: [{ kind: 'cool', items: ['water'] }],
  preferredDates: [shanghaiDay(1)],
  contactName: '王师傅',
  contactPhone: '13912345678',
});

const submit = (page: Page) => tap(findByText(page.dom, '提交报名', 'wx-button')!);

resetPagesEachTest(() => {
  mapPick.place = null;
});

describe('Page: 三送活动', () => {
  it('lists the remembered district’s campaigns with dates, kinds, items and status, and opens the worksite form', async () => {
    // Arrange
    storage.set('ankang.outreach.org', zjg);
    routes.set('GET /districts', () => ({ statusCode: 200, data: districts() }));
    routes.set('GET /campaigns', () => ({ statusCode: 200, data: { campaigns: [campaign()] } }));

    // Act
    const page = openAs('worker', 'outreach/pages/campaigns/index');

    // Assert
    await waitFor(() => text(page).includes('张家港市夏季安康“三送”活动'));
    expect(new URL(requestsTo('GET', '/campaigns')[0]!.url).searchParams.get('org')).toBe(zjg);
    const card = page.dom.querySelector('.main--outreach-campaign')!;
    expect(card.textContent).toContain('报名中');
    expect(card.textContent).toContain(`报名时间：${shanghaiDay(-10).slice(0, 4)}年${monthDayOf(-10)} 至`);
    expect(card.textContent).toContain('送清凉');
    expect(card.textContent).toContain('矿泉水、绿豆');
    expect(card.textContent).toContain('藿香正气水');
    expect(card.textContent).toContain('服务对象：环卫工人、建筑工人');

    tap(findByText(card, '工地报名', 'wx-button')!);
    await waitFor(() => wx.navigateTo.mock.calls.length > 0);
    expect(wx.navigateTo.mock.calls[0]?.[0].url).toBe(`/outreach/pages/signup/index?campaign=${campaignId}`);
  });

  it('asks for a district first and remembers the pick', async () => {
    // Arrange
    routes.set('GET /districts', () => ({ statusCode: 200, data: districts() }));
    routes.set('GET /campaigns', () => ({ statusCode: 200, data: { campaigns: [] } }));
    const page = openAs('worker', 'outreach/pages/campaigns/index');
    const item = await waitFor(() => findByText(page.dom, '张家港市总工会', '.main--district-picker__item'));

    // Act
    tap(item);

    // Assert
    await waitFor(() => text(page).includes('张家港市暂无“三送”活动'));
    expect(new URL(requestsTo('GET', '/campaigns')[0]!.url).searchParams.get('org')).toBe(zjg);
    expect(storage.get('ankang.outreach.org')).toBe(zjg);
  });

  it('asks a signed-out visitor to sign in, and carries on once signed in', async () => {
    // Arrange
    routes.set('POST /auth/login', () => ({ statusCode: 200, data: session('worker') }));
    routes.set('GET /me', () => ({ statusCode: 200, data: me('worker') }));
    routes.set('GET /districts', () => ({ statusCode: 200, data: districts() }));
    const page = openAs(null, 'outreach/pages/campaigns/index');
    await waitFor(() => text(page).includes('请先登录'));

    // Act
    tap(findByText(page.dom, '微信一键登录', 'wx-button')!);

    // Assert
    await waitFor(() => text(page).includes('请选择您或工地所在的地区'));
    expect(wx.login).toHaveBeenCalledTimes(1);
  });

  it('shows a load failure with 重试, and loads on 重试', async () => {
    // Arrange: no route for the districts, as when the network is down.
    storage.set('ankang.outreach.org', zjg);
    const page = openAs('worker', 'outreach/pages/campaigns/index');
    await waitFor(() => text(page).includes('网络连接失败'));
    routes.set('GET /districts', () => ({ statusCode: 200, data: districts() }));
    routes.set('GET /campaigns', () => ({ statusCode: 200, data: { campaigns: [campaign()] } }));

    // Act
    tap(findByText(page.dom, '重试', 'wx-button')!);

    // Assert
    await waitFor(() => text(page).includes('张家港市夏季安康“三送”活动'));
  });
});

describe('Page: 工地报名', () => {
  it('refuses an incomplete form on the phone with Chinese messages under each field, and sends nothing', async () => {
    // Arrange
    serveSignupForm();
    const page = openAs('worker', signupRoute, { campaign: campaignId });
    await waitFor(() => field(page, 'siteName'));

    // Act
    submit(page);

    // Assert
    await waitFor(() => fieldError(page, 'siteName'));
    expect({
      siteName: fieldError(page, 'siteName'),
      orgPath: fieldError(page, 'orgPath'),
      address: fieldError(page, 'address'),
      outdoorWorkers: fieldError(page, 'outdoorWorkers'),
      workerGroups: fieldError(page, 'workerGroups'),
      requested: fieldError(page, 'requested'),
      contactName: fieldError(page, 'contactName'),
      contactPhone: fieldError(page, 'contactPhone'),
    }).toStrictEqual({
      siteName: '请填写工地/站点名称',
      orgPath: '请选择所在地区',
      address: '请填写地址',
      outdoorWorkers: '请填写户外作业人数（整数）',
      workerGroups: '请至少选择一类人员',
      requested: '请至少选择一类需求',
      contactName: '请填写联系人',
      contactPhone: '请填写联系电话',
    });
    expect(text(page)).toContain('有 8 处需要修改');
    expect(requestsTo('POST', '/worksite-signups')).toHaveLength(0);
  });

  it('refuses a bad phone and more high-temperature workers than outdoor ones, before sending', async () => {
    // Arrange
    serveSignupForm();
    const page = openAs('worker', signupRoute, { campaign: campaignId });
    await fillForm(page);
    type(page, 'contactPhone', '12345');
    type(page, 'highTempWorkers', '30');

    // Act
    submit(page);

    // Assert
    await waitFor(() => fieldError(page, 'contactPhone'));
    expect(fieldError(page, 'contactPhone')).toBe(
      '联系电话格式不正确，请填写 11 位手机号或带区号的固定电话（如 0512-58681234）',
    );
    expect(fieldError(page, 'highTempWorkers')).toBe('高温作业人数不能多于户外作业人数');
    expect(fieldError(page, 'siteName')).toBeNull();
    expect(requestsTo('POST', '/worksite-signups')).toHaveLength(0);
  });

  it('sends a filled form with a request id and shows 待审核; the draft is gone', async () => {
    // Arrange
    serveSignupForm();
    routes.set('POST /worksite-signups', () =>
      stored(
        worksiteSignup({ id: 'ws_000000000000000000new', status: 'pending', siteName: '港城大道快递分拣点' }),
      ),
    );
    const page = openAs('worker', signupRoute, { campaign: campaignId });
    await fillForm(page);

    // Act
    submit(page);

    // Assert
    await waitFor(() => text(page).includes('报名已提交，待审核'));
    const [request] = requestsTo('POST', '/worksite-signups');
    expect(sent(request)).toStrictEqual({
      requestId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      signup: filledSignup(),
    });
    expect(request?.header?.Authorization).toBe('Bearer token-worker');
    expect(wx.chooseLocation).toHaveBeenCalledTimes(1);
    expect(storedDraft()).toBeUndefined();
  });

  it('shows a server field issue under its field', async () => {
    // Arrange
    serveSignupForm();
    routes.set('POST /worksite-signups', () => ({
      statusCode: 400,
      data: {
        error: {
          code: 'VALIDATION_FAILED',
          message: '提交的内容有误，请检查后重试',
          details: { issues: [{ path: 'body.signup.location', message: '地图位置不在所选地区内' }] },
        },
      },
    }));
    const page = openAs('worker', signupRoute, { campaign: campaignId });
    await fillForm(page);

    // Act
    submit(page);

    // Assert
    await waitFor(() => fieldError(page, 'location'));
    expect(fieldError(page, 'location')).toBe('地图位置不在所选地区内');
    expect(text(page)).toContain('请按标红的提示修改后再提交');
    expect(text(page)).not.toContain('报名已提交');
  });

  it('says when sign-up has closed and keeps what was typed', async () => {
    // Arrange
    serveSignupForm();
    routes.set('POST /worksite-signups', () => ({
      statusCode: 409,
      data: { error: { code: 'SIGNUP_CLOSED', message: '该活动当前不在报名时间内' } },
    }));
    const page = openAs('worker', signupRoute, { campaign: campaignId });
    await fillForm(page);

    // Act
    submit(page);

    // Assert
    await waitFor(() => text(page).includes('该活动当前不在报名时间内'));
    expect(text(page)).toContain('活动重新开放报名后可直接提交');
    expect(storedDraft()?.values.siteName).toBe('港城大道快递分拣点');
  });

  it('keeps the form through a dropped network and resends it under the same request id, even after reopening', async () => {
    // Arrange: no route for the submit, so it fails as it does offline.
    serveSignupForm();
    const first = openAs('worker', signupRoute, { campaign: campaignId });
    await fillForm(first);
    submit(first);
    await waitFor(() => text(first).includes('网络连接失败'));
    expect(text(first)).toContain('不会重复报名');
    tap(findByText(first.dom, '重新提交', 'wx-button')!);
    await waitFor(() => requestsTo('POST', '/worksite-signups').length === 2);
    const [attempt1, attempt2] = requestsTo('POST', '/worksite-signups').map(sent);
    expect(attempt2).toStrictEqual(attempt1);
    expect(storedDraft()?.requestId).toBe(attempt1.requestId);
    first.detach();

    // Act: the app is opened again with the network back.
    routes.set('POST /worksite-signups', () => stored(worksiteSignup({ status: 'pending' })));
    const page = openAs('worker', signupRoute, { campaign: campaignId });
    await waitFor(() => text(page).includes('已恢复您上次未提交的内容'));
    expect(wxmlAttribute(field(page, 'siteName')!.querySelector('wx-input')!, 'value')).toBe(
      '港城大道快递分拣点',
    );
    submit(page);

    // Assert
    await waitFor(() => text(page).includes('报名已提交，待审核'));
    const attempts = requestsTo('POST', '/worksite-signups').map(sent);
    expect(attempts).toHaveLength(3);
    expect(attempts[2]).toStrictEqual({ requestId: attempt1.requestId, signup: filledSignup() });
    expect(storedDraft()).toBeUndefined();
  });

  it('offers a returning contact their last sign-up, keeping the phone on the server', async () => {
    // Arrange: the last sign-up named a group, an item and a kind this campaign does not have.
    serveSignupForm([worksiteSignup()]);
    routes.set('POST /worksite-signups', () =>
      stored(worksiteSignup({ id: 'ws_000000000000000000new', status: 'pending' })),
    );
    const page = openAs('worker', signupRoute, { campaign: campaignId });
    const use = await waitFor(() => findByText(page.dom, '使用上次填写的信息', 'wx-button'));

    // Act
    tap(use);
    await waitFor(() => text(page).includes('沿用上次的号码 138****5678'));
    submit(page);

    // Assert
    await waitFor(() => text(page).includes('报名已提交'));
    expect(sent(requestsTo('POST', '/worksite-signups')[0]).signup).toStrictEqual({
      campaignId,
      siteName: '杨舍镇环卫所东片作业点',
      orgPath: daxin,
      address: '大新镇长江路 88 号',
      location: { lat: 31.91, lng: 120.55 },
      outdoorWorkers: 40,
      highTempWorkers: 12,
      workerGroups: ['sanitation'],
      requested: [{ kind: 'cool', items: ['water'] }],
      preferredDates: [],
      contactName: '周强',
      reusePhoneFrom: 'ws_0000000000000000last',
    });
  });

  it('lets a returning contact type a new phone instead', async () => {
    // Arrange
    serveSignupForm([worksiteSignup()]);
    routes.set('POST /worksite-signups', () => stored(worksiteSignup({ status: 'pending' })));
    const page = openAs('worker', signupRoute, { campaign: campaignId });
    tap(await waitFor(() => findByText(page.dom, '使用上次填写的信息', 'wx-button')));
    const change = await waitFor(() => findByText(page.dom, '改用新号码', '.main--signup-phone__change'));

    // Act
    tap(change);
    await waitFor(() => field(page, 'contactPhone')?.querySelector('wx-input'));
    type(page, 'contactPhone', '0512-58681234');
    submit(page);

    // Assert
    await waitFor(() => requestsTo('POST', '/worksite-signups').length === 1);
    const { signup } = sent(requestsTo('POST', '/worksite-signups')[0]);
    expect(signup.contactPhone).toBe('0512-58681234');
    expect(signup).not.toHaveProperty('reusePhoneFrom');
  });

  it('takes the campaign from a QR code’s URL-encoded scene', async () => {
    serveSignupForm();

    const page = openAs('worker', signupRoute, { scene: encodeURIComponent(campaignId) });

    await waitFor(() => text(page).includes('张家港市夏季安康“三送”活动'));
    expect(requestsTo('GET', `/campaigns/${campaignId}`)).toHaveLength(1);
    // Only districts under the campaign's union are offered.
    const offered = Array.from(page.dom.querySelectorAll('.main--district-picker__name')).map(
      (el) => el.textContent,
    );
    expect(offered).toStrictEqual(['张家港市总工会', '大新镇工会']);
  });

  it('says so when the QR code carries no campaign', async () => {
    const page = openAs('worker', signupRoute, { scene: 'not-a-campaign' });

    await waitFor(() => text(page).includes('没有找到要报名的活动'));
    expect(
      wx.request.mock.calls.filter(([o]) => new URL(o.url).pathname.startsWith('/campaigns')),
    ).toHaveLength(0);
  });
});

describe('Page: 我的报名', () => {
  // A campaign no other test here reads: campaigns are kept for the app's run once read.
  const lastYear = 'cp_demo0zjglast';

  it('lists worksite and volunteer sign-ups with their state, the decline reason and the campaign title', async () => {
    // Arrange
    routes.set('GET /me/worksite-signups', () => ({
      statusCode: 200,
      data: {
        signups: [
          worksiteSignup({
            campaignId: lastYear,
            status: 'declined',
            review: { by: '李敏', at: '2026-06-03T02:00:00.000Z', reason: '该工地不在本次活动范围内' },
          }),
        ],
      },
    }));
    routes.set('GET /me/volunteer-signups', () => ({
      statusCode: 200,
      data: { signups: [volunteerSignup({ campaignId: lastYear })] },
    }));
    routes.set(`GET /campaigns/${lastYear}`, () => ({
      statusCode: 200,
      data: { ...campaign(), id: lastYear, title: '去年的张家港市“三送”活动', status: 'archived' },
    }));

    // Act
    const page = openAs('worker', 'outreach/pages/mine/index');

    // Assert
    await waitFor(() => text(page).includes('去年的张家港市“三送”活动'));
    const [site, volunteer] = Array.from(page.dom.querySelectorAll('.main--outreach-signup'));
    expect(site?.textContent).toContain('杨舍镇环卫所东片作业点');
    expect(site?.textContent).toContain('未通过');
    expect(site?.textContent).toContain('未通过原因：该工地不在本次活动范围内');
    expect(site?.textContent).toContain('去年的张家港市“三送”活动');
    expect(site?.textContent).toContain('138****5678');
    expect(volunteer?.textContent).toContain('刘建华');
    expect(volunteer?.textContent).toContain('待审核');
    expect(volunteer?.textContent).toContain('去年的张家港市“三送”活动');
    // Two sign-ups of one campaign: its title is read once.
    expect(requestsTo('GET', `/campaigns/${lastYear}`)).toHaveLength(1);
  });

  it('says when there are no sign-ups yet', async () => {
    routes.set('GET /me/worksite-signups', () => ({ statusCode: 200, data: { signups: [] } }));
    routes.set('GET /me/volunteer-signups', () => ({ statusCode: 200, data: { signups: [] } }));

    const page = openAs('worker', 'outreach/pages/mine/index');

    await waitFor(() => text(page).includes('您还没有报名'));
  });
});

describe('Page: 我的 (outreach entrances)', () => {
  it('offers 三送活动 and 我的报名 to every signed-in user', async () => {
    // Arrange
    const page = openAs('worker', 'pages/me/index');
    const entrance = await waitFor(() => page.dom.querySelector('.main--link-list__item--outreach'));
    expect(text(page)).toContain('我的报名');
    expect(text(page)).not.toContain('我的任务');

    // Act
    tap(entrance);

    // Assert
    await waitFor(() => wx.navigateTo.mock.calls.length > 0);
    expect(wx.navigateTo.mock.calls[0]?.[0].url).toBe('/outreach/pages/campaigns/index');
  });

  it('forgets unsent sign-ups at sign-out (they hold phone numbers)', async () => {
    // Arrange
    storage.set(draftsKey, JSON.stringify({ userId: me('worker').id, drafts: [] }));
    const page = openAs('worker', 'pages/me/index');
    const signOut = await waitFor(() => findByText(page.dom, '退出登录', 'wx-button'));

    // Act
    tap(signOut);

    // Assert
    await waitFor(() => text(page).includes('您还没有登录'));
    expect(storage.has(draftsKey)).toBe(false);
  });
});
