import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { devices, openBrowser, screenshot } from './browser';

interface DevAccount {
  userId: string;
  nickname: string;
  roles: string[];
  orgName: string | null;
}

interface Dashboard {
  orgPath: string;
  totals: { deliveries: number; handouts: number; people: number; moneyFen: number };
  byStatus: { pending: number; approved: number; needsChanges: number; rejected: number };
  byDay: unknown[];
  byKind: unknown[];
  byOrg: unknown[];
}

interface Delivery {
  id: string;
  siteName: string;
  version: number;
  review: { status: string };
}

const CAMPAIGN = 'cp_demo0zjgthis';
// The machine is shared with builds and servers; give the page time, but fail in the end.
const patient = { timeout: 20_000, interval: 100 };

let token: string;
let browser: Awaited<ReturnType<typeof openBrowser>> | undefined;

async function api<T>(route: string): Promise<T> {
  const response = await fetch(`${inject('apiBase')}${route}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const text = await response.text();
  expect(response.status, `GET ${route} answered ${text}`).toBe(200);
  return JSON.parse(text) as T;
}

const dashboard = () => api<Dashboard>(`/staff/campaigns/${CAMPAIGN}/dashboard`);
const queue = (status: string, cursor?: string) =>
  api<{ deliveries: Delivery[]; nextCursor: string | null }>(
    `/staff/campaigns/${CAMPAIGN}/deliveries?status=${status}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
  );

/** Every record of a review queue, page by page (bounded: the demo data has a few hundred). */
async function everyIn(status: string): Promise<Delivery[]> {
  const all: Delivery[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const answer = await queue(status, cursor);
    all.push(...answer.deliveries);
    if (!answer.nextCursor) return all;
    cursor = answer.nextCursor;
  }
  throw new Error(`the ${status} queue did not end within 100 pages`);
}

/** Fen as staff read money, worked out here apart from the app: 1234550 → "12,345.50", whole yuan bare. */
function yuanText(fen: number): string {
  const yuan = fen / 100;
  const digits = Number.isInteger(yuan) ? 0 : 2;
  return yuan.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

async function open(device = devices.phone): Promise<Page> {
  browser = await openBrowser(device);
  const page = browser.page;
  page.on('pageerror', (error) => console.log(`[browser] ${error.message}`));
  await page.goto(`${inject('h5Url')}/#/pages/login/index`);
  await page.locator('.dev-accounts__item', { hasText: '李敏' }).click();
  await expect
    .poll(() => page.locator('.me-page:visible .account-card__nickname').textContent(), patient)
    .toBe('李敏');
  await page.locator('.login-page').waitFor({ state: 'detached', timeout: 15_000 });
  return page;
}

beforeAll(async () => {
  const base = inject('apiBase');
  const response = await fetch(`${base}/auth/dev-accounts`);
  const accounts = ((await response.json()) as { accounts: DevAccount[] }).accounts;
  const staff = accounts.find((a) => a.nickname === '李敏');
  expect(staff?.orgName, 'seeded staff member 李敏').toBe('张家港市总工会');
  const login = await fetch(`${base}/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: staff!.userId }),
  });
  token = ((await login.json()) as { token: string }).token;
  // Warm the functions the pages call (serverless-offline starts each on its first call).
  await Promise.all([dashboard(), queue('pending'), api(`/campaigns/${CAMPAIGN}`), api('/orgs')]);
}, 120_000);

afterEach(async (context) => {
  if (browser && context.task.result?.state === 'fail') {
    await screenshot(browser.page, `failed-${context.task.name.slice(0, 40)}`).catch(() => undefined);
  }
  await browser?.close();
  browser = undefined;
});

describe('H5: the staff delivery dashboard and review', () => {
  it('李敏 opens the demo campaign’s dashboard: the API’s totals, and three charts with real shapes', async () => {
    // Arrange: the demo data has weeks of deliveries across several days, kinds and towns.
    const figures = await dashboard();
    expect(figures.totals.deliveries).toBeGreaterThan(0);
    expect(figures.byDay.length).toBeGreaterThan(3);
    expect(figures.byKind.length).toBeGreaterThan(0);
    expect(figures.byOrg.length).toBeGreaterThan(0);
    const page = await open();

    // Act
    await page.goto(`${inject('h5Url')}/#/staff/pages/dashboard/index?campaign=${CAMPAIGN}`);
    const view = page.locator('.staff-dashboard:visible');
    const cards = view.locator('.staff-dashboard-totals__card');
    await expect.poll(() => cards.count(), patient).toBe(4);

    // Assert: the cards say what the API says.
    const { totals } = figures;
    expect(await cards.allTextContents()).toStrictEqual([
      `${totals.deliveries}配送次数`,
      `${totals.handouts}清凉码发放`,
      `${totals.people}服务人次`,
      `${yuanText(totals.moneyFen)}物资金额（元）`,
    ]);
    // Each chart's canvas carries ink, and bars in the theme green (#1f7a5c) cover a real area.
    const canvases = view.locator('canvas.staff-chart__canvas');
    expect(await canvases.count()).toBe(3);
    const ink = () =>
      canvases.evaluateAll((nodes) =>
        nodes.map((node) => {
          const canvas = node as HTMLCanvasElement;
          const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
          let green = 0;
          for (let i = 0; i < data.length; i += 4) {
            const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
            if (a > 200 && Math.abs(r - 31) < 12 && Math.abs(g - 122) < 12 && Math.abs(b - 92) < 12) green++;
          }
          return green / (canvas.width * canvas.height);
        }),
      );
    await expect.poll(async () => Math.min(...(await ink())), patient).toBeGreaterThan(0.01);
    await screenshot(page, 'h5-staff-dashboard');
    await view.locator('.staff-chart').nth(2).scrollIntoViewIfNeeded();
    await screenshot(page, 'h5-staff-dashboard-charts');
  });

  it('李敏 approves a pending delivery in the review table; it leaves 待审核 and counts as approved', async () => {
    // Arrange
    const before = await dashboard();
    const pending = (await queue('pending')).deliveries;
    expect(pending.length, 'a pending demo delivery').toBeGreaterThan(0);
    const target = pending[0]!;
    const page = await open(devices.desktop);
    // The dashboard at a desk: figures in one row, charts two by two.
    await page.goto(`${inject('h5Url')}/#/staff/pages/dashboard/index?campaign=${CAMPAIGN}`);
    const wide = page.locator('.staff-dashboard:visible canvas.staff-chart__canvas');
    await expect.poll(() => wide.count(), patient).toBe(3);
    await screenshot(page, 'h5-staff-dashboard-wide');
    await page.goto(`${inject('h5Url')}/#/staff/pages/deliveries/index?campaign=${CAMPAIGN}`);
    const review = page.locator('.staff-deliveries:visible');
    const row = review.locator(`.data-table__row[data-id="${target.id}"]`);
    await expect.poll(() => row.isVisible(), patient).toBe(true);

    // Act: the row selected, its card's 通过, confirmed.
    await row.click();
    const card = review.locator(`.staff-delivery[data-id="${target.id}"]`);
    await expect
      .poll(() => card.locator('.staff-delivery__name').textContent(), patient)
      .toBe(target.siteName);
    await screenshot(page, 'h5-staff-deliveries-pending');
    await card.locator('.staff-delivery__approve').click();
    const dialog = page.locator('.staff-campaign-dialog:visible');
    await expect
      .poll(() => dialog.textContent(), patient)
      .toContain(`通过后“${target.siteName}”计入已覆盖工地`);
    await dialog.locator('.nut-dialog-footer-ok').click();

    // Assert: gone from 待审核 on screen, approved on the server, one more approved on the dashboard.
    await expect.poll(() => row.count(), patient).toBe(0);
    expect((await everyIn('approved')).map((d) => d.id)).toContain(target.id);
    expect((await everyIn('pending')).map((d) => d.id)).not.toContain(target.id);
    const after = await dashboard();
    expect(after.byStatus).toStrictEqual({
      ...before.byStatus,
      pending: before.byStatus.pending - 1,
      approved: before.byStatus.approved + 1,
    });
    // 已通过 lists approved records (the newest page, which need not hold this one).
    await review.locator('.staff-deliveries__tab', { hasText: '已通过' }).click();
    await expect.poll(() => review.locator('.data-table__row').count(), patient).toBeGreaterThan(1);
    await screenshot(page, 'h5-staff-deliveries-approved');
  });
});
