import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, screenshot } from './browser';

interface DevAccount {
  userId: string;
  nickname: string;
  roles: string[];
}

const patient = { timeout: 20_000, interval: 100 };
const INVITEE = '黄大勇（建筑工人）';

let admin: DevAccount;
let invitee: DevAccount;
let adminToken: string;
const browsers: Awaited<ReturnType<typeof openBrowser>>[] = [];

async function devLogin(userId: string): Promise<string> {
  const response = await fetch(`${inject('apiBase')}/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId }),
  });
  return ((await response.json()) as { token: string }).token;
}

async function api(method: string, route: string, token: string, body?: unknown) {
  const response = await fetch(`${inject('apiBase')}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Signs in on the H5 login page by picking the demo account (the page goes back where it was sent from). */
async function pickAccount(page: Page, nickname: string): Promise<void> {
  await page.locator('.dev-accounts__item', { hasText: nickname }).click();
  await page.locator('.login-page').waitFor({ state: 'detached', timeout: 20_000 });
}

async function newPage(): Promise<Page> {
  const browser = await openBrowser();
  browser.page.on('pageerror', (error) => console.log(`[browser] ${error.message}`));
  browsers.push(browser);
  return browser.page;
}

beforeAll(async () => {
  const response = await fetch(`${inject('apiBase')}/auth/dev-accounts`);
  const { accounts } = (await response.json()) as { accounts: DevAccount[] };
  admin = accounts.find((a) => a.roles.includes('admin'))!;
  invitee = accounts.find((a) => a.nickname === INVITEE)!;
  expect(admin, 'the seeded admin (周建国)').toBeDefined();
  expect(invitee?.roles, 'the seeded worker 黄大勇 holds no role yet').toStrictEqual(['worker']);
  adminToken = await devLogin(admin.userId);
  // Warm the functions the pages call (serverless-offline starts each on its first call).
  await Promise.all([
    api('GET', '/me', adminToken),
    api('GET', '/orgs', adminToken),
    api('GET', '/staff/roles', adminToken),
    api('GET', '/staff/invites', adminToken),
  ]);
});

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') {
    for (const [i, browser] of browsers.entries()) {
      await screenshot(browser.page, `failed-invite-${i}`).catch(() => undefined);
    }
  }
  for (const browser of browsers.splice(0)) await browser.close();
});

afterAll(async () => {
  // Leave the demo worker as the seed made them, for the test files after this one.
  await api('POST', '/staff/roles/revoke', adminToken, { userId: invitee.userId, role: 'staff' });
});

describe('H5: invites', () => {
  it('an admin invites a staff member for 大新镇; the invitee signs in, accepts and sees the workbench', async () => {
    // Arrange: the admin on 人员与权限, from the workbench.
    const adminPage = await newPage();
    await adminPage.goto(`${inject('h5Url')}/#/pages/login/index`);
    await pickAccount(adminPage, admin.nickname);
    // 我的 → 工会工作台 → 人员与权限.
    await adminPage.locator('.me-page:visible .link-list__item--staff').click();
    const home = adminPage.locator('.staff-page:visible');
    await expect.poll(() => home.locator('.link-list__item--roles').isVisible(), patient).toBe(true);
    await screenshot(adminPage, 'h5-workbench-roles-link');
    await home.locator('.link-list__item--roles').click();
    const board = adminPage.locator('.roles-page:visible');
    await expect.poll(() => board.locator('.role-tree__node').count(), patient).toBeGreaterThan(3);
    expect(await board.textContent()).toContain('顾晓东');
    await screenshot(adminPage, 'h5-roles-board');

    // Act: pick 大新镇 by name and make the invite.
    await board.locator('.invite-panel__filter input').fill('大新');
    await board.locator('.choice-chips__chip', { hasText: '大新镇工会' }).click();
    await board.locator('taro-button-core', { hasText: '生成邀请' }).click();
    const card = board.locator('.invite-card');
    await expect
      .poll(() => card.locator('.invite-card__code').textContent(), patient)
      .toMatch(/邀请码 \S{24}/);
    const code = ((await card.locator('.invite-card__code').textContent()) ?? '')
      .replace('邀请码', '')
      .trim();
    expect(await card.locator('.cooling-qr__run').count()).toBeGreaterThan(20);
    await screenshot(adminPage, 'h5-invite-made');

    // The invitee opens the link, signs in (and comes back), accepts.
    const page = await newPage();
    await page.goto(`${inject('h5Url')}/#/join/pages/invite/index?code=${code}`);
    const invite = page.locator('.invite-page:visible');
    await expect.poll(() => invite.textContent(), patient).toContain('邀请您担任工会干部');
    expect(await invite.textContent()).toContain('大新镇工会');
    await screenshot(page, 'h5-invite-signed-out');
    await invite.locator('taro-button-core', { hasText: '登录后接受' }).click();
    await pickAccount(page, INVITEE);
    const back = page.locator('.invite-page:visible');
    await expect
      .poll(() => back.locator('taro-button-core', { hasText: '接受邀请' }).count(), patient)
      .toBe(1);
    expect(await back.textContent()).toContain(`当前账号：${INVITEE}`);
    await back.locator('taro-button-core', { hasText: '接受邀请' }).click();

    // Assert: the workbench, scoped to 大新镇.
    const workbench = page.locator('.staff-page:visible');
    await expect.poll(() => workbench.locator('.link-list__item--stations').count(), patient).toBe(1);
    expect(await workbench.textContent()).toContain('大新镇工会');
    await screenshot(page, 'h5-invitee-workbench');

    // The admin's board shows the new holder and who granted the role.
    const me = await api('GET', '/me', await devLogin(invitee.userId));
    expect(me.body).toMatchObject({ roles: ['worker', 'staff'], org: { name: '大新镇工会' } });
    const holders = await api('GET', '/staff/roles', adminToken);
    expect(
      (holders.body.holders as { userId: string }[]).find((h) => h.userId === invitee.userId),
    ).toMatchObject({
      grantedBy: { name: admin.nickname },
    });
    // Two browsers and two sign-ins on a shared machine: more than the tier's default minute.
  }, 180_000);
});
