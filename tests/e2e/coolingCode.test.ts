import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, screenshot } from './browser';

interface DevAccount {
  userId: string;
  nickname: string;
}

const VOLUNTEER = '赵磊';
const WORKER = '刘师傅（环卫工）';
// The machine is shared with builds and servers; give the page time, but fail in the end.
const patient = { timeout: 20_000, interval: 100 };

let workerCode = '';
let browser: Awaited<ReturnType<typeof openBrowser>> | undefined;

async function devToken(nickname: string): Promise<string> {
  const base = inject('apiBase');
  const accounts = ((await (await fetch(`${base}/auth/dev-accounts`)).json()) as { accounts: DevAccount[] })
    .accounts;
  const account = accounts.find((a) => a.nickname === nickname);
  expect(account, `seeded demo account ${nickname}`).toBeDefined();
  const login = await fetch(`${base}/auth/dev-login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: account!.userId }),
  });
  expect(login.status).toBe(200);
  return ((await login.json()) as { token: string }).token;
}

beforeAll(async () => {
  const token = await devToken(WORKER);
  const response = await fetch(`${inject('apiBase')}/me/cooling-code`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const text = await response.text();
  expect(response.status, `GET /me/cooling-code answered ${text}`).toBe(200);
  workerCode = (JSON.parse(text) as { code: string }).code;
  expect(workerCode.length).toBeGreaterThan(20);
}, 120_000);

afterEach(async (context) => {
  if (browser && context.task.result?.state === 'fail') {
    await screenshot(browser.page, `failed-${context.task.name.slice(0, 40)}`).catch(() => undefined);
  }
  await browser?.close();
  browser = undefined;
});

describe('H5: a volunteer checks a worker’s 清凉码 by typing it', () => {
  it('shows a text entry instead of 扫码; a pasted code is 有效, a garbled one 无效', async () => {
    // Arrange: 赵磊 signed in, the scan page open (online, so the phone keeps the check keys).
    browser = await openBrowser();
    const { page } = browser;
    page.on('pageerror', (error) => console.log(`[browser] ${error.message}`));
    await page.goto(`${inject('h5Url')}/#/pages/login/index`);
    await page.locator('.dev-accounts__item', { hasText: VOLUNTEER }).click();
    await page.locator('.login-page').waitFor({ state: 'detached', timeout: 20_000 });
    await page.goto(`${inject('h5Url')}/#/volunteer/pages/scan/index`);
    const scanPage = page.locator('.handout-scan:visible');
    const entry = scanPage.locator('.cooling-code-entry');
    await entry.waitFor({ timeout: 20_000 });
    await expect.poll(() => scanPage.locator('.handout-scan__warning').count(), patient).toBe(0);
    expect(await scanPage.locator('taro-button-core', { hasText: '扫码' }).count()).toBe(0);
    expect(await entry.locator('textarea').getAttribute('placeholder')).toBe('输入或粘贴清凉码');

    // Act: a code with one signature character changed (mid-signature: the last one holds unused
    // bits), then the worker's own code, pasted with the stray spaces a copy brings.
    const at = workerCode.length - 20;
    const swapped = workerCode[at] === 'A' ? 'B' : 'A';
    await entry.locator('textarea').fill(`${workerCode.slice(0, at)}${swapped}${workerCode.slice(at + 1)}`);
    await entry.locator('taro-button-core', { hasText: '核验' }).click();
    const verdict = scanPage.locator('.handout-result__verdict');
    await expect.poll(() => verdict.textContent(), patient).toBe('无效');
    await entry.locator('textarea').fill(`  ${workerCode}\n`);
    await entry.locator('taro-button-core', { hasText: '核验' }).click();

    // Assert: 有效, with the record button the scan would have shown.
    await expect.poll(() => verdict.textContent(), patient).toBe('有效');
    expect(await scanPage.locator('.handout-result__action').count()).toBe(1);
    expect(await entry.locator('textarea').inputValue()).toBe('');
    await screenshot(page, 'h5-cooling-code-typed');
  }, 180_000);
});
