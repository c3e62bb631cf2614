import type { Page } from 'playwright-core';
import { afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { placeOfFile } from '../support/testPlaces';
import { openBrowser, screenshot } from './browser';

interface DevAccount {
  userId: string;
  nickname: string;
  roles: string[];
  orgName: string | null;
}

interface Station {
  id: string;
  name: string;
  version: number;
  hours: { alwaysOpen: boolean; weekly: { day: number; open: string; close: string }[] };
}

const ZJG = '320000/320500/320582';
// The machine is shared with builds and servers; give the page time, but fail in the end.
const patient = { timeout: 20_000, interval: 100 };

let browser: Awaited<ReturnType<typeof openBrowser>>;
let staff: DevAccount;
let token: string;

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

/** A fresh station under 张家港 made through the API, so each test edits one nobody else touches. */
async function createTestStation(label: string): Promise<Station> {
  const suffix = Math.random().toString(36).slice(2, 8);
  const created = await api<Station>('POST', '/staff/stations', {
    name: `测试驿站${label}${suffix}`,
    address: '张家港市杨舍镇人民中路 88 号',
    district: '张家港市 杨舍镇',
    orgPath: ZJG,
    location: placeOfFile(import.meta.url),
    hostType: 'union',
    amenities: ['water', 'toilet'],
    hours: { weekly: [1, 2, 3, 4, 5].map((day) => ({ day, open: '08:00', close: '18:00' })) },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

/** Signs in on the H5 login page by picking the demo account; lands on 我的. */
async function signIn(page: Page, account: DevAccount): Promise<void> {
  await page.goto(`${inject('h5Url')}/#/pages/login/index`);
  await page.locator('.dev-accounts__item', { hasText: account.nickname }).click();
  await expect
    .poll(() => page.locator('.me-page:visible .account-card__nickname').textContent(), patient)
    .toBe(account.nickname);
  await page.locator('.login-page').waitFor({ state: 'detached', timeout: 15_000 });
}

async function openEditPage(page: Page, id: string): Promise<void> {
  await page.goto(`${inject('h5Url')}/#/staff/pages/edit/index?id=${id}`);
  await page.locator('.station-edit:visible .staff-field--name input').waitFor({ timeout: 20_000 });
}

beforeAll(async () => {
  const base = inject('apiBase');
  const response = await fetch(`${base}/auth/dev-accounts`);
  const text = await response.text();
  expect(response.status, `GET /auth/dev-accounts answered ${text}`).toBe(200);
  const accounts = JSON.parse(text) as { accounts: DevAccount[] };
  expect(accounts.accounts, `GET /auth/dev-accounts answered ${text}`).toBeInstanceOf(Array);
  const found = accounts.accounts.find((a) => a.orgName === '张家港市总工会' && a.roles.includes('staff'));
  expect(found, 'seeded staff member of 张家港市总工会 (李敏)').toBeDefined();
  staff = found!;
  const login = await fetch(`${base}/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: staff.userId }),
  });
  token = ((await login.json()) as { token: string }).token;
  // Warm the functions the pages call (serverless-offline starts each on its first call).
  await Promise.all([
    api('GET', '/me'),
    api('GET', '/orgs'),
    api('GET', '/staff/stations'),
    api('GET', '/staff/problems'),
  ]);
});

beforeEach(async () => {
  browser = await openBrowser();
  browser.page.on('pageerror', (error) => console.log(`[browser] ${error.message}`));
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') {
    await screenshot(browser.page, `failed-${context.task.name.slice(0, 40)}`).catch(() => undefined);
  }
  await browser.close();
});

describe('H5: staff station management', () => {
  it('edits a station’s name and hours from 我的驿站 and workers see the new name', async () => {
    // Arrange
    const station = await createTestStation('编辑');
    const { page } = browser;
    await signIn(page, staff);

    // Act: 我的 → 工会工作台 → 我的驿站 → search → 编辑.
    await page.locator('.me-page:visible .link-list__item--staff').click();
    const home = page.locator('.staff-page:visible');
    await expect.poll(() => home.locator('.link-list__item--stations').isVisible(), patient).toBe(true);
    await settled(page, '.staff-page:visible');
    await screenshot(page, 'h5-staff-home');
    await home.locator('.link-list__item--stations').click();
    const list = page.locator('.staff-stations:visible');
    await list.locator('.staff-stations__search-input input').fill(station.name);
    await list.locator('taro-button-core', { hasText: '搜索' }).click();
    const row = list.locator(`.staff-station[data-id="${station.id}"]`);
    await expect.poll(() => row.isVisible(), patient).toBe(true);
    expect(await row.textContent()).toContain('尚未核实');
    await expect.poll(() => list.locator('.staff-station').count(), patient).toBe(1);
    await list.locator('.staff-stations__filters').scrollIntoViewIfNeeded();
    await screenshot(page, 'h5-staff-stations');
    await row.locator('taro-button-core', { hasText: '编辑' }).click();

    const form = page.locator('.station-edit:visible');
    const nameInput = form.locator('.staff-field--name input');
    await expect.poll(() => nameInput.inputValue(), patient).toBe(station.name);
    const newName = `${station.name}（已更名）`;
    await nameInput.fill(newName);
    await form.locator('.staff-field--weekly textarea').fill('每天 07:00-21:00');
    // The week preview follows the text as it is typed.
    await expect.poll(() => form.locator('.staff-hours').textContent(), patient).toContain('07:00–21:00');
    await form.locator('.staff-hours').scrollIntoViewIfNeeded();
    await screenshot(page, 'h5-staff-edit');
    await form.locator('.station-edit__save').click();

    // Assert: saved as version 2, on the server and for workers.
    await expect.poll(() => form.locator('.station-edit__saved').textContent(), patient).toContain('第 2 版');
    const managed = await api<Station>('GET', `/staff/stations/${station.id}`);
    expect(managed.body.name).toBe(newName);
    expect(managed.body.version).toBe(2);
    expect(managed.body.hours.weekly).toHaveLength(7);
    expect(managed.body.hours.weekly[0]).toStrictEqual({ day: 1, open: '07:00', close: '21:00' });

    const publicView = await fetch(`${inject('apiBase')}/stations/${station.id}`);
    expect(publicView.status).toBe(200);
    expect(((await publicView.json()) as Station).name).toBe(newName);

    // A worker (no sign-in) sees the new name on the station's detail page.
    const worker = await openBrowser();
    try {
      await worker.page.goto(`${inject('h5Url')}/#/pages/station/index?id=${station.id}`);
      await expect.poll(() => worker.page.getByText(newName).first().isVisible(), patient).toBe(true);
      await screenshot(worker.page, 'h5-worker-station-renamed');
    } finally {
      await worker.close();
    }
  });

  it('shows 数据已被他人修改 when someone saved first, and 刷新 loads their version', async () => {
    // Arrange: the form loads version 1, then a colleague saves through the API.
    const station = await createTestStation('冲突');
    const { page } = browser;
    await signIn(page, staff);
    await openEditPage(page, station.id);
    const form = page.locator('.station-edit:visible');
    const theirs = `${station.name}（他人修改）`;
    const {
      name: _name,
      version,
      ...rest
    } = (await api<Station & Record<string, unknown>>('GET', `/staff/stations/${station.id}`)).body;
    const colleague = await api<Station>('PUT', `/staff/stations/${station.id}`, {
      name: theirs,
      version,
      ...pickDraft(rest),
    });
    expect(colleague.status, JSON.stringify(colleague.body)).toBe(200);

    // Act
    await form.locator('.staff-field--name input').fill(`${station.name}（我的修改）`);
    await form.locator('.station-edit__save').click();

    // Assert: nothing overwritten; the message and 刷新 show, and 刷新 brings their name.
    const notice = form.locator('.staff-notice--conflict');
    await expect.poll(() => notice.textContent(), patient).toContain('数据已被他人修改');
    await screenshot(page, 'h5-staff-edit-conflict');
    expect((await api<Station>('GET', `/staff/stations/${station.id}`)).body.name).toBe(theirs);
    await notice.locator('taro-button-core', { hasText: '刷新' }).click();
    await expect.poll(() => form.locator('.staff-field--name input').inputValue(), patient).toBe(theirs);
    expect(await notice.isVisible()).toBe(false);
  });

  it('pauses a station with a reason from 我的驿站, then reopens it', async () => {
    // Arrange
    const station = await createTestStation('暂停');
    const { page } = browser;
    await signIn(page, staff);
    await page.goto(`${inject('h5Url')}/#/staff/pages/stations/index`);
    const list = page.locator('.staff-stations:visible');
    await list.locator('.staff-stations__search-input input').fill(station.name);
    await list.locator('taro-button-core', { hasText: '搜索' }).click();
    const row = list.locator(`.staff-station[data-id="${station.id}"]`);
    await expect.poll(() => row.isVisible(), patient).toBe(true);

    // Act: 暂停开放 without a reason is refused; with one it pauses.
    await row.locator('taro-button-core', { hasText: '暂停开放' }).click();
    const dialog = page.locator('.staff-pause:visible');
    await expect.poll(() => dialog.isVisible(), patient).toBe(true);
    await page.locator('.staff-pause:visible .nut-dialog-footer-ok').click();
    await expect
      .poll(() => dialog.locator('.staff-field__error').textContent(), patient)
      .toBe('请填写暂停原因');
    await dialog.locator('.staff-field--reason input').fill('设备检修');
    await screenshot(page, 'h5-staff-pause-dialog');
    await page.locator('.staff-pause:visible .nut-dialog-footer-ok').click();

    // Assert
    await expect
      .poll(() => row.locator('.staff-station__status').textContent(), patient)
      .toBe('暂停开放：设备检修');
    const paused = await api<{ status: { state: string; reason?: string } }>(
      'GET',
      `/staff/stations/${station.id}`,
    );
    expect(paused.body.status).toStrictEqual({ state: 'temporarilyClosed', reason: '设备检修' });
    await row.locator('taro-button-core', { hasText: '恢复开放' }).click();
    await expect
      .poll(() => row.locator('taro-button-core', { hasText: '暂停开放' }).isVisible(), patient)
      .toBe(true);
    const reopened = await api<{ status: { state: string } }>('GET', `/staff/stations/${station.id}`);
    expect(reopened.body.status).toStrictEqual({ state: 'open' });
  });

  it('acknowledges and then resolves a worker’s report with a note', async () => {
    // Arrange: a worker reports a problem at a fresh station.
    const station = await createTestStation('问题');
    const reported = await api<{ report: { problemId: string } }>('POST', `/stations/${station.id}/reports`, {
      kind: 'noWater',
      text: '饮水机没有水了',
      requestId: `e2e-${Math.random().toString(36).slice(2, 12)}`,
    });
    expect(reported.status, JSON.stringify(reported.body)).toBe(201);
    // The queue shows the problem the report opened (reports of one kind at a station collapse).
    const reportId = reported.body.report.problemId;
    const { page } = browser;
    await signIn(page, staff);
    await page.goto(`${inject('h5Url')}/#/staff/pages/reports/index`);
    const queue = page.locator('.staff-reports:visible');
    const card = queue.locator(`.staff-report[data-id="${reportId}"]`);
    await expect.poll(() => card.isVisible(), patient).toBe(true);
    expect(await card.textContent()).toContain('没有饮用水');
    expect(await card.textContent()).toContain('1 人反映');
    await screenshot(page, 'h5-staff-reports-new');

    // Act: 受理, then in 已受理 解决 with a note.
    await card.locator('taro-button-core', { hasText: '受理' }).click();
    await expect.poll(() => card.count(), patient).toBe(0);
    await queue.locator('.staff-reports__tab', { hasText: '已受理' }).click();
    await expect.poll(() => card.isVisible(), patient).toBe(true);
    await card.locator('taro-button-core', { hasText: '解决' }).click();
    const dialog = page.locator('.staff-pause:visible');
    await dialog.locator('.staff-field--note textarea').fill('已更换饮水机');
    await page.locator('.staff-pause:visible .nut-dialog-footer-ok').click();
    await expect.poll(() => card.count(), patient).toBe(0);

    // Assert
    await queue.locator('.staff-reports__tab', { hasText: '已解决' }).click();
    await expect.poll(() => card.textContent(), patient).toContain('处理说明：已更换饮水机');
    await screenshot(page, 'h5-staff-reports-resolved');
  });

  it('dry-runs a CSV import with a per-row issue for a bad row, then imports the good one', async () => {
    // Arrange
    const { page } = browser;
    await signIn(page, staff);
    await page.goto(`${inject('h5Url')}/#/staff/pages/import/index`);
    const screen = page.locator('.staff-import:visible');
    await screen.locator('.staff-import__choose').waitFor({ timeout: 20_000 });
    const id = Math.random().toString(36).slice(2, 8);
    const csv = [
      '外部编号,名称,地址,区县,经度,纬度,类型,设施,开放时间',
      `E2E-${id}-1,导入测试驿站${id},张家港市杨舍镇港城大道 1 号,张家港市 杨舍镇,120.55,31.87,银行网点,饮水、空调,周一至周五 08:00-18:00`,
      `E2E-${id}-2,导入坏行${id},张家港市杨舍镇港城大道 2 号,张家港市 杨舍镇,东经120,31.87,银行网点,饮水,周一至周五 08:00-18:00`,
    ].join('\r\n');

    // Act
    const chooser = page.waitForEvent('filechooser');
    await screen.locator('.staff-import__choose').click();
    await (await chooser).setFiles({ name: 'stations.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });

    // Assert: the dry run's counts and the bad row (row 3 of the sheet) in the issue table.
    const issues = screen.locator('.staff-import-issues');
    await expect.poll(() => issues.isVisible(), patient).toBe(true);
    const rows = await issues.locator('.staff-import-issues__row:not(.staff-import-issues__row--head)').all();
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(await rows[0]!.locator('.staff-import-issues__line').textContent()).toBe('3');
    expect(await rows[0]!.locator('.staff-import-issues__column').textContent()).toBe('经度');
    expect(await screen.locator('.staff-import-summary').textContent()).toContain('将新建');
    await screenshot(page, 'h5-staff-import-dry-run');

    await screen.locator('.staff-import__confirm').click();
    await expect.poll(() => screen.locator('.staff-import__done').isVisible(), patient).toBe(true);
    const cells = await screen.locator('.staff-import-summary__cell').allTextContents();
    expect(cells).toContain('1已新建');
    await screenshot(page, 'h5-staff-import-done');
  });
});

/** Waits until the page's slide-in transition has ended (its left edge is at 0). */
async function settled(page: Page, selector: string): Promise<void> {
  await expect.poll(async () => (await page.locator(selector).boundingBox())?.x, patient).toBe(0);
}

/** The draft fields of a managed station (what PUT takes besides name and version). */
function pickDraft(station: Record<string, unknown>): Record<string, unknown> {
  const keys = [
    'externalId',
    'address',
    'district',
    'orgPath',
    'location',
    'hostType',
    'amenities',
    'hours',
    'phone',
    'bestYears',
  ];
  return Object.fromEntries(
    keys.filter((key) => station[key] !== undefined).map((key) => [key, station[key]]),
  );
}
