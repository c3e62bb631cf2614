import type { Station } from '@ankang/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { updateStationStatus } from '../../functions/src/db/stationWrites';
import { handler as searchHandler } from '../../functions/src/handlers/searchStations';
import { searchStations } from '../../functions/src/services/stationSearch';
import { httpEvent, invoke } from '../support/events';
import { haversineM, ownWord } from '../support/searchOracle';
import { freshUser } from './fixtures';
import { storedStation } from './stationFixtures';

const query = (extra: Record<string, unknown>) => ({ amenities: [], openNow: false, limit: 20, ...extra });
// Two requests of two entries per read: a range of more than 4 entries is "too big" here as one of
// more than 2,000 is in production (the service's only knob; the code paths are the same).
const tiny = { page: 2, pages: 2 };
const byId = (a: Station, b: Station) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe('Station search: a range too big for one search', () => {
  it('reads the caller’s city when the nationwide range is cut short, says so, and ranks by distance', async () => {
    const word = ownWord();
    // 6 in 南京 (place codes 3201… sort before 3205…, so a cut-short nationwide read holds only these) …
    const nanjing: Station[] = [];
    for (let i = 0; i < 6; i++) {
      nanjing.push(
        await storedStation({
          name: `${word}南${i}号站`,
          district: '南京市 玄武区',
          orgPath: '320000/320100/320102',
          location: { lng: 118.8 + i * 0.01, lat: 32.05 },
        }),
      );
    }
    // … and 3 beside the caller in 张家港, far from every other test's stations.
    const point = { lat: 31.9317, lng: 120.7317 };
    const home: Station[] = [];
    for (const [dx, dy] of [
      [0.004, 0],
      [0.001, 0.001],
      [0, -0.002],
    ] as const) {
      home.push(
        await storedStation({
          name: `${word}北站`,
          district: '张家港市',
          orgPath: '320000/320500/320582',
          location: { lng: point.lng + dx, lat: point.lat + dy },
        }),
      );
    }
    expect(nanjing.every((s) => s.place?.city === '3201')).toBe(true);
    expect(home.every((s) => s.place?.county === '320582')).toBe(true);

    const near = await searchStations(query({ q: word, ...point }), new Date(), tiny);
    // The oracle: the 4 南京 entries the first read takes (sort key order: place, then id) and the 3 of
    // 张家港, all name matches, by own haversine from the point.
    const firstRead = [...nanjing].sort(byId).slice(0, 4);
    const expected = [...home, ...firstRead]
      .map((s) => ({ id: s.id, d: Math.round(haversineM(point, s.location)) }))
      .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1));
    expect(near.complete).toBe(false);
    expect(near.stations.map((s) => [s.id, s.distanceM])).toStrictEqual(expected.map((e) => [e.id, e.d]));
    expect(
      near.stations
        .slice(0, 3)
        .map((s) => s.id)
        .sort(),
    ).toStrictEqual(home.map((s) => s.id).sort());

    // Without a point nothing says where the caller is: the part read, cut short, and said so.
    const anywhere = await searchStations(query({ q: word }), new Date(), tiny);
    expect(anywhere.complete).toBe(false);
    expect(anywhere.stations.map((s) => s.id)).toStrictEqual(firstRead.map((s) => s.id));

    // Within 张家港 the range is small: complete, the 3 only.
    const within = await searchStations(query({ q: word, place: '320582', ...point }), new Date(), tiny);
    expect(within.complete).toBe(true);
    expect(within.stations.map((s) => s.id)).toStrictEqual(
      [...home]
        .sort((a, b) => haversineM(point, a.location) - haversineM(point, b.location))
        .map((s) => s.id),
    );

    // With the production bounds the whole range is read: complete, all 9.
    const whole = await searchStations(query({ q: word, ...point }), new Date());
    expect(whole.complete).toBe(true);
    expect(whole.stations).toHaveLength(9);
  });
});

describe('Station search: pages of one search', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('rank every page at the first page’s instant (the cursor carries it), so 营业中 does not shift', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const day = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    vi.setSystemTime(new Date(`${day}T11:50:00+08:00`));
    const word = ownWord();
    const allDay = await storedStation({ name: `${word}甲站`, hours: { alwaysOpen: true } });
    const weekly = [1, 2, 3, 4, 5, 6, 7].map((d) => ({ day: d, open: '08:00', close: '12:00' }));
    const morning = await storedStation({ name: `${word}乙站`, hours: { weekly } });
    const ask = (cursor?: string) =>
      invoke(
        searchHandler,
        httpEvent({
          path: '/stations',
          query: { q: word, openNow: 'true', limit: '1', ...(cursor ? { cursor } : {}) },
        }),
      );
    const first = await ask();
    expect(first.status).toBe(200);
    const one = first.body as {
      stations: { id: string }[];
      nextCursor?: string;
      at: string;
      complete: boolean;
    };
    expect(one.at).toBe(new Date(`${day}T11:50:00+08:00`).toISOString());
    expect(one.complete).toBe(true);
    // 12:30: 乙站 has closed, but the second page still ranks at 11:50.
    vi.setSystemTime(new Date(`${day}T12:30:00+08:00`));
    const second = await ask(one.nextCursor);
    const two = second.body as typeof one;
    expect(two.at).toBe(one.at);
    expect([...one.stations, ...two.stations].map((s) => s.id).sort()).toStrictEqual(
      [allDay.id, morning.id].sort(),
    );
    // A new search at 12:30 ranks at 12:30: only 甲站.
    const fresh = (await ask()).body as typeof one;
    expect(fresh.stations.map((s) => s.id)).toStrictEqual([allDay.id]);
  });
});

describe('Station search: per-caller rate limit', () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  // Written here, not read from the code: 60 a minute for a signed-in user, 240 for an address.
  const USER_CAP = 60;
  const IP_CAP = 240;
  const randomIp = () => `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 250)).join('.')}`;
  // A word no station holds: the limit counts every search, and an empty range keeps 241 of them quick.
  const nothing = ownWord();
  const ask = (sourceIp: string, token?: string) => {
    const event = httpEvent({ path: '/stations', query: { q: nothing }, ...(token ? { token } : {}) });
    event.requestContext.http.sourceIp = sourceIp;
    return invoke(searchHandler, event);
  };

  it('refuses an address past its minute’s cap with 429 SEARCH_RATE_LIMITED; others and the next minute pass', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T10:00:05Z'));
    const ip = randomIp();
    for (let i = 0; i < IP_CAP; i++) expect((await ask(ip)).status).toBe(200);
    expect(await ask(ip)).toStrictEqual({
      status: 429,
      body: { error: { code: 'SEARCH_RATE_LIMITED', message: '搜索过于频繁，请稍等一分钟再试' } },
    });
    expect((await ask(randomIp())).status).toBe(200);
    // A bad token does not name a user: it counts against the address.
    expect((await ask(ip, 'not-a-token')).status).toBe(429);
    vi.setSystemTime(new Date('2030-01-01T10:01:00Z'));
    expect((await ask(ip)).status).toBe(200);
  });

  it('counts a signed-in user by user, whatever the address, and apart from the address', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T11:00:05Z'));
    const { token } = await freshUser();
    const ip = randomIp();
    for (let i = 0; i < USER_CAP; i++) {
      expect((await ask(i % 2 ? ip : randomIp(), token)).status).toBe(200);
    }
    expect((await ask(randomIp(), token)).status).toBe(429);
    // The address the user searched from still serves anyone not signed in.
    expect((await ask(ip)).status).toBe(200);
  });
});

describe('Station search: 营业中 leaves out every station not open now', () => {
  it('answers only the open one of an always-open, a paused and a never-open station, at any hour', async () => {
    const word = ownWord();
    const open = await storedStation({ name: `${word}开站`, hours: { alwaysOpen: true } });
    const paused = await storedStation({ name: `${word}停站`, hours: { alwaysOpen: true } });
    await updateStationStatus(paused.id, { state: 'temporarilyClosed', reason: '设备检修' }, 1, new Date());
    // Open one minute a week, on a day that is not today: never open now.
    const otherDay = ((new Date(Date.now() + 8 * 3_600_000).getUTCDay() + 6) % 7) + 1 === 1 ? 2 : 1;
    const never = await storedStation({
      name: `${word}晚站`,
      hours: { weekly: [{ day: otherDay, open: '03:00', close: '03:01' }] },
    });
    const all = await searchStations(query({ q: word }), new Date());
    expect(all.stations.map((s) => s.id).sort()).toStrictEqual([open.id, paused.id, never.id].sort());
    const openNow = await searchStations(query({ q: word, openNow: true }), new Date());
    expect(openNow.stations.map((s) => s.id)).toStrictEqual([open.id]);
  });
});
