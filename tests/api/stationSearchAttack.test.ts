import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { demoStations } from '../../functions/local/demoStations';
import { ownWord } from '../support/searchOracle';
import { offsetFrom, placeOfFile } from '../support/testPlaces';
import { loginAsDemo, loginWithCode, request } from './http';

const zjg = '320000/320500/320582';
// A place of its own: the stations made here stand in no other file's nearby search.
const here = placeOfFile(import.meta.url);
const enc = encodeURIComponent;

type Row = { id: string; name: string; match: string; distanceM?: number; place?: { town?: string } };
type Issues = { error: { code: string; details?: { issues: { path: string; message: string }[] } } };

async function create(token: string, body: Record<string, unknown>) {
  const result = await request('POST', '/staff/stations', {
    token,
    body: {
      district: '张家港市 杨舍镇',
      orgPath: zjg,
      location: here,
      hostType: 'union',
      amenities: ['water'],
      hours: { alwaysOpen: true },
      ...body,
    },
  });
  if (result.status !== 201) throw new Error(`create failed: ${JSON.stringify(result.body)}`);
  return result.body as { id: string; version: number; place?: unknown };
}

describe('API: station search over HTTP', () => {
  it('answers 杨舍 with the demo stations of 杨舍镇, and a new station by its name within its town', async () => {
    // Other files make stations in 杨舍镇 on the same table: read every page (a bounded number), and
    // count the demo stations among them, which are known from the seed's own list.
    const rows: Row[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page += 1) {
      const town = await request(
        'GET',
        `/stations?q=${enc('杨舍')}&limit=50${cursor ? `&cursor=${enc(cursor)}` : ''}`,
      );
      expect(town.status, JSON.stringify(town.body)).toBe(200);
      rows.push(...(town.body as { stations: Row[] }).stations);
      cursor = (town.body as { nextCursor?: string }).nextCursor;
      if (!cursor) break;
    }
    expect(cursor).toBeUndefined();
    expect(rows.every((row) => row.place?.town === '320582100')).toBe(true);
    const demoYangshe = demoStations()
      .filter((station) => station.district === '张家港市 杨舍镇')
      .map((station) => station.id);
    expect(demoYangshe).toHaveLength(8);
    const demoIds = new Set(demoStations().map((station) => station.id));
    expect(
      rows
        .map((row) => row.id)
        .filter((id) => demoIds.has(id))
        .sort(),
    ).toStrictEqual([...demoYangshe].sort());

    const staff = await loginAsDemo('李敏');
    const word = ownWord();
    const made = await create(staff, {
      name: `${word}驿站`,
      address: '杨舍镇人民中路 12 号',
      // A place sent by a client is not taken: the server derives it from the 区县 and address.
      place: { province: '11', city: '1101', county: '110101', town: '110101001' },
    });
    expect(made.place).toStrictEqual({ province: '32', city: '3205', county: '320582', town: '320582100' });
    const from = offsetFrom(here, { eastM: 1000 });
    const found = await request(
      'GET',
      `/stations?q=${enc(word)}&place=320582100&lat=${from.lat}&lng=${from.lng}`,
    );
    expect(found).toMatchObject({
      status: 200,
      body: {
        stations: [{ id: made.id, match: 'name' }],
        place: { code: '320582100', name: '杨舍镇', fullName: '江苏省 苏州市 张家港市 杨舍镇' },
      },
    });
    // The point was put 1,000 m east of the station.
    expect(Math.abs((found.body as { stations: Row[] }).stations[0]!.distanceM! - 1000)).toBeLessThanOrEqual(
      1,
    );
    expect((await request('GET', `/stations?q=${enc(word)}&place=320582107`)).body).toMatchObject({
      stations: [],
    });
  });

  it.each<[string, string, string[]]>([
    ['neither words nor place', '/stations', ['query.q']],
    ['blank words only', `/stations?q=${enc('   ')}`, ['query.q']],
    ['31 characters', `/stations?q=${enc('驿'.repeat(31))}`, ['query.q']],
    // 600 characters: some 5.4 KB of URL, under the gateway's limit, so it reaches the handler.
    ['a huge q', `/stations?q=${enc('路'.repeat(600))}`, ['query.q']],
    ['a place code of 3 digits', '/stations?place=320', ['query.place']],
    ['a place code with letters', `/stations?place=${enc('32ab')}`, ['query.place']],
    ['lat without lng', `/stations?q=${enc('驿站')}&lat=31.8`, ['query.lng']],
    ['lng without lat', `/stations?q=${enc('驿站')}&lng=120.5`, ['query.lat']],
    ['a point outside China', `/stations?q=${enc('驿站')}&lat=60&lng=10`, ['query.lat', 'query.lng']],
    ['lat not a number', `/stations?q=${enc('驿站')}&lat=abc&lng=120`, ['query.lat']],
    ['limit 0', `/stations?q=${enc('驿站')}&limit=0`, ['query.limit']],
    ['limit 51', `/stations?q=${enc('驿站')}&limit=51`, ['query.limit']],
    ['an unknown amenity', `/stations?q=${enc('驿站')}&amenities=water,pool`, ['query.amenities.1']],
    ['an unknown host type', `/stations?q=${enc('驿站')}&hostType=casino`, ['query.hostType']],
    ['openNow not a flag', `/stations?q=${enc('驿站')}&openNow=yes`, ['query.openNow']],
  ])('answers 400 VALIDATION_FAILED to %s', async (_case, path, issuePaths) => {
    const result = await request('GET', path);
    expect(result.status).toBe(400);
    const body = result.body as Issues;
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.details!.issues.map((issue) => issue.path).sort()).toStrictEqual(issuePaths);
  });

  it('says in Chinese what is missing', async () => {
    expect(((await request('GET', '/stations')).body as Issues).error.details!.issues[0]!.message).toBe(
      '请输入搜索内容或选择地区',
    );
    const half = (await request('GET', `/stations?q=${enc('驿站')}&lat=31.8`)).body as Issues;
    expect(half.error.details!.issues[0]!.message).toBe('经纬度须同时提供');
  });

  it('answers 404 PLACE_NOT_FOUND to a well-formed code no place has', async () => {
    // … and the placeholders of the divisions (北京 市辖区, 重庆 县, 省直辖县级行政区划), which are no places.
    for (const place of ['99', '3299', '329999', '320582999', '1101', '5002', '4190']) {
      expect(await request('GET', `/stations?q=${enc('驿站')}&place=${place}`)).toMatchObject({
        status: 404,
        body: { error: { code: 'PLACE_NOT_FOUND', message: '未找到该地区' } },
      });
    }
  });

  it('answers 400 BAD_CURSOR to forged cursors and pages with a real one', async () => {
    const first = await request('GET', '/stations?place=32&limit=5');
    const cursor = (first.body as { nextCursor: string }).nextCursor;
    expect(cursor).toEqual(expect.any(String));
    const [payload, signature] = cursor.split('.');
    const forged = `${Buffer.from(JSON.stringify({ offset: '0' })).toString('base64url')}.${signature}`;
    // The cursor carries the range the first page read (江苏's place partition), so page 2 reads only
    // it; the same cursor sent to read another partition (a forged route) is refused.
    const carried = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as Record<string, string>;
    expect(carried.route).toBe(JSON.stringify([['STN_PLACE#32', '32']]));
    const rerouted = { ...carried, route: JSON.stringify([['STN_Q#驿站', '32']]) };
    const forgedRoute = `${Buffer.from(JSON.stringify(rerouted)).toString('base64url')}.${signature}`;
    for (const bad of [forged, forgedRoute, payload!, `${payload}.${'A'.repeat(43)}`, 'a.b.c']) {
      const answer = await request('GET', `/stations?place=32&limit=5&cursor=${enc(bad)}`);
      expect({ status: answer.status, body: answer.body }).toStrictEqual({
        status: 400,
        body: { error: { code: 'BAD_CURSOR', message: '翻页参数无效，请从第一页重新查询' } },
      });
    }
    // Longer than any cursor (2,048 characters): refused by the query's schema, before any read.
    const huge = await request('GET', `/stations?place=32&limit=5&cursor=${'x'.repeat(3000)}`);
    expect(huge.status).toBe(400);
    expect((huge.body as Issues).error.code).toBe('VALIDATION_FAILED');
    expect((huge.body as Issues).error.details!.issues.map((issue) => issue.path)).toStrictEqual([
      'query.cursor',
    ]);
    // Another limit is another query: its cursor does not carry over.
    expect((await request('GET', `/stations?place=32&limit=6&cursor=${enc(cursor)}`)).status).toBe(400);
    const second = await request('GET', `/stations?place=32&limit=5&cursor=${enc(cursor)}`);
    expect(second.status).toBe(200);
    const ids = (answer: { body: unknown }) => (answer.body as { stations: Row[] }).stations.map((s) => s.id);
    expect(ids(second).filter((id) => ids(first).includes(id))).toStrictEqual([]);
  });
});

describe('API: search answers say whether they are whole, and callers are limited', () => {
  it('answers complete: true for a word few stations hold, on every page', async () => {
    const staff = await loginAsDemo('李敏');
    const word = ownWord();
    for (let i = 0; i < 3; i++)
      await create(staff, { name: `${word}${i}号驿站`, address: '杨舍镇人民中路 1 号' });
    const first = await request('GET', `/stations?q=${enc(word)}&limit=2`);
    expect(first).toMatchObject({ status: 200, body: { complete: true, nextCursor: expect.any(String) } });
    const body = first.body as { nextCursor: string; at: string };
    const second = await request('GET', `/stations?q=${enc(word)}&limit=2&cursor=${enc(body.nextCursor)}`);
    // The second page ranks at the first page's instant.
    expect(second).toMatchObject({ status: 200, body: { complete: true, at: body.at } });
    expect((second.body as { stations: Row[] }).stations).toHaveLength(1);
  });

  it('answers 429 SEARCH_RATE_LIMITED to a signed-in user past the tier’s searches a minute', async () => {
    // The tier's setting (tests/support/api.global.ts), passed to the stack as the deployment's.
    const cap = inject('apiSearchLimits').perUser;
    const { token } = await loginWithCode(`search-${randomUUID()}`);
    const minute = () => new Date().toISOString().slice(0, 16);
    // A word no station holds keeps each search quick (the limit counts every search), and they go
    // in batches of 10 from the start of a minute, so all fall in one even on a loaded machine.
    const nothing = enc(ownWord());
    while (new Date().getUTCSeconds() > 30) await new Promise((resolve) => setTimeout(resolve, 1000));
    const started = minute();
    const statuses: number[] = [];
    for (let sent = 0; sent < cap; sent += 10) {
      const answers = await Promise.all(
        Array.from({ length: Math.min(10, cap - sent) }, () =>
          request('GET', `/stations?q=${nothing}`, { token }),
        ),
      );
      statuses.push(...answers.map((a) => a.status));
    }
    const last = await request('GET', `/stations?q=${nothing}`, { token });
    expect(minute()).toBe(started);
    expect(statuses).toStrictEqual(Array(cap).fill(200));
    expect({ status: last.status, body: last.body }).toStrictEqual({
      status: 429,
      body: { error: { code: 'SEARCH_RATE_LIMITED', message: '搜索过于频繁，请稍等一分钟再试' } },
    });
  }, 90_000);
});

describe('API: places over HTTP', () => {
  it('lists the provinces, a county’s towns, and finds 杨舍镇 by 杨舍', async () => {
    const provinces = (await request('GET', '/places')).body as { places: { code: string; level: string }[] };
    expect(provinces.places.length).toBe(31);
    expect(provinces.places.every((p) => p.level === 'province')).toBe(true);
    const towns = (await request('GET', '/places?parent=320582')).body as {
      places: { code: string; name: string }[];
    };
    expect(towns.places.find((p) => p.code === '320582107')?.name).toBe('大新镇');
    expect(await request('GET', `/places?q=${enc('杨舍')}`)).toMatchObject({
      status: 200,
      body: {
        places: [
          { code: '320582100', name: '杨舍镇', level: 'town', fullName: '江苏省 苏州市 张家港市 杨舍镇' },
        ],
      },
    });
  });

  it('refuses bad input with 400 and an unknown parent with 404', async () => {
    for (const path of ['/places?parent=3', `/places?q=${enc('镇'.repeat(21))}`, '/places?parent=abcd']) {
      const answer = await request('GET', path);
      expect(answer.status).toBe(400);
      expect((answer.body as Issues).error.code).toBe('VALIDATION_FAILED');
    }
    expect(await request('GET', '/places?parent=329999')).toMatchObject({
      status: 404,
      body: { error: { code: 'PLACE_NOT_FOUND' } },
    });
  });
});
