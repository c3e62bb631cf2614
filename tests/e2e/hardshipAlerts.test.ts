import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { devices, openBrowser, screenshot } from './browser';

interface DevAccount {
  userId: string;
  nickname: string;
  orgName: string | null;
}

interface FileSummary {
  id: string;
  headName: string;
  category: string;
}

interface AlertView {
  id: string;
  rule: string;
  status: string;
  assigneeName: string;
  version: number;
  escalation?: { toOrgName: string };
  outcome?: { kind: string; category?: string };
}

// The machine is shared with builds and servers; give the page time, but fail in the end.
const patient = { timeout: 20_000, interval: 100 };
const tokens: Record<string, string> = {};
let browser: Awaited<ReturnType<typeof openBrowser>> | undefined;

/** The demo household of 大新镇 that left hardship (相对困难, 已脱困): a visit under 低保 brings it back. */
const headName = '示例户·陈某某';

async function api<T>(who: string, route: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${inject('apiBase')}${route}`, {
    headers: { authorization: `Bearer ${tokens[who]}` },
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function post(who: string, route: string, body: unknown): Promise<number> {
  const response = await fetch(`${inject('apiBase')}${route}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return response.status;
}

async function signIn(nickname: string, device = devices.phone): Promise<Page> {
  browser = await openBrowser(device);
  const page = browser.page;
  page.on('pageerror', (error) => console.log(`[browser] ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') console.log(`[browser console] ${message.text()}`);
  });
  await page.goto(`${inject('h5Url')}/#/pages/login/index`);
  await page.locator('.dev-accounts__item', { hasText: nickname }).click();
  await expect
    .poll(() => page.locator('.me-page:visible .account-card__nickname').textContent(), patient)
    .toBe(nickname);
  await page.locator('.login-page').waitFor({ state: 'detached', timeout: 15_000 });
  return page;
}

/**
 * How far the page runs past the phone's width: the root's overflow, the sideways scroll, and the
 * elements whose right edge passes the viewport (named, so that a failure says which).
 */
async function sidewaysOverflow(page: Page) {
  return page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const named = (e: Element) => `${e.tagName.toLowerCase()}.${String(e.className).split(' ')[0]}`;
    const wide = Array.from(document.querySelectorAll('body *'))
      .map((e) => ({ e, box: e.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && box.right > width + 1)
      .slice(0, 5)
      .map(({ e, box }) => `${named(e)} ${Math.round(box.left)}→${Math.round(box.right)}`);
    const scrolled = [root, document.body, ...Array.from(document.querySelectorAll('body *'))]
      .filter((e) => e.scrollLeft > 0)
      .map((e) => `${named(e)} scrollLeft ${e.scrollLeft}`);
    return { overflow: root.scrollWidth - width, scrollX: window.scrollX, wide, scrolled };
  });
}

beforeAll(async () => {
  const base = inject('apiBase');
  const response = await fetch(`${base}/auth/dev-accounts`);
  const accounts = ((await response.json()) as { accounts: DevAccount[] }).accounts;
  for (const [nickname, org] of [
    ['顾晓东', '大新镇工会'],
    ['李敏', '张家港市总工会'],
    ['陈刚', '苏州市总工会'],
  ] as const) {
    const account = accounts.find((a) => a.nickname === nickname);
    expect(account?.orgName, `seeded staff member ${nickname}`).toBe(org);
    const login = await fetch(`${base}/auth/dev-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: account!.userId }),
    });
    tokens[nickname] = ((await login.json()) as { token: string }).token;
  }
  // Warm the functions the pages call (serverless-offline starts each on its first call; on a busy
  // machine a cold one can take longer than the app waits). The actions go to an alert that does
  // not exist: 404, nothing written.
  const none = `/staff/hardship/alerts/ha_${'0'.repeat(32)}`;
  await Promise.all([
    ...['acknowledge', 'start', 'resolve', 'assign'].map((action) => post('李敏', `${none}/${action}`, {})),
    post('李敏', `${none}/comments`, {}),
    api('李敏', none),
    api('李敏', `${none}/assignees`),
    api('李敏', `/staff/hardship/files/hf_${'0'.repeat(32)}/visits`),
    api('顾晓东', '/staff/hardship/files?status=exited'),
    api('顾晓东', '/staff/hardship/alerts'),
    api('陈刚', '/staff/hardship/alerts/escalated'),
    api('李敏', '/staff/hardship/alerts/mine'),
    api('顾晓东', '/orgs'),
  ]);
}, 120_000);

afterEach(async (context) => {
  if (browser && context.task.result?.state === 'fail') {
    await screenshot(browser.page, `failed-${context.task.name.slice(0, 40)}`).catch(() => undefined);
  }
  await browser?.close();
  browser = undefined;
});

describe('H5: 预警 (hardship alerts)', () => {
  let fileId = '';
  let alertId = '';

  it('顾晓东 records a visit under 低保: the page says an alert was raised, and he acknowledges it', async () => {
    // Arrange: the demo household's file, found as staff would (已脱困 list)
    const files = await api<{ files: FileSummary[] }>('顾晓东', '/staff/hardship/files?status=exited');
    const file = files.body.files.find((f) => f.headName === headName);
    expect(file?.category, `demo household ${headName}`).toBe('relative');
    fileId = file!.id;
    const page = await signIn('顾晓东');
    await page.goto(`${inject('h5Url')}/#/staff/pages/index/index`);
    const entry = page.locator('.link-list__item--alerts:visible');
    await expect.poll(() => entry.textContent(), patient).toMatch(/\d+ 条预警待确认|暂无待确认的预警/);
    await entry.scrollIntoViewIfNeeded();
    await screenshot(page, 'h5-alerts-staff-home-phone');
    await page.goto(`${inject('h5Url')}/#/staff/pages/household/index?id=${fileId}`);
    const detail = page.locator('.household:visible');
    await detail.locator('.household__record').click();

    // Act: (18,000 − 3,600) ÷ 12 ÷ 3 = ¥400 a month, under 苏州's ¥1,140
    const visitForm = page.locator('.visit-form:visible');
    await visitForm.locator('.staff-field--income input').waitFor({ timeout: 20_000 });
    await visitForm.locator('.staff-field--income input').fill('18000');
    await visitForm.locator('.staff-field--spending input').fill('3600');
    expect(await visitForm.locator('.staff-field--householdSize input').inputValue()).toBe('3');
    await expect.poll(() => visitForm.locator('.per-capita__value').textContent(), patient).toBe('¥400/月');
    await visitForm.locator('.staff-field--risk .choice-chips__chip', { hasText: '高' }).click();
    await visitForm.locator('.staff-field--notes textarea').fill('户主再次失业，配偶患病。');
    await visitForm.locator('.visit-form__send').click();

    // Assert: the page says which alerts the visit raised
    const raised = page.locator('.visit-alerts:visible');
    const belowLine = raised.locator('.visit-alerts__alert', { hasText: '人均收入低于低保标准' });
    await expect.poll(() => belowLine.count(), patient).toBe(1);
    expect(await belowLine.textContent()).toContain('已触发预警：人均收入低于低保标准');
    await screenshot(page, 'h5-visit-alerts-raised-phone');
    alertId = (await belowLine.getAttribute('data-id')) ?? '';
    expect(alertId).toMatch(/^ha_[0-9a-f]{32}$/);

    // Act: open it
    await belowLine.click();
    const alert = page.locator('.alert-page:visible');
    await expect.poll(() => alert.locator('.alert-evidence').textContent(), patient).toContain('¥400.00');

    // Assert: the evidence in plain Chinese, the household masked
    const evidence = await alert.locator('.alert-evidence').textContent();
    expect(evidence).toMatch(/\d{4}-\d{2}-\d{2} 走访：人均月收入 ¥400\.00，低于低保标准 ¥1,140\.00/);
    const household = (await alert.locator('.alert-page__household').textContent()) ?? '';
    expect(household).toContain(headName);
    expect(household).toMatch(/3205\*{10}\d{3}[\dX]/);
    expect(household).not.toContain('示例路');
    expect(await alert.locator('.alert-page__header').textContent()).toContain('待确认');
    // Assert: once the router's 300 ms slide-in has ended (the page container is then
    // taro_page_stationed; until then it is translated right, by 77 px when this was written), it
    // fits the phone: no sideways overflow, not scrolled sideways from the visit page.
    await page.locator('.taro_page.taro_page_stationed', { has: alert }).waitFor({ timeout: 5_000 });
    expect(await sidewaysOverflow(page)).toStrictEqual({ overflow: 0, scrollX: 0, wide: [], scrolled: [] });
    await screenshot(page, 'h5-alert-detail-phone');

    // Act: 确认
    await alert.locator('.alert-page__acknowledge').click();

    // Assert
    await expect.poll(() => alert.locator('.alert-page__start').count(), patient).toBe(1);
    expect(await alert.locator('.alert-page__header').textContent()).toContain('已确认');
    const stored = await api<AlertView>('顾晓东', `/staff/hardship/alerts/${alertId}`);
    expect([stored.body.status, stored.body.assigneeName]).toStrictEqual(['acknowledged', '顾晓东']);
  }, 120_000);

  it('李敏 (张家港) sees the counts, takes the alert over with a reason, and resolves it by 重新建档', async () => {
    expect(alertId, 'the alert the first test raised').toMatch(/^ha_/);
    const page = await signIn('李敏');

    // Act: the queue, on the 已确认 tab
    await page.goto(`${inject('h5Url')}/#/staff/pages/alerts/index`);
    const queue = page.locator('.alerts-page:visible');
    await expect
      .poll(() => queue.locator('.alerts-page__tab--open').textContent(), patient)
      .toMatch(/^待确认 \d+$/);
    await screenshot(page, 'h5-alert-queue-phone');
    await queue.locator('.alerts-page__tab--acknowledged').click();
    const row = queue.locator(`.alert-row[data-id="${alertId}"]`);
    await expect.poll(() => row.count(), patient).toBe(1);

    // Assert: counts on each tab, the row by name and district only
    const tabs = await queue.locator('.alerts-page__tab').allTextContents();
    expect(tabs.map((t) => t.replace(/ \d+$/, ''))).toStrictEqual(['待确认', '已确认', '处理中', '已办结']);
    // The unresolved states are counted; 已办结 (which only grows) is not.
    expect(tabs.slice(0, 3).every((t) => /^\S+ \d+$/.test(t))).toBe(true);
    expect(tabs[3]).toBe('已办结');
    expect(Number(tabs[1]!.split(' ')[1])).toBeGreaterThanOrEqual(1);
    const rowText = await row.textContent();
    expect(rowText).toContain(`${headName} · 大新镇`);
    expect(rowText).toContain('处理人 顾晓东');
    await screenshot(page, 'h5-alert-queue-acknowledged-phone');

    // Act: 转派 to herself, with the reason
    await row.click();
    const alert = page.locator('.alert-page:visible');
    await alert.locator('.alert-page__assign').click();
    await alert.locator('.alert-form__person', { hasText: '李敏' }).click();
    await alert.locator('.staff-field--assignReason input').fill('镇工会人手紧张，由市总工会跟进');
    // Filling the reason can scroll the form's top under the title bar; show the whole form.
    await alert.locator('.alert-form--assign .alert-form__title').scrollIntoViewIfNeeded();
    await screenshot(page, 'h5-alert-assign-phone');
    await alert.locator('.alert-form--assign .alert-form__submit').click();
    await expect
      .poll(() => alert.locator('.alert-page__header').textContent(), patient)
      .toContain('处理人 李敏');
    expect(await alert.locator('.alert-page__history').textContent()).toContain(
      '原因：镇工会人手紧张，由市总工会跟进',
    );

    // Act: 开始处理, then 办结 with 重新建档 → 深度困难
    await alert.locator('.alert-page__start').click();
    await expect.poll(() => alert.locator('.alert-page__header').textContent(), patient).toContain('处理中');
    await alert.locator('.alert-page__resolve').click();
    const outcome = alert.locator('.alert-form--outcome');
    await outcome.locator('.staff-field--outcomeKind .choice-chips__chip', { hasText: '重新建档' }).click();
    await outcome.locator('.staff-field--category .choice-chips__chip', { hasText: '深度困难' }).click();
    await outcome
      .locator('.staff-field--outcomeNote textarea')
      .fill('户主再次失业，配偶患病，重新纳入深度困难。');
    await screenshot(page, 'h5-alert-resolve-form-phone');
    await outcome.locator('.alert-form__submit').click();

    // Assert: closed, and the file now 深度困难
    await expect
      .poll(() => alert.locator('.alert-page__outcome').textContent(), patient)
      .toContain('重新建档：深度困难');
    expect(await alert.locator('.alert-page__header').textContent()).toContain('已办结');
    await screenshot(page, 'h5-alert-resolved-phone');
    const stored = await api<AlertView>('李敏', `/staff/hardship/alerts/${alertId}`);
    expect([stored.body.status, stored.body.assigneeName, stored.body.outcome]).toStrictEqual([
      'resolved',
      '李敏',
      { kind: 'refiled', category: 'deep', note: '户主再次失业，配偶患病，重新纳入深度困难。' },
    ]);
    await alert.locator('.alert-page__link').click();
    const file = page.locator('.household:visible');
    await expect
      .poll(() => file.locator('.household-badges__badge--deep').first().textContent(), patient)
      .toBe('深度困难');
    expect(await file.locator('.household-badges__badge--relative').count()).toBe(0);
    // The page slides in (Taro's H5 router animates it): the picture after it has settled.
    await page.waitForTimeout(800);
    await screenshot(page, 'h5-alert-household-refiled-phone');
  }, 120_000);

  it('陈刚 (苏州) sees under 上级督办 the alert 张家港 let fall overdue, with who failed to act', async () => {
    // Arrange: what the API says is escalated to 苏州 (the demo data holds one, from 张家港)
    const escalated = await api<{ alerts: AlertView[] }>('陈刚', '/staff/hardship/alerts/escalated');
    expect(escalated.status).toBe(200);
    const first = escalated.body.alerts[0];
    expect(first?.escalation?.toOrgName, 'a demo alert escalated to 苏州').toBe('苏州市总工会');
    const page = await signIn('陈刚', devices.desktop);

    // Act
    await page.goto(`${inject('h5Url')}/#/staff/pages/index/index`);
    await page.locator('.link-list__item--escalated:visible').click();
    const list = page.locator('.escalated-alerts:visible');
    const row = list.locator(`.alert-row[data-id="${first!.id}"]`);
    await expect.poll(() => row.count(), patient).toBe(1);

    // Assert
    expect(await row.textContent()).toContain('已上报至苏州市总工会');
    await page.waitForTimeout(800); // the page slides in first
    await screenshot(page, 'h5-alerts-escalated-desktop');
    await row.click();
    const alert = page.locator('.alert-page:visible');
    await expect
      .poll(() => alert.locator('.alert-page__escalations').textContent(), patient)
      .toMatch(/\S+（张家港市总工会）未在 \d{4}-\d{2}-\d{2} 前处理，已上报至苏州市总工会/);
    await page.waitForTimeout(800); // the page slides in first
    await screenshot(page, 'h5-alert-escalated-detail-desktop');
  });
});
