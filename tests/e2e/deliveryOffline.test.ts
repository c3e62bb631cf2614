import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, screenshot } from './browser';

interface DevAccount {
  userId: string;
  nickname: string;
}
interface Task {
  id: string;
  campaignId: string;
  status: string;
  site: { siteName: string };
}
interface Delivery {
  id: string;
  peopleReached: number;
  items: { code: string; quantity: number }[];
  review: { status: string };
}

const CAMPAIGN = 'cp_demo0zjgthis';
const VOLUNTEER = '赵磊';
// The machine is shared with builds and servers; give the page time, but fail in the end.
const patient = { timeout: 20_000, interval: 100 };
// A number no demo record uses, so this test's record is told apart from the seeded ones.
const people = 700 + Math.floor(Math.random() * 99);

let token = '';
let task: Task | undefined;
let browser: Awaited<ReturnType<typeof openBrowser>> | undefined;

async function api<T>(route: string): Promise<T> {
  const response = await fetch(`${inject('apiBase')}${route}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const text = await response.text();
  expect(response.status, `GET ${route} answered ${text}`).toBe(200);
  return JSON.parse(text) as T;
}

/** Every record of the volunteer in the campaign, all pages (the newest are on the first). */
async function myDeliveries(): Promise<Delivery[]> {
  const all: Delivery[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page: { deliveries: Delivery[]; nextCursor: string | null } = await api(
      `/me/deliveries?campaignId=${CAMPAIGN}${query}`,
    );
    all.push(...page.deliveries);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/** The outbox as the H5 app keeps it in localStorage (Taro wraps each value as `{ data }`). */
async function outboxOf(page: Page): Promise<{ id: string; kind: string; state: string }[]> {
  return page.evaluate(() => {
    const raw = localStorage.getItem('ankang.outbox');
    if (!raw) return [];
    const wrapped = JSON.parse(raw) as { data?: string } | string;
    const text = typeof wrapped === 'string' ? wrapped : (wrapped.data ?? '[]');
    return JSON.parse(text);
  });
}

beforeAll(async () => {
  const base = inject('apiBase');
  const response = await fetch(`${base}/auth/dev-accounts`);
  const accounts = ((await response.json()) as { accounts: DevAccount[] }).accounts;
  const account = accounts.find((a) => a.nickname === VOLUNTEER);
  expect(account, `seeded demo account ${VOLUNTEER}`).toBeDefined();
  const login = await fetch(`${base}/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: account!.userId }),
  });
  token = ((await login.json()) as { token: string }).token;
  const { assignments } = await api<{ assignments: Task[] }>('/me/assignments');
  task = assignments.find((t) => t.campaignId === CAMPAIGN && t.status === 'accepted');
  expect(task, 'an accepted demo task of 赵磊').toBeDefined();
  // Warm the functions the pages call (serverless-offline starts each on its first call).
  await Promise.all([api('/me'), api(`/campaigns/${CAMPAIGN}`), myDeliveries()]);
}, 120_000);

afterEach(async (context) => {
  if (browser && context.task.result?.state === 'fail') {
    await screenshot(browser.page, `failed-${context.task.name.slice(0, 40)}`).catch(() => undefined);
  }
  await browser?.close();
  browser = undefined;
});

describe('H5: a delivery recorded offline arrives once when the network returns', () => {
  it('saves with the network cut, shows 待上传, then sends it once and shows 已上传', async () => {
    // Arrange: 赵磊 signed in, his position shared (35 m), the form of his accepted task open.
    browser = await openBrowser();
    const { page, context } = browser;
    page.on('pageerror', (error) => console.log(`[browser] ${error.message}`));
    const posts: string[] = [];
    page.on('requestfinished', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/deliveries')
        posts.push(request.url());
    });
    await context.grantPermissions(['geolocation']);
    await context.setGeolocation({ latitude: 31.87, longitude: 120.54, accuracy: 35 });
    await page.goto(`${inject('h5Url')}/#/pages/login/index`);
    await page.locator('.dev-accounts__item', { hasText: VOLUNTEER }).click();
    await page.locator('.login-page').waitFor({ state: 'detached', timeout: 20_000 });
    // 我的配送记录 first, as a volunteer would have opened it with signal: the H5 app loads each
    // page's code on first visit, and a page never opened cannot load with the network cut.
    await page.goto(`${inject('h5Url')}/#/volunteer/pages/deliveries/index?campaign=${CAMPAIGN}`);
    await page.locator('.deliveries-page:visible .deliveries-page__actions').waitFor({ timeout: 20_000 });
    await page.goto(
      `${inject('h5Url')}/#/volunteer/pages/delivery/index?campaign=${CAMPAIGN}&task=${task!.id}`,
    );
    const form = page.locator('.delivery-form:visible');
    await form.locator('.staff-field--peopleReached input').waitFor({ timeout: 20_000 });
    expect(await form.locator('.delivery-form__site-name').textContent()).toBe(task!.site.siteName);
    await expect
      .poll(() => form.locator('.delivery-position').textContent(), patient)
      .toContain('精度约 35 米');
    const before = (await myDeliveries()).length;

    // Act: the network is cut, the record filled and saved.
    await context.setOffline(true);
    const firstItem = form.locator('.delivery-items__row input').first();
    await firstItem.fill('12');
    await form.locator('.staff-field--peopleReached input').fill(String(people));
    await form.locator('.staff-field--notes textarea').fill('离线保存测试');
    await screenshot(page, 'h5-delivery-form-offline');
    await form.locator('taro-button-core', { hasText: '保存' }).click();

    // Assert: the list shows it waiting on the phone; nothing reached the server.
    const list = page.locator('.deliveries-page:visible');
    const card = list.locator('.delivery-record', { hasText: `服务 ${people} 人次` });
    await expect.poll(() => card.locator('.delivery-record__upload').textContent(), patient).toBe('待上传');
    await expect
      .poll(() => list.locator('.deliveries-page__waiting').textContent(), patient)
      .toContain('待上传');
    await screenshot(page, 'h5-delivery-list-offline');
    const queued = await outboxOf(page);
    expect(queued.map((e) => [e.kind, e.state])).toStrictEqual([['delivery', 'pending']]);
    const id = queued[0]!.id;
    expect(posts).toStrictEqual([]);
    expect((await myDeliveries()).filter((d) => d.id === id)).toStrictEqual([]);

    // Act: the network returns (the browser fires `online`; nothing is tapped).
    await context.setOffline(false);

    // Assert: 已上传 with its review state, stored exactly once.
    await expect.poll(() => card.locator('.delivery-record__upload').textContent(), patient).toBe('已上传');
    await expect.poll(() => card.locator('.delivery-record__status').textContent(), patient).toBe('待审核');
    await screenshot(page, 'h5-delivery-list-sent');
    expect((await outboxOf(page)).map((e) => [e.id, e.state])).toStrictEqual([[id, 'sent']]);
    const stored = (await myDeliveries()).filter((d) => d.id === id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ peopleReached: people, review: { status: 'pending' } });
    expect(stored[0]!.items[0]?.quantity).toBe(12);
    expect((await myDeliveries()).length).toBe(before + 1);
    expect(posts).toHaveLength(1);
  }, 180_000);
});
