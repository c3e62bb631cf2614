import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nearbyStations, stationDetail } from './fixtures';
import {
  bootApp,
  findByText,
  geo,
  renderPage,
  routes,
  storage,
  tap,
  waitFor,
  wx,
  wxmlAttribute,
} from './simulate';

const mounted: Array<{ detach(): void }> = [];
const text = (page: { dom: HTMLElement }) => page.dom.textContent ?? '';
const here = { latitude: 31.8745, longitude: 120.5512, accuracy: 30 };

function open(route: string, query: Record<string, string> = {}) {
  const page = renderPage(route, query);
  mounted.push(page);
  return page;
}

const nearbyCalls = () =>
  wx.request.mock.calls
    .map(([options]) => new URL(options.url))
    .filter((url) => url.pathname === '/stations/nearby');

/** The fake API: nearby answers the fixture, and honours openNow as the server does. */
function serveNearby() {
  routes.set('GET /stations/nearby', (options) => {
    const openNow = new URL(options.url).searchParams.get('openNow') === 'true';
    const stations = nearbyStations().filter((station) => !openNow || station.open);
    return { statusCode: 200, data: { stations, at: '2026-07-01T06:30:00.000Z' } };
  });
}

const rowNames = (page: { dom: HTMLElement }) =>
  Array.from(page.dom.querySelectorAll('.main--station-row__name')).map((el) => el.textContent);

beforeEach(() => {
  storage.clear();
  routes.clear();
  // The privacy handler is registered once per app launch (once per file): keep that record.
  for (const [name, fn] of Object.entries(wx)) if (name !== 'onNeedPrivacyAuthorization') fn.mockClear();
  geo.fix = { ...here };
  geo.failure = 'getLocation:fail auth deny';
});

afterEach(() => {
  for (const page of mounted.splice(0)) page.detach();
});

describe('Page: 驿站 nearby list', () => {
  it('asks WeChat for a GCJ-02 fix and lists stations nearest first with distance and hours label', async () => {
    // Arrange
    serveNearby();

    // Act
    const page = open('pages/stations/index');

    // Assert
    await waitFor(() => rowNames(page).length === 3);
    expect(wx.getLocation.mock.calls[0]?.[0].type).toBe('gcj02');
    const query = nearbyCalls()[0]!.searchParams;
    expect({ lat: query.get('lat'), lng: query.get('lng'), radius: query.get('radius') }).toStrictEqual({
      lat: String(here.latitude),
      lng: String(here.longitude),
      radius: '3000',
    });
    expect(rowNames(page)).toStrictEqual(['人民路环卫驿站', '建设银行爱心驿站', '港城加油站驿站']);
    const distances = Array.from(page.dom.querySelectorAll('.main--station-row__distance')).map(
      (el) => el.textContent,
    );
    expect(distances).toStrictEqual(['350 米', '1.2 公里', '4.8 公里']);
    expect(text(page)).toContain('24小时');
    expect(text(page)).toContain('明天 08:00 开门');
    expect(text(page)).toContain('营业至 22:00');
    expect(text(page)).toContain('已关门');
    expect(text(page)).toContain('卫生间');
    expect(text(page)).toContain('最美驿站 2024');
    expect(text(page)).toContain('更新于 14:30');
    const map = page.dom.querySelector('wx-map');
    expect(map, 'WeChat map above the list').not.toBeNull();
    const markers = wxmlAttribute(map!, 'markers') as Array<{
      latitude: number;
      longitude: number;
      title: string;
    }>;
    expect(markers.map(({ latitude, longitude, title }) => ({ latitude, longitude, title }))).toStrictEqual(
      nearbyStations().map((station) => ({
        latitude: station.location.lat,
        longitude: station.location.lng,
        title: station.name,
      })),
    );
  });

  it('re-queries with openNow when 营业中 is switched on, and the closed station goes', async () => {
    // Arrange
    serveNearby();
    const page = open('pages/stations/index');
    await waitFor(() => rowNames(page).length === 3);

    // Act
    tap(page.dom.querySelector('.main--filter-bar__chip--open-now')!);

    // Assert
    await waitFor(() => rowNames(page).length === 2);
    expect(nearbyCalls().map((url) => url.searchParams.get('openNow'))).toStrictEqual([null, 'true']);
    expect(rowNames(page)).toStrictEqual(['人民路环卫驿站', '港城加油站驿站']);
    expect(page.dom.querySelector('.main--filter-bar__chip--open-now')?.textContent).toBe('✓ 营业中');
  });

  it('sends several amenities as one comma list', async () => {
    serveNearby();
    const page = open('pages/stations/index');
    await waitFor(() => rowNames(page).length === 3);

    tap(page.dom.querySelector('.main--filter-bar__chip--water')!);
    await waitFor(() => nearbyCalls().length === 2);
    tap(page.dom.querySelector('.main--filter-bar__chip--toilet')!);

    await waitFor(() => nearbyCalls().length === 3);
    expect(nearbyCalls()[2]!.searchParams.get('amenities')).toBe('water,toilet');
  });

  it('loads again on pull-down and stops WeChat’s spinner when done', async () => {
    // Arrange
    serveNearby();
    const page = open('pages/stations/index');
    await waitFor(() => rowNames(page).length === 3);

    // Act: what WeChat calls when the worker pulls the page down.
    (page.instance.onPullDownRefresh as () => void)();

    // Assert
    await waitFor(() => wx.stopPullDownRefresh.mock.calls.length > 0);
    expect(nearbyCalls()).toHaveLength(2);
    expect(wx.getLocation).toHaveBeenCalledTimes(2);
  });

  it('opens the detail page when a row is tapped', async () => {
    serveNearby();
    const page = open('pages/stations/index');
    await waitFor(() => rowNames(page).length === 3);

    tap(findByText(page.dom, '建设银行爱心驿站', '.main--station-row')!);

    await waitFor(() => wx.navigateTo.mock.calls.length > 0);
    expect(wx.navigateTo.mock.calls[0]?.[0].url).toBe('/pages/station/index?id=st_000000000mid');
  });

  it('says so when nothing is within 3 km, and widens the radius on tap', async () => {
    // Arrange
    routes.set('GET /stations/nearby', () => ({
      statusCode: 200,
      data: { stations: [], at: '2026-07-01T06:30:00Z' },
    }));
    const page = open('pages/stations/index');
    await waitFor(() => text(page).includes('3 公里内暂无驿站'));

    // Act
    tap(findByText(page.dom, '扩大到 10 公里', 'wx-button')!);

    // Assert
    await waitFor(() => nearbyCalls().length === 2);
    expect(nearbyCalls()[1]!.searchParams.get('radius')).toBe('10000');
    await waitFor(() => text(page).includes('10 公里内暂无驿站'));
  });

  it('shows the stored list with an offline notice when the network is down', async () => {
    // Arrange: a first visit stores the answer.
    serveNearby();
    const first = open('pages/stations/index');
    await waitFor(() => rowNames(first).length === 3);
    first.detach();
    routes.clear();

    // Act: no route now, so wx.request fails as it does offline.
    const page = open('pages/stations/index');

    // Assert
    await waitFor(() => text(page).includes('网络连接失败'));
    expect(rowNames(page)).toStrictEqual(['人民路环卫驿站', '建设银行爱心驿站', '港城加油站驿站']);
    expect(text(page)).toContain('14:30 保存的结果');
  });
});

describe('Page: 驿站 without location', () => {
  it('offers the district picker when location is denied, and lists the picked district', async () => {
    // Arrange
    geo.fix = null;
    routes.set('GET /districts', () => ({
      statusCode: 200,
      data: {
        districts: [
          { path: '320000/320500', name: '苏州市总工会', region: '苏州市', parentPath: '320000' },
          {
            path: '320000/320500/320582',
            name: '张家港市总工会',
            region: '张家港市',
            parentPath: '320000/320500',
          },
        ],
      },
    }));
    routes.set('GET /stations', (options) => {
      const org = new URL(options.url).searchParams.get('org');
      const stations =
        org === '320000/320500/320582' ? nearbyStations().map(({ distanceM: _, ...s }) => s) : [];
      return { statusCode: 200, data: { stations, at: '2026-07-01T06:30:00Z' } };
    });
    const page = open('pages/stations/index');
    await waitFor(() => text(page).includes('您未允许获取位置'));
    const zjg = await waitFor(() => findByText(page.dom, '张家港市总工会', '.main--district-picker__item'));

    // Act
    tap(zjg);

    // Assert
    await waitFor(() => rowNames(page).length === 3);
    expect(nearbyCalls()).toHaveLength(0);
    expect(text(page)).toContain('选择地区');
    expect(page.dom.querySelector('.main--station-row__distance')).toBeNull();
  });

  it('opens WeChat’s settings on 重新定位 after a refusal, then lists what is nearby', async () => {
    // Arrange
    geo.fix = null;
    routes.set('GET /districts', () => ({ statusCode: 200, data: { districts: [] } }));
    serveNearby();
    const page = open('pages/stations/index');
    const again = await waitFor(() =>
      findByText(page.dom, '重新定位', '.main--stations-page__notice-action'),
    );

    // Act: the worker allows location in the settings page.
    geo.fix = { ...here };
    tap(again);

    // Assert
    await waitFor(() => rowNames(page).length === 3);
    expect(wx.openSetting).toHaveBeenCalledTimes(1);
  });
});

describe('Page: 驿站 privacy agreement', () => {
  it('answers WeChat’s privacy request with its popup; the agree button is the one WeChat checks', async () => {
    // Arrange: the app registered its handler at launch.
    const page = await openStationsWithPrivacyRequest();
    const agree = await waitFor(() => findByText(page.dom, '同意并继续', 'wx-button'));

    const openType = wxmlAttribute(agree, 'open-type');
    const buttonId = wxmlAttribute(agree, 'id');

    // Act: WeChat fires this event on the open-type button once the user agreed.
    tap(agree, 'agreeprivacyauthorization');

    // Assert
    expect(openType).toBe('agreePrivacyAuthorization');
    await waitFor(() => answers.length === 2);
    expect(answers).toStrictEqual([{ event: 'exposureAuthorization' }, { event: 'agree', buttonId }]);
    expect(buttonId).toBe('privacy-agree');
  });

  it('refuses the privacy request on 不同意, and the popup closes', async () => {
    // Arrange
    const page = await openStationsWithPrivacyRequest();
    const refuse = await waitFor(() => findByText(page.dom, '不同意', 'wx-button'));

    // Act
    tap(refuse);

    // Assert
    await waitFor(() => answers.length === 2);
    expect(answers).toStrictEqual([{ event: 'exposureAuthorization' }, { event: 'disagree' }]);
  });
});

describe('Page: 驿站详情', () => {
  const closedDay = () => new Date(Date.now() + 8 * 3_600_000 + 2 * 86_400_000).toISOString().slice(0, 10);

  it('shows the week with today marked and the holiday note, and navigates with WeChat’s map', async () => {
    // Arrange
    routes.set('GET /stations/st_00000000near', () => ({
      statusCode: 200,
      data: stationDetail(closedDay(), '国庆节'),
    }));

    // Act
    const page = open('pages/station/index', { id: 'st_00000000near' });

    // Assert
    await waitFor(() => text(page).includes('本周开放时间'));
    const days = Array.from(page.dom.querySelectorAll('.main--hours-week__day'));
    expect(days).toHaveLength(7);
    expect(days[0]?.className).toContain('hours-week__day--today');
    expect(days[0]?.textContent).toContain('今天');
    expect(days[0]?.textContent).toContain('08:00–22:00');
    expect(days[2]?.textContent).toContain('休息');
    expect(days[2]?.textContent).toContain('国庆节');
    expect(text(page)).toContain('最美驿站 2023、2024');
    expect(text(page)).toContain('工会自建');
    expect(text(page)).toContain('空调');

    tap(findByText(page.dom, '导航前往', 'wx-button')!);
    await waitFor(() => wx.openLocation.mock.calls.length > 0);
    const {
      success: _s,
      fail: _f,
      complete: _c,
      ...target
    } = wx.openLocation.mock.calls[0]![0] as Record<string, unknown>;
    expect(target).toStrictEqual({
      latitude: 31.876,
      longitude: 120.553,
      name: '人民路环卫驿站',
      address: '张家港市杨舍镇人民中路 1 号',
      scale: 16,
    });

    tap(findByText(page.dom, '拨打电话', 'wx-button')!);
    await waitFor(() => wx.makePhoneCall.mock.calls.length > 0);
    expect(wx.makePhoneCall.mock.calls[0]?.[0].phoneNumber).toBe('0512-58680000');
  });

  it('says the station is gone when the API answers STATION_NOT_FOUND', async () => {
    routes.set('GET /stations/st_0000000gone', () => ({
      statusCode: 404,
      data: { error: { code: 'STATION_NOT_FOUND', message: '未找到该驿站，可能已被删除' } },
    }));

    const page = open('pages/station/index', { id: 'st_0000000gone' });

    await waitFor(() => text(page).includes('未找到该驿站'));
    expect(text(page)).toContain('可能已被删除');
  });
});

const answers: object[] = [];

async function openStationsWithPrivacyRequest() {
  bootApp();
  geo.fix = null;
  routes.set('GET /districts', () => ({ statusCode: 200, data: { districts: [] } }));
  const page = open('pages/stations/index');
  await waitFor(() => text(page).includes('选择地区'));
  // Registered once, at launch (useLaunch runs once the React root exists).
  await waitFor(() => wx.onNeedPrivacyAuthorization.mock.calls.length > 0);
  expect(wx.onNeedPrivacyAuthorization).toHaveBeenCalledTimes(1);
  const handler = wx.onNeedPrivacyAuthorization.mock.calls[0]?.[0] as (resolve: (o: object) => void) => void;
  answers.length = 0;
  handler((option) => answers.push(option));
  return page;
}
