import { createHmac } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { keys, stationIndexKeys } from '../../functions/src/db/keys';
import { handler as listManagedStations } from '../../functions/src/handlers/listManagedStations';
import { handler as listStationProblems } from '../../functions/src/handlers/listStationProblems';
import { handler as searchStations } from '../../functions/src/handlers/searchStations';
import { httpEvent, invoke } from '../support/events';
import { freshUser } from './fixtures';

const badCursor = {
  status: 400,
  body: { error: { code: 'BAD_CURSOR', message: '翻页参数无效，请从第一页重新查询' } },
};

const search = (query: Record<string, string>) =>
  invoke(searchStations, httpEvent({ path: '/stations', query }));

/**
 * A problem-queue cursor as listStationProblems would hand it out, after a plausible problem, built
 * apart from db/cursor.ts by the format's written rule: the key as base64url JSON, then an
 * HMAC-SHA256 over [listing, partition, org, payload] under a key derived from the JWT secret.
 */
function problemQueueCursor(state: 'new' | 'acknowledged', orgPath: string) {
  const payload = Buffer.from(
    JSON.stringify({ after: '2025-07-01T08:00:00.000Z#pb_000000000000000000000000' }),
  ).toString('base64url');
  const cursorKey = createHmac('sha256', process.env.JWT_SECRET!).update('ankang/cursor/v1').digest();
  const mac = createHmac('sha256', cursorKey)
    .update(JSON.stringify(['problemQueue', `${state}#*`, orgPath, payload]))
    .digest('base64url');
  return `${payload}.${mac}`;
}

/** The same cursor text with another payload and the original signature. */
function withPayload(cursor: string, key: Record<string, string>): string {
  return `${Buffer.from(JSON.stringify(key)).toString('base64url')}.${cursor.split('.')[1]}`;
}

describe('Cursors: signed, bound to the query they page', () => {
  let firstPage: { stations: { id: string }[]; nextCursor: string };
  let adminToken: string;

  beforeAll(async () => {
    // The seeded data has 40 stations in 江苏 (place 32): more than one page of 20.
    firstPage = (await search({ place: '32' })).body as typeof firstPage;
    expect(firstPage.nextCursor).toEqual(expect.any(String));
    adminToken = (await freshUser({ roles: ['admin'], orgPath: '320000' })).token;
  });

  it('continues a listing with its own cursor', async () => {
    const second = await search({ place: '32', cursor: firstPage.nextCursor });
    expect(second.status).toBe(200);
    const secondIds = (second.body as { stations: { id: string }[] }).stations.map((s) => s.id);
    expect(secondIds.length).toBeGreaterThan(0);
    expect(secondIds.filter((id) => firstPage.stations.some((s) => s.id === id))).toStrictEqual([]);
  });

  it.each<[string, () => Promise<string | undefined> | string]>([
    ['valid base64 JSON that is no key (eyJhIjoxfQ)', () => 'eyJhIjoxfQ'],
    ['not base64 at all', () => '%%%.***'],
    ['a real payload with its signature cut off', () => firstPage.nextCursor.split('.')[0]!],
    ['a real payload with a made-up signature', () => `${firstPage.nextCursor.split('.')[0]}.AAAA`],
    [
      'a real signature over another key (an edited payload)',
      () =>
        withPayload(firstPage.nextCursor, {
          ...keys.station(firstPage.stations[0]!.id),
          ...stationIndexKeys.byOrg('320000/320500', firstPage.stations[0]!.id),
        }),
    ],
    ['a cursor of the report queue', () => problemQueueCursor('new', '320000')],
  ])('answers 400 BAD_CURSOR to GET /stations with %s', async (_kind, cursor) => {
    expect(await search({ place: '32', cursor: (await cursor())! })).toStrictEqual(badCursor);
  });

  it('answers 400 BAD_CURSOR to a cursor of another search (another place, words or filter)', async () => {
    expect(await search({ place: '3205', cursor: firstPage.nextCursor })).toStrictEqual(badCursor);
    expect(await search({ place: '32', q: '驿站', cursor: firstPage.nextCursor })).toStrictEqual(badCursor);
    expect(await search({ place: '32', openNow: 'true', cursor: firstPage.nextCursor })).toStrictEqual(
      badCursor,
    );
  });

  it('answers 400 BAD_CURSOR in the staff listing to a cursor of another province or listing', async () => {
    const list = (org: string, cursor?: string) =>
      invoke(
        listManagedStations,
        httpEvent({
          path: '/staff/stations',
          token: adminToken,
          query: { org, ...(cursor ? { cursor } : {}) },
        }),
      );
    const firstStaffPage = (await list('320000')).body as { stations: { id: string }[]; nextCursor: string };
    const staffCursor = firstStaffPage.nextCursor;
    expect(staffCursor).toEqual(expect.any(String));
    expect(await list('440000', staffCursor)).toStrictEqual(badCursor);
    // The worker's search is another listing: its cursor does not open the staff one.
    expect(await list('320000', firstPage.nextCursor)).toStrictEqual(badCursor);
    // The same org's stations through the staff listing are the same query: the cursor holds.
    const next = await list('320000', staffCursor);
    expect(next.status).toBe(200);
    const nextIds = (next.body as { stations: { id: string }[] }).stations.map((station) => station.id);
    expect(nextIds.length).toBeGreaterThan(0);
    expect(
      nextIds.filter((id) => firstStaffPage.stations.some((station) => station.id === id)),
    ).toStrictEqual([]);
  });

  it('answers 400 BAD_CURSOR in the problem queue to cursors of another state, listing or shape', async () => {
    const queue = async (state: string, cursor: string | undefined) =>
      invoke(
        listStationProblems,
        httpEvent({
          path: '/staff/problems',
          token: adminToken,
          query: { org: '320000', state, cursor: cursor! },
        }),
      );
    expect(await queue('new', problemQueueCursor('new', '320000'))).toMatchObject({
      status: 200,
      body: { problems: expect.any(Array) },
    });
    expect(await queue('acknowledged', problemQueueCursor('new', '320000'))).toStrictEqual(badCursor);
    expect(await queue('new', problemQueueCursor('new', '320000/320500'))).toStrictEqual(badCursor);
    expect(await queue('new', firstPage.nextCursor)).toStrictEqual(badCursor);
    expect(await queue('new', 'eyJhIjoxfQ')).toStrictEqual(badCursor);
  });
});
