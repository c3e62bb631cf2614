import { randomInt, randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { keys, staffIndexKeys, suggestionKeys } from '../../functions/src/db/keys';
import { testTableName } from '../support/stack';
import { loginWithCode, request } from './http';

/**
 * The suggestion routes over real HTTP, attacked: no token, workers on staff routes, staff beside
 * (a prefix sibling …/32058 beside …/320582) and below, forged ids and cursors, mass assignment,
 * huge and malformed bodies, retried and raced writes.
 */

const table = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: inject('apiDynamoEndpoint'),
    region: 'cn-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  }),
);

/** Metres per degree of latitude on the app's sphere (R = 6,371,000 m): a meridian arc. */
const M_PER_DEG_LAT = (6_371_000 * Math.PI) / 180;

// A tree and a place of this file's own (阿里 region: no demo or other test stations within 20 km).
const root = `9${String(randomInt(100_000)).padStart(5, '0')}`;
const short = `${root}/32058`;
const county = `${root}/320582`;
const town = `${county}/town`;
const center = { lat: 32 + randomInt(3000) / 1000, lng: 79.5 };
const north = (metres: number) => ({ lat: center.lat + metres / M_PER_DEG_LAT, lng: center.lng });

async function putOrg(path: string, parentPath: string | null, name: string, level: string) {
  await table.send(
    new PutCommand({
      TableName: testTableName,
      Item: { ...keys.org(path), type: 'Org', path, name, region: name, level, parentPath, version: 1 },
    }),
  );
}

/** A fresh WeChat user; with `orgPath`, made staff there by writing the role into their user item. */
async function user(orgPath?: string): Promise<{ token: string; id: string }> {
  const { token, me } = await loginWithCode(`sg-${randomUUID()}`);
  if (orgPath) {
    const { Item } = await table.send(new GetCommand({ TableName: testTableName, Key: keys.user(me.id) }));
    await table.send(
      new PutCommand({
        TableName: testTableName,
        Item: {
          ...Item,
          roles: new Set(['staff']),
          orgPath,
          ...staffIndexKeys.ofUser({ id: me.id, roles: ['staff'], orgPath }),
        },
      }),
    );
  }
  return { token, id: me.id };
}

async function stored(id: string) {
  const { Item } = await table.send(
    new GetCommand({ TableName: testTableName, Key: suggestionKeys.suggestion(id), ConsistentRead: true }),
  );
  return Item;
}

const body = (metres: number, extra: Record<string, unknown> = {}) => ({
  name: '快递小哥歇脚点',
  address: '狮泉河镇 3 号',
  location: north(metres),
  amenities: ['water'],
  requestId: randomUUID(),
  ...extra,
});

type Suggestion = { id: string; version: number; state: string; orgPath: string; stationId: string | null };
const suggestionOf = (answer: { body: unknown }) => (answer.body as { suggestion: Suggestion }).suggestion;
const listed = (answer: { body: unknown }) =>
  (answer.body as { suggestions: Suggestion[] }).suggestions.map((s) => s.id);

let countyStaff: { token: string; id: string };
let townStaff: { token: string; id: string };
let shortStaff: { token: string; id: string };
let stationName: string;

beforeAll(async () => {
  await putOrg(root, null, '建议测试省总工会', 'province');
  await putOrg(short, root, '建议测试甲县总工会', 'county');
  await putOrg(county, root, '建议测试乙县总工会', 'county');
  await putOrg(town, county, '建议测试镇工会', 'town');
  [countyStaff, townStaff, shortStaff] = await Promise.all([user(county), user(town), user(short)]);
  stationName = `建议测试驿站${randomUUID().slice(0, 4)}`;
  const station = await request('POST', '/staff/stations', {
    token: countyStaff.token,
    body: {
      name: stationName,
      address: '狮泉河镇 1 号',
      district: '噶尔县',
      orgPath: town,
      location: center,
      hostType: 'union',
      amenities: ['water'],
      hours: { alwaysOpen: true },
    },
  });
  expect(station.status, JSON.stringify(station.body)).toBe(201);
});

describe('API: a worker suggests a station and staff approve it', () => {
  it('walks suggest → queue → approve → paused draft station → 我的建议', async () => {
    const worker = await user();
    const sent = await request('POST', '/suggestions', { token: worker.token, body: body(1500) });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const suggestion = suggestionOf(sent);
    expect(suggestion).toMatchObject({
      state: 'pending',
      orgPath: town,
      orgName: '建议测试镇工会',
      version: 1,
    });

    expect(listed(await request('GET', '/staff/suggestions', { token: townStaff.token }))).toContain(
      suggestion.id,
    );
    expect(listed(await request('GET', '/staff/suggestions', { token: countyStaff.token }))).toContain(
      suggestion.id,
    );
    const approved = await request('POST', `/staff/suggestions/${suggestion.id}/review`, {
      token: countyStaff.token,
      body: { version: 1, decision: 'approve' },
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const stationId = `st_${suggestion.id.slice(3)}`;
    expect(suggestionOf(approved)).toMatchObject({ state: 'approved', stationId, version: 2 });

    const draft = await request('GET', `/staff/stations/${stationId}`, { token: townStaff.token });
    expect(draft).toMatchObject({
      status: 200,
      body: {
        id: stationId,
        name: '快递小哥歇脚点',
        address: '狮泉河镇 3 号',
        district: '建议测试乙县总工会 建议测试镇工会',
        orgPath: town,
        hostType: 'other',
        amenities: ['water'],
        status: { state: 'temporarilyClosed', reason: '资料待完善（职工建议新增）' },
        open: false,
        version: 1,
      },
    });
    expect((await request('GET', '/me/suggestions', { token: worker.token })).body).toStrictEqual({
      suggestions: [suggestionOf(approved)],
    });
  });
});

describe('API: suggestion attacks', () => {
  it('answers every route without a token with 401 and staff routes to a worker with 403', async () => {
    const worker = await user();
    const id = `sg_${'a'.repeat(24)}`;
    for (const [method, path, payload] of [
      ['POST', '/suggestions', body(1000)],
      ['GET', '/me/suggestions', undefined],
      ['GET', '/staff/suggestions', undefined],
      ['POST', `/staff/suggestions/${id}/review`, { version: 1, decision: 'approve' }],
    ] as const) {
      const anonymous = await request(method, path, { body: payload });
      expect(anonymous.status, path).toBe(401);
      expect((anonymous.body as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    }
    for (const [method, path, payload] of [
      ['GET', '/staff/suggestions', undefined],
      ['POST', `/staff/suggestions/${id}/review`, { version: 1, decision: 'approve' }],
    ] as const) {
      expect(await request(method, path, { token: worker.token, body: payload })).toMatchObject({
        status: 403,
        body: { error: { code: 'FORBIDDEN' } },
      });
    }
  });

  it('keeps a prefix-sibling org’s staff (…/32058) and staff below out of …/320582’s suggestion', async () => {
    const worker = await user();
    // 5 km north: past the town's station but no box on the chain, so the town reviews it…
    const atTown = suggestionOf(
      await request('POST', '/suggestions', { token: worker.token, body: body(5000) }),
    );
    expect(atTown.orgPath).toBe(town);
    expect(listed(await request('GET', '/staff/suggestions', { token: shortStaff.token }))).toStrictEqual([]);
    expect(
      await request('GET', `/staff/suggestions?org=${encodeURIComponent(county)}`, {
        token: shortStaff.token,
      }),
    ).toMatchObject({ status: 403, body: { error: { code: 'OUT_OF_SCOPE' } } });
    expect(
      await request('GET', `/staff/suggestions?org=${encodeURIComponent(county)}`, {
        token: townStaff.token,
      }),
    ).toMatchObject({ status: 403, body: { error: { code: 'OUT_OF_SCOPE' } } });
    for (const decision of [{ decision: 'approve' }, { decision: 'decline', reason: '不符合条件' }]) {
      expect(
        await request('POST', `/staff/suggestions/${atTown.id}/review`, {
          token: shortStaff.token,
          body: { version: 1, ...decision },
        }),
      ).toMatchObject({ status: 403, body: { error: { code: 'OUT_OF_SCOPE' } } });
    }
    expect(await stored(atTown.id)).toMatchObject({ state: 'pending', version: 1 });
  });

  it('ignores fields a worker may not set (state, org, station, suggester)', async () => {
    const worker = await user();
    const sent = await request('POST', '/suggestions', {
      token: worker.token,
      body: body(1200, {
        state: 'approved',
        orgPath: short,
        stationId: 'st_aaaaaaaaaaaa',
        suggesterId: countyStaff.id,
        version: 9,
        declineReason: '我自己批准',
      }),
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(suggestionOf(sent)).toMatchObject({
      state: 'pending',
      orgPath: town,
      stationId: null,
      version: 1,
      declineReason: null,
    });
    expect(await stored(suggestionOf(sent).id)).toMatchObject({ suggesterId: worker.id });
  });

  it('refuses malformed JSON, a 1.2 MB body, forged ids and cursors, and a missing decline reason', async () => {
    const worker = await user();
    const malformed = await request('POST', '/suggestions', { token: worker.token, rawBody: '{"name":' });
    expect(malformed).toMatchObject({ status: 400, body: { error: { code: 'MALFORMED_JSON' } } });
    const huge = await request('POST', '/suggestions', {
      token: worker.token,
      body: body(1000, { note: '注'.repeat(400_000) }),
    });
    expect(huge).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    for (const id of ['sg_', 'st_aaaaaaaaaaaa', `sg_${'a'.repeat(40)}`, '..%2F..']) {
      const answer = await request('POST', `/staff/suggestions/${id}/review`, {
        token: countyStaff.token,
        body: { version: 1, decision: 'approve' },
      });
      expect(answer.status, id).toBe(400);
    }
    expect(
      await request('POST', `/staff/suggestions/sg_${'0'.repeat(24)}/review`, {
        token: countyStaff.token,
        body: { version: 1, decision: 'approve' },
      }),
    ).toMatchObject({ status: 404, body: { error: { code: 'SUGGESTION_NOT_FOUND' } } });
    for (const path of ['/me/suggestions?cursor=forged', '/staff/suggestions?cursor=eyJwayI6IngifQ']) {
      expect(await request('GET', path, { token: countyStaff.token }), path).toMatchObject({
        status: 400,
        body: { error: { code: 'BAD_CURSOR' } },
      });
    }
    expect(await request('GET', '/staff/suggestions?state=all', { token: countyStaff.token })).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED' } },
    });
    const pending = suggestionOf(
      await request('POST', '/suggestions', { token: worker.token, body: body(1300) }),
    );
    for (const review of [
      { version: 1, decision: 'decline' },
      { version: 1, decision: 'decline', reason: ' ' },
      { version: 1, decision: 'decline', reason: '理'.repeat(101) },
      { version: 0, decision: 'approve' },
      { decision: 'approve' },
      { version: 1, decision: 'approve', stationId: 'st_aaaaaaaaaaaa', orgPath: short },
    ]) {
      const answer = await request('POST', `/staff/suggestions/${pending.id}/review`, {
        token: countyStaff.token,
        body: review,
      });
      if ('stationId' in review) {
        // Extra fields are dropped: the approval makes the suggestion's own station in its own org.
        expect(suggestionOf(answer)).toMatchObject({ stationId: `st_${pending.id.slice(3)}`, orgPath: town });
      } else {
        expect(answer.status, JSON.stringify(review)).toBe(400);
      }
    }
  });

  it('uses a cursor only on the listing it came from', async () => {
    const worker = await user();
    const bodies = Array.from({ length: 21 }, (_, i) => body(100 * i + 200, { confirmNearby: true }));
    // 21 suggestions need 5 people's daily caps.
    const workers = [worker, ...(await Promise.all([user(), user(), user(), user()]))];
    for (const [i, one] of bodies.entries()) {
      const sent = await request('POST', '/suggestions', {
        token: workers[Math.floor(i / 5)]!.token,
        body: one,
      });
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    }
    const first = await request('GET', '/staff/suggestions', { token: townStaff.token });
    const cursor = (first.body as { nextCursor?: string }).nextCursor;
    expect(cursor).toEqual(expect.any(String));
    const second = await request('GET', `/staff/suggestions?cursor=${encodeURIComponent(cursor!)}`, {
      token: townStaff.token,
    });
    expect(second.status).toBe(200);
    expect(listed(second).some((id) => listed(first).includes(id))).toBe(false);
    // The town's cursor on the county's range, and on 我的建议, opens nothing.
    expect(
      await request(
        'GET',
        `/staff/suggestions?org=${encodeURIComponent(county)}&cursor=${encodeURIComponent(cursor!)}`,
        {
          token: countyStaff.token,
        },
      ),
    ).toMatchObject({ status: 400, body: { error: { code: 'BAD_CURSOR' } } });
    expect(
      await request('GET', `/me/suggestions?cursor=${encodeURIComponent(cursor!)}`, { token: worker.token }),
    ).toMatchObject({ status: 400, body: { error: { code: 'BAD_CURSOR' } } });
  });

  it('stores one suggestion for five racing sends of one request id, and one station for racing approvals', async () => {
    const worker = await user();
    const one = body(1700);
    const sends = await Promise.all(
      Array.from({ length: 5 }, () => request('POST', '/suggestions', { token: worker.token, body: one })),
    );
    for (const sent of sends) expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const suggestion = suggestionOf(sends[0]!);
    for (const sent of sends) expect(suggestionOf(sent)).toStrictEqual(suggestion);
    expect(listed(await request('GET', '/me/suggestions', { token: worker.token }))).toStrictEqual([
      suggestion.id,
    ]);

    const approvals = await Promise.all(
      [countyStaff, townStaff, countyStaff].map((staff) =>
        request('POST', `/staff/suggestions/${suggestion.id}/review`, {
          token: staff.token,
          body: { version: 1, decision: 'approve' },
        }),
      ),
    );
    for (const answer of approvals) expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(await stored(suggestion.id)).toMatchObject({ state: 'approved', version: 2 });
    const station = await request('GET', `/staff/stations/st_${suggestion.id.slice(3)}`, {
      token: countyStaff.token,
    });
    expect(station).toMatchObject({ status: 200, body: { version: 1 } });
  });

  it('lets one of a racing approval and decline win, the other answered 409', async () => {
    const worker = await user();
    const suggestion = suggestionOf(
      await request('POST', '/suggestions', { token: worker.token, body: body(1800) }),
    );
    const [approve, decline] = await Promise.all([
      request('POST', `/staff/suggestions/${suggestion.id}/review`, {
        token: countyStaff.token,
        body: { version: 1, decision: 'approve' },
      }),
      request('POST', `/staff/suggestions/${suggestion.id}/review`, {
        token: townStaff.token,
        body: { version: 1, decision: 'decline', reason: '已有驿站' },
      }),
    ]);
    expect([approve.status, decline.status].sort()).toStrictEqual([200, 409]);
    const winner = approve.status === 200 ? 'approved' : 'declined';
    expect(await stored(suggestion.id)).toMatchObject({ state: winner, version: 2 });
    const station = await request('GET', `/staff/stations/st_${suggestion.id.slice(3)}`, {
      token: countyStaff.token,
    });
    expect(station.status).toBe(winner === 'approved' ? 200 : 404);
  });

  it('warns of a station 50 m away, naming it, and refuses the 6th suggestion of a day', async () => {
    const worker = await user();
    const warned = await request('POST', '/suggestions', { token: worker.token, body: body(50) });
    expect(warned).toMatchObject({
      status: 409,
      body: {
        error: {
          code: 'STATION_NEARBY',
          details: { nearStation: { name: stationName, distanceM: 50 } },
        },
      },
    });
    for (let i = 1; i <= 5; i += 1) {
      expect(
        (await request('POST', '/suggestions', { token: worker.token, body: body(2000 + i * 100) })).status,
      ).toBe(201);
    }
    const sixth = await request('POST', '/suggestions', { token: worker.token, body: body(2700) });
    expect(sixth).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED' } } });
    expect(listed(await request('GET', '/me/suggestions', { token: worker.token }))).toHaveLength(5);
  });
});
