import {
  gcj02ToWgs84,
  type ManagedStation,
  type NearbyStation,
  type StationDraftInput,
} from '@ankang/shared';
import type { Page, Request } from 'playwright-core';
import { afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { placeOfFile } from '../support/testPlaces';
import { openBrowser, screenshot } from './browser';

interface DevAccount {
  userId: string;
  nickname: string;
  roles: string[];
  orgName: string | null;
}

let browser: Awaited<ReturnType<typeof openBrowser>>;
const patient = { timeout: 15_000, interval: 100 };
const ZJG = '320000/320500/320582';

/** Among 张家港's demo stations (GCJ-02). */
const townCentre = { lng: 120.55, lat: 31.87 };
/** This file's own place, far from the demo's and every other file's stations, for the ones it creates. */
const quietCorner = placeOfFile(import.meta.url);

const api = (path: string) => `${inject('apiBase')}${path}`;

async function json<T>(response: Response, status = 200): Promise<T> {
  const body = (await response.json()) as T;
  expect(response.status, JSON.stringify(body)).toBe(status);
  return body;
}

async function devAccounts(): Promise<DevAccount[]> {
  return (await json<{ accounts: DevAccount[] }>(await fetch(api('/auth/dev-accounts')))).accounts;
}

async function tokenFor(find: (account: DevAccount) => boolean): Promise<string> {
  const account = (await devAccounts()).find(find);
  expect(account).toBeDefined();
  const login = await fetch(api('/auth/dev-login'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: account!.userId }),
  });
  return (await json<{ token: string }>(login)).token;
}

async function nearbyFromApi(at: { lng: number; lat: number }, extra = ''): Promise<NearbyStation[]> {
  const response = await fetch(api(`/stations/nearby?lat=${at.lat}&lng=${at.lng}${extra}`));
  return (await json<{ stations: NearbyStation[] }>(response)).stations;
}

/** A Shanghai calendar date `days` from today. */
const shanghaiDate = (days: number) =>
  new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

function draft(name: string, east: number, hours: StationDraftInput['hours']): StationDraftInput {
  return {
    name,
    address: `张家港市测试路 ${Math.round(east * 1e4)} 号`,
    district: '张家港市 测试片区',
    orgPath: ZJG,
    location: { lng: quietCorner.lng + east, lat: quietCorner.lat },
    hostType: 'union',
    amenities: ['water', 'aircon', 'toilet'],
    hours,
    phone: '0512-58000000',
    bestYears: [2025],
  };
}

let allDay: ManagedStation;
let staffToken: string;
let paused: ManagedStation;

beforeAll(async () => {
  // Our own stations, through the staff API: one always open, one paused by staff.
  staffToken = await tokenFor((a) => a.nickname === '李敏');
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${staffToken}` };
  // The token works before we lean on it (a first run once saw a 401 on the very first staff call).
  expect((await fetch(api('/me'), { headers })).status).toBe(200);
  const create = async (body: StationDraftInput) =>
    json<ManagedStation>(
      await fetch(api('/staff/stations'), { method: 'POST', headers, body: JSON.stringify(body) }),
      201,
    );
  allDay = await create(
    draft('测试二十四小时驿站', 0.003, {
      alwaysOpen: true,
      exceptions: [{ date: shanghaiDate(2), closed: true, periods: [], note: '设备检修' }],
    }),
  );
  const toPause = await create(draft('测试暂停开放驿站', 0.008, { alwaysOpen: true }));
  paused = await json<ManagedStation>(
    await fetch(api(`/staff/stations/${toPause.id}/status`), {
      method: 'POST',
      headers,
      body: JSON.stringify({
        version: toPause.version,
        status: { state: 'temporarilyClosed', reason: '空调维修' },
      }),
    }),
  );
  // Warm the functions the pages call (serverless-offline starts each on first use).
  await nearbyFromApi(townCentre);
  await fetch(api('/districts'));
  await fetch(api(`/stations/${allDay.id}`));
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

/** The browser reports WGS-84, as a phone's GPS does; the app must convert to GCJ-02 itself. */
async function locateAt(gcj: { lng: number; lat: number }) {
  const wgs = gcj02ToWgs84(gcj.lng, gcj.lat);
  await browser.context.setGeolocation({ latitude: wgs.lat, longitude: wgs.lng, accuracy: 20 });
  await browser.context.grantPermissions(['geolocation']);
}

const stationsPage = (page: Page) => page.locator('.stations-page:visible');
const rowNames = (page: Page) => stationsPage(page).locator('.station-row__name').allTextContents();

/** Waits until the page's slide-in transition has ended (its left edge is at 0). */
async function settled(page: Page, selector: string): Promise<void> {
  await expect.poll(async () => (await page.locator(selector).boundingBox())?.x, patient).toBe(0);
}

/** 350 米 → 350, 1.2 公里 → 1200. */
function meters(text: string): number {
  const [, value, unit] = /^([\d.]+) (米|公里)$/.exec(text.trim()) ?? [];
  expect(value, `distance text “${text}”`).toBeDefined();
  return Number(value) * (unit === '公里' ? 1000 : 1);
}

describe('H5: 驿站 nearby', () => {
  it('lists the stations around 张家港 nearest first, in the API’s order', async () => {
    // Arrange
    const expected = (await nearbyFromApi(townCentre)).map((station) => station.name);
    expect(expected.length).toBeGreaterThan(2);
    await locateAt(townCentre);
    const { page } = browser;

    // Act
    await page.goto(`${inject('h5Url')}/`);

    // Assert
    await expect.poll(() => rowNames(page), patient).toStrictEqual(expected);
    const distances = (await stationsPage(page).locator('.station-row__distance').allTextContents()).map(
      meters,
    );
    expect(distances).toStrictEqual([...distances].sort((a, b) => a - b));
    expect(distances[0]).toBeLessThan(1000);
    expect(await stationsPage(page).locator('.nearby-status__time').textContent()).toMatch(
      /^更新于 \d\d:\d\d$/,
    );
    await screenshot(page, 'h5-stations-nearby');
  });

  it('hides the paused station when 营业中 is on', async () => {
    // Arrange
    await locateAt(quietCorner);
    const { page } = browser;
    await page.goto(`${inject('h5Url')}/`);
    await expect.poll(() => rowNames(page), patient).toStrictEqual([allDay.name, paused.name]);
    const pausedRow = stationsPage(page).locator('.station-row', { hasText: paused.name });
    expect(await pausedRow.locator('.open-badge').textContent()).toBe('暂停开放空调维修');
    await screenshot(page, 'h5-stations-before-open-now');

    const openNow = stationsPage(page).getByRole('switch', { name: '只看营业中' });
    expect(await openNow.getAttribute('aria-checked')).toBe('false');

    // Act
    await openNow.click();

    // Assert
    await expect.poll(() => rowNames(page), patient).toStrictEqual([allDay.name]);
    expect(await openNow.getAttribute('aria-checked')).toBe('true');
    // The amenity chips say whether they are on, for a screen reader too.
    const water = stationsPage(page).locator('.filter-bar__chip--water');
    expect(await water.getAttribute('aria-pressed')).toBe('false');
    await water.click();
    await expect.poll(() => water.getAttribute('aria-pressed'), patient).toBe('true');
    await expect.poll(() => rowNames(page), patient).toStrictEqual([allDay.name]);
    // 饮水 was asked for: it leads the row's chips, drawn as matched.
    expect(
      await stationsPage(page)
        .locator('.station-row')
        .first()
        .locator('.amenity-chips__chip')
        .allTextContents(),
    ).toStrictEqual(['饮水', '空调', '卫生间']);
    await screenshot(page, 'h5-stations-open-now');
    await stationsPage(page).locator('.filter-bar__clear').click();
    await expect.poll(() => rowNames(page), patient).toStrictEqual([allDay.name, paused.name]);
  });

  it('keeps showing the last list with an offline notice when 刷新 cannot reach the server', async () => {
    // Arrange
    await locateAt(quietCorner);
    const { page } = browser;
    await page.goto(`${inject('h5Url')}/`);
    await expect.poll(() => rowNames(page), patient).toStrictEqual([allDay.name, paused.name]);

    // Act: the network drops.
    await page.route('**/stations/nearby**', (route) => route.abort('internetdisconnected'));
    await stationsPage(page).locator('.nearby-status__refresh').click();

    // Assert
    await expect
      .poll(() => stationsPage(page).locator('.nearby-status__offline').textContent(), patient)
      .toMatch(/^网络连接失败，请检查网络后重试。以下是 \d\d:\d\d 保存的结果，可能已有变化。$/);
    expect(await rowNames(page)).toStrictEqual([allDay.name, paused.name]);
    await screenshot(page, 'h5-stations-offline');
  });
});

describe('H5: 驿站 on a weak connection', () => {
  it('opens a listed station with no network: its page code was fetched ahead, its summary kept', async () => {
    // Arrange: the list loads; the station page's code is fetched in the background meanwhile.
    await locateAt(quietCorner);
    const { page } = browser;
    // Every script and stylesheet the page asks for, and those not yet fully received.
    const code: Request[] = [];
    const inFlight = new Set<Request>();
    const failed: string[] = [];
    page.on('request', (request) => {
      if (!['script', 'stylesheet'].includes(request.resourceType())) return;
      code.push(request);
      inFlight.add(request);
    });
    page.on('requestfinished', (request) => inFlight.delete(request));
    page.on('requestfailed', (request) => {
      if (inFlight.delete(request)) failed.push(request.url());
    });
    await page.goto(`${inject('h5Url')}/`);
    await expect.poll(() => rowNames(page), patient).toStrictEqual([allDay.name, paused.name]);
    // The list is up: the page's own code is in. A few seconds later the prefetch asks for the
    // station, login and 我的 pages' chunks all at once (one batch through the router's loaders),
    // so once it has asked and every answer has fully arrived, the station page's code is here.
    const listCode = code.length;
    await expect
      .poll(() => ({ prefetched: code.length > listCode, waiting: inFlight.size, failed }), patient)
      .toStrictEqual({ prefetched: true, waiting: 0, failed: [] });
    expect(await page.locator('#app-shell').count()).toBe(0);

    // Act: the network drops, and the worker taps a station.
    await browser.context.setOffline(true);
    await stationsPage(page).locator('.station-row', { hasText: allDay.name }).click();

    // Assert
    const detail = page.locator('.station-page:visible');
    await expect
      .poll(() => detail.locator('.station-page__saved-text').textContent(), patient)
      .toMatch(
        /^网络连接失败。以下是 \d\d:\d\d 保存的信息，营业状态可能已有变化；评价和反映问题需联网后进行。$/,
      );
    expect(await detail.locator('.station-page__name').textContent()).toBe(allDay.name);
    expect(await detail.locator('.station-page__address').textContent()).toBe(allDay.address);
    expect(await detail.locator('.feedback-form').count()).toBe(0);
    await screenshot(page, 'h5-station-offline-saved');

    // Act: back online, 重试.
    await browser.context.setOffline(false);
    await detail.locator('.station-page__saved-retry').click();

    // Assert
    await expect.poll(() => detail.locator('.hours-week__day').count(), patient).toBe(7);
    expect(await detail.locator('.station-page__saved').count()).toBe(0);
  });

  it('draws Amap above the list when the page has it, a marker per station, and a marker opens its station', async () => {
    // Arrange: a stand-in for Amap's JS API, recording what the app asks of it.
    await browser.context.addInitScript(() => {
      const log = {
        maps: 0,
        markers: [] as Array<{ title?: string; position: [number, number]; click?: () => void }>,
      };
      (window as unknown as { amapLog: typeof log }).amapLog = log;
      class FakeMap {
        constructor(container: HTMLElement) {
          log.maps++;
          container.setAttribute('data-fake-amap', 'yes');
        }
        setCenter() {}
        add() {}
        remove() {}
        destroy() {}
      }
      class FakeMarker {
        entry: (typeof log.markers)[number];
        constructor(options: { title?: string; position: [number, number] }) {
          this.entry = { title: options.title, position: options.position };
          log.markers.push(this.entry);
        }
        on(_event: string, handler: () => void) {
          this.entry.click = handler;
        }
        setMap() {}
      }
      (window as unknown as { AMap: unknown }).AMap = { Map: FakeMap, Marker: FakeMarker };
    });
    await locateAt(quietCorner);
    const { page } = browser;

    // Act
    await page.goto(`${inject('h5Url')}/`);

    // Assert
    await expect.poll(() => rowNames(page), patient).toStrictEqual([allDay.name, paused.name]);
    await expect.poll(() => stationsPage(page).locator('[data-fake-amap="yes"]').count(), patient).toBe(1);
    const titles = await page.evaluate(() =>
      (window as unknown as { amapLog: { markers: Array<{ title?: string }> } }).amapLog.markers.map(
        (m) => m.title,
      ),
    );
    expect(titles.slice(-3)).toStrictEqual(['您的位置', allDay.name, paused.name]);

    // Act: a tap on the paused station's marker.
    await page.evaluate((name) => {
      const { markers } = (
        window as unknown as { amapLog: { markers: Array<{ title?: string; click?: () => void }> } }
      ).amapLog;
      markers.filter((m) => m.title === name).at(-1)!.click!();
    }, paused.name);

    // Assert
    const detail = page.locator('.station-page:visible');
    await expect.poll(() => detail.locator('.station-page__name').textContent(), patient).toBe(paused.name);
  });

  it('draws no map without a key or Amap: the list stands alone', async () => {
    await locateAt(quietCorner);
    const { page } = browser;

    await page.goto(`${inject('h5Url')}/`);

    await expect.poll(() => rowNames(page), patient).toStrictEqual([allDay.name, paused.name]);
    expect(await stationsPage(page).locator('.station-map').count()).toBe(0);
    expect(await page.evaluate(() => document.querySelectorAll('script[src*="amap"]').length)).toBe(0);
  });
});

describe('H5: 驿站详情', () => {
  it('shows the week with today highlighted, the closure note, amenities and an Amap link', async () => {
    // Act
    const { page } = browser;
    await page.goto(`${inject('h5Url')}/#/pages/station/index?id=${allDay.id}`);

    // Assert
    const detail = page.locator('.station-page:visible');
    await expect.poll(() => detail.locator('.station-page__name').textContent(), patient).toBe(allDay.name);
    const days = detail.locator('.hours-week__day');
    expect(await days.count()).toBe(7);
    const today = detail.locator('.hours-week__day--today');
    expect(await today.count()).toBe(1);
    expect(await today.textContent()).toMatch(/^今天（周.）\d+月\d+日24小时$/);
    expect(await days.nth(2).textContent()).toContain('休息设备检修');
    expect(await detail.locator('.amenity-chips__chip').allTextContents()).toStrictEqual([
      '饮水',
      '空调',
      '卫生间',
    ]);
    expect(await detail.textContent()).toContain('最美驿站 2025');
    const { lng, lat } = allDay.location;
    expect(await detail.locator('a.station-actions__navigate-link').getAttribute('href')).toBe(
      `https://uri.amap.com/marker?position=${lng.toFixed(6)},${lat.toFixed(6)}&name=${encodeURIComponent(allDay.name)}&coordinate=gaode&callnative=1`,
    );
    await screenshot(page, 'h5-station-detail');
  });

  it('leads a paused station with its status and reopen time, greys the week, and shows the walk', async () => {
    // Arrange: a fix near the station (the stations page keeps it), then its page.
    await locateAt(quietCorner);
    const { page } = browser;
    await page.goto(`${inject('h5Url')}/`);
    await expect.poll(() => rowNames(page), patient).toStrictEqual([allDay.name, paused.name]);

    // Act
    await stationsPage(page)
      .locator('.station-row', { hasText: paused.name })
      .locator('.station-row__name')
      .click();

    // Assert
    const detail = page.locator('.station-page:visible');
    await expect.poll(() => detail.locator('.station-page__name').textContent(), patient).toBe(paused.name);
    expect(await detail.locator('.station-page__paused').textContent()).toBe(
      '暂停开放原因：空调维修恢复时间待定',
    );
    expect(await detail.locator('.hours-week--dimmed').count()).toBe(1);
    expect(await detail.locator('.station-page__distance').textContent()).toMatch(
      /^距您约 \d+ 米 · 步行约 \d+ 分钟$/,
    );
    await settled(page, '.station-page:visible');
    await screenshot(page, 'h5-station-paused');
  });
});

describe('H5: 驿站 without location', () => {
  it('finds 杨舍 by typing, opens a station, and rates it after signing in without losing the draft', async () => {
    // Arrange
    await browser.context.clearPermissions();
    const { page } = browser;
    const expected = (
      await json<{ stations: Array<{ id: string; name: string }> }>(
        await fetch(api(`/stations?q=${encodeURIComponent('杨舍')}`)),
      )
    ).stations;
    expect(expected.length).toBeGreaterThan(2);
    const worker = (await devAccounts()).find((a) => a.roles.every((role) => role === 'worker'))!;
    await page.goto(`${inject('h5Url')}/`);
    await expect
      .poll(() => stationsPage(page).locator('.stations-page__notice').textContent(), patient)
      .toContain('您未允许获取位置');
    await screenshot(page, 'h5-stations-denied');

    // Act: search.
    await stationsPage(page).locator('.station-search__input input').fill('杨舍');
    await stationsPage(page).locator('taro-button-core', { hasText: '搜索' }).click();

    // Assert
    await expect.poll(() => rowNames(page), patient).toStrictEqual(expected.map((station) => station.name));
    expect(await stationsPage(page).locator('.stations-page__title').textContent()).toBe('搜索“杨舍”');
    expect(await stationsPage(page).locator('.station-row__distance').count()).toBe(0);
    expect(await stationsPage(page).locator('a.station-row__navigate').count()).toBe(expected.length);
    await screenshot(page, 'h5-stations-search');

    // Act: a station; rate it signed out.
    const chosen = expected[0]!;
    const before = await json<{ rating: { count: number } }>(await fetch(api(`/stations/${chosen.id}`)));
    await stationsPage(page).locator('.station-row__name', { hasText: chosen.name }).first().click();
    const detail = page.locator('.station-page:visible');
    await expect.poll(() => detail.locator('.station-page__name').textContent(), patient).toBe(chosen.name);
    await detail.locator('.feedback-form__star').nth(3).click();
    await detail.locator('.choice-chips__chip', { hasText: '凉爽舒适' }).click();
    await detail.locator('.rating-form textarea').fill('空调很凉快');
    await detail.locator('taro-button-core', { hasText: '提交评价' }).click();

    // The login page opens; signing in comes back to the same station with what was typed.
    await page.locator('.dev-accounts__item', { hasText: worker.nickname }).click();
    await expect.poll(() => page.url(), patient).toContain(`/pages/station/index?id=${chosen.id}`);
    await expect.poll(() => detail.locator('.station-page__restored').count(), patient).toBe(1);
    await settled(page, '.station-page:visible');
    await expect.poll(() => detail.locator('.feedback-form__star--on').count(), patient).toBe(4);
    expect(await detail.locator('.choice-chips__chip--on').allTextContents()).toStrictEqual(['凉爽舒适']);
    expect(await detail.getByRole('button', { name: '凉爽舒适' }).getAttribute('aria-pressed')).toBe('true');
    expect(await detail.locator('.rating-form textarea').inputValue()).toBe('空调很凉快');
    await screenshot(page, 'h5-station-draft-restored');
    await detail.locator('taro-button-core', { hasText: '提交评价' }).click();

    // Assert
    await expect.poll(() => detail.textContent(), patient).toContain('感谢您的评价');
    const after = await json<{ rating: { count: number } }>(await fetch(api(`/stations/${chosen.id}`)));
    expect(after.rating.count).toBe(before.rating.count + 1);
    await screenshot(page, 'h5-station-rated');

    // Reporting a problem, now signed in.
    await detail.locator('.choice-chips__chip', { hasText: '没有饮用水' }).click();
    await detail.locator('.report-form textarea').fill('饮水机没有水了');
    await detail.locator('taro-button-core', { hasText: '提交问题' }).click();
    await expect.poll(() => detail.textContent(), patient).toContain('已提交，工会工作人员会尽快处理');
    const queue = await json<{
      problems: Array<{ stationId: string; kind: string; recent: Array<{ text: string }> }>;
    }>(
      await fetch(api(`/staff/problems?org=${ZJG}&kind=noWater`), {
        headers: { authorization: `Bearer ${staffToken}` },
      }),
    );
    expect(
      queue.problems
        .filter((p) => p.stationId === chosen.id)
        .flatMap(({ kind, recent }) => recent.map(({ text }) => ({ kind, text }))),
    ).toContainEqual({ kind: 'noWater', text: '饮水机没有水了' });
  });

  it('picks 杨舍镇 in the place picker by typing, lists its stations, and remembers it', async () => {
    // Arrange
    await browser.context.clearPermissions();
    const { page } = browser;
    const places = await json<{ places: Array<{ code: string; name: string }> }>(
      await fetch(api(`/places?q=${encodeURIComponent('杨舍')}`)),
    );
    const town = places.places.find((place) => place.name === '杨舍镇');
    expect(town).toBeDefined();
    const expected = (
      await json<{ stations: Array<{ name: string }> }>(await fetch(api(`/stations?place=${town!.code}`)))
    ).stations.map((station) => station.name);
    expect(expected.length).toBeGreaterThan(2);
    await page.goto(`${inject('h5Url')}/`);

    // Act
    await stationsPage(page).locator('.station-search__place-pick').click();
    await stationsPage(page).locator('.place-picker__input input').fill('杨舍');
    await stationsPage(page).locator('.place-picker__row', { hasText: '杨舍镇' }).first().click();

    // Assert
    await expect.poll(() => rowNames(page), patient).toStrictEqual(expected);
    expect(await stationsPage(page).locator('.stations-page__title').textContent()).toBe('杨舍镇的驿站');
    await screenshot(page, 'h5-stations-place');

    // A later visit, still without location, opens on the same town.
    await page.reload();
    await expect.poll(() => rowNames(page), patient).toStrictEqual(expected);
    expect(await stationsPage(page).locator('.stations-page__title').textContent()).toBe('杨舍镇的驿站');
  });
});
