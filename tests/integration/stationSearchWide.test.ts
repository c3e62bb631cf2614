import type { Station } from '@ankang/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { db } from '../../functions/src/db/client';
import { encodeCursor } from '../../functions/src/db/cursor';
import { updateStationStatus } from '../../functions/src/db/stationWrites';
import { handler as searchHandler } from '../../functions/src/handlers/searchStations';
import { searchStations } from '../../functions/src/services/stationSearch';
import { tallyDynamo } from '../support/dynamoTally';
import { httpEvent, invoke } from '../support/events';
import { haversineM, ownWord } from '../support/searchOracle';
import { testSearchLimits } from '../support/testEnv';
import { freshUser } from './fixtures';
import { storedStation } from './stationFixtures';

const query = (extra: Record<string, unknown>) => ({ amenities: [], openNow: false, limit: 20, ...extra });
// Probes of two entries (a range of one is read whole), reads of 4 in requests of 2: a range of more than 4 entries is "too big" here
// as one of more than 2,000 is in production (the service's only knob; the code paths are the same).
const tiny = { page: 2, entries: 4, probe: 2 };
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
    // The oracle: the city's range, read to its end, is what is ranked: the 3 of 张家港, all name
    // matches, by own haversine from the point (the cut-short nationwide reads are left out).
    const firstRead = [...nanjing].sort(byId).slice(0, 4);
    const expected = home
      .map((s) => ({ id: s.id, d: Math.round(haversineM(point, s.location)) }))
      .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1));
    expect(near.complete).toBe(false);
    expect(near.stations.map((s) => [s.id, s.distanceM])).toStrictEqual(expected.map((e) => [e.id, e.d]));

    // Page by page (one a page) the same three come, and each later page reads only the city's range
    // the first page chose (two Queries: 2 + 1 entries), the overflow mark's range nationwide (one
    // Query, of whatever long-named stations other tests made) and the page's BatchGet, nothing else.
    const sent: { command: string; input: Record<string, unknown>; items: number }[] = [];
    db.middlewareStack.add(
      ((
        next: (args: { input: Record<string, unknown> }) => Promise<{ output: { Items?: unknown[] } }>,
        context: { commandName?: string },
      ) =>
        async (args: { input: Record<string, unknown> }) => {
          const result = await next(args);
          const items = result.output.Items?.length ?? 0;
          sent.push({ command: context.commandName ?? '', input: args.input, items });
          return result;
        }) as never,
      { step: 'initialize', name: 'routeCommands', override: true },
    );
    const tally = tallyDynamo(db, 'routeTally');
    const paged: string[] = [];
    const laterCounts = [];
    try {
      let cursor: string | undefined;
      for (let page = 0; page < 3; page++) {
        tally.reset();
        sent.length = 0;
        const answer = await searchStations(query({ q: word, ...point, limit: 1, cursor }), new Date(), tiny);
        expect(answer.complete).toBe(false);
        paged.push(...answer.stations.map((s) => s.id));
        cursor = answer.nextCursor;
        if (page === 0) continue;
        const queries = sent.filter((s) => s.command === 'QueryCommand');
        const values = (q: (typeof sent)[number]) =>
          q.input.ExpressionAttributeValues as Record<string, string>;
        const overflow = queries.filter((q) => values(q)[':pk'] === 'STN_Q#@more');
        const route = queries.filter((q) => values(q)[':pk'] !== 'STN_Q#@more');
        // Read to the production bound whatever the test's (other files' long stations sit there too).
        expect(overflow.length).toBeGreaterThan(0);
        expect(overflow.filter((q) => values(q)[':place'] !== undefined)).toStrictEqual([]);
        expect(route.map((q) => [values(q)[':pk'], values(q)[':place'], q.items])).toStrictEqual([
          [`STN_Q#${word.slice(0, 2)}`, '3205', 2],
          [`STN_Q#${word.slice(0, 2)}`, '3205', 1],
        ]);
        expect(queries).toHaveLength(overflow.length + route.length);
        expect(queries.filter((q) => q.input.IndexName !== 'gsi3')).toStrictEqual([]);
        const counts = tally.counts();
        const overflowItems = overflow.reduce((sum, q) => sum + q.items, 0);
        laterCounts.push([counts.readRequests - overflow.length, counts.itemsRead - overflowItems]);
      }
      expect(cursor).toBeUndefined();
    } finally {
      tally.remove();
      db.middlewareStack.remove('routeCommands');
    }
    expect(paged).toStrictEqual(expected.map((e) => e.id));
    expect(laterCounts).toStrictEqual([
      [3, 4],
      [3, 4],
    ]);

    // Even a cursor signed with the real key may name only a route this search could choose: signed
    // here for this very search (its scope: listing, first partition, query), a forged route is a
    // 400; the route the first page chose, signed the same way, opens page 2 (so the scope is right).
    const paging = query({ q: word, ...point, limit: 1 });
    const scope = [
      'searchStations',
      `STN_Q#${word.slice(0, 2)}`,
      JSON.stringify({ ...paging, words: word }),
    ] as const;
    const signed = (route: [string, string][]) =>
      encodeCursor({ offset: '1', at: new Date().toISOString(), route: JSON.stringify(route) }, scope);
    const at = (route: [string, string][]) =>
      signed(route).then((cursor) => searchStations({ ...paging, cursor }, new Date(), tiny));
    for (const forged of [
      [['STN_Q#驿站', '3205']],
      [['STN_PLACE#32', '3205']],
      [[`STN_Q#${word.slice(0, 2)}`, '320582100']],
      [[`STN_Q#${word.slice(0, 2)}`, '3205']].concat([[`STN_Q#${word.slice(1, 3)}`, '320582']]),
      [['STN_Q#@more', '']],
      [[`STN_Q#${word.slice(0, 2)}`, '']].concat([[`STN_Q#${word.slice(0, 2)}`, '']]),
      [],
    ] as [string, string][][]) {
      await expect(at(forged), JSON.stringify(forged)).rejects.toMatchObject({ code: 'BAD_CURSOR' });
    }
    expect((await at([[`STN_Q#${word.slice(0, 2)}`, '3205']])).stations.map((s) => s.id)).toStrictEqual([
      expected[1]!.id,
    ]);

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

describe('Station search: which bigram’s range it reads', () => {
  const nanjing = { district: '南京市 玄武区', orgPath: '320000/320100/320102' };
  const zhangjiagang = { district: '张家港市', orgPath: '320000/320500/320582' };

  it('answers completely from a small range even when the first bigram’s range is too big', async () => {
    const word = ownWord();
    const ab = word.slice(0, 2);
    // 6 hold the first bigram only, 1 holds both (the word itself): the second bigram's range is 1.
    for (let i = 0; i < 6; i++) await storedStation({ name: `${ab}甲${i}站`, ...nanjing });
    const target = await storedStation({ name: `${word}站`, ...zhangjiagang });
    const answer = await searchStations(query({ q: word }), new Date(), tiny);
    expect(answer.complete).toBe(true);
    expect(answer.stations.map((s) => s.id)).toStrictEqual([target.id]);
  });

  it('reads on the range whose probe went furthest along the place codes, and answers completely from it', async () => {
    const word = ownWord();
    const [ab, bc] = [word.slice(0, 2), word.slice(1, 3)];
    // The first bigram: 5 in 南京 (3201…) and the target; the second: 2 more in 张家港 (3205…) and
    // the target. Both probes (2 entries) are cut short; the second's stopped in 3205, the first's in
    // 3201: the second's range is read on (3 entries, under 4) to its end.
    for (let i = 0; i < 5; i++) await storedStation({ name: `${ab}甲${i}站`, ...nanjing });
    for (let i = 0; i < 2; i++) await storedStation({ name: `乙${bc}${i}站`, ...zhangjiagang });
    const target = await storedStation({ name: `${word}站`, ...zhangjiagang });
    const answer = await searchStations(query({ q: word }), new Date(), tiny);
    expect(answer.complete).toBe(true);
    expect(answer.stations.map((s) => s.id)).toStrictEqual([target.id]);
  });

  it('finds a station by a bigram its entries left out (past MAX_SEARCH_TERMS), through the overflow mark', async () => {
    // 50 characters no other station holds in a row: 49 bigrams of the address alone.
    const base = 0x4e00 + Math.floor(Math.random() * 20_000);
    const address = Array.from({ length: 50 }, (_, i) => String.fromCodePoint(base + i)).join('');
    const station = await storedStation({ name: '长地址驿站', address, ...zhangjiagang });
    const tail = address.slice(-4);
    const answer = await searchStations(query({ q: tail }), new Date());
    expect(answer.complete).toBe(true);
    expect(answer.stations.map((s) => [s.id, s.match])).toStrictEqual([[station.id, 'address']]);
    // Within its county too, and not outside it.
    const within = await searchStations(query({ q: tail, place: '320582' }), new Date());
    expect(within.stations.map((s) => s.id)).toStrictEqual([station.id]);
    const elsewhere = await searchStations(query({ q: tail, place: '3201' }), new Date());
    expect(elsewhere).toMatchObject({ stations: [], complete: true });
  });
});

describe('Station search: a near range with no answer', () => {
  it('ranks the cut-short reads too when the caller’s city holds no station passing the filters, on every page', async () => {
    const word = ownWord();
    // 5 banks in 南京 (the cut-short nationwide reads take 4 of them) and 1 union station beside the caller.
    const banks: Station[] = [];
    for (let i = 0; i < 5; i++) {
      banks.push(
        await storedStation({
          name: `${word}银${i}号`,
          district: '南京市 玄武区',
          orgPath: '320000/320100/320102',
          hostType: 'bank',
          location: { lng: 118.8 + i * 0.01, lat: 32.06 },
        }),
      );
    }
    const point = { lat: 31.9517, lng: 120.7517 };
    await storedStation({
      name: `${word}工会站`,
      district: '张家港市',
      orgPath: '320000/320500/320582',
      location: { lng: point.lng, lat: point.lat + 0.001 },
    });
    // The oracle: the first 4 banks by sort key (place, then id), by own haversine from the point.
    const expected = [...banks]
      .sort(byId)
      .slice(0, 4)
      .map((s) => ({ id: s.id, d: Math.round(haversineM(point, s.location)) }))
      .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1))
      .map((e) => e.id);
    const ask = (cursor?: string, limit = 20) =>
      searchStations(query({ q: word, ...point, hostType: 'bank', limit, cursor }), new Date(), tiny);
    const whole = await ask();
    expect(whole.complete).toBe(false);
    expect(whole.stations.map((s) => s.id)).toStrictEqual(expected);
    const first = await ask(undefined, 2);
    const second = await ask(first.nextCursor, 2);
    expect(second.nextCursor).toBeUndefined();
    expect([...first.stations, ...second.stations].map((s) => s.id)).toStrictEqual(expected);
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
  // The tier's settings (tests/support/testEnv.ts), not the code's defaults.
  const USER_CAP = testSearchLimits.perUser;
  const IP_CAP = testSearchLimits.perIp;
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
