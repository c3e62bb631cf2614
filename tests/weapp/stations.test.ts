import { describe, expect, it } from 'vitest';
import { closedDay, me, nearbyStations, session, stationDetail } from './fixtures';
import { openPage as open, resetPagesEachTest } from './harness';
import {
  bootApp,
  findByText,
  geo,
  holdAnswers,
  routes,
  settled,
  storage,
  tap,
  waitFor,
  wx,
  wxmlAttribute,
} from './simulate';

const text = (page: { dom: HTMLElement }) => page.dom.textContent ?? '';
const here = { latitude: 31.8745, longitude: 120.5512, accuracy: 30 };

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

/** Types as WeChat reports it (an input event) until the page has re-rendered with the value. */
const typeInto = (find: () => Element | null, value: string) =>
  waitFor(() => {
    const element = find();
    if (!element) return false;
    if (wxmlAttribute(element, 'value') === value) return true;
    tap(element, 'input', { value });
    return false;
  });

const rowNames = (page: { dom: HTMLElement }) =>
  Array.from(page.dom.querySelectorAll('.main--station-row__name')).map((el) => el.textContent);

resetPagesEachTest(() => {
  geo.fix = { ...here };
  geo.failure = 'getLocation:fail auth deny';
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

  it('re-queries with openNow when the 只看营业中 switch is turned on, and the closed station goes', async () => {
    // Arrange
    serveNearby();
    const page = open('pages/stations/index');
    await waitFor(() => rowNames(page).length === 3);
    const openNowSwitch = () => page.dom.querySelector('.main--filter-bar__switch')!;
    expect(openNowSwitch().textContent).toBe('只看营业中');
    expect(openNowSwitch().className).not.toContain('filter-bar__switch--on');

    // Act
    tap(openNowSwitch());

    // Assert
    await waitFor(() => rowNames(page).length === 2);
    expect(nearbyCalls().map((url) => url.searchParams.get('openNow'))).toStrictEqual([null, 'true']);
    expect(rowNames(page)).toStrictEqual(['人民路环卫驿站', '港城加油站驿站']);
    expect(openNowSwitch().className).toContain('filter-bar__switch--on');
    // 营业中 is no longer one of the amenity chips.
    expect(
      Array.from(page.dom.querySelectorAll('.main--filter-bar__chip')).map((chip) => chip.textContent),
    ).toStrictEqual(['饮水', '卫生间', '空调', '充电', '加热/微波炉', '应急药箱']);
  });

  it('shows the amenities filtered by first in each row, and 清除筛选 drops every filter', async () => {
    // Arrange
    serveNearby();
    const page = open('pages/stations/index');
    await waitFor(() => rowNames(page).length === 3);
    expect(findByText(page.dom, '清除筛选', '.main--filter-bar__clear')).toBeNull();
    const firstRowChips = () =>
      Array.from(
        page.dom.querySelectorAll('.main--station-row')[0]!.querySelectorAll('.main--amenity-chips__chip'),
      );

    // Act
    tap(page.dom.querySelector('.main--filter-bar__chip--aircon')!);
    await waitFor(() => nearbyCalls().length === 2);
    tap(page.dom.querySelector('.main--filter-bar__switch')!);
    await waitFor(() => nearbyCalls().length === 3);

    // Assert: the station lists 饮水, 卫生间, 空调; 空调 was asked for, so it leads, marked.
    await waitFor(() => firstRowChips()[0]?.textContent === '空调');
    expect(firstRowChips().map((chip) => chip.textContent)).toStrictEqual(['空调', '饮水', '卫生间']);
    expect(firstRowChips()[0]!.className).toContain('amenity-chips__chip--matched');
    expect(firstRowChips()[1]!.className).not.toContain('amenity-chips__chip--matched');

    // Act: clear.
    tap(findByText(page.dom, '清除筛选', '.main--filter-bar__clear')!);

    // Assert
    await waitFor(() => nearbyCalls().length === 4);
    const last = nearbyCalls()[3]!.searchParams;
    expect([last.get('amenities'), last.get('openNow')]).toStrictEqual([null, null]);
    await waitFor(() => findByText(page.dom, '清除筛选', '.main--filter-bar__clear') === null);
    expect(page.dom.querySelector('.main--filter-bar__chip--on')).toBeNull();
    expect(page.dom.querySelector('.main--filter-bar__switch')!.className).not.toContain('--on');
  });

  it('opens WeChat’s map from a row’s 导航 in one tap, without opening the row', async () => {
    // Arrange
    serveNearby();
    const page = open('pages/stations/index');
    await waitFor(() => rowNames(page).length === 3);
    const row = findByText(page.dom, '建设银行爱心驿站', '.main--station-row')!;

    // Act
    tap(row.querySelector('.main--station-row__navigate')!);

    // Assert
    await waitFor(() => wx.openLocation.mock.calls.length > 0);
    const {
      success: _s,
      fail: _f,
      complete: _c,
      ...target
    } = wx.openLocation.mock.calls[0]![0] as Record<string, unknown>;
    expect(target).toStrictEqual({
      latitude: 31.88,
      longitude: 120.56,
      name: '建设银行爱心驿站',
      address: '张家港市杨舍镇人民中路 1 号',
      scale: 16,
    });
    expect(page.dom.querySelectorAll('.main--station-row__navigate')).toHaveLength(3);
    expect(wx.navigateTo).not.toHaveBeenCalled();
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

  it('loads once when a pull-down finds the worker moved (not again when the new position arrives)', async () => {
    // Arrange
    serveNearby();
    const page = open('pages/stations/index');
    await waitFor(() => rowNames(page).length === 3);
    const moved = { latitude: here.latitude + 0.01, longitude: here.longitude, accuracy: 30 };
    geo.fix = moved;

    // Act
    (page.instance.onPullDownRefresh as () => void)();

    // Assert: one more request, for the new position; and none after the page has drawn it and
    // gone quiet (a second load would redraw the list's status line, so the page would not settle).
    await waitFor(() => wx.stopPullDownRefresh.mock.calls.length > 0 && nearbyCalls().length >= 2);
    await settled(page);
    expect(nearbyCalls().map((url) => url.searchParams.get('lat'))).toStrictEqual([
      String(here.latitude),
      String(moved.latitude),
    ]);
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

/** Places as GET /places answers them: a level by parent, or a search by name. */
const placeOf = (code: string, name: string, fullName: string) => ({
  code,
  name,
  fullName,
  level: (['province', 'city', 'county', 'town'] as const)[[2, 4, 6, 9].indexOf(code.length)]!,
});
const places = {
  top: [placeOf('32', '江苏省', '江苏省'), placeOf('31', '上海市', '上海市')],
  32: [placeOf('3205', '苏州市', '江苏省 苏州市')],
  3205: [placeOf('320582', '张家港市', '江苏省 苏州市 张家港市')],
  320582: [
    placeOf('320582100', '杨舍镇', '江苏省 苏州市 张家港市 杨舍镇'),
    placeOf('320582107', '大新镇', '江苏省 苏州市 张家港市 大新镇'),
  ],
} as Record<string, ReturnType<typeof placeOf>[]>;

function servePlaces() {
  routes.set('GET /places', (options) => {
    const query = new URL(options.url).searchParams;
    const q = query.get('q');
    const found = q
      ? Object.values(places)
          .flat()
          .filter((place) => place.name.includes(q))
      : (places[query.get('parent') ?? 'top'] ?? []);
    return { statusCode: 200, data: { places: found } };
  });
}

const searchCalls = () =>
  wx.request.mock.calls
    .map(([options]) => new URL(options.url))
    .filter((url) => url.pathname === '/stations');

/** The fake search: stations of 杨舍镇 for q=杨舍 or place=320582100, nothing otherwise. */
function serveSearch() {
  routes.set('GET /stations', (options) => {
    const query = new URL(options.url).searchParams;
    const hit = query.get('q') === '杨舍' || query.get('place') === '320582100';
    const withPoint = query.has('lat');
    const stations = hit
      ? nearbyStations().map(({ distanceM, ...station }) => ({
          ...station,
          match: 'place',
          ...(withPoint ? { distanceM } : {}),
        }))
      : [];
    return { statusCode: 200, data: { stations, complete: true, at: '2026-07-01T06:30:00Z' } };
  });
}

const heading = (page: { dom: HTMLElement }) =>
  page.dom.querySelector('.main--stations-page__title')?.textContent;
const searchBox = (page: { dom: HTMLElement }) => () =>
  page.dom.querySelector('.main--station-search__input');
const pickerBox = (page: { dom: HTMLElement }) => () => page.dom.querySelector('.main--place-picker__input');

describe('Page: 驿站 without location', () => {
  it('searches by the words typed when location is denied, and says what it shows', async () => {
    // Arrange
    geo.fix = null;
    serveSearch();
    const page = open('pages/stations/index');
    await waitFor(() => text(page).includes('您未允许获取位置'));
    expect(heading(page)).toBe('查找驿站');

    // Act
    await typeInto(searchBox(page), '杨舍');
    tap(findByText(page.dom, '搜索', 'wx-button')!);

    // Assert
    await waitFor(() => rowNames(page).length === 3);
    const query = searchCalls()[0]!.searchParams;
    expect(Object.fromEntries(query)).toStrictEqual({ q: '杨舍' });
    expect(heading(page)).toBe('搜索“杨舍”');
    expect(wx.setNavigationBarTitle.mock.calls.at(-1)?.[0].title).toBe('搜索“杨舍”');
    expect(page.dom.querySelector('.main--station-row__distance')).toBeNull();
    expect(nearbyCalls()).toHaveLength(0);
  });

  it('says so in Chinese when nothing matches, and when the search fails', async () => {
    // Arrange
    geo.fix = null;
    serveSearch();
    const page = open('pages/stations/index');
    await waitFor(() => text(page).includes('您未允许获取位置'));

    // Act
    await typeInto(searchBox(page), '不存在的路');
    tap(findByText(page.dom, '搜索', 'wx-button')!);

    // Assert
    await waitFor(() => text(page).includes('没有找到驿站'));
    expect(text(page)).toContain('搜索“不存在的路”：换个地名、路名，或选择其他地区试试。');

    // Act: the server fails.
    routes.set('GET /stations', () => ({
      statusCode: 500,
      data: { error: { code: 'INTERNAL', message: '服务器开小差了，请稍后再试' } },
    }));
    tap(findByText(page.dom, '搜索', 'wx-button')!);

    // Assert
    await waitFor(() => text(page).includes('搜索失败'));
    expect(text(page)).toContain('服务器开小差了');
  });

  it('asks for a place when the words hold no two Chinese characters side by side (88号), without asking the server, and offers the picker', async () => {
    // Arrange: the server would answer such words with nothing, as it does without a place.
    geo.fix = null;
    servePlaces();
    serveSearch();
    const page = open('pages/stations/index');
    await waitFor(() => text(page).includes('您未允许获取位置'));

    // Act
    await typeInto(searchBox(page), '88号');
    tap(findByText(page.dom, '搜索', 'wx-button')!);

    // Assert
    await waitFor(() => text(page).includes('请再多输入几个字'));
    expect(text(page)).toContain('不选地区时，要有两个连写的汉字');
    expect(text(page)).not.toContain('没有找到驿站');
    expect(text(page)).not.toContain('正在搜索');
    expect(searchCalls()).toStrictEqual([]);
    tap(findByText(page.dom, '选择地区', 'wx-button')!);
    await waitFor(() => text(page).includes('江苏省'));
  });

  it('finds 杨舍镇 by typing in the place picker, lists its stations, and remembers it next time', async () => {
    // Arrange
    geo.fix = null;
    servePlaces();
    serveSearch();
    const first = open('pages/stations/index');
    await waitFor(() => text(first).includes('您未允许获取位置'));

    // Act
    tap(findByText(first.dom, '选择地区', '.main--station-search__place-pick')!);
    await waitFor(() => text(first).includes('江苏省'));
    await typeInto(pickerBox(first), '杨舍');
    const town = await waitFor(() => findByText(first.dom, '杨舍镇', '.main--place-picker__row'));
    expect(town.textContent).toContain('江苏省 苏州市 张家港市 杨舍镇');
    tap(town);

    // Assert
    await waitFor(() => rowNames(first).length === 3);
    expect(Object.fromEntries(searchCalls()[0]!.searchParams)).toStrictEqual({ place: '320582100' });
    expect(heading(first)).toBe('杨舍镇的驿站');
    expect(first.dom.querySelector('.main--place-picker')).toBeNull();
    expect(findByText(first.dom, '地区：杨舍镇', '.main--station-search__place-pick')).not.toBeNull();

    // Act: the next visit, still without location.
    first.detach();
    const again = open('pages/stations/index');

    // Assert
    await waitFor(() => rowNames(again).length === 3);
    expect(heading(again)).toBe('杨舍镇的驿站');
    expect(Object.fromEntries(searchCalls().at(-1)!.searchParams)).toStrictEqual({ place: '320582100' });
  });

  it('never shows the last text’s places for new text, and keeps the level without asking again', async () => {
    // Arrange
    geo.fix = null;
    servePlaces();
    const page = open('pages/stations/index');
    await waitFor(() => text(page).includes('您未允许获取位置'));
    tap(findByText(page.dom, '选择地区', '.main--station-search__place-pick')!);
    await waitFor(() => findByText(page.dom, '江苏省', '.main--place-picker__row'));
    await typeInto(pickerBox(page), '杨舍');
    await waitFor(() => findByText(page.dom, '杨舍镇', '.main--place-picker__row'));
    const levelCalls = () =>
      wx.request.mock.calls
        .map(([options]) => new URL(options.url))
        .filter((url) => url.pathname === '/places' && !url.searchParams.has('q'));
    expect(levelCalls()).toHaveLength(1);

    // Act: the next text fails to load.
    routes.set('GET /places', () => ({
      statusCode: 500,
      data: { error: { code: 'INTERNAL', message: '服务器开小差了，请稍后再试' } },
    }));
    await typeInto(pickerBox(page), '大新');

    // Assert
    await waitFor(() => text(page).includes('点此重试'));
    expect(findByText(page.dom, '杨舍镇', '.main--place-picker__row')).toBeNull();

    // Act: the text cleared, the provinces come back as they were.
    servePlaces();
    await typeInto(pickerBox(page), '');

    // Assert
    await waitFor(() => findByText(page.dom, '江苏省', '.main--place-picker__row'));
    expect(levelCalls()).toHaveLength(1);
  });

  it('walks the places province → city → county → town, and can take a whole city', async () => {
    // Arrange
    geo.fix = null;
    servePlaces();
    serveSearch();
    const page = open('pages/stations/index');
    await waitFor(() => text(page).includes('您未允许获取位置'));
    tap(findByText(page.dom, '选择地区', '.main--station-search__place-pick')!);
    const row = (name: string) => waitFor(() => findByText(page.dom, name, '.main--place-picker__row'));

    // Act
    tap(await row('江苏省'));
    tap(await row('苏州市'));
    await row('张家港市');

    // Assert: the trail, and 整个苏州市.
    const trail = Array.from(page.dom.querySelectorAll('.main--place-picker__crumb')).map(
      (c) => c.textContent,
    );
    expect(trail).toStrictEqual(['全国', '江苏省', '苏州市']);
    tap(findByText(page.dom, '查看整个苏州市的驿站', '.main--place-picker__whole')!);
    await waitFor(() => heading(page) === '苏州市的驿站');
    await waitFor(() => searchCalls().length > 0);
    expect(Object.fromEntries(searchCalls()[0]!.searchParams)).toStrictEqual({ place: '3205' });

    // Act: down to a town.
    tap(findByText(page.dom, '地区：苏州市', '.main--station-search__place-pick')!);
    tap(await row('江苏省'));
    tap(await row('苏州市'));
    tap(await row('张家港市'));
    tap(await row('杨舍镇'));

    // Assert
    await waitFor(() => rowNames(page).length === 3);
    expect(heading(page)).toBe('杨舍镇的驿站');
  });

  it('opens WeChat’s settings on 重新定位 after a refusal, then lists what is nearby', async () => {
    // Arrange
    geo.fix = null;
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
    expect(heading(page)).toBe('附近驿站');
  });
});

describe('Page: 驿站 search with location', () => {
  it('ranks near the worker (sends the point), shows distances, and 返回附近 goes back to the list', async () => {
    // Arrange
    serveNearby();
    serveSearch();
    const page = open('pages/stations/index');
    await waitFor(() => rowNames(page).length === 3);

    // Act
    await typeInto(searchBox(page), '杨舍');
    tap(findByText(page.dom, '搜索', 'wx-button')!);

    // Assert
    await waitFor(() => heading(page) === '搜索“杨舍”');
    await waitFor(() => page.dom.querySelectorAll('.main--station-row__distance').length === 3);
    const query = searchCalls()[0]!.searchParams;
    expect([query.get('q'), query.get('lat'), query.get('lng')]).toStrictEqual([
      '杨舍',
      '31.8745',
      '120.5512',
    ]);

    // Act
    tap(findByText(page.dom, '返回附近', '.main--stations-page__back')!);

    // Assert
    await waitFor(() => heading(page) === '附近驿站');
    expect(rowNames(page)).toStrictEqual(['人民路环卫驿站', '建设银行爱心驿站', '港城加油站驿站']);
  });
});

describe('Page: 驿站 search paging', () => {
  it('loads the next page when the worker scrolls to the end, and says when all are shown', async () => {
    // Arrange: 杨舍 answers in two pages.
    geo.fix = null;
    const all = nearbyStations().map(({ distanceM: _distance, ...station }) => ({
      ...station,
      match: 'place',
    }));
    routes.set('GET /stations', (options) => {
      const cursor = new URL(options.url).searchParams.get('cursor');
      const data =
        cursor === 'page-2'
          ? { stations: all.slice(2) }
          : { stations: all.slice(0, 2), nextCursor: 'page-2' };
      return { statusCode: 200, data: { ...data, complete: true, at: '2026-07-01T06:30:00Z' } };
    });
    const page = open('pages/stations/index');
    await waitFor(() => text(page).includes('您未允许获取位置'));
    await typeInto(searchBox(page), '杨舍');
    tap(findByText(page.dom, '搜索', 'wx-button')!);
    await waitFor(() => rowNames(page).length === 2);
    expect(text(page)).toContain('加载更多');

    // Act: what WeChat calls at the bottom of the page.
    (page.instance.onReachBottom as () => void)();

    // Assert
    await waitFor(() => rowNames(page).length === 3);
    expect(rowNames(page)).toStrictEqual(all.map((station) => station.name));
    expect(searchCalls().map((url) => url.searchParams.get('cursor'))).toStrictEqual([null, 'page-2']);
    expect(text(page)).toContain('共 3 个驿站');
  });
});

describe('Page: 驿站 search with too many matches', () => {
  it('says the answer is only the part near the worker when the server could not rank every match', async () => {
    // Arrange: 加油站 matches more than one search reads; the server says so.
    routes.set('GET /stations', (options) => {
      const partial = new URL(options.url).searchParams.get('q') === '加油站';
      const stations = nearbyStations().map((station) => ({ ...station, match: 'name' }));
      return { statusCode: 200, data: { stations, complete: !partial, at: '2026-07-01T06:30:00Z' } };
    });
    serveNearby();
    const page = open('pages/stations/index');
    await waitFor(() => rowNames(page).length === 3);

    // Act
    await typeInto(searchBox(page), '加油站');
    tap(findByText(page.dom, '搜索', 'wx-button')!);

    // Assert
    await waitFor(() => page.dom.querySelector('.main--search-results__partial'));
    expect(page.dom.querySelector('.main--search-results__partial')!.textContent).toBe(
      '结果较多，已按距离显示离您较近的部分结果。可输入更具体的地名，或点此选择地区。',
    );

    // Act: a narrower search is complete, and the notice goes.
    await typeInto(searchBox(page), '港城加油站');
    tap(findByText(page.dom, '搜索', 'wx-button')!);

    // Assert
    await waitFor(() => searchCalls().length === 2);
    await waitFor(() => rowNames(page).length === 3);
    expect(page.dom.querySelector('.main--search-results__partial')).toBeNull();
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

  it('leads with 暂停开放, the reason and the reopen time, and greys the week', async () => {
    // Arrange: reopening on a date three days ahead, 08:30 Beijing time.
    const reopenDate = new Date(Date.now() + 8 * 3_600_000 + 3 * 86_400_000).toISOString().slice(0, 10);
    const [, month, day] = reopenDate.split('-').map(Number);
    routes.set('GET /stations/st_00000000near', () => ({
      statusCode: 200,
      data: {
        ...stationDetail(closedDay(), '国庆节'),
        status: { state: 'temporarilyClosed', reason: '空调维修', until: `${reopenDate}T08:30:00+08:00` },
        open: false,
        hoursLabel: '暂停开放：空调维修',
      },
    }));

    // Act
    const page = open('pages/station/index', { id: 'st_00000000near' });

    // Assert
    const notice = await waitFor(() => page.dom.querySelector('.main--station-page__paused'));
    expect(Array.from(notice.children).map((line) => line.textContent)).toStrictEqual([
      '暂停开放',
      '原因：空调维修',
      `预计 ${month}月${day}日 08:30 恢复`,
    ]);
    expect(page.dom.querySelector('.main--open-badge')).toBeNull();
    // Status before the address, in the page's order.
    const order = Array.from(
      page.dom.querySelectorAll('.main--station-page__paused, .main--station-page__address'),
    );
    expect(order.map((el) => el.className.includes('paused'))).toStrictEqual([true, false]);
    expect(page.dom.querySelector('.main--hours-week')!.className).toContain('hours-week--dimmed');
    expect(text(page)).toContain('平时开放时间（暂停期间不开放）');
  });

  it('shows the distance and walking time from the worker’s last fix, and none from a stale one', async () => {
    // Arrange: 0.009° of latitude south of the station on its meridian = 1000.75 m (R 6371 km);
    // on foot 1000.75 × 1.3 ÷ 70 m/min = 18.6 → 19 minutes.
    routes.set('GET /stations/st_00000000near', () => ({
      statusCode: 200,
      data: stationDetail(closedDay(), '国庆节'),
    }));
    storage.set('ankang.lastPoint', JSON.stringify({ latitude: 31.867, longitude: 120.553, at: Date.now() }));

    // Act
    const page = open('pages/station/index', { id: 'st_00000000near' });

    // Assert
    await waitFor(() => page.dom.querySelector('.main--station-page__distance'));
    expect(page.dom.querySelector('.main--station-page__distance')!.textContent).toBe(
      '距您约 1.0 公里 · 步行约 19 分钟',
    );

    // Act: a fix two hours old says nothing about where the worker is now.
    page.detach();
    storage.set(
      'ankang.lastPoint',
      JSON.stringify({ latitude: 31.867, longitude: 120.553, at: Date.now() - 2 * 3_600_000 }),
    );
    const later = open('pages/station/index', { id: 'st_00000000near' });

    // Assert
    await waitFor(() => text(later).includes('本周开放时间'));
    expect(later.dom.querySelector('.main--station-page__distance')).toBeNull();
  });

  it('keeps a half-typed rating when the page is left, puts it back, and forgets it once sent', async () => {
    // Arrange
    routes.set('GET /stations/st_00000000near', () => ({
      statusCode: 200,
      data: stationDetail(closedDay(), '国庆节'),
    }));
    const first = open('pages/station/index', { id: 'st_00000000near' });
    await waitFor(() => first.dom.querySelector('.main--feedback-form__star'));
    tap(first.dom.querySelectorAll('.main--feedback-form__star')[3]!);
    tap(await waitFor(() => findByText(first.dom, '凉爽舒适', '.main--choice-chips__chip')));
    await typeInto(() => first.dom.querySelector('.main--rating-form wx-textarea'), '水很凉');
    first.detach();

    // Act
    const again = open('pages/station/index', { id: 'st_00000000near' });

    // Assert
    await waitFor(() => text(again).includes('已恢复您登录前填写的内容'));
    const on = () => again.dom.querySelectorAll('.main--feedback-form__star--on').length;
    expect(on()).toBe(4);
    expect(findByText(again.dom, '凉爽舒适', '.main--choice-chips__chip')!.className).toContain('--on');
    expect(wxmlAttribute(again.dom.querySelector('.main--rating-form wx-textarea')!, 'value')).toBe('水很凉');

    // Act: signed in, the worker sends it.
    storage.set('ankang.session', JSON.stringify(session('worker')));
    routes.set('POST /stations/st_00000000near/feedback', (options) => ({
      statusCode: 200,
      data: {
        feedback: {
          stationId: 'st_00000000near',
          date: '2026-07-01',
          ...(options.data as object),
          createdAt: '2026-07-01T06:30:00.000Z',
        },
        rating: { average: 4.5, count: 13 },
      },
    }));
    tap(findByText(again.dom, '提交评价', 'wx-button')!);

    // Assert
    await waitFor(() => text(again).includes('感谢您的评价'));
    const sent = wx.request.mock.calls.find(([options]) => options.url.endsWith('/feedback'))![0];
    expect(sent.data).toStrictEqual({ stars: 4, tags: ['cool'], comment: '水很凉' });
    expect(String(storage.get('ankang.stationDrafts'))).not.toContain('水很凉');
  });

  it('shows the station as the list last showed it, marked as saved, when the network is gone', async () => {
    // Arrange: the list loads, the worker opens a station, and by then there is no network.
    serveNearby();
    const list = open('pages/stations/index');
    await waitFor(() => rowNames(list).length === 3);
    tap(findByText(list.dom, '建设银行爱心驿站', '.main--station-row')!);
    await waitFor(() => wx.navigateTo.mock.calls.length > 0);
    routes.clear();

    // Act
    const page = open('pages/station/index', { id: 'st_000000000mid' });

    // Assert
    await waitFor(() => text(page).includes('保存的信息'));
    const expected = nearbyStations().find((station) => station.id === 'st_000000000mid')!;
    expect(page.dom.querySelector('.main--station-page__name')?.textContent).toBe(expected.name);
    expect(page.dom.querySelector('.main--station-page__address')?.textContent).toBe(expected.address);
    expect(text(page)).toContain('网络连接失败。以下是 14:30 保存的信息');
    expect(findByText(page.dom, '重试', '.main--station-page__saved-retry')).not.toBeNull();
    // Nothing to send offline: no rating or report form.
    expect(page.dom.querySelector('.main--feedback-form')).toBeNull();

    // Act: back online, 重试 loads the real page.
    routes.set('GET /stations/st_000000000mid', () => ({
      statusCode: 200,
      data: { ...stationDetail(closedDay(), '国庆节'), id: 'st_000000000mid', name: expected.name },
    }));
    tap(findByText(page.dom, '重试', '.main--station-page__saved-retry')!);

    // Assert
    await waitFor(() => text(page).includes('本周开放时间'));
    expect(text(page)).not.toContain('保存的信息');
  });

  it('keeps the saved summary on screen while 重试 loads, and after a retry that fails again', async () => {
    // Arrange: opened from the list, then no network.
    serveNearby();
    const list = open('pages/stations/index');
    await waitFor(() => rowNames(list).length === 3);
    tap(findByText(list.dom, '建设银行爱心驿站', '.main--station-row')!);
    await waitFor(() => wx.navigateTo.mock.calls.length > 0);
    routes.clear();
    const page = open('pages/station/index', { id: 'st_000000000mid' });
    await waitFor(() => text(page).includes('保存的信息'));
    // The retry's request waits (a slow, still-dead network) until the test lets it answer.
    const retried = holdAnswers('GET', '/stations/st_000000000mid');

    try {
      // Act
      tap(findByText(page.dom, '重试', '.main--station-page__saved-retry')!);

      // Assert: while it loads, the address and 导航 stay, and the button says it is retrying.
      await waitFor(() => retried.held.length === 1 && text(page).includes('正在重试…'));
      expect(text(page)).toContain('网络连接失败。以下是 14:30 保存的信息');
      expect(page.dom.querySelector('.main--station-page__name')?.textContent).toBe('建设银行爱心驿站');
      expect(text(page)).not.toContain('正在加载驿站信息');
      // A second tap while it loads sends nothing more.
      tap(findByText(page.dom, '正在重试…', '.main--station-page__saved-retry')!);

      // Act: the retry fails too.
      retried.held[0]!.release();

      // Assert
      await waitFor(
        () => findByText(page.dom, '重试', '.main--station-page__saved-retry')?.textContent === '重试',
      );
      expect(text(page)).toContain('保存的信息');
      // The tap while it loaded sent nothing more.
      expect(retried.held).toHaveLength(1);
    } finally {
      retried.restore();
    }
  });

  it('shows only the error, not a saved summary, when the station was never listed', async () => {
    const page = open('pages/station/index', { id: 'st_0000000none' });

    await waitFor(() => text(page).includes('驿站信息加载失败'));
    expect(text(page)).not.toContain('保存的信息');
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

describe('Dialog: 暂停开放 (staff)', () => {
  /** Beijing's calendar date `days` from today. */
  const beijingDate = (days: number) =>
    new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

  it('runs the date picker from today to a year ahead, and refuses a reopen time already past', async () => {
    // Arrange: 张家港's staff member on 驿站管理 with one station.
    storage.set('ankang.session', JSON.stringify(session('staffZjg')));
    routes.set('GET /me', () => ({ statusCode: 200, data: me('staffZjg') }));
    const { open: _o, hoursLabel: _h, changesAt: _c, ...detail } = stationDetail(beijingDate(2), '检修');
    const managed = {
      ...detail,
      orgPath: '320000/320500/320582',
      lastVerifiedBy: '李敏',
      openReports: 0,
      createdAt: '2026-06-01T02:00:00.000Z',
      open: true,
      hoursLabel: '营业至 22:00',
    };
    routes.set('GET /staff/stations', () => ({ statusCode: 200, data: { stations: [managed] } }));
    const page = open('staff/pages/stations/index');
    tap(await waitFor(() => findByText(page.dom, '暂停开放', 'wx-button')));
    const dialog = await waitFor(() =>
      page.dom.querySelector('.main--staff-pause .main--staff-field--until'),
    );
    const [datePicker, timePicker] = Array.from(dialog.querySelectorAll('wx-picker'));

    // Assert: today to 365 days on (the server takes up to 366 days from now).
    expect([wxmlAttribute(datePicker!, 'start'), wxmlAttribute(datePicker!, 'end')]).toStrictEqual([
      beijingDate(0),
      beijingDate(365),
    ]);

    // Act: a reason, today at 00:00 (already past), confirm.
    await typeInto(() => page.dom.querySelector('.main--staff-field--reason wx-input'), '设备检修');
    tap(datePicker!, 'change', { value: beijingDate(0) });
    tap(timePicker!, 'change', { value: '00:00' });
    await waitFor(() => dialog.textContent?.includes(beijingDate(0)));
    tap(findByText(page.dom, '确认暂停', 'wx-button')!);

    // Assert
    await waitFor(() => text(page).includes('预计恢复时间不能早于现在'));
    expect(wx.request.mock.calls.filter(([options]) => options.method === 'POST')).toHaveLength(0);
  });
});
