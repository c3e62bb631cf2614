import { describe, expect, it } from 'vitest';
import {
  assignment,
  campaign,
  campaignId,
  daxin,
  districts,
  shanghaiDay,
  volunteerSignup,
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
import { findByText, geo, routes, settled, subscribe, tap, waitFor, wx } from './simulate';

const taskId = 'as_00000000000000000001';
const taskRoute = 'volunteer/pages/task/index';

/** Template ids as GET /me/subscriptions gives them: the reminder configured or not. */
function serveSubscriptions(reminder: string | null) {
  const subscriptions = () => [
    { topic: 'assignment', templateId: 'tmpl-assign', remaining: 0 },
    { topic: 'reminder', templateId: reminder, remaining: 0 },
  ];
  routes.set('GET /me/subscriptions', () => ({ statusCode: 200, data: { subscriptions: subscriptions() } }));
  routes.set('POST /me/subscriptions', () => ({ statusCode: 200, data: { subscriptions: subscriptions() } }));
}

resetPagesEachTest(() => {
  geo.fix = null;
  subscribe.answers = {};
  subscribe.failure = null;
});

describe('Page: 报名志愿者', () => {
  function serveForm(mine: unknown[] = []) {
    routes.set('GET /districts', () => ({ statusCode: 200, data: districts() }));
    routes.set(`GET /campaigns/${campaignId}`, () => ({ statusCode: 200, data: campaign() }));
    routes.set('GET /me/volunteer-signups', () => ({ statusCode: 200, data: { signups: mine } }));
  }

  async function fill(page: Page) {
    await waitFor(() => field(page, 'name'));
    type(page, 'name', '刘建华');
    type(page, 'phone', '13900000001');
    tap(findByText(field(page, 'skills')!, '驾驶', '.main--choice-chips__chip')!);
    tap(findByText(field(page, 'districts')!, '大新镇工会', '.main--choice-chips__chip')!);
    // Tomorrow afternoon, then next week's first day in the morning (one week at a time).
    const tomorrow = findByText(page.dom, monthDayOf(1), '.main--volunteer-grid__row')!;
    tap(tomorrow.querySelector('.main--volunteer-grid__slot--pm')!);
    tap(findByText(page.dom, '下一周', '.main--outreach-week__step')!);
    const nextWeek = await waitFor(() => findByText(page.dom, monthDayOf(7), '.main--volunteer-grid__row'));
    tap(nextWeek.querySelector('.main--volunteer-grid__slot--am')!);
    await waitFor(() => text(page).includes('已选 2 个时段'));
  }

  it('says so when the link carries a malformed campaign, and asks nothing of the server', async () => {
    const page = openAs('worker', 'outreach/pages/volunteer/index', { campaign: '%E0%A4%A' });

    await waitFor(() => text(page).includes('没有找到要报名的活动'));
    expect(
      wx.request.mock.calls.filter(([o]) => new URL(o.url).pathname.startsWith('/campaigns')),
    ).toHaveLength(0);
  });

  it('refuses an empty form on the phone and sends nothing', async () => {
    serveForm();
    const page = openAs('worker', 'outreach/pages/volunteer/index', { campaign: campaignId });
    await waitFor(() => field(page, 'name'));

    tap(findByText(page.dom, '提交报名', 'wx-button')!);

    await waitFor(() => fieldError(page, 'name'));
    expect({
      name: fieldError(page, 'name'),
      phone: fieldError(page, 'phone'),
      districts: fieldError(page, 'districts'),
      availability: fieldError(page, 'availability'),
    }).toStrictEqual({
      name: '请填写姓名',
      phone: '请填写联系电话',
      districts: '请至少选择一个服务区域',
      availability: '请至少选择一个可服务的时段',
    });
    expect(requestsTo('POST', '/volunteer-signups')).toHaveLength(0);
  });

  it('signs up, shows 待审核, then asks WeChat for task notices and records the consent once', async () => {
    // Arrange
    serveForm();
    serveSubscriptions(null);
    subscribe.answers = { 'tmpl-assign': 'accept' };
    routes.set('POST /volunteer-signups', () => ({ statusCode: 201, data: volunteerSignup() }));
    const page = openAs('worker', 'outreach/pages/volunteer/index', { campaign: campaignId });
    await fill(page);

    // Act
    tap(findByText(page.dom, '提交报名', 'wx-button')!);
    await waitFor(() => text(page).includes('报名已提交，待审核'));
    const ask = await waitFor(() => findByText(page.dom, '接收微信通知', 'wx-button'));
    tap(ask);

    // Assert
    await waitFor(() => text(page).includes('已开启微信通知'));
    expect(sent(requestsTo('POST', '/volunteer-signups')[0])).toStrictEqual({
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      signup: {
        campaignId,
        name: '刘建华',
        districts: [daxin],
        availability: [
          { date: shanghaiDay(1), slot: 'pm' },
          { date: shanghaiDay(7), slot: 'am' },
        ],
        skills: ['driving'],
        phone: '13900000001',
      },
    });
    // The reminder has no template configured: only the task notice is asked for.
    expect(wx.requestSubscribeMessage).toHaveBeenCalledTimes(1);
    expect(wx.requestSubscribeMessage.mock.calls[0]?.[0].tmplIds).toStrictEqual(['tmpl-assign']);
    const records = requestsTo('POST', '/me/subscriptions').map(sent);
    expect(records).toStrictEqual([
      {
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        results: [{ topic: 'assignment', result: 'accept' }],
      },
    ]);
  });

  it('records a refusal too, and says notices are off', async () => {
    serveForm();
    serveSubscriptions(null);
    routes.set('POST /volunteer-signups', () => ({ statusCode: 201, data: volunteerSignup() }));
    const page = openAs('worker', 'outreach/pages/volunteer/index', { campaign: campaignId });
    await fill(page);
    tap(findByText(page.dom, '提交报名', 'wx-button')!);

    tap(await waitFor(() => findByText(page.dom, '接收微信通知', 'wx-button')));

    await waitFor(() => text(page).includes('您没有开启通知'));
    expect(requestsTo('POST', '/me/subscriptions').map(sent)[0]?.results).toStrictEqual([
      { topic: 'assignment', result: 'reject' },
    ]);
  });

  it('shows the existing sign-up when the server answers ALREADY_SIGNED_UP', async () => {
    // Arrange: the list was empty when the page opened; another phone signed up meanwhile.
    serveForm();
    routes.set('POST /volunteer-signups', () => {
      routes.set('GET /me/volunteer-signups', () => ({
        statusCode: 200,
        data: { signups: [volunteerSignup({ status: 'approved' })] },
      }));
      return {
        statusCode: 409,
        data: { error: { code: 'ALREADY_SIGNED_UP', message: '您已报名该活动的志愿者，请等待审核结果' } },
      };
    });
    const page = openAs('worker', 'outreach/pages/volunteer/index', { campaign: campaignId });
    await fill(page);

    // Act
    tap(findByText(page.dom, '提交报名', 'wx-button')!);

    // Assert
    await waitFor(() => text(page).includes('您已报名该活动的志愿者'));
    expect(text(page)).toContain('已通过');
    expect(text(page)).toContain('139****0001');
    expect(text(page)).not.toContain('接收微信通知');
  });
});

describe('Page: 我的任务', () => {
  const here = { latitude: 31.9, longitude: 120.56, accuracy: 20 };

  function serveTasks() {
    routes.set('GET /me/assignments', () => ({
      statusCode: 200,
      data: {
        assignments: [
          // 0.01° of latitude due north: 6 371 000 m × 0.01 × π / 180 = 1 112 m.
          assignment({ site: { ...assignment().site, location: { lat: 31.91, lng: 120.56 } } }),
          // 0.003°: 334 m.
          assignment({
            id: 'as_00000000000000000002',
            date: shanghaiDay(3),
            slot: 'am',
            status: 'accepted',
            site: {
              ...assignment().site,
              siteName: '港城大道快递分拣点',
              address: '港城大道 100 号',
              location: { lat: 31.903, lng: 120.56 },
            },
          }),
        ],
      },
    }));
  }

  it('lists the tasks with date, half day, site, status and distance, and opens one', async () => {
    // Arrange
    geo.fix = { ...here };
    serveTasks();

    // Act
    const page = openAs('volunteer', 'volunteer/pages/index/index');

    // Assert
    await waitFor(() => page.dom.querySelectorAll('.main--volunteer-task__distance').length === 2);
    const rows = Array.from(page.dom.querySelectorAll('.main--volunteer-task'));
    expect(rows.map((row) => row.querySelector('.main--volunteer-task__when')?.textContent)).toStrictEqual([
      expect.stringContaining(`${monthDayOf(2)}`),
      expect.stringContaining(`${monthDayOf(3)}`),
    ]);
    expect(rows[0]?.textContent).toContain('下午');
    expect(rows[0]?.textContent).toContain('待确认');
    expect(rows[1]?.textContent).toContain('上午');
    expect(rows[1]?.textContent).toContain('已接受');
    expect(rows[1]?.textContent).toContain('港城大道 100 号');
    expect(
      Array.from(page.dom.querySelectorAll('.main--volunteer-task__distance')).map((el) => el.textContent),
    ).toStrictEqual(['1.1 公里', '334 米']);

    tap(rows[1]!);
    await waitFor(() => wx.navigateTo.mock.calls.length > 0);
    expect(wx.navigateTo.mock.calls[0]?.[0].url).toBe(
      '/volunteer/pages/task/index?id=as_00000000000000000002',
    );
  });

  it('still lists the tasks, without distance, when location is denied', async () => {
    serveTasks();

    const page = openAs('volunteer', 'volunteer/pages/index/index');

    await waitFor(() => page.dom.querySelectorAll('.main--volunteer-task').length === 2);
    await waitFor(() => text(page).includes('未获取到您的位置'));
    expect(page.dom.querySelector('.main--volunteer-task__distance')).toBeNull();
  });

  it('shows 无权限 to someone who is not a volunteer, and asks nothing of the server', async () => {
    const page = openAs('worker', 'volunteer/pages/index/index');

    await waitFor(() => text(page).includes('无权限访问'));
    expect(requestsTo('GET', '/me/assignments')).toHaveLength(0);
  });
});

describe('Page: 任务详情', () => {
  function serveTask(task = assignment()) {
    routes.set('GET /me/assignments', () => ({ statusCode: 200, data: { assignments: [task] } }));
    routes.set(`GET /campaigns/${campaignId}`, () => ({ statusCode: 200, data: campaign() }));
  }

  it('shows the site with item names, the masked contact, and navigates with WeChat’s map', async () => {
    // Arrange
    serveTask();
    const page = openAs('volunteer', taskRoute, { id: taskId });
    await waitFor(() => text(page).includes('矿泉水、绿豆'));

    // Act
    tap(findByText(page.dom, '导航前往', 'wx-button')!);

    // Assert
    expect(text(page)).toContain('杨舍镇环卫所东片作业点');
    expect(text(page)).toContain('送健康');
    expect(text(page)).toContain('由工会安排');
    expect(text(page)).toContain('联系人：周强 138****5678');
    expect(text(page)).not.toContain('拨打电话');
    await waitFor(() => wx.openLocation.mock.calls.length > 0);
    const {
      success: _s,
      fail: _f,
      complete: _c,
      ...target
    } = wx.openLocation.mock.calls[0]![0] as Record<string, unknown>;
    expect(target).toStrictEqual({
      latitude: 31.9,
      longitude: 120.55,
      name: '杨舍镇环卫所东片作业点',
      address: '大新镇长江路 88 号',
      scale: 16,
    });
  });

  it('offers the address to copy when the site has no position on the map', async () => {
    // Arrange: signed up on the web, where there is no map pick.
    const { location: _location, ...site } = assignment().site;
    serveTask({ ...assignment(), site: { ...site, address: '长江路 88 号' } });
    const page = openAs('volunteer', taskRoute, { id: taskId });
    const copy = await waitFor(() => findByText(page.dom, '复制地址', 'wx-button'));

    // Act
    tap(copy);

    // Assert: no map button; the county goes in front of an address that left it out.
    await waitFor(() => wx.setClipboardData.mock.calls.length > 0);
    expect(wx.setClipboardData.mock.calls[0]![0].data).toBe('张家港市长江路 88 号');
    expect(findByText(page.dom, '导航前往', 'wx-button')).toBeNull();
    expect(text(page)).toContain('工地没有在地图上标注位置');
  });

  /** The task open at 接受, which the server takes (accepted, version 4). */
  async function openTaskToAccept() {
    serveTask();
    routes.set(`POST /assignments/${taskId}/response`, () => ({
      statusCode: 200,
      data: assignment({ status: 'accepted', version: 4 }),
    }));
    const page = openAs('volunteer', taskRoute, { id: taskId });
    const accept = await waitFor(() => findByText(page.dom, '接受', 'wx-button'));
    return { page, accept };
  }

  it('accepts with the version seen, then asks consent for the reminder and the next task', async () => {
    // Arrange
    serveSubscriptions('tmpl-remind');
    subscribe.answers = { 'tmpl-remind': 'accept', 'tmpl-assign': 'reject' };
    const { page, accept } = await openTaskToAccept();

    // Act
    tap(accept);
    await waitFor(() => text(page).includes('已接受'));
    tap(await waitFor(() => findByText(page.dom, '接收微信通知', 'wx-button')));

    // Assert
    await waitFor(() => text(page).includes('已开启微信通知'));
    expect(requestsTo('POST', `/assignments/${taskId}/response`).map(sent)).toStrictEqual([
      { version: 3, response: { decision: 'accept' } },
    ]);
    expect(text(page)).toContain('任务前一天提醒我');
    expect(page.dom.querySelector('.main--volunteer-task-page__decline')).toBeNull();
    // One dialog for both, in the server's order of topics.
    expect(wx.requestSubscribeMessage).toHaveBeenCalledTimes(1);
    expect(wx.requestSubscribeMessage.mock.calls[0]?.[0].tmplIds).toStrictEqual([
      'tmpl-assign',
      'tmpl-remind',
    ]);
    expect(requestsTo('POST', '/me/subscriptions').map(sent)).toStrictEqual([
      {
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        results: [
          { topic: 'assignment', result: 'reject' },
          { topic: 'reminder', result: 'accept' },
        ],
      },
    ]);
  });

  it('sends one answer for two quick taps on 接受', async () => {
    // Arrange
    const { page, accept } = await openTaskToAccept();

    // Act: the second tap lands before the button redraws as loading.
    tap(accept);
    tap(accept);

    // Assert
    await waitFor(() => text(page).includes('已接受'));
    await settled(page);
    expect(requestsTo('POST', `/assignments/${taskId}/response`).map(sent)).toStrictEqual([
      { version: 3, response: { decision: 'accept' } },
    ]);
  });

  it('declines only with a reason, sent with the version seen', async () => {
    // Arrange
    serveTask();
    routes.set(`POST /assignments/${taskId}/response`, () => ({
      statusCode: 200,
      data: assignment({ status: 'declined', reason: '当天要加班', version: 4 }),
    }));
    const page = openAs('volunteer', taskRoute, { id: taskId });
    tap(await waitFor(() => page.dom.querySelector('.main--volunteer-task-page__decline')));
    const confirm = await waitFor(() => findByText(page.dom, '确认婉拒'));

    // Act: first with no reason, then with one.
    tap(confirm);
    await waitFor(() => fieldError(page, 'reason'));
    expect(fieldError(page, 'reason')).toBe('请填写婉拒原因');
    expect(requestsTo('POST', `/assignments/${taskId}/response`)).toHaveLength(0);
    type(page, 'reason', '当天要加班');
    tap(findByText(page.dom, '确认婉拒')!);

    // Assert
    await waitFor(() => text(page).includes('婉拒原因：当天要加班'));
    expect(requestsTo('POST', `/assignments/${taskId}/response`).map(sent)).toStrictEqual([
      { version: 3, response: { decision: 'decline', reason: '当天要加班' } },
    ]);
    expect(text(page)).toContain('已婉拒');
  });

  it('closes the decline dialog when the task changed before the decline arrived', async () => {
    // Arrange: staff cancelled the task while the volunteer typed the reason.
    serveTask();
    routes.set(`POST /assignments/${taskId}/response`, () => {
      serveTask(assignment({ status: 'cancelled', reason: '工地临时停工', version: 5 }));
      return {
        statusCode: 409,
        data: { error: { code: 'VERSION_CONFLICT', message: '数据已被他人修改，请刷新后重试' } },
      };
    });
    const page = openAs('volunteer', taskRoute, { id: taskId });
    tap(await waitFor(() => page.dom.querySelector('.main--volunteer-task-page__decline')));
    await waitFor(() => findByText(page.dom, '确认婉拒'));

    // Act
    type(page, 'reason', '当天要加班');
    tap(findByText(page.dom, '确认婉拒')!);

    // Assert: the cancelled task shows, with no dialog left over it to decline.
    await waitFor(() => text(page).includes('取消原因：工地临时停工'));
    expect(text(page)).toContain('这个任务刚刚有了变动');
    await waitFor(() => findByText(page.dom, '确认婉拒', 'wx-button') === null);
    expect(requestsTo('POST', `/assignments/${taskId}/response`)).toHaveLength(1);
  });

  it('reloads with a notice when the task changed meanwhile (VERSION_CONFLICT)', async () => {
    // Arrange: staff reassigned the task after it was loaded; the reload shows it cancelled.
    serveTask();
    routes.set(`POST /assignments/${taskId}/response`, () => {
      serveTask(assignment({ status: 'cancelled', reason: '工地临时停工', version: 5 }));
      return {
        statusCode: 409,
        data: {
          error: {
            code: 'VERSION_CONFLICT',
            message: '数据已被他人修改，请刷新后重试',
            details: { currentVersion: 5 },
          },
        },
      };
    });
    const page = openAs('volunteer', taskRoute, { id: taskId });

    // Act
    tap(await waitFor(() => findByText(page.dom, '接受', 'wx-button')));

    // Assert
    await waitFor(() => text(page).includes('取消原因：工地临时停工'));
    expect(text(page)).toContain('这个任务刚刚有了变动');
    expect(text(page)).toContain('已取消');
    expect(requestsTo('GET', '/me/assignments')).toHaveLength(2);
    expect(page.dom.querySelector('.main--volunteer-task-page__accept')).toBeNull();
  });
});
