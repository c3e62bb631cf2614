import {
  REOPEN_IN_PAST_MESSAGE,
  REOPEN_TOO_FAR_MESSAGE,
  reopenTimeProblem,
  setStationStatus,
} from '@ankang/shared';
import { describe, expect, it } from 'vitest';
import { urlOfPage } from '../../client/src/services/pageUrl';
import {
  amenitiesFirst,
  pauseNotice,
  rowChipLimit,
  walkingLabel,
  walkingMinutes,
} from '../../client/src/services/stationView';

describe('walkingMinutes', () => {
  // Worked by hand: metres × 1.3 detour ÷ 70 m a minute, rounded up, at least 1.
  it.each([
    [0, 1],
    [53, 1], // 68.9 m walked: under a minute
    [54, 2], // 70.2 m walked: just over a minute
    [350, 7], // 455 m → 6.5 min
    [1200, 23], // 1560 m → 22.3 min
    [2100, 39], // 2730 m → exactly 39 min
    [5000, 93], // 6500 m → 92.9 min
  ])('%i m straight is %i minutes on foot', (metres, minutes) => {
    expect(walkingMinutes(metres)).toBe(minutes);
  });

  it.each([5001, 12_000, -1, Number.NaN])('has no walking time for %s m', (metres) => {
    expect(walkingMinutes(metres)).toBeNull();
  });

  it.each([
    [350, '步行约 7 分钟'],
    [3230, '步行约 1 小时'], // 4199 m → 59.99 → 60 min
    [5000, '步行约 1 小时 33 分钟'],
    [8000, '较远，建议乘车'],
  ])('labels %i m as %s', (metres, label) => {
    expect(walkingLabel(metres)).toBe(label);
  });
});

describe('amenitiesFirst', () => {
  it('puts the wanted amenities the station has first, in the filter’s order, then the rest', () => {
    expect(
      amenitiesFirst(['water', 'aircon', 'toilet', 'charging'], ['toilet', 'microwave', 'water']),
    ).toStrictEqual(['toilet', 'water', 'aircon', 'charging']);
  });

  it('keeps the station’s order when nothing is wanted, and never invents amenities', () => {
    expect(amenitiesFirst(['firstAid', 'water'], [])).toStrictEqual(['firstAid', 'water']);
    expect(amenitiesFirst([], ['water'])).toStrictEqual([]);
  });

  it('shows at least the matched chips plus the count chip', () => {
    expect(rowChipLimit(2)).toBe(6);
    expect(rowChipLimit(6)).toBe(7);
  });
});

describe('pauseNotice', () => {
  const now = new Date('2026-07-01T02:00:00Z'); // 10:00 in Beijing

  it('says 暂停开放, why, and when it is expected back (Beijing time)', () => {
    expect(
      pauseNotice(
        { state: 'temporarilyClosed', reason: '空调维修', until: '2026-07-03T08:00:00+08:00' },
        now,
      ),
    ).toStrictEqual({ title: '暂停开放', reason: '空调维修', resume: '预计 7月3日 08:00 恢复' });
  });

  it('has no reopen time for an open-ended pause, nothing once the pause is over or for an open station', () => {
    expect(pauseNotice({ state: 'temporarilyClosed', reason: '装修' }, now)).toStrictEqual({
      title: '暂停开放',
      reason: '装修',
    });
    expect(
      pauseNotice({ state: 'temporarilyClosed', reason: '装修', until: '2026-07-01T09:59:00+08:00' }, now),
    ).toBeNull();
    expect(pauseNotice({ state: 'open' }, now)).toBeNull();
    expect(pauseNotice({ state: 'closed' }, now)).toStrictEqual({ title: '已停用' });
  });
});

describe('reopenTimeProblem', () => {
  const now = new Date('2026-11-27T02:00:00Z');

  it.each([
    ['2026-11-27T10:00:00+08:00', REOPEN_IN_PAST_MESSAGE], // the very moment
    ['2026-11-27T09:00:00+08:00', REOPEN_IN_PAST_MESSAGE],
    ['2026-11-27T10:01:00+08:00', null],
    ['2027-11-28T10:00:00+08:00', null], // 366 days on: the last day allowed
    ['2027-11-28T10:00:01+08:00', REOPEN_TOO_FAR_MESSAGE],
    ['2999-01-01T00:00:00+08:00', REOPEN_TOO_FAR_MESSAGE],
  ])('%s → %s', (until, problem) => {
    expect(reopenTimeProblem(until, now)).toBe(problem);
  });

  it('is left to the service: the contract has no clock, so it passes any well-formed time', () => {
    // The service checks against the app clock (tests hold it); see stationPause integration tests.
    const parsed = (until: string) =>
      setStationStatus.body!.safeParse({
        version: 3,
        status: { state: 'temporarilyClosed', reason: '检修', until },
      }).success;
    expect(parsed('2000-01-01T00:00:00+08:00')).toBe(true);
    expect(parsed('2999-01-01T00:00:00+08:00')).toBe(true);
    expect(parsed('明天')).toBe(false);
  });

  it('says it in Chinese', () => {
    expect([REOPEN_IN_PAST_MESSAGE, REOPEN_TOO_FAR_MESSAGE]).toStrictEqual([
      '预计恢复时间不能早于现在',
      '预计恢复时间须在一年以内',
    ]);
  });
});

describe('urlOfPage', () => {
  it('rebuilds a WeChat page from its route and options', () => {
    expect(urlOfPage({ route: 'pages/station/index', options: { id: 'st_00000000near' } })).toBe(
      '/pages/station/index?id=st_00000000near',
    );
  });

  it('takes the query Taro keeps on an H5 page, without its timestamp', () => {
    expect(
      urlOfPage({ route: 'pages/station/index', $taroParams: { id: 'st_00000000near', $taroTimestamp: 17 } }),
    ).toBe('/pages/station/index?id=st_00000000near');
  });

  it('takes the H5 router’s path, without the router’s own stamp', () => {
    expect(urlOfPage({ path: '/pages/station/index?id=st_00000000near&stamp=3' })).toBe(
      '/pages/station/index?id=st_00000000near',
    );
    expect(urlOfPage({ path: '/pages/stations/index' })).toBe('/pages/stations/index');
  });

  it('keeps encoded values as they came, and has nothing for a page without a route', () => {
    expect(urlOfPage({ route: 'join/pages/index/index', options: { code: 'a%2Bb' } })).toBe(
      '/join/pages/index/index?code=a%2Bb',
    );
    expect(urlOfPage({})).toBeNull();
  });
});
