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

// Probes of two entries (a range of one is read whole), reads of 4 in requests of 2: a range of more than 4 entries is "too big" here
// as one of more than 2,000 is in production (the service's only knob; the code paths are the same).
const tiny = { page: 2, entries: 4, probe: 2 };
// A place of its own for every search read to these bounds: 广东, where no other test (nor the demo)
// puts a station. The overflow mark's range is read beside every word search, to the same bounds:
// nationwide it holds every long-named station other tests make (several at once, in any order),
// which would cut it short here at random; within 广东 it holds only what this file makes.
const own = { province: '44', guangzhou: '440000/440100/440103', shenzhen: '440000/440300/440305' };
const guangzhou = { district: '广州市 荔湾区', orgPath: own.guangzhou };
const shenzhen = { district: '深圳市 南山区', orgPath: own.shenzhen };
const query = (extra: Record<string, unknown>) => ({ amenities: [], openNow: false, limit: 20, ...extra });
/** A search within 广东: every search read to the tiny bounds is one. */
const inOwn = (extra: Record<string, unknown>) => query({ place: own.province, ...extra });
const byId = (a: Station, b: Station) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe('Station search: a range too big for one search', () => {
  it('reads the caller’s city when the province’s range is cut short, says so, and ranks by distance', async () => {
    const word = ownWord();
    // 6 in 广州 (place codes 4401… sort before 4403…, so a cut-short read of 广东 holds only these) …
    const far: Station[] = [];
    for (let i = 0; i < 6; i++) {
      far.push(
        await storedStation({
          name: `${word}南${i}号站`,
          ...guangzhou,
          location: { lng: 113.24 + i * 0.01, lat: 23.12 },
        }),
      );
    }
    // … and 3 beside the caller in 深圳 南山, far from every other test's stations.
    const point = { lat: 22.5317, lng: 113.9317 };
    const home: Station[] = [];
    for (const [dx, dy] of [
      [0.004, 0],
      [0.001, 0.001],
      [0, -0.002],
    ] as const) {
      home.push(
        await storedStation({
          name: `${word}北站`,
          ...shenzhen,
          location: { lng: point.lng + dx, lat: point.lat + dy },
        }),
      );
    }
    expect(far.every((s) => s.place?.city === '4401')).toBe(true);
    expect(home.every((s) => s.place?.county === '440305')).toBe(true);

    const near = await searchStations(inOwn({ q: word, ...point }), new Date(), tiny);
    // The oracle: the city's range, read to its end, is what is ranked: the 3 of 深圳, all name
    // matches, by own haversine from the point (the cut-short reads of 广东 are left out).
    const firstRead = [...far].sort(byId).slice(0, 4);
    const expected = home
      .map((s) => ({ id: s.id, d: Math.round(haversineM(point, s.location)) }))
      .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1));
    expect(near.complete).toBe(false);
    expect(near.stations.map((s) => [s.id, s.distanceM])).toStrictEqual(expected.map((e) => [e.id, e.d]));

    // Page by page (one a page) the same three come, and each later page reads only the city's range
    // the first page chose (two Queries: 2 + 1 entries), the overflow mark's range within 广东 (one
    // Query, empty) and the page's BatchGet, nothing else.
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
        const answer = await searchStations(inOwn({ q: word, ...point, limit: 1, cursor }), new Date(), tiny);
        expect(answer.complete).toBe(false);
        paged.push(...answer.stations.map((s) => s.id));
        cursor = answer.nextCursor;
        if (page === 0) continue;
        const queries = sent.filter((s) => s.command === 'QueryCommand');
        const values = (q: (typeof sent)[number]) =>
          q.input.ExpressionAttributeValues as Record<string, string>;
        // [partition, place, items, index, Limit]: every range to the bounds given (requests of 2).
        expect(
          queries
            .map((q) => [values(q)[':pk'], values(q)[':place'], q.items, q.input.IndexName, q.input.Limit])
            .sort(),
        ).toStrictEqual([
          ['STN_Q#@more', '44', 0, 'gsi3', 2],
          [`STN_Q#${word.slice(0, 2)}`, '4403', 1, 'gsi3', 2],
          [`STN_Q#${word.slice(0, 2)}`, '4403', 2, 'gsi3', 2],
        ]);
        const counts = tally.counts();
        laterCounts.push([counts.readRequests, counts.itemsRead]);
      }
      expect(cursor).toBeUndefined();
    } finally {
      tally.remove();
      db.middlewareStack.remove('routeCommands');
    }
    expect(paged).toStrictEqual(expected.map((e) => e.id));
    // Three Queries and the BatchGet; 2 + 1 entries and the page's station.
    expect(laterCounts).toStrictEqual([
      [4, 4],
      [4, 4],
    ]);

    // Even a cursor signed with the real key may name only a route this search could choose: signed
    // here for this very search (its scope: listing, first partition, query), a forged route is a
    // 400; the route the first page chose, signed the same way, opens page 2 (so the scope is right).
    const paging = inOwn({ q: word, ...point, limit: 1 });
    const scope = [
      'searchStations',
      `STN_Q#${word.slice(0, 2)}`,
      JSON.stringify({ ...paging, words: word }),
    ] as const;
    const ab = `STN_Q#${word.slice(0, 2)}`;
    const signed = (route: [string, string][]) =>
      encodeCursor({ offset: '1', at: new Date().toISOString(), route: JSON.stringify(route) }, scope);
    const at = (route: [string, string][]) =>
      signed(route).then((cursor) => searchStations({ ...paging, cursor }, new Date(), tiny));
    for (const forged of [
      [['STN_Q#驿站', '4403']],
      [['STN_PLACE#44', '4403']],
      [[ab, '440305002']],
      [
        [ab, '4403'],
        [`STN_Q#${word.slice(1, 3)}`, '440305'],
      ],
      [['STN_Q#@more', '44']],
      [[ab, '']],
      [[ab, '3205']],
      [
        [ab, '44'],
        [ab, '44'],
      ],
      [],
    ] as [string, string][][]) {
      await expect(at(forged), JSON.stringify(forged)).rejects.toMatchObject({ code: 'BAD_CURSOR' });
    }
    expect((await at([[ab, '4403']])).stations.map((s) => s.id)).toStrictEqual([expected[1]!.id]);

    // Without a point nothing says where the caller is: the part read, cut short, and said so, by
    // own haversine from the centre of what was read (the place's centre as its matches draw it).
    const anywhere = await searchStations(inOwn({ q: word }), new Date(), tiny);
    expect(anywhere.complete).toBe(false);
    const centre = {
      lat: firstRead.reduce((sum, s) => sum + s.location.lat, 0) / firstRead.length,
      lng: firstRead.reduce((sum, s) => sum + s.location.lng, 0) / firstRead.length,
    };
    expect(anywhere.stations.map((s) => s.id)).toStrictEqual(
      firstRead
        .map((s) => ({ id: s.id, d: Math.round(haversineM(centre, s.location)) }))
        .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1))
        .map((e) => e.id),
    );

    // Within 南山 the range is small: complete, the 3 only.
    const within = await searchStations(inOwn({ q: word, place: '440305', ...point }), new Date(), tiny);
    expect(within.complete).toBe(true);
    expect(within.stations.map((s) => s.id)).toStrictEqual(
      [...home]
        .sort((a, b) => haversineM(point, a.location) - haversineM(point, b.location))
        .map((s) => s.id),
    );

    // With the production bounds the whole range is read: complete, all 9.
    const whole = await searchStations(inOwn({ q: word, ...point }), new Date());
    expect(whole.complete).toBe(true);
    expect(whole.stations).toHaveLength(9);
  });
});

describe('Station search: which bigram’s range it reads', () => {
  it('answers completely from a small range even when the first bigram’s range is too big', async () => {
    const word = ownWord();
    const ab = word.slice(0, 2);
    // 6 hold the first bigram only, 1 holds both (the word itself): the second bigram's range is 1.
    for (let i = 0; i < 6; i++) await storedStation({ name: `${ab}甲${i}站`, ...guangzhou });
    const target = await storedStation({ name: `${word}站`, ...shenzhen });
    const answer = await searchStations(inOwn({ q: word }), new Date(), tiny);
    expect(answer.complete).toBe(true);
    expect(answer.stations.map((s) => s.id)).toStrictEqual([target.id]);
  });

  it('reads on the range whose probe went furthest along the place codes, and answers completely from it', async () => {
    const word = ownWord();
    const [ab, bc] = [word.slice(0, 2), word.slice(1, 3)];
    // The first bigram: 5 in 广州 (4401…) and the target; the second: 2 more in 深圳 (4403…) and
    // the target. Both probes (2 entries) are cut short; the second's stopped in 4403, the first's in
    // 4401: the second's range is read on (3 entries, under 4) to its end.
    for (let i = 0; i < 5; i++) await storedStation({ name: `${ab}甲${i}站`, ...guangzhou });
    for (let i = 0; i < 2; i++) await storedStation({ name: `乙${bc}${i}站`, ...shenzhen });
    const target = await storedStation({ name: `${word}站`, ...shenzhen });
    const answer = await searchStations(inOwn({ q: word }), new Date(), tiny);
    expect(answer.complete).toBe(true);
    expect(answer.stations.map((s) => s.id)).toStrictEqual([target.id]);
  });

  it('finds a station by a bigram its entries left out (past MAX_SEARCH_TERMS), through the overflow mark', async () => {
    // 50 characters in a row from a run of code points no other test draws from (U+4E00–U+5E31; the
    // other runs: U+6000–U+6850 and U+7000–U+8050 in stationSearch.test.ts, its fixed U+6A00–U+6A2C,
    // ownWord's U+9B00–U+9C7F): 49 bigrams of the address alone. In 张家港, with the production
    // bounds: the tiny-bounds searches of 广东 above never read it.
    const base = 0x4e00 + Math.floor(Math.random() * 0x1000);
    const address = Array.from({ length: 50 }, (_, i) => String.fromCodePoint(base + i)).join('');
    const zhangjiagang = { district: '张家港市', orgPath: '320000/320500/320582' };
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
    // 5 banks in 广州 (the cut-short reads of 广东 take 4 of them) and 1 union station beside the caller.
    const banks: Station[] = [];
    for (let i = 0; i < 5; i++) {
      banks.push(
        await storedStation({
          name: `${word}银${i}号`,
          ...guangzhou,
          hostType: 'bank',
          location: { lng: 113.24 + i * 0.01, lat: 23.13 },
        }),
      );
    }
    const point = { lat: 22.5517, lng: 113.9517 };
    await storedStation({
      name: `${word}工会站`,
      ...shenzhen,
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
      searchStations(inOwn({ q: word, ...point, hostType: 'bank', limit, cursor }), new Date(), tiny);
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
