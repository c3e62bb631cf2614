import { afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { openBrowser, screenshot } from './browser';

interface DevAccount {
  userId: string;
  nickname: string;
  roles: string[];
  orgName: string | null;
}

let browser: Awaited<ReturnType<typeof openBrowser>>;
// The machine is shared with builds and servers; give the page time, but fail in the end.
const patient = { timeout: 15_000, interval: 100 };

// serverless-offline starts each function's worker on its first call, which can take seconds on a
// busy machine; warm the ones the pages call so the browser measures the app, not a cold start.
beforeAll(async () => {
  const api = inject('apiBase');
  await fetch(`${api}/health`);
  const [account] = await devAccounts();
  const login = await fetch(`${api}/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: account!.userId }),
  });
  const { token } = (await login.json()) as { token: string };
  await fetch(`${api}/me`, { headers: { authorization: `Bearer ${token}` } });
});

beforeEach(async () => {
  browser = await openBrowser();
  browser.page.on('console', (message) => {
    if (message.type() === 'error') console.log(`[browser] ${message.text()}`);
  });
  browser.page.on('pageerror', (error) => console.log(`[browser] ${error.message}`));
});

afterEach(async (context) => {
  // A failed run leaves a picture of what the person would have seen.
  if (context.task.result?.state === 'fail') {
    await screenshot(browser.page, `failed-${context.task.name.slice(0, 40)}`).catch(() => undefined);
  }
  await browser.close();
});

async function devAccounts(): Promise<DevAccount[]> {
  const response = await fetch(`${inject('apiBase')}/auth/dev-accounts`);
  const body = (await response.json()) as { accounts?: DevAccount[] };
  expect(response.status, JSON.stringify(body)).toBe(200);
  expect(Array.isArray(body.accounts), JSON.stringify(body)).toBe(true);
  return body.accounts!;
}

describe('H5: development login', () => {
  it('signs in as 张家港市总工会’s staff member and 我的 shows 工会干部 and the union', async () => {
    // Arrange
    const staff = (await devAccounts()).find(
      (account) => account.orgName === '张家港市总工会' && account.roles.includes('staff'),
    );
    expect(staff, 'seeded staff member of 张家港市总工会').toBeDefined();
    const { page } = browser;
    await page.goto(`${inject('h5Url')}/`);
    // No location granted here: the 驿站 tab offers the place picker.
    await expect
      .poll(() => page.getByRole('button', { name: '选择地区' }).first().isVisible(), patient)
      .toBe(true);

    // Act: 我的 tab → 去登录 → pick the account.
    await page.locator('.taro-tabbar__tabbar').getByText('我的').click();
    await page.locator('taro-button-core:visible', { hasText: '去登录' }).click();
    await page.locator('.dev-accounts__item', { hasText: staff!.nickname }).click();

    // Assert
    const mePage = page.locator('.me-page:visible');
    await expect
      .poll(() => mePage.locator('.account-card__nickname').textContent(), patient)
      .toBe(staff!.nickname);
    await expect.poll(() => mePage.locator('.role-tags').textContent(), patient).toContain('工会干部');
    await expect.poll(() => mePage.locator('.org-card__name').textContent(), patient).toBe('张家港市总工会');
    // The login page slides away; photograph 我的 once it has gone.
    await page.locator('.login-page').waitFor({ state: 'detached', timeout: 15_000 });
    expect(await mePage.locator('.org-card__chain').textContent()).toBe(
      '江苏省总工会 › 苏州市总工会 › 张家港市总工会',
    );
    expect(await mePage.getByText('工会工作台').isVisible()).toBe(true);
    await screenshot(page, 'h5-me-staff-zjg');

    // The staff subpackage opens from its entrance and shows the union they manage.
    await mePage.locator('.link-list__item--staff').click();
    await expect
      .poll(() => page.locator('.staff-page:visible .org-card__name').textContent(), patient)
      .toBe('张家港市总工会');
  });

  it('keeps 我的 on screen after a sign-in quicker than the login page’s slide-in', async () => {
    // Arrange: the login page's two reads answered at once, as by a warm server next door. Taro's H5
    // router hides 我的 350 ms after pushing the login page; a way back sooner than that used to
    // show 我的 and then let that hide blank it.
    const api = inject('apiBase');
    const answers = new Map<string, string>();
    for (const path of ['/health', '/auth/dev-accounts']) {
      answers.set(path, await (await fetch(`${api}${path}`)).text());
    }
    const { page } = browser;
    await page.route(
      (url) => url.origin === new URL(api).origin && answers.has(url.pathname),
      (route) =>
        route.request().method() === 'GET'
          ? route.fulfill({
              status: 200,
              contentType: 'application/json',
              headers: { 'access-control-allow-origin': '*' },
              body: answers.get(new URL(route.request().url()).pathname),
            })
          : route.fallback(),
    );
    const worker = (await devAccounts()).find((account) => account.roles.every((role) => role === 'worker'))!;
    await page.goto(`${inject('h5Url')}/`);
    await page.locator('.taro-tabbar__tabbar').getByText('我的').click();
    await page.locator('taro-button-core:visible', { hasText: '去登录' }).click();

    // Act: pick the account the moment it exists, without waiting for the slide-in to end.
    const item = page.locator('.dev-accounts__item', { hasText: worker.nickname });
    await item.waitFor({ state: 'attached', timeout: 15_000 });
    await item.dispatchEvent('click');

    // Assert: 我的 shows the account, and still does once any hide from the push would have landed.
    const nickname = page.locator('.me-page:visible .account-card__nickname');
    await expect.poll(() => nickname.textContent(), patient).toBe(worker.nickname);
    await page.locator('.login-page').waitFor({ state: 'detached', timeout: 15_000 });
    await page.waitForTimeout(600);
    expect(await nickname.isVisible()).toBe(true);
    await screenshot(page, 'h5-me-after-quick-sign-in');
  });

  it('shows 无权限 on the staff page to a plain worker', async () => {
    // Arrange
    const accounts = await devAccounts();
    // Every signed-in user is a worker; a plain worker holds no other role.
    const worker = accounts.find((account) => account.roles.every((role) => role === 'worker'));
    expect(worker, 'a seeded worker').toBeDefined();
    const { page } = browser;
    await page.goto(`${inject('h5Url')}/#/pages/login/index`);

    // Act
    await page.locator('.dev-accounts__item', { hasText: worker!.nickname }).click();
    await expect
      .poll(() => page.locator('.me-page:visible .account-card__nickname').textContent(), patient)
      .toBe(worker!.nickname);
    await page.locator('.login-page').waitFor({ state: 'detached', timeout: 15_000 });
    await page.goto(`${inject('h5Url')}/#/staff/pages/index/index`);

    // Assert
    await expect
      .poll(() => page.locator('.staff-page:visible').textContent(), patient)
      .toContain('无权限访问');
    await screenshot(page, 'h5-staff-forbidden');
  });

  it('says H5 login is unavailable when there are no demo accounts to offer, never a blank page', async () => {
    // Arrange: the deployed stages answer /health with devLogin false; here we fake that answer.
    const { page } = browser;
    await page.route(`${inject('apiBase')}/health`, async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as Record<string, unknown>;
      await route.fulfill({ response, json: { ...body, devLogin: false } });
    });

    // Act
    await page.goto(`${inject('h5Url')}/#/pages/login/index`);

    // Assert
    await expect.poll(() => page.getByText('网页版暂不支持登录').isVisible(), patient).toBe(true);
    expect(await page.getByText('请在微信中搜索并打开').isVisible()).toBe(true);
  });
});
