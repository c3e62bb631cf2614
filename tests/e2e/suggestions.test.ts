import { gcj02ToWgs84 } from '@ankang/shared';
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { pngImage } from '../../functions/local/pngImage';
import { openBrowser, screenshot } from './browser';

interface DevAccount {
  userId: string;
  nickname: string;
  roles: string[];
  orgName: string | null;
}

// The machine is shared with builds and servers; give the page time, but fail in the end.
const patient = { timeout: 20_000, interval: 100 };
// In 大新镇's box, 6–7 km from its demo stations (so a draft here shows in no other walk's list).
const spot = { lng: 120.58, lat: 32.01 };

const opened: Awaited<ReturnType<typeof openBrowser>>[] = [];
let accounts: DevAccount[];

async function browser() {
  const one = await openBrowser();
  one.page.on('pageerror', (error) => console.log(`[browser] ${error.message}`));
  opened.push(one);
  return one;
}

function account(nickname: string): DevAccount {
  const found = accounts.find((a) => a.nickname === nickname);
  expect(found, `seeded demo account ${nickname}`).toBeDefined();
  return found!;
}

/** Signs in on the H5 login page by picking the demo account; lands on 我的. */
async function signIn(page: Page, who: DevAccount): Promise<void> {
  await page.goto(`${inject('h5Url')}/#/pages/login/index`);
  await page.locator('.dev-accounts__item', { hasText: who.nickname }).click();
  await expect
    .poll(() => page.locator('.me-page:visible .account-card__nickname').textContent(), patient)
    .toBe(who.nickname);
  await page.locator('.login-page').waitFor({ state: 'detached', timeout: 15_000 });
}

beforeAll(async () => {
  const response = await fetch(`${inject('apiBase')}/auth/dev-accounts`);
  accounts = ((await response.json()) as { accounts: DevAccount[] }).accounts;
  // Warm the functions the pages call (serverless-offline starts each on its first call).
  await Promise.all(
    ['/suggestions', '/me/suggestions', '/staff/suggestions'].map((path) =>
      fetch(`${inject('apiBase')}${path}`, { method: path === '/suggestions' ? 'POST' : 'GET' }),
    ),
  );
});

afterEach(async (context) => {
  for (const one of opened.splice(0)) {
    if (context.task.result?.state === 'fail') {
      await screenshot(one.page, `failed-suggest-${opened.length}`).catch(() => undefined);
    }
    await one.close();
  }
});

describe('H5: a worker suggests a station and staff approve it', () => {
  it('walks 我的 → 建议新增驿站 with a photo → 顾晓东 采纳 → the draft station with the photo → 已采纳', async () => {
    // Arrange: a worker standing at the spot (the browser reports WGS-84; the app converts).
    const worker = await browser();
    const wgs = gcj02ToWgs84(spot.lng, spot.lat);
    await worker.context.grantPermissions(['geolocation']);
    await worker.context.setGeolocation({ latitude: wgs.lat, longitude: wgs.lng, accuracy: 15 });
    const name = `沿江公路环卫休息点${Math.random().toString(36).slice(2, 6)}`;
    await signIn(worker.page, account('刘师傅（环卫工）'));

    // Act: 我的 → 建议新增驿站 → the form.
    await worker.page.locator('.me-page:visible .link-list__item--suggest').click();
    const form = worker.page.locator('.suggest-new:visible');
    await form.locator('.staff-field--name input').fill(name);
    await form.locator('taro-button-core', { hasText: '我就在这里' }).click();
    await expect
      .poll(() => form.locator('.suggest-new__picked').textContent(), patient)
      .toContain('我当前的位置');
    await form.locator('.staff-field--address input').fill('张家港市大新镇沿江公路 18 号');
    await form.locator('.staff-field--hostType .choice-chips__chip', { hasText: '社区' }).click();
    await form.locator('.staff-field--amenities .choice-chips__chip', { hasText: '饮水' }).click();
    await form.locator('.staff-field--amenities .choice-chips__chip', { hasText: '充电' }).click();
    await form.locator('.staff-field--note textarea').fill('白天开门，有饮水机和插座');
    // A photo from the phone's album (the browser's file chooser), compressed on the page.
    const chooser = worker.page.waitForEvent('filechooser');
    await form.locator('.staff-field--photos .photo-field__add').click();
    const png = pngImage(64, 48, (x, y) => [x * 4, y * 5, 140]);
    await (await chooser).setFiles({ name: 'door.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => form.locator('.photo-field__item').count(), patient).toBe(1);
    await screenshot(worker.page, 'h5-suggest-form');
    await form.locator('.suggest-new__submit taro-button-core').click();

    // Assert: sent, to 大新镇's union.
    await expect.poll(() => form.textContent(), patient).toContain('建议已提交，谢谢您！');
    expect(await form.textContent()).toContain(`大新镇工会将审核“${name}”`);
    await screenshot(worker.page, 'h5-suggest-sent');
    await form.locator('taro-button-core', { hasText: '查看我的建议' }).click();
    const card = worker.page.locator('.my-suggestions:visible .suggestion-card', { hasText: name });
    await expect.poll(() => card.locator('.suggestion-card__state').textContent(), patient).toBe('待审核');
    expect(await card.locator('.station-photos__thumb').count()).toBe(1);

    // Act: 顾晓东 (大新镇) reviews it from the workbench and approves.
    const staff = await browser();
    await signIn(staff.page, account('顾晓东'));
    await staff.page.locator('.me-page:visible .link-list__item--staff').click();
    await staff.page.locator('.staff-page:visible .link-list__item--suggestions').click();
    const queued = staff.page.locator('.staff-suggestions:visible .suggestion-card', { hasText: name });
    await expect.poll(() => queued.isVisible(), patient).toBe(true);
    expect(await queued.textContent()).toContain('设施：饮水、充电');
    expect(await queued.textContent()).toContain('白天开门，有饮水机和插座');
    expect(await queued.textContent()).toContain('职工拍的现场照片（1）');
    await screenshot(staff.page, 'h5-staff-suggestions');
    await queued.locator('taro-button-core', { hasText: '采纳，生成驿站' }).click();

    // Assert: the draft station opens on the edit page, paused until completed.
    const edit = staff.page.locator('.station-edit:visible');
    await expect.poll(() => edit.locator('.staff-field--name input').inputValue(), patient).toBe(name);
    expect(await edit.locator('.staff-field--address input').inputValue()).toBe(
      '张家港市大新镇沿江公路 18 号',
    );
    expect(await edit.locator('.station-edit__paused').textContent()).toContain('资料待完善（职工建议新增）');
    await screenshot(staff.page, 'h5-suggestion-draft-station');
    const stationId = new URL(staff.page.url().replace('/#/', '/')).searchParams.get('id');
    expect(stationId).toMatch(/^st_[0-9a-f]{24}$/);
    const detail = (await (await fetch(`${inject('apiBase')}/stations/${stationId}`)).json()) as {
      name: string;
      status: { state: string; reason: string };
      open: boolean;
      photos: { url: string }[];
    };
    expect(detail).toMatchObject({
      name,
      status: { state: 'temporarilyClosed', reason: '资料待完善（职工建议新增）' },
      open: false,
    });
    // The worker's photo is the draft station's gallery, and its link shows an image.
    expect(detail.photos).toHaveLength(1);
    const file = await fetch(detail.photos[0]!.url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/^image\//);

    // And the worker sees 已采纳 after a refresh.
    await worker.page.reload();
    const approved = worker.page.locator('.my-suggestions:visible .suggestion-card', { hasText: name });
    await expect
      .poll(() => approved.locator('.suggestion-card__state').textContent(), patient)
      .toBe('已采纳');
    await screenshot(worker.page, 'h5-suggest-approved');
  });

  it('tells a browser user who refused location how to allow it, offers no map, and its link opens by keyboard', async () => {
    // Arrange: no location permission (headless Chromium refuses the request).
    const worker = await browser();
    await signIn(worker.page, account('刘师傅（环卫工）'));
    await worker.page.locator('.me-page:visible .link-list__item--suggest').click();
    const form = worker.page.locator('.suggest-new:visible');

    // Act
    await form.locator('taro-button-core', { hasText: '我就在这里' }).click();

    // Assert: the way on is the browser's own switch; there is no map to pick on.
    const error = form.locator('.staff-field--location .staff-field__error');
    await expect
      .poll(() => error.textContent(), patient)
      .toBe(
        '浏览器未允许本网站获取位置。请点地址栏左侧的图标（锁形或 ⓘ），把“位置”改为“允许”，再点“我就在这里”。也可以在下面填写坐标。',
      );
    expect(await form.locator('taro-button-core', { hasText: '地图' }).count()).toBe(0);
    await screenshot(worker.page, 'h5-suggest-location-refused');

    // Act: 查看我的建议 from the keyboard (it takes focus, Enter opens it).
    const mine = form.locator('.suggest-new__mine');
    expect(await mine.getAttribute('tabindex')).toBe('0');
    await mine.focus();
    await worker.page.keyboard.press('Enter');
    await worker.page.locator('.my-suggestions:visible').waitFor({ timeout: 20_000 });
  });

  it('takes the place as coordinates typed from a map app when the browser gives no location, and sends it', async () => {
    // Arrange: no location permission; a place some 1.5 km from the first walk's, in 大新镇's box.
    const worker = await browser();
    const name = `江堤护林点休息室${Math.random().toString(36).slice(2, 6)}`;
    await signIn(worker.page, account('刘师傅（环卫工）'));
    await worker.page.locator('.me-page:visible .link-list__item--suggest').click();
    const form = worker.page.locator('.suggest-new:visible');
    await form.locator('.staff-field--name input').fill(name);
    await form.locator('.staff-field--address input').fill('张家港市大新镇江堤路 6 号');

    // Act: half typed, then sent: the coordinates are refused as they stand.
    const point = form.locator('.suggest-new__point input');
    await point.fill('120.59');
    await form.locator('.suggest-new__submit taro-button-core').click();

    // Assert
    const error = form.locator('.staff-field--location .staff-field__error');
    await expect.poll(() => error.textContent(), patient).toBe('坐标应为两个数字，例如 120.5512,31.8765');

    // Act: the whole point, as a map app shows it (latitude first here), then sent.
    await point.fill('32.02, 120.59');
    await expect
      .poll(() => form.locator('.suggest-new__picked').textContent(), patient)
      .toBe('已选择：填写的坐标（32.02000, 120.59000）');
    await form.locator('.suggest-new__submit taro-button-core').click();

    // Assert: sent, to the union of the place typed.
    await expect.poll(() => form.textContent(), patient).toContain('建议已提交，谢谢您！');
    expect(await form.textContent()).toContain(`大新镇工会将审核“${name}”`);
    await screenshot(worker.page, 'h5-suggest-typed-point');
  });
});
