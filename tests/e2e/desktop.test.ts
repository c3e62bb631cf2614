import type { Locator, Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { placeOfFile } from '../support/testPlaces';
import { devices, openBrowser, screenshot } from './browser';

interface DevAccount {
  userId: string;
  nickname: string;
  roles: string[];
  orgName: string | null;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const ZJG = '320000/320500/320582';
// The machine is shared with builds and servers; give the page time, but fail in the end.
const patient = { timeout: 20_000, interval: 100 };

let browser: Awaited<ReturnType<typeof openBrowser>> | undefined;
let accounts: DevAccount[];
let token: string;
let station: { id: string; name: string };
let reportId: string;

async function api<T>(method: string, route: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${inject('apiBase')}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

beforeAll(async () => {
  const base = inject('apiBase');
  const response = await fetch(`${base}/auth/dev-accounts`);
  const text = await response.text();
  expect(response.status, `GET /auth/dev-accounts answered ${text}`).toBe(200);
  accounts = (JSON.parse(text) as { accounts: DevAccount[] }).accounts;
  expect(accounts, `GET /auth/dev-accounts answered ${text}`).toBeInstanceOf(Array);
  const staff = accounts.find((a) => a.orgName === '张家港市总工会' && a.roles.includes('staff'));
  expect(staff, 'seeded staff member of 张家港市总工会').toBeDefined();
  const login = await fetch(`${base}/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: staff!.userId }),
  });
  token = ((await login.json()) as { token: string }).token;

  // A station and a report of our own, so the staff queue is never empty whatever ran before.
  const suffix = Math.random().toString(36).slice(2, 8);
  const created = await api<{ id: string; name: string }>('POST', '/staff/stations', {
    name: `宽屏测试驿站${suffix}`,
    address: '张家港市杨舍镇人民中路 99 号',
    district: '张家港市 杨舍镇',
    orgPath: ZJG,
    location: placeOfFile(import.meta.url),
    hostType: 'union',
    amenities: ['water', 'aircon'],
    hours: { alwaysOpen: true },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  station = created.body;
  const reported = await api<{ report: { problemId: string } }>('POST', `/stations/${station.id}/reports`, {
    kind: 'noWater',
    text: '饮水机坏了，整个下午都没有水',
    requestId: `e2e-${Math.random().toString(36).slice(2, 12)}`,
  });
  expect(reported.status, JSON.stringify(reported.body)).toBe(201);
  // The queue lists the problem the report opened.
  reportId = reported.body.report.problemId;
  // Warm the functions the pages call (serverless-offline starts each on its first call).
  await Promise.all([api('GET', '/me'), api('GET', '/staff/stations'), api('GET', '/staff/problems')]);
});

afterEach(async (context) => {
  if (!browser) return;
  if (context.task.result?.state === 'fail') {
    await screenshot(browser.page, `failed-${context.task.name.slice(0, 40)}`).catch(() => undefined);
  }
  await browser.close();
  browser = undefined;
});

/** Picks the demo account on the H5 login page; lands on 我的 once the login page has closed. */
async function signIn(page: Page, account: DevAccount): Promise<void> {
  await page.goto(`${inject('h5Url')}/#/pages/login/index`);
  await page.locator('.dev-accounts__item', { hasText: account.nickname }).click();
  await expect
    .poll(() => page.locator('.me-page:visible .account-card__nickname').textContent(), patient)
    .toBe(account.nickname);
  await page.locator('.login-page').waitFor({ state: 'detached', timeout: 15_000 });
}

async function box(locator: Locator): Promise<Box> {
  const found = await locator.boundingBox();
  expect(found, 'element has a box').not.toBeNull();
  return found!;
}

/** The boxes of every match, read in one go (one frame), so a moving page cannot skew them. */
function boxes(locator: Locator): Promise<Box[]> {
  return locator.evaluateAll((elements) =>
    elements.map((element) => {
      const { x, y, width, height } = element.getBoundingClientRect();
      return { x, y, width, height };
    }),
  );
}

/** Waits out a page's slide-in (Taro animates each opened page): the box stops moving. */
async function settled(locator: Locator): Promise<void> {
  let last = '';
  await expect
    .poll(
      async () => {
        const now = JSON.stringify(await locator.boundingBox());
        const still = now === last;
        last = now;
        return still;
      },
      { timeout: 20_000, interval: 200 },
    )
    .toBe(true);
}

const rootFontPx = (page: Page) =>
  page.evaluate(() => Number.parseFloat(getComputedStyle(document.documentElement).fontSize));

/** The navigation title's box, and whether its text overflows that box (a clipped title does). */
function navTitle(page: Page) {
  return page.evaluate(() => {
    const title = document.querySelector<HTMLElement>('#taro-navigation-bar .taro-navigation-bar-title');
    if (!title) return null;
    const rect = title.getBoundingClientRect();
    return {
      text: title.textContent,
      top: rect.top,
      bottom: rect.bottom,
      left: rect.left,
      right: rect.right,
      clipped: title.scrollHeight > title.clientHeight + 1 || title.scrollWidth > title.clientWidth + 1,
    };
  });
}

/** A bar fully inside the window, its title not cut. */
async function expectReadableTitle(page: Page, text: string): Promise<void> {
  await expect.poll(async () => (await navTitle(page))?.text, patient).toBe(text);
  const title = (await navTitle(page))!;
  const { width, height } = page.viewportSize()!;
  expect(title.top).toBeGreaterThanOrEqual(0);
  expect(title.left).toBeGreaterThanOrEqual(0);
  expect(title.bottom).toBeLessThanOrEqual(height);
  expect(title.right).toBeLessThanOrEqual(width);
  expect(title.clipped, `title “${text}” is cut`).toBe(false);
}

/** Centred in the window within a pixel or two, once a page's slide-in has ended. */
async function expectCentred(locator: Locator, windowWidth: number): Promise<void> {
  await expect
    .poll(async () => {
      const element = await box(locator);
      return Math.abs(element.x + element.width / 2 - windowWidth / 2);
    }, patient)
    .toBeLessThanOrEqual(2);
}

/** Each box starts right of the previous one and shares its line (the boxes overlap vertically). */
function expectSideBySide(boxes: Box[]): void {
  expect(boxes.length).toBeGreaterThan(2);
  for (let i = 1; i < boxes.length; i++) {
    const [before, box] = [boxes[i - 1]!, boxes[i]!];
    expect(box.x).toBeGreaterThanOrEqual(before.x + before.width - 1);
    expect(box.y).toBeLessThan(before.y + before.height);
    expect(before.y).toBeLessThan(box.y + box.height);
  }
}

describe('H5 on a desktop browser (1280 × 800)', () => {
  it('keeps worker pages in a centred phone-width column with phone-size text and a readable title', async () => {
    // Arrange
    const worker = accounts.find((account) => account.roles.every((role) => role === 'worker'));
    expect(worker, 'a seeded worker').toBeDefined();
    browser = await openBrowser(devices.desktop);
    const { page } = browser;

    // Act
    await signIn(page, worker!);

    // Assert: 我的. Taro's own sizing would give a 40 px root here, twice a phone's.
    expect(await rootFontPx(page)).toBeLessThanOrEqual(22);
    await expectCentred(page.locator('.me-page:visible'), 1280);
    const me = await box(page.locator('.me-page:visible'));
    expect(me.width).toBeGreaterThanOrEqual(480);
    expect(me.width).toBeLessThanOrEqual(560);
    await expectCentred(page.locator('.taro-tabbar__tabbar'), 1280);
    const tabBar = await box(page.locator('.taro-tabbar__tabbar'));
    expect(Math.abs(tabBar.width - me.width)).toBeLessThanOrEqual(2);
    await expectReadableTitle(page, '我的');
    await screenshot(page, 'desktop-me-worker');

    // 驿站 (no location in this browser: search by a place's name), then one station's page.
    await page.locator('.taro-tabbar__tabbar').getByText('驿站').click();
    const stations = page.locator('.stations-page:visible');
    await stations.locator('.station-search__input input').fill('杨舍');
    await stations.locator('taro-button-core', { hasText: '搜索' }).click();
    await expect.poll(() => stations.locator('.station-row').count(), patient).toBeGreaterThan(2);
    await expectCentred(stations, 1280);
    expect((await box(stations)).width).toBeLessThanOrEqual(560);
    await expectReadableTitle(page, '搜索“杨舍”');
    await screenshot(page, 'desktop-stations');

    await stations.locator('.station-row').first().click();
    const detail = page.locator('.station-page:visible');
    await detail.locator('.station-page__name').waitFor({ timeout: 20_000 });
    await expectCentred(detail, 1280);
    expect((await box(detail)).width).toBeLessThanOrEqual(560);
    await expectReadableTitle(page, '驿站详情');
    await screenshot(page, 'desktop-station-detail');
  });

  it('shows staff lists as tables with the selected station or report beside them', async () => {
    // Arrange
    const staff = accounts.find((a) => a.orgName === '张家港市总工会' && a.roles.includes('staff'))!;
    browser = await openBrowser(devices.desktop);
    const { page } = browser;
    await signIn(page, staff);
    await page.locator('.me-page:visible .link-list__item--staff').click();
    await page.locator('.staff-page:visible .link-list__item--stations').waitFor({ timeout: 20_000 });
    await expectReadableTitle(page, '工会工作台');
    await screenshot(page, 'desktop-staff-home');

    // Act: 我的驿站.
    await page.goto(`${inject('h5Url')}/#/staff/pages/stations/index`);

    // Assert: a table whose header and rows hold five columns side by side…
    const screen = page.locator('.staff-stations:visible');
    const table = screen.locator('.staff-station-table');
    const rows = table.locator('.data-table__row:not(.data-table__row--head)');
    await expect.poll(() => rows.count(), patient).toBeGreaterThan(2);
    await settled(screen);
    const head = table.locator('.data-table__row--head .data-table__cell');
    expect(await head.allTextContents()).toStrictEqual([
      '驿站',
      '区域',
      '开放状态',
      '核实情况',
      '待处理问题',
    ]);
    expectSideBySide(await boxes(head));
    expectSideBySide(await boxes(rows.nth(1).locator('.data-table__cell')));
    // …with the selected station's card (and its actions) beside the table, not under it.
    const side = screen.locator('.split-view__side .staff-station');
    const [tableBox, sideBox] = await boxes(
      screen.locator('.staff-station-table, .split-view__side .staff-station'),
    );
    expect(tableBox && sideBox, 'the table and the card beside it').toBeTruthy();
    expect(sideBox!.x).toBeGreaterThanOrEqual(tableBox!.x + tableBox!.width);
    expect(sideBox!.y).toBeLessThan(tableBox!.y + tableBox!.height);
    expect((await box(screen)).width).toBeGreaterThan(1000);
    expect(await rootFontPx(page)).toBeLessThanOrEqual(22);

    // Picking a row shows that station beside the table.
    const second = rows.nth(1);
    const secondId = await second.getAttribute('data-id');
    await second.click();
    await expect.poll(() => side.getAttribute('data-id'), patient).toBe(secondId);
    expect(await second.getAttribute('class')).toContain('data-table__row--selected');
    expect(await side.locator('taro-button-core', { hasText: '编辑' }).isVisible()).toBe(true);
    await expectReadableTitle(page, '我的驿站');
    await screenshot(page, 'desktop-staff-stations');

    // A search that finds one station shows it beside the table without a tap.
    await screen.locator('.staff-stations__search-input input').fill(station.name);
    await screen.locator('taro-button-core', { hasText: '搜索' }).click();
    await expect.poll(() => rows.count(), patient).toBe(1);
    await expect.poll(() => side.getAttribute('data-id'), patient).toBe(station.id);

    // 问题处理: the queue as a table, the report's card with 受理 beside it.
    await page.goto(`${inject('h5Url')}/#/staff/pages/reports/index`);
    const queue = page.locator('.staff-reports:visible');
    const reportRow = queue.locator(`.staff-report-table .data-table__row[data-id="${reportId}"]`);
    await expect.poll(() => reportRow.isVisible(), patient).toBe(true);
    await settled(queue);
    expect(
      await queue.locator('.staff-report-table .data-table__row--head .data-table__cell').allTextContents(),
    ).toStrictEqual(['驿站', '问题', '反映人数', '最新描述', '最新反映']);
    expectSideBySide(await boxes(reportRow.locator('.data-table__cell')));
    await reportRow.click();
    const card = queue.locator(`.split-view__side .staff-report[data-id="${reportId}"]`);
    await expect.poll(() => card.isVisible(), patient).toBe(true);
    const [queueBox, cardBox] = await boxes(
      queue.locator(`.staff-report-table, .split-view__side .staff-report[data-id="${reportId}"]`),
    );
    expect(cardBox!.x).toBeGreaterThanOrEqual(queueBox!.x + queueBox!.width);
    expect(await card.locator('taro-button-core', { hasText: '受理' }).isVisible()).toBe(true);
    await screenshot(page, 'desktop-staff-reports');

    // 编辑驿站: a form column with its save bar under the form, not across the window.
    await page.goto(`${inject('h5Url')}/#/staff/pages/edit/index?id=${station.id}`);
    const form = page.locator('.station-edit:visible');
    await expect
      .poll(() => form.locator('.staff-field--name input').inputValue(), patient)
      .toBe(station.name);
    await expectCentred(form, 1280);
    const [formBox, bar] = await boxes(page.locator('.station-edit:visible, .station-edit__bar:visible'));
    expect(formBox!.width).toBeLessThan(900);
    expect(Math.abs(bar!.x - formBox!.x)).toBeLessThanOrEqual(2);
    expect(Math.abs(bar!.width - formBox!.width)).toBeLessThanOrEqual(2);
    await expectReadableTitle(page, '编辑驿站');
    await screenshot(page, 'desktop-staff-edit');
  });
});

describe('H5 on a phone (390 × 844)', () => {
  it('keeps the phone layout: Taro’s root size, full-width pages and cards, no tables', async () => {
    // Arrange
    const staff = accounts.find((a) => a.orgName === '张家港市总工会' && a.roles.includes('staff'))!;
    browser = await openBrowser(devices.phone);
    const { page } = browser;

    // Act
    await signIn(page, staff);
    await page.goto(`${inject('h5Url')}/#/staff/pages/stations/index`);

    // Assert: 40 × 390 / 750, as before the desktop layout existed.
    expect(await rootFontPx(page)).toBeCloseTo(20.8, 1);
    const screen = page.locator('.staff-stations:visible');
    await expect.poll(() => screen.locator('.staff-station').count(), patient).toBeGreaterThan(2);
    expect(await screen.locator('.data-table').count()).toBe(0);
    expect(await page.locator('.split-view').count()).toBe(0);
    expect((await box(screen)).width).toBe(390);
    await expectReadableTitle(page, '我的驿站');
    await screenshot(page, 'phone-staff-stations');
  });
});
