import { describe, expect, it, vi } from 'vitest';
import {
  alertDetail,
  alertId,
  alertSummary,
  daysFromToday,
  escalatedDetail,
  otherAlertId,
} from './alertFixtures';
import { fileId, household, visit } from './householdFixtures';
import {
  chosenChip,
  findByText,
  routes,
  settled,
  subscribe,
  tap,
  waitFor,
  wx,
  wxmlAttribute,
} from './simulate';
import {
  button,
  field,
  ok,
  openAs,
  type Page,
  queryOf,
  refusal,
  requests,
  resetPagesEachTest,
  text,
  toasts,
  typeInto,
  wire,
} from './staffOutreachPages';

// The visit page scrolls up to say which alerts it raised: a wx API the shared stand-in lacks,
// added before the app boots (when Taro reads `wx`).
Object.assign(wx, {
  pageScrollTo: vi.fn((options: { success?: (r: object) => void }) =>
    setTimeout(() => options.success?.({ errMsg: 'pageScrollTo:ok' }), 0),
  ),
});

resetPagesEachTest();

const queuePath = '/staff/hardship/alerts';
const alertPath = `${queuePath}/${alertId}`;
/** As the first page carries them: unresolved states only (resolved alerts are not counted). */
const counts = { open: 3, acknowledged: 1, inProgress: 0, capped: false };
const chip = (page: Page, label: string) => findByText(page.dom, label, '.main--choice-chips__chip');
/** A chip of one filter row whose text is exactly `label` (rule labels contain 高 too). */
const filterChip = (page: Page, row: 'severity' | 'rule', label: string) =>
  Array.from(page.dom.querySelectorAll(`.main--alerts-page__filters--${row} .main--choice-chips__chip`)).find(
    (c) => c.textContent === label,
  ) ?? null;
const rows = (page: Page) => Array.from(page.dom.querySelectorAll('.main--alert-row'));
const lastQuery = () => queryOf(requests('GET', queuePath).at(-1)!.url);
const sent = (method: string, path: string) => requests(method, path).map((r) => wire(r.data));
const textarea = (page: Page, name: string) =>
  page.dom.querySelector(`.main--staff-field--${name} wx-textarea`);
const tabTexts = (page: Page) =>
  Array.from(page.dom.querySelectorAll('.main--alerts-page__tab')).map((t) => t.textContent);
const banner = (page: Page) => page.dom.querySelector('.main--error-banner');
const bannerMessage = (page: Page) =>
  page.dom.querySelector('.main--error-banner__message')?.textContent ?? null;
/** The page's lifecycle as WeChat drives it (leaving for a detail, coming back, pulling down). */
const lifecycle = (page: Page, name: 'onHide' | 'onShow' | 'onPullDownRefresh') =>
  (page.instance[name] as () => void)();

function serveQueue(alerts = [alertSummary()]) {
  routes.set(`GET ${queuePath}`, () => ok({ alerts, counts, nextCursor: null }));
}

function serveAlert(detail = alertDetail()) {
  routes.set(`GET ${alertPath}`, () => ok(detail));
  routes.set(`GET /staff/hardship/files/${fileId}/visits`, () =>
    ok({
      visits: [
        visit('hv_00000000000000000000000000000003', '2026-11-20', { perCapitaMonthlyFen: 82_000 }),
        visit('hv_00000000000000000000000000000002', '2026-08-01'),
      ],
      nextCursor: null,
    }),
  );
}

async function openDetail(detail = alertDetail()) {
  serveAlert(detail);
  const page = openAs('staff/pages/alert/index', { id: alertId });
  await waitFor(() => text(page).includes('预警依据'));
  await settled(page);
  return page;
}

describe('Page: 工会工作台 alert entries', () => {
  it('shows how many alerts wait for 确认 and opens the queue, 我的预警 and 上级督办', async () => {
    // Arrange
    serveQueue();
    routes.set('GET /staff/stations/reports', () => ok({ reports: [], nextCursor: null }));

    // Act
    const page = openAs('staff/pages/index/index');
    const entry = await waitFor(() => page.dom.querySelector('.main--link-list__item--alerts'));
    await waitFor(() => entry.textContent?.includes('3 条预警待确认'));

    // Assert
    expect(page.dom.querySelector('.main--link-list__item--myAlerts')?.textContent).toContain('我的预警');
    expect(page.dom.querySelector('.main--link-list__item--escalated')?.textContent).toContain('上级督办');
    tap(entry);
    tap(page.dom.querySelector('.main--link-list__item--myAlerts')!);
    tap(page.dom.querySelector('.main--link-list__item--escalated')!);
    await waitFor(() => wx.navigateTo.mock.calls.length === 3);
    expect(wx.navigateTo.mock.calls.map(([o]) => o.url)).toStrictEqual([
      '/staff/pages/alerts/index',
      '/staff/pages/myAlerts/index',
      '/staff/pages/escalated/index',
    ]);
  });
});

describe('Page: 预警处理 (alert queue)', () => {
  it('shows the counts per status and each alert by rule, severity, household, due date and assignee', async () => {
    // Arrange: one due in 2 days, one 4 days overdue and escalated to 张家港
    serveQueue([
      alertSummary(),
      alertSummary(otherAlertId, {
        rule: 'visitOverdue',
        ruleLabel: '未按期走访',
        severity: 'low',
        headName: '示例户·王某某',
        district: '杨舍镇',
        assigneeName: '李敏',
        dueOn: daysFromToday(-4),
        overdue: true,
        escalation: {
          toOrgPath: '320000/320500/320582',
          toOrgName: '张家港市总工会',
          level: 1,
          at: '2026-11-24T17:30:00.000Z',
        },
      }),
    ]);

    // Act
    const page = openAs('staff/pages/alerts/index');
    await waitFor(() => rows(page).length === 2);

    // Assert
    expect(tabTexts(page)).toStrictEqual(['待确认 3', '已确认 1', '处理中 0', '已办结']);
    const [first, second] = rows(page).map((r) => r.textContent ?? '');
    expect(first).toContain('人均收入低于低保标准');
    expect(first).toContain('高');
    expect(first).toContain('待确认');
    expect(first).toContain('示例户·张某某 · 大新镇');
    expect(first).toContain(`${daysFromToday(2)} 到期`);
    expect(first).toContain('处理人 顾晓东');
    expect(first).not.toContain('已上报');
    expect(second).toContain('未按期走访');
    expect(second).toContain('逾期 4 天');
    expect(second).toContain('已上报至张家港市总工会');
    expect(second).toContain('处理人 李敏');
    // Severity colours by class: 高 red, 低 grey.
    expect(rows(page)[0]!.querySelector('.main--alert-badges__badge--high')).not.toBeNull();
    expect(rows(page)[1]!.querySelector('.main--alert-badges__badge--low')).not.toBeNull();
    expect(rows(page)[1]!.querySelector('.main--alert-badges__badge--overdue')).not.toBeNull();
    // No ID number, phone or address in a list.
    expect(text(page)).not.toMatch(/\*{4}/);
    expect(requests('GET', queuePath).map((r) => queryOf(r.url))).toStrictEqual([{ status: 'open' }]);

    // Act + Assert: a row opens its detail
    tap(rows(page)[1]!);
    await waitFor(() => wx.navigateTo.mock.calls.length > 0);
    expect(wx.navigateTo.mock.calls.map(([o]) => o.url)).toStrictEqual([
      `/staff/pages/alert/index?id=${otherAlertId}`,
    ]);
  });

  it('sends each filter as the API’s query, each a fresh first page', async () => {
    // Arrange
    serveQueue();
    const page = openAs('staff/pages/alerts/index');
    await waitFor(() => rows(page).length === 1);
    await waitFor(() => page.dom.querySelector('.main--district-picker__item'));
    await settled(page);

    // Act + Assert
    tap(findByText(page.dom, '已确认', '.main--alerts-page__tab')!);
    await waitFor(() => requests('GET', queuePath).length === 2);
    expect(lastQuery()).toStrictEqual({ status: 'acknowledged' });
    await settled(page);
    tap(filterChip(page, 'severity', '高')!);
    await waitFor(() => requests('GET', queuePath).length === 3);
    expect(lastQuery()).toStrictEqual({ status: 'acknowledged', severity: 'high' });
    await settled(page);
    tap(filterChip(page, 'severity', '只看逾期')!);
    await waitFor(() => requests('GET', queuePath).length === 4);
    expect(lastQuery()).toStrictEqual({ status: 'acknowledged', severity: 'high', overdue: 'true' });
    await settled(page);
    tap(filterChip(page, 'rule', '主要劳动力失业')!);
    await waitFor(() => requests('GET', queuePath).length === 5);
    expect(lastQuery()).toStrictEqual({
      status: 'acknowledged',
      severity: 'high',
      overdue: 'true',
      rule: 'earnerUnemployed',
    });
    await settled(page);
    tap(findByText(page.dom, '大新镇总工会', '.main--district-picker__item')!);
    await waitFor(() => requests('GET', queuePath).length === 6);
    expect(lastQuery()).toStrictEqual({
      status: 'acknowledged',
      severity: 'high',
      overdue: 'true',
      rule: 'earnerUnemployed',
      childOrg: '320000/320500/320582/daxin',
    });
    await settled(page);
    const high = filterChip(page, 'severity', '高')!;
    expect(high.className).toContain('choice-chips__chip--on');
    tap(high);
    await waitFor(() => requests('GET', queuePath).length === 7);
    expect(lastQuery().severity).toBeUndefined();
    // The caller's own union is the whole queue, not a union below it.
    expect(findByText(page.dom, '张家港市总工会', '.main--district-picker__item')).toBeNull();
  });

  it('says 暂无预警 when there are none, and offers 重试 when the list fails', async () => {
    // Arrange
    routes.set(`GET ${queuePath}`, () => refusal(500, 'INTERNAL', '服务暂时不可用，请稍后再试'));
    const page = openAs('staff/pages/alerts/index');
    await waitFor(() => text(page).includes('预警加载失败'));

    // Act
    routes.set(`GET ${queuePath}`, () =>
      ok({ alerts: [], counts: { ...counts, open: 0 }, nextCursor: null }),
    );
    tap(button(page.dom, '重试'));

    // Assert
    await waitFor(() => text(page).includes('暂无预警'));
    expect(text(page)).toContain('待确认 0');
  });

  it('loads the next page with the cursor the server gave, keeping the first page’s counts', async () => {
    // Arrange
    routes.set(`GET ${queuePath}`, (options) =>
      queryOf(options.url).cursor === 'c2'
        ? ok({ alerts: [alertSummary(otherAlertId, { headName: '示例户·王某某' })], nextCursor: null })
        : ok({ alerts: [alertSummary()], counts, nextCursor: 'c2' }),
    );
    const page = openAs('staff/pages/alerts/index');
    await waitFor(() => rows(page).length === 1);
    await settled(page);

    // Act
    tap(button(page.dom, '加载更多'));

    // Assert
    await waitFor(() => rows(page).length === 2);
    expect(lastQuery()).toStrictEqual({ status: 'open', cursor: 'c2' });
    expect(text(page)).toContain('已显示全部 2 条预警');
    // Only the first page counts: the second carries none, and the tabs keep the first page's.
    expect(tabTexts(page)).toStrictEqual(['待确认 3', '已确认 1', '处理中 0', '已办结']);
  });

  it('loads the first page again when shown after being left (an alert handled meanwhile), not on its first show', async () => {
    // Arrange
    serveQueue();
    const page = openAs('staff/pages/alerts/index');
    await waitFor(() => rows(page).length === 1);
    await settled(page);
    expect(requests('GET', queuePath)).toHaveLength(1);

    // Act: off to a detail, where it is 确认ed; then back
    lifecycle(page, 'onHide');
    serveQueue([]);
    lifecycle(page, 'onShow');

    // Assert
    await waitFor(() => text(page).includes('暂无预警'));
    expect(requests('GET', queuePath)).toHaveLength(2);
  });
});

describe('Page: 预警详情 (alert detail)', () => {
  it('gives the evidence in plain Chinese, the household masked, its visits, and the history', async () => {
    // Act
    const page = await openDetail();
    await waitFor(() => page.dom.querySelectorAll('.main--alert-page__visit').length === 2);

    // Assert
    const evidence = page.dom.querySelector('.main--alert-evidence')!.textContent;
    expect(evidence).toBe('2026-11-20 走访：人均月收入 ¥820.00，低于低保标准 ¥1,140.00（2026-07-01 起执行）');
    const household = page.dom.querySelector('.main--alert-page__household')!.textContent ?? '';
    expect(household).toContain('3205**********1234');
    expect(household).toContain('大新镇');
    expect(household).not.toContain('138');
    expect(text(page)).toContain('系统 · 触发预警');
    expect(text(page)).toContain('暂无评论');
    // Open: 确认 and 转派, no 办结 before it is acknowledged.
    expect(findByText(page.dom, '确认', 'wx-button')).not.toBeNull();
    expect(findByText(page.dom, '办结', 'wx-button')).toBeNull();

    // Act + Assert: the household's file opens from here
    tap(findByText(page.dom, '查看档案', '.main--alert-page__link')!);
    await waitFor(() => wx.navigateTo.mock.calls.length > 0);
    expect(wx.navigateTo.mock.calls[0]![0].url).toBe(`/staff/pages/household/index?id=${fileId}`);
  });

  it('says who failed to act when it was escalated', async () => {
    // Act
    const page = await openDetail(escalatedDetail());

    // Assert
    expect(page.dom.querySelector('.main--alert-page__escalations')!.textContent).toContain(
      '顾晓东（大新镇总工会）未在 2026-11-23 前处理，已上报至张家港市总工会',
    );
    expect(page.dom.querySelector('.main--alert-page__header')!.textContent).toContain(
      '已上报至张家港市总工会',
    );
  });

  it('确认 sends the version shown, shows the new state, then offers alert messages', async () => {
    // Arrange
    routes.set('GET /me/subscriptions', () =>
      ok({
        subscriptions: [
          { topic: 'assignment', templateId: 'tmpl-assign', remaining: 0 },
          { topic: 'alertAssigned', templateId: 'tmpl-alert', remaining: 0 },
          { topic: 'alertDue', templateId: 'tmpl-due', remaining: 0 },
        ],
      }),
    );
    routes.set('POST /me/subscriptions', () => ok({ subscriptions: [] }));
    subscribe.answers = { 'tmpl-alert': 'accept', 'tmpl-due': 'accept' };
    routes.set(`POST ${alertPath}/acknowledge`, () =>
      ok(alertDetail({ status: 'acknowledged', version: 4 })),
    );
    const page = await openDetail();

    // Act
    tap(button(page.dom, '确认'));

    // Assert
    await waitFor(() => findByText(page.dom, '开始处理', 'wx-button'));
    expect(sent('POST', `${alertPath}/acknowledge`)).toStrictEqual([{ version: 3 }]);
    expect(findByText(page.dom, '办结', 'wx-button')).not.toBeNull();
    await settled(page);
    tap(await waitFor(() => findByText(page.dom, '接收微信通知', 'wx-button')));
    await waitFor(() => text(page).includes('已开启微信通知'));
    expect(wx.requestSubscribeMessage.mock.calls[0]?.[0].tmplIds).toStrictEqual(['tmpl-alert', 'tmpl-due']);
  });

  it('says 数据已被他人修改 on a 409 and reloads the alert on 刷新', async () => {
    // Arrange
    routes.set(`POST ${alertPath}/acknowledge`, () => ({
      statusCode: 409,
      data: { error: { code: 'VERSION_CONFLICT', message: '数据已被他人修改', details: { version: 4 } } },
    }));
    const page = await openDetail();

    // Act
    tap(button(page.dom, '确认'));
    await waitFor(() => text(page).includes('数据已被他人修改'));
    serveAlert(alertDetail({ status: 'acknowledged', version: 4, assigneeName: '李敏' }));
    await settled(page);
    tap(button(page.dom, '刷新'));

    // Assert
    await waitFor(() => text(page).includes('处理人 李敏'));
    expect(requests('GET', alertPath)).toHaveLength(2);
    expect(text(page)).not.toContain('数据已被他人修改');
  });

  it('keeps the alert shown when a reload fails, says so, and 重试 loads it', async () => {
    // Arrange: shown, then the network drops
    const page = await openDetail();
    routes.delete(`GET ${alertPath}`);

    // Act: pull down to refresh
    lifecycle(page, 'onPullDownRefresh');

    // Assert: the notice, with the alert still there
    await waitFor(() => banner(page));
    expect(bannerMessage(page)).toBe('网络连接失败，请检查网络后重试');
    expect(page.dom.querySelector('.main--error-banner__retry')?.textContent).toBe('重试');
    expect(text(page)).toContain('预警依据');
    expect(text(page)).toContain('处理人 顾晓东');
    expect(requests('GET', alertPath)).toHaveLength(2);

    // Act: back online, 重试
    serveAlert(alertDetail({ status: 'acknowledged', version: 4, assigneeName: '李敏' }));
    await settled(page);
    tap(page.dom.querySelector('.main--error-banner__retry')!);

    // Assert
    await waitFor(() => text(page).includes('处理人 李敏'));
    expect(banner(page)).toBeNull();
  });

  it('says a refused 办结 once, in the banner, keeping the form as typed for another try', async () => {
    // Arrange
    routes.set(`POST ${alertPath}/resolve`, () => refusal(403, 'OUT_OF_SCOPE', '该预警不在您的管辖范围内'));
    const page = await openDetail(alertDetail({ status: 'inProgress', version: 5 }));
    tap(button(page.dom, '办结'));
    tap(await waitFor(() => chip(page, '转介')));
    await typeInto(() => field(page, 'referredTo'), '民政部门');

    // Act
    tap(button(page.dom, '确认办结'));

    // Assert: the banner only, no toast; the form still open with what was typed
    await waitFor(() => banner(page));
    await settled(page);
    expect(bannerMessage(page)).toBe('该预警不在您的管辖范围内');
    expect(text(page).split('该预警不在您的管辖范围内')).toHaveLength(2);
    expect(toasts()).toStrictEqual([]);
    expect(chosenChip(page.dom, '转介')).not.toBeNull();
    expect(wxmlAttribute(field(page, 'referredTo')!, 'value')).toBe('民政部门');

    // Act: allowed now; sent again as typed
    routes.set(`POST ${alertPath}/resolve`, () =>
      ok(
        alertDetail({
          status: 'resolved',
          version: 6,
          outcome: { kind: 'referred', referredTo: '民政部门' },
        }),
      ),
    );
    tap(button(page.dom, '确认办结'));

    // Assert
    await waitFor(() => text(page).includes('转介：民政部门'));
    const body = { version: 5, outcome: { kind: 'referred', referredTo: '民政部门' } };
    expect(sent('POST', `${alertPath}/resolve`)).toStrictEqual([body, body]);
    expect(banner(page)).toBeNull();
    expect(toasts()).toStrictEqual(['已办结']);
  });

  it('shows the visits’ own failure with 重试 in their card, the rest of the alert in place', async () => {
    // Arrange: the visits do not load at first
    routes.set(`GET ${alertPath}`, () => ok(alertDetail()));
    const page = openAs('staff/pages/alert/index', { id: alertId });
    const card = () => page.dom.querySelector('.main--alert-page__visits')!;
    await waitFor(() => text(page).includes('走访记录加载失败'));
    expect(text(page)).toContain('预警依据');

    // Act
    serveAlert();
    await settled(page);
    tap(button(card(), '重试'));

    // Assert
    await waitFor(() => card().querySelectorAll('.main--alert-page__visit').length === 2);
    expect(card().textContent).not.toContain('加载失败');
  });

  it('办结 asks why for 无需帮扶, and sends 重新建档 with the new category', async () => {
    // Arrange
    routes.set(`POST ${alertPath}/resolve`, () =>
      ok(
        alertDetail({
          status: 'resolved',
          version: 6,
          outcome: { kind: 'refiled', category: 'deep' },
          resolvedAt: '2026-11-26T02:00:00.000Z',
          resolvedByName: '顾晓东',
        }),
      ),
    );
    const page = await openDetail(alertDetail({ status: 'inProgress', version: 5 }));

    // Act: 无需帮扶 without its reason
    tap(button(page.dom, '办结'));
    tap(await waitFor(() => chip(page, '无需帮扶')));
    await settled(page);
    tap(button(page.dom, '确认办结'));

    // Assert: refused on the page, nothing sent
    await waitFor(() => text(page).includes('请说明无需帮扶的理由'));
    expect(requests('POST', `${alertPath}/resolve`)).toHaveLength(0);

    // Act: 重新建档 → 深度困难
    tap(chip(page, '重新建档')!);
    tap(await waitFor(() => chip(page, '深度困难')));
    await settled(page);
    tap(button(page.dom, '确认办结'));

    // Assert
    await waitFor(() => text(page).includes('重新建档：深度困难'));
    expect(sent('POST', `${alertPath}/resolve`)).toStrictEqual([
      { version: 5, outcome: { kind: 'refiled', category: 'deep' } },
    ]);
    expect(findByText(page.dom, '转派', 'wx-button')).toBeNull();
  });

  it('转派 offers the people the server lists and needs a reason', async () => {
    // Arrange
    routes.set(`GET ${alertPath}/assignees`, () =>
      ok({
        assignees: [
          {
            userId: 'u_00000000000000000000daxin',
            name: '顾晓东',
            orgPath: '320000/320500/320582/daxin',
            orgName: '大新镇总工会',
          },
          {
            userId: 'u_0000000000000000000staff',
            name: '李敏',
            orgPath: '320000/320500/320582',
            orgName: '张家港市总工会',
          },
        ],
      }),
    );
    routes.set(`POST ${alertPath}/assign`, () =>
      ok(alertDetail({ assigneeUserId: 'u_0000000000000000000staff', assigneeName: '李敏', version: 4 })),
    );
    const page = await openDetail();

    // Act: picked, no reason
    tap(button(page.dom, '转派'));
    const person = await waitFor(() => findByText(page.dom, '李敏', '.main--alert-form__person'));
    // The current assignee is not offered.
    expect(findByText(page.dom, '顾晓东', '.main--alert-form__person')).toBeNull();
    tap(person);
    await settled(page);
    tap(button(page.dom, '确认转派'));
    await waitFor(() => text(page).includes('请填写转派原因'));
    expect(requests('POST', `${alertPath}/assign`)).toHaveLength(0);

    // Act: with a reason
    await typeInto(() => field(page, 'assignReason'), '本人出差一周');
    tap(button(page.dom, '确认转派'));

    // Assert
    await waitFor(() => text(page).includes('处理人 李敏'));
    expect(sent('POST', `${alertPath}/assign`)).toStrictEqual([
      { version: 3, assigneeUserId: 'u_0000000000000000000staff', reason: '本人出差一周' },
    ]);
  });

  it('keeps a comment that failed, and the retry sends it under the same id', async () => {
    // Arrange: the comment route does not answer at first (no network)
    const page = await openDetail();
    await typeInto(() => textarea(page, 'comment'), '已电话联系，明天上门');

    // Act
    tap(button(page.dom, '发送'));
    await waitFor(() => text(page).includes('评论已保留'));
    routes.set(`POST ${alertPath}/comments`, (options) => {
      const body = options.data as { id: string; text: string };
      return ok(
        alertDetail({
          comments: [{ id: body.id, text: body.text, authorName: '李敏', at: '2026-11-26T02:00:00.000Z' }],
        }),
        201,
      );
    });
    await settled(page);
    tap(button(page.dom, '发送'));

    // Assert
    await waitFor(() => page.dom.querySelector('.main--alert-comments__item'));
    const bodies = wx.request.mock.calls
      .map(([o]) => o)
      .filter((o) => o.method === 'POST' && new URL(o.url).pathname === `${alertPath}/comments`)
      .map((o) => o.data as { id: string; text: string });
    expect(bodies).toHaveLength(2);
    expect(bodies[0]!.id).toMatch(/^hc_[0-9a-f]{32}$/);
    expect(bodies[1]).toStrictEqual(bodies[0]);
    expect(page.dom.querySelector('.main--alert-comments__item')!.textContent).toContain(
      '已电话联系，明天上门',
    );
  });

  it('sends a comment once when 发送 is tapped twice before the page redraws', async () => {
    // Arrange
    routes.set(`POST ${alertPath}/comments`, (options) => {
      const body = options.data as { id: string; text: string };
      return ok(
        alertDetail({
          comments: [{ id: body.id, text: body.text, authorName: '李敏', at: '2026-11-26T02:00:00.000Z' }],
        }),
        201,
      );
    });
    const page = await openDetail();
    await typeInto(() => textarea(page, 'comment'), '已电话联系');
    await settled(page);

    // Act: two taps in the same moment
    const send = button(page.dom, '发送');
    tap(send);
    tap(send);

    // Assert
    await waitFor(() => page.dom.querySelector('.main--alert-comments__item'));
    await settled(page);
    expect(requests('POST', `${alertPath}/comments`)).toHaveLength(1);
  });
});

describe('Pages: 我的预警 and 上级督办', () => {
  it('list my alerts and those escalated to my union', async () => {
    // Arrange
    routes.set(`GET ${queuePath}/mine`, () => ok({ alerts: [alertSummary()], nextCursor: null }));
    routes.set(`GET ${queuePath}/escalated`, () =>
      ok({
        alerts: [{ ...alertSummary(otherAlertId), escalation: escalatedDetail().escalation }],
        nextCursor: null,
      }),
    );

    // Act
    const mine = openAs('staff/pages/myAlerts/index');
    const escalated = openAs('staff/pages/escalated/index');

    // Assert
    await waitFor(() => rows(mine).length === 1 && rows(escalated).length === 1);
    expect(rows(mine)[0]!.textContent).toContain('人均收入低于低保标准');
    expect(rows(escalated)[0]!.textContent).toContain('已上报至张家港市总工会');
    expect(text(escalated)).toContain('下级工会逾期未处理的预警');
  });
});

describe('Page: 录入走访 raises alerts', () => {
  it('says which alerts the saved visit raised, each opening its detail', async () => {
    // Arrange
    routes.set(`GET /staff/hardship/files/${fileId}`, () => ok(household()));
    routes.set(`POST /staff/hardship/files/${fileId}/visits`, (options) =>
      ok(
        {
          ...visit((options.data as { id: string }).id, '2026-11-26', { perCapitaMonthlyFen: 50_000 }),
          alerts: [
            { id: alertId, rule: 'belowPovertyLine', ruleLabel: '人均收入低于低保标准', severity: 'high' },
          ],
        },
        201,
      ),
    );
    const page = openAs('staff/pages/visit/index', { fileId });
    await waitFor(() => field(page, 'income'));
    await typeInto(() => field(page, 'income'), '18000');
    await typeInto(() => field(page, 'spending'), '0');
    await typeInto(() => field(page, 'householdSize'), '3');
    tap(chip(page, '高')!);
    await waitFor(() => chosenChip(page.dom, '高'));

    // Act
    tap(button(page.dom, '保存走访'));

    // Assert: the page stays to say so
    await waitFor(() => text(page).includes('已触发预警：人均收入低于低保标准'));
    expect(page.dom.querySelector('.main--visit-alerts__alert')!.textContent).toContain(
      '高风险 · 查看并处理',
    );
    expect(wx.redirectTo).not.toHaveBeenCalled();
    expect((wx as typeof wx & { pageScrollTo: ReturnType<typeof vi.fn> }).pageScrollTo).toHaveBeenCalledTimes(
      1,
    );
    tap(findByText(page.dom, '已触发预警', '.main--visit-alerts__alert')!);
    await waitFor(() => wx.redirectTo.mock.calls.length === 1);
    expect(wx.redirectTo.mock.calls[0]![0].url).toBe(`/staff/pages/alert/index?id=${alertId}`);
  });
});
