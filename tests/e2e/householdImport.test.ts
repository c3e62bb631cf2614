import { randomInt } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { openBrowser, screenshot } from './browser';

// The machine is shared with builds and servers; give the page time, but fail in the end.
const patient = { timeout: 20_000, interval: 100 };
const STAFF = '顾晓东';

let browser: Awaited<ReturnType<typeof openBrowser>>;

/** A GB 11643 number with its MOD 11-2 check character, computed here from the standard. */
function idNumber(): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const first17 = `3205821975061${randomInt(10)}${String(randomInt(1000)).padStart(3, '0')}`;
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return `${first17}${'10X98765432'[sum % 11]}`;
}

/** Signs in on the H5 login page by picking the demo account; lands on 我的. */
async function signIn(page: Page, nickname: string): Promise<void> {
  await page.goto(`${inject('h5Url')}/#/pages/login/index`);
  await page.locator('.dev-accounts__item', { hasText: nickname }).click();
  await expect
    .poll(() => page.locator('.me-page:visible .account-card__nickname').textContent(), patient)
    .toBe(nickname);
  await page.locator('.login-page').waitFor({ state: 'detached', timeout: 15_000 });
}

beforeAll(async () => {
  // Warm the function the page calls (serverless-offline starts each on its first call).
  await fetch(`${inject('apiBase')}/staff/hardship/imports`, { method: 'POST' });
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

describe('H5: 导入困难职工档案', () => {
  it('lists the household columns, dry-runs a ledger with a bad row, then files the good one', async () => {
    // Arrange
    const { page } = browser;
    await signIn(page, STAFF);
    await page.goto(`${inject('h5Url')}/#/staff/pages/import/index?kind=households`);
    const screen = page.locator('.staff-import:visible');
    await screen.locator('.staff-import__choose').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.title(), patient).toBe('导入困难职工档案');
    const labels = await screen.locator('.staff-import-columns__label').allTextContents();
    expect(labels.slice(0, 3)).toStrictEqual(['户主姓名 *', '身份证号 *', '联系电话 *']);
    const head = `示例户·端${randomInt(10_000)}`;
    const csv = [
      '户主姓名,身份证号,联系电话,家庭住址,困难类别,致困原因,家庭人口,家庭年收入（元）,同意人,同意日期',
      `${head},${idNumber()},13912345678,大新镇示例路 1 号,深度困难,因病,1,18000,${head},2025-04-01`,
      `示例户·坏行,${idNumber()},13912345679,大新镇示例路 2 号,深度困难,因病,2,18000,示例户·坏行,2025-04-01`,
    ].join('\r\n');

    // Act
    const chooser = page.waitForEvent('filechooser');
    await screen.locator('.staff-import__choose').click();
    await (await chooser).setFiles({ name: '台账.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });

    // Assert: the dry run's counts and the bad row (row 3: two people, one named) in the issue table.
    const issues = screen.locator('.staff-import-issues');
    await expect.poll(() => issues.isVisible(), patient).toBe(true);
    const rows = await issues.locator('.staff-import-issues__row:not(.staff-import-issues__row--head)').all();
    expect(rows).toHaveLength(1);
    expect(await rows[0]!.locator('.staff-import-issues__line').textContent()).toBe('3');
    expect(await rows[0]!.locator('.staff-import-issues__column').textContent()).toBe('家庭人口');
    expect(await screen.locator('.staff-import-summary').textContent()).toContain('将新建');
    await screenshot(page, 'h5-household-import-dry-run');

    await screen.locator('.staff-import__confirm').click();
    await expect.poll(() => screen.locator('.staff-import__done').isVisible(), patient).toBe(true);
    expect(await screen.locator('.staff-import-summary__cell').allTextContents()).toContain('1已新建');
    await screenshot(page, 'h5-household-import-done');
  });
});
