import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, screenshot } from './browser';

interface PolicyView {
  effective: { policy: { cadenceActiveDays: number; version: number }; fromOrgPath: string | null };
  own: { note?: string } | null;
  version: number;
}

// The machine is shared with builds and servers; give the page time, but fail in the end.
const patient = { timeout: 20_000, interval: 100 };
const SIP = '320000/320500/320571';
let adminToken = '';
let browser: Awaited<ReturnType<typeof openBrowser>> | undefined;

async function policyAt(orgPath: string): Promise<PolicyView> {
  const response = await fetch(
    `${inject('apiBase')}/staff/hardship/policy?orgPath=${encodeURIComponent(orgPath)}`,
    {
      headers: { authorization: `Bearer ${adminToken}` },
    },
  );
  expect(response.status).toBe(200);
  return (await response.json()) as PolicyView;
}

async function signIn(nickname: string): Promise<Page> {
  browser = await openBrowser();
  const page = browser.page;
  page.on('pageerror', (error) => console.log(`[browser] ${error.message}`));
  await page.goto(`${inject('h5Url')}/#/pages/login/index`);
  await page.locator('.dev-accounts__item', { hasText: nickname }).click();
  await expect
    .poll(() => page.locator('.me-page:visible .account-card__nickname').textContent(), patient)
    .toBe(nickname);
  await page.locator('.login-page').waitFor({ state: 'detached', timeout: 15_000 });
  return page;
}

beforeAll(async () => {
  const base = inject('apiBase');
  const accounts = (
    (await (await fetch(`${base}/auth/dev-accounts`)).json()) as {
      accounts: { userId: string; nickname: string }[];
    }
  ).accounts;
  const admin = accounts.find((account) => account.nickname === '周建国');
  expect(admin, 'the seeded admin').toBeDefined();
  const login = await fetch(`${base}/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: admin!.userId }),
  });
  adminToken = ((await login.json()) as { token: string }).token;
  // Warm the functions the page calls (serverless-offline starts each on its first call).
  const headers = { authorization: `Bearer ${adminToken}` };
  await Promise.all([
    policyAt(SIP),
    fetch(`${base}/orgs`, { headers }),
    fetch(`${base}/staff/hardship/poverty-lines?orgPath=${encodeURIComponent(SIP)}`, { headers }),
  ]);
}, 120_000);

afterEach(async (context) => {
  if (browser && context.task.result?.state === 'fail') {
    await screenshot(browser.page, `failed-${context.task.name.slice(0, 40)}`).catch(() => undefined);
  }
  await browser?.close();
  browser = undefined;
});

describe('H5: 规则设置 (monitoring rules per union)', () => {
  it('周建国 (admin) sets 苏州工业园区’s own visit cadence, sees 本级设置 and the new value, then restores inheriting', async () => {
    // Arrange: the park inherits 苏州's rules (the seed's override) until now
    const before = await policyAt(SIP);
    expect(before.own).toBeNull();
    expect(before.effective.fromOrgPath).toBe('320000/320500');
    const page = await signIn('周建国');
    await page.goto(`${inject('h5Url')}/#/staff/pages/index/index`);
    await page.locator('.link-list__item:visible', { hasText: '规则设置' }).click();
    const rules = page.locator('.rules:visible');
    await rules.locator('.district-picker__item', { hasText: '苏州工业园区总工会' }).click();
    const source = rules.locator('.policy-rules__source');
    await expect.poll(() => source.textContent(), patient).toBe('继承自 苏州市总工会');
    const overdue = rules.locator('.policy-rules__row--visitOverdue');
    expect(await overdue.textContent()).toContain('在档户 90 天，脱困不满 12 个月 60 天');
    // The 低保 part is the picked union's: its form, and 苏州's standard above it.
    await expect
      .poll(() => rules.locator('.poverty-lines__form-title').textContent(), patient)
      .toBe('为苏州工业园区总工会新增低保标准');
    expect(await rules.locator('.poverty-lines__row').allTextContents()).toContainEqual(
      expect.stringContaining('苏州市总工会'),
    );
    await screenshot(page, 'h5-rules-inherited-phone');

    // Act: 设置本级规则, the form filled from what it inherits; 在档户 every 60 days
    await rules.locator('.nut-button', { hasText: '设置本级规则' }).click();
    const active = rules.locator('.staff-field--cadenceActiveDays input');
    await active.waitFor({ timeout: 20_000 });
    expect(await active.inputValue()).toBe('90');
    expect(await rules.locator('.staff-field--cadenceRecentExitDays input').inputValue()).toBe('60');
    await active.fill('60');
    await rules.locator('.staff-field--note input').fill('园区试行细则');
    await screenshot(page, 'h5-rules-form-phone');
    await rules.locator('.nut-button', { hasText: '保存本级规则' }).click();

    // Assert: the page says 本级设置 and shows the new cadence; the server holds it
    await expect.poll(() => source.textContent(), patient).toBe('本级设置');
    await expect.poll(() => overdue.textContent(), patient).toContain('在档户 60 天');
    expect(await rules.locator('.rules__own').textContent()).toContain('园区试行细则');
    expect(await rules.locator('.policy-history__title').first().textContent()).toContain('周建国');
    // The picture shows the badge, once the 已保存 toast has gone.
    await page
      .getByText('已保存', { exact: true })
      .waitFor({ state: 'hidden', timeout: 5_000 })
      .catch(() => undefined);
    await source.scrollIntoViewIfNeeded();
    await screenshot(page, 'h5-rules-own-phone');
    const after = await policyAt(SIP);
    expect(after.effective).toMatchObject({ fromOrgPath: SIP, policy: { cadenceActiveDays: 60 } });
    expect(after.own?.note).toBe('园区试行细则');

    // Act: 恢复继承 (confirmed), so the demo's rules stay as seeded
    await rules.locator('.nut-button', { hasText: '恢复继承' }).click();
    // Taro's H5 modal: its confirm button carries the confirm text.
    await page.locator('.taro-modal__foot .taro-model__btn:visible', { hasText: '恢复继承' }).click();
    await expect.poll(() => source.textContent(), patient).toBe('继承自 苏州市总工会');
    await expect.poll(() => overdue.textContent(), patient).toContain('在档户 90 天');
    const restored = await policyAt(SIP);
    expect(restored.own).toBeNull();
    expect(restored.version).toBe(after.version + 1);
  });
});
