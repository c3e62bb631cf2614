import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { devices, openBrowser, screenshot } from './browser';

interface DevAccount {
  userId: string;
  nickname: string;
  roles: string[];
  orgName: string | null;
}

interface Signup {
  id: string;
  siteName: string;
  status: string;
  orgPath: string;
  contactPhoneMasked: string;
  preferredDates: string[];
}

interface Task {
  id: string;
  worksiteSignupId: string;
  volunteerName: string;
  date: string;
  slot: string;
  status: string;
}

const CAMPAIGN = 'cp_demo0zjgthis';
const DAXIN = '320000/320500/320582/daxin';
// The machine is shared with builds and servers; give the page time, but fail in the end.
const patient = { timeout: 20_000, interval: 100 };

/** A Shanghai calendar date `days` from today (the demo data counts its days the same way). */
const shanghaiDate = (days: number) =>
  new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
/** 2025-07-03 → 7月3日, as the pages write a date. */
const monthDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

// 赵磊 is free on every half day of the next 14 days except tomorrow morning and the afternoon in
// three days (the demo tasks); five days on, in the morning, he is free.
const taskDate = shanghaiDate(5);
const siteName = `测试快递驿点${Math.random().toString(36).slice(2, 8)}`;

const accounts = new Map<string, DevAccount>();
const tokens = new Map<string, string>();
let browser: Awaited<ReturnType<typeof openBrowser>> | undefined;
/** Filled by each step in turn: the flow is one story, told by the people in it. */
let signup: Signup | undefined;

async function api<T>(who: string, route: string): Promise<T> {
  const response = await fetch(`${inject('apiBase')}${route}`, {
    headers: { authorization: `Bearer ${tokens.get(who)}` },
  });
  const text = await response.text();
  expect(response.status, `GET ${route} answered ${text}`).toBe(200);
  return JSON.parse(text) as T;
}

const mySignups = async () =>
  (await api<{ signups: Signup[] }>('张小伟（快递员）', '/me/worksite-signups')).signups.filter(
    (s) => s.siteName === siteName,
  );

/** Signs in on the H5 login page by picking the demo account; lands on 我的. */
async function signIn(page: Page, nickname: string): Promise<void> {
  await page.goto(`${inject('h5Url')}/#/pages/login/index`);
  await page.locator('.dev-accounts__item', { hasText: nickname }).click();
  await expect
    .poll(() => page.locator('.me-page:visible .account-card__nickname').textContent(), patient)
    .toBe(nickname);
  await page.locator('.login-page').waitFor({ state: 'detached', timeout: 15_000 });
}

/** Waits until the page's slide-in has ended (its left edge is at 0) and no toast covers it. */
async function settled(page: Page, selector: string): Promise<void> {
  await expect.poll(async () => (await page.locator(selector).boundingBox())?.x, patient).toBe(0);
  // Taro's toast box has no size of its own (its content is fixed), so ask for its display.
  const toastsGone = () =>
    page
      .locator('.taro__toast')
      .evaluateAll((nodes) => nodes.every((node) => (node as HTMLElement).style.display === 'none'));
  await expect.poll(toastsGone, patient).toBe(true);
}

async function open(nickname: string, device = devices.phone): Promise<Page> {
  browser = await openBrowser(device);
  browser.page.on('pageerror', (error) => console.log(`[browser] ${error.message}`));
  await signIn(browser.page, nickname);
  return browser.page;
}

beforeAll(async () => {
  const base = inject('apiBase');
  const response = await fetch(`${base}/auth/dev-accounts`);
  const text = await response.text();
  expect(response.status, `GET /auth/dev-accounts answered ${text}`).toBe(200);
  for (const account of (JSON.parse(text) as { accounts: DevAccount[] }).accounts)
    accounts.set(account.nickname, account);
  for (const nickname of ['张小伟（快递员）', '李敏', '赵磊']) {
    const account = accounts.get(nickname);
    expect(account, `seeded demo account ${nickname}`).toBeDefined();
    const login = await fetch(`${base}/auth/dev-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: account!.userId }),
    });
    tokens.set(nickname, ((await login.json()) as { token: string }).token);
  }
  expect(accounts.get('李敏')!.orgName).toBe('张家港市总工会');
  // Warm the functions the pages call (serverless-offline starts each on its first call).
  await Promise.all([
    api('张小伟（快递员）', '/me'),
    api('张小伟（快递员）', `/campaigns/${CAMPAIGN}`),
    api('张小伟（快递员）', '/districts'),
    mySignups(),
    api('李敏', `/campaigns/${CAMPAIGN}`),
    api('李敏', '/orgs'),
    api('李敏', `/staff/campaigns/${CAMPAIGN}/worksite-signups?status=pending`),
    api('李敏', `/staff/campaigns/${CAMPAIGN}/volunteer-signups?status=approved`),
    api('李敏', `/staff/campaigns/${CAMPAIGN}/assignments?date=${taskDate}`),
    api('赵磊', '/me/assignments'),
  ]);
}, 120_000);

afterEach(async (context) => {
  if (browser && context.task.result?.state === 'fail') {
    await screenshot(browser.page, `failed-${context.task.name.slice(0, 40)}`).catch(() => undefined);
  }
  await browser?.close();
  browser = undefined;
});

describe('H5: summer outreach, from a worksite’s sign-up to the volunteer’s accepted task', () => {
  it('a courier signs his site up; a bad phone is shown under the field and nothing is sent', async () => {
    // Arrange
    const page = await open('张小伟（快递员）');
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && request.url().includes('/worksite-signups'))
        posts.push(request.url());
    });
    await page.goto(`${inject('h5Url')}/#/outreach/pages/signup/index?campaign=${CAMPAIGN}`);
    const form = page.locator('.signup-page:visible');
    await form.locator('.staff-field--siteName input').waitFor({ timeout: 20_000 });
    expect(await form.locator('.signup-form__campaign').textContent()).toContain('张家港市夏季安康');

    // Act: every field filled, the phone one digit short.
    await form.locator('.staff-field--siteName input').fill(siteName);
    await form.locator('.district-picker__item', { hasText: '大新镇' }).click();
    await form.locator('.staff-field--address input').fill('张家港市大新镇新港路 8 号');
    await form.locator('.staff-field--outdoorWorkers input').fill('25');
    await form.locator('.staff-field--highTempWorkers input').fill('12');
    await form.locator('.staff-field--workerGroups .choice-chips__chip', { hasText: '快递员' }).click();
    const kinds = form.locator('.staff-field--requested');
    await kinds.locator('.choice-chips__chip', { hasText: '送清凉' }).click();
    await kinds.locator('.signup-kinds__items--cool .choice-chips__chip', { hasText: '矿泉水' }).click();
    await form.locator('.signup-dates__chip', { hasText: monthDay(taskDate) }).click();
    await form.locator('.staff-field--contactName input').fill('张小伟');
    await form.locator('.staff-field--contactPhone input').fill('1381234567');
    await form.locator('.signup-form__campaign').scrollIntoViewIfNeeded();
    await screenshot(page, 'h5-outreach-signup-form');
    await form.locator('.signup-form__submit-button').click();

    // Assert: the phone's message under it, the rest untouched, nothing sent or stored.
    const phoneError = form.locator('.staff-field--contactPhone .staff-field__error');
    await expect.poll(() => phoneError.textContent(), patient).toContain('联系电话格式不正确');
    expect(await form.locator('.staff-field__error').count()).toBe(1);
    expect(await form.locator('.signup-form__check').textContent()).toContain('有 1 处需要修改');
    await phoneError.scrollIntoViewIfNeeded();
    await screenshot(page, 'h5-outreach-signup-bad-phone');
    expect(posts).toStrictEqual([]);
    expect(await mySignups()).toStrictEqual([]);

    // Act: the number corrected, sent.
    await form.locator('.staff-field--contactPhone input').fill('13812345678');
    expect(await phoneError.count()).toBe(0);
    await form.locator('.signup-form__submit-button').click();

    // Assert: 待审核, stored once, the phone masked to the applicant.
    const done = page.locator('.signup-page:visible .state-view__title');
    await expect.poll(() => done.textContent(), patient).toBe('报名已提交，待审核');
    await screenshot(page, 'h5-outreach-signup-done');
    const stored = await mySignups();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      status: 'pending',
      orgPath: DAXIN,
      preferredDates: [taskDate],
      contactPhoneMasked: '138****5678',
    });
    expect(posts).toHaveLength(1);
    signup = stored[0];
  });

  it('李敏 of 张家港市总工会 finds the site among 待审核 and approves it', async () => {
    // Arrange
    expect(signup, 'the sign-up of the step before').toBeDefined();
    const page = await open('李敏', devices.desktop);
    await page.goto(`${inject('h5Url')}/#/staff/pages/review/index?campaign=${CAMPAIGN}`);
    const review = page.locator('.staff-review:visible');
    const row = review.locator(`.data-table__row[data-id="${signup!.id}"]`);
    await expect.poll(() => row.isVisible(), patient).toBe(true);
    expect(await row.textContent()).toContain('张家港市 › 大新镇');

    // Act: the row selected, its card's 通过, confirmed.
    await row.click();
    const card = review.locator(`.staff-signup[data-id="${signup!.id}"]`);
    await expect.poll(() => card.locator('.staff-signup__name').textContent(), patient).toBe(siteName);
    expect(await card.textContent()).toContain('138****5678');
    await screenshot(page, 'h5-outreach-review-pending');
    await card.locator('.staff-signup__approve').click();
    const dialog = page.locator('.staff-campaign-dialog:visible');
    await expect.poll(() => dialog.textContent(), patient).toContain(`通过后可为“${siteName}”分配志愿者送达`);
    await screenshot(page, 'h5-outreach-review-confirm');
    await dialog.locator('.nut-dialog-footer-ok').click();

    // Assert: out of 待审核, under 已通过, approved on the server.
    await expect.poll(() => row.count(), patient).toBe(0);
    await review.locator('.staff-review__filter .choice-chips__chip', { hasText: '已通过' }).click();
    await expect.poll(() => row.isVisible(), patient).toBe(true);
    await settled(page, '.staff-review:visible');
    await screenshot(page, 'h5-outreach-review-approved');
    expect((await mySignups()).map((s) => s.status)).toStrictEqual(['approved']);
  });

  it('李敏 assigns the site to 赵磊 on the board for a morning he is free', async () => {
    // Arrange
    expect(signup, 'the sign-up of the first step').toBeDefined();
    const page = await open('李敏', devices.desktop);
    await page.goto(`${inject('h5Url')}/#/staff/pages/board/index?campaign=${CAMPAIGN}&date=${taskDate}`);
    const board = page.locator('.staff-board:visible');
    await expect
      .poll(() => board.locator('.staff-board__date').textContent(), patient)
      .toContain(monthDay(taskDate));
    await screenshot(page, 'h5-outreach-board-before');

    // Act: 分配任务 → 上午 (the default) → the site → 赵磊 → 确认分配.
    await board.locator('taro-button-core', { hasText: '分配任务' }).click();
    const picker = page.locator('.staff-assignment-picker:visible');
    const site = picker.locator(`.staff-assignment-picker__row[data-id="${signup!.id}"]`);
    await expect.poll(() => site.isVisible(), patient).toBe(true);
    expect(await picker.locator('.staff-assignment-picker__title').textContent()).toContain('上午');
    await site.click();
    const zhao = picker.locator('.staff-assignment-picker__row', { hasText: '赵磊' });
    await expect.poll(() => zhao.isVisible(), patient).toBe(true);
    await zhao.click();
    await expect.poll(() => zhao.getAttribute('class'), patient).toContain('row--on');
    await screenshot(page, 'h5-outreach-board-picker');
    await picker.locator('.staff-assignment-picker__confirm').click();

    // Assert: on the board under 上午, waiting for 赵磊's answer; one task on the server.
    const card = page.locator('.staff-board:visible .staff-board__slot--am .staff-assignment', {
      hasText: siteName,
    });
    await expect.poll(() => card.isVisible(), patient).toBe(true);
    expect(await card.locator('.staff-assignment__status').textContent()).toBe('待确认');
    expect(await card.locator('.staff-assignment__volunteer').textContent()).toBe('志愿者：赵磊');
    await settled(page, '.staff-board:visible');
    await screenshot(page, 'h5-outreach-board-assigned');
    const { assignments } = await api<{ assignments: Task[] }>(
      '李敏',
      `/staff/campaigns/${CAMPAIGN}/assignments?date=${taskDate}`,
    );
    const ours = assignments.filter((task) => task.worksiteSignupId === signup!.id);
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatchObject({ volunteerName: '赵磊', date: taskDate, slot: 'am', status: 'assigned' });
  });

  it('赵磊 sees the site in 我的任务, opens it and accepts', async () => {
    // Arrange
    expect(signup, 'the sign-up of the first step').toBeDefined();
    const page = await open('赵磊');
    // Standing in 杨舍, so the demo sites (which have a map position) show how far they are.
    await browser!.context.grantPermissions(['geolocation']);
    await browser!.context.setGeolocation({ latitude: 31.87, longitude: 120.55 });
    await page.goto(`${inject('h5Url')}/#/volunteer/pages/index/index`);
    const row = page.locator('.volunteer-page:visible .volunteer-task', { hasText: siteName });
    await expect.poll(() => row.isVisible(), patient).toBe(true);
    expect(await row.locator('.volunteer-task__when').textContent()).toContain(`${monthDay(taskDate)}`);
    expect(await row.locator('.volunteer-task__status').textContent()).toBe('待确认');
    expect(await row.locator('.volunteer-task__address').textContent()).toBe('张家港市大新镇新港路 8 号');
    await screenshot(page, 'h5-outreach-volunteer-tasks');

    // Act
    await row.click();
    const detail = page.locator('.volunteer-task-page:visible');
    await expect
      .poll(() => detail.locator('.volunteer-task-page__name').textContent(), patient)
      .toBe(siteName);
    expect(await detail.textContent()).toContain('矿泉水');
    // Signed up on the web (no map pick): a map search by address instead of a point.
    expect(await detail.locator('.station-actions__navigate-link').getAttribute('href')).toBe(
      `https://uri.amap.com/search?keyword=${encodeURIComponent('张家港市大新镇新港路 8 号')}&callnative=1`,
    );
    await settled(page, '.volunteer-task-page:visible');
    await screenshot(page, 'h5-outreach-volunteer-task');
    await detail.locator('.volunteer-task-page__accept').click();

    // Assert: 已接受 on the page and on the server, the answer buttons gone.
    await expect
      .poll(() => detail.locator('.volunteer-task-page__status').textContent(), patient)
      .toBe('已接受');
    expect(await detail.locator('.volunteer-task-page__accept').count()).toBe(0);
    await settled(page, '.volunteer-task-page:visible');
    await screenshot(page, 'h5-outreach-volunteer-accepted');
    const { assignments } = await api<{ assignments: Task[] }>('赵磊', '/me/assignments');
    const ours = assignments.filter((task) => task.worksiteSignupId === signup!.id);
    expect(ours.map((task) => task.status)).toStrictEqual(['accepted']);
  });
});
