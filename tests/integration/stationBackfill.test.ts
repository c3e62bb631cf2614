import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { type Station, stationDraftSchema } from '@ankang/shared';
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { progressFileOf } from '../../functions/local/stageCommand';
import { ensureTable } from '../../functions/local/table';
import { db, tableName } from '../../functions/src/db/client';
import { stationToItem } from '../../functions/src/db/stationItems';
import { getStationById } from '../../functions/src/db/stations';
import { newStation } from '../../functions/src/services/stationAdmin';
import { backfillStations } from '../../functions/src/services/stationBackfill';
import { searchStations } from '../../functions/src/services/stationSearch';
import { tallyDynamo } from '../support/dynamoTally';
import { expectedSearchKeys } from '../support/searchIndexOracle';
import { ownWord } from '../support/searchOracle';
import { runLocalScript } from './localScript';
import { stationDraft } from './stationFixtures';

// 西藏 拉萨 城关区: a province no other test stores stations in, so the backfill reads little else.
const PROVINCE = '540000';
const ORG = '540000/540100/540102';

/** A station as stored before issue 11: no place, no search entries. */
async function oldStation(
  name: string,
  status: Station['status'] = { state: 'open' },
  table = tableName,
): Promise<Station> {
  const { place: _place, ...station } = {
    ...newStation(
      stationDraftSchema.parse(
        stationDraft({ name, district: '拉萨市 城关区', orgPath: ORG, location: { lng: 91.13, lat: 29.65 } }),
      ),
      new Date(),
    ),
    status,
  };
  await db.send(new PutCommand({ TableName: table, Item: stationToItem(station) }));
  return station;
}

async function staleEntry(stationId: string, term: string): Promise<void> {
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        pk: `STATION#${stationId}`,
        sk: `SEARCH#${term}`,
        gsi3pk: `STN_Q#${term}`,
        gsi3sk: `-#${stationId}`,
        type: 'StationSearch',
        stationId,
      },
    }),
  );
}

/** Sort key → [index partition, index sort key] of every search entry a station holds. */
async function storedEntries(
  stationId: string,
  table = tableName,
): Promise<Record<string, [unknown, unknown]>> {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :search)',
      ExpressionAttributeValues: { ':pk': `STATION#${stationId}`, ':search': 'SEARCH#' },
    }),
  );
  return Object.fromEntries(Items.map((item) => [item.sk as string, [item.gsi3pk, item.gsi3sk]]));
}

/** The stations of the province by the org index, counted apart from the backfill's reads. */
async function stationsInProvince(): Promise<number> {
  const { Count = 0 } = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': `STN_ORG#${PROVINCE}` },
      Select: 'COUNT',
    }),
  );
  return Count;
}

describe('Stations backfill (npm run stations:backfill)', () => {
  it('gives old stations their place and exactly the index’s entries, resumes from its position, and a rerun changes nothing', async () => {
    const word = ownWord();
    const open = [
      await oldStation(`${word}一站`),
      await oldStation(`${word}二站`),
      await oldStation(`${word}三站`),
    ];
    const closed = await oldStation(`${word}关站`, { state: 'closed' });
    await staleEntry(open[0]!.id, '旧词');
    await staleEntry(closed.id, '旧词');
    const mine = [...open, closed];

    // Whatever else this file stored in the province before (tests in any order), counted apart.
    const inProvince = await stationsInProvince();
    expect(inProvince).toBeGreaterThanOrEqual(mine.length);

    // A first run of one page of 2 stops with a position; the next run carries on from it to the end.
    const first = await backfillStations({ provinces: [PROVINCE], pageSize: 2, maxPages: 1 });
    expect(first.counts.stations).toBe(2);
    expect(first.progress?.at?.province).toBe(PROVINCE);
    expect(first.progress?.at?.startKey).toBeDefined();
    expect(first.progress?.skippedStations).toStrictEqual([]);
    const rest = await backfillStations({ provinces: [PROVINCE], pageSize: 2, from: first.progress! });
    expect(rest.progress).toBeNull();
    // Every station of the province read once across the two runs.
    expect(first.counts.stations + rest.counts.stations).toBe(inProvince);

    // The place, as the divisions name 城关区 of 拉萨市 in 西藏 (no town: the address names none).
    const place = { province: '54', city: '5401', county: '540102' };
    for (const before of mine) {
      const after = (await getStationById(before.id))!;
      expect(after.place).toStrictEqual(place);
      expect(after.version).toBe(before.version + 1);
      // The entries the index's written rules give the station with that place (an oracle apart
      // from the writer), and nothing else.
      expect(await storedEntries(before.id)).toStrictEqual(expectedSearchKeys({ ...before, place }));
    }
    expect(await storedEntries(closed.id)).toStrictEqual({});
    expect(Object.keys(await storedEntries(open[0]!.id))).not.toContain('SEARCH#旧词');

    // Found by words within the place, the closed one not.
    const found = await searchStations(
      { q: word, place: '540102', amenities: [], openNow: false, limit: 20 },
      new Date(),
    );
    expect(found.stations.map((s) => s.id).sort()).toStrictEqual(open.map((s) => s.id).sort());

    // Run again from the start: nothing to add, so nothing written (every station only read and
    // compared), versions stay, entries stay.
    const tally = tallyDynamo(db, 'backfillRerun');
    const again = await backfillStations({ provinces: [PROVINCE] }).finally(() => tally.remove());
    expect(tally.counts().itemsWritten).toBe(0);
    expect(again).toStrictEqual({
      counts: { stations: inProvince, unchanged: inProvince, indexed: 0, placed: 0, unplaced: 0 },
      progress: null,
    });
    for (const before of mine) {
      expect((await getStationById(before.id))!.version).toBe(before.version + 1);
    }
    expect(Object.keys(await storedEntries(open[1]!.id)).length).toBeGreaterThan(0);
  });

  it('leaves a station that has changed since it was read to a re-read, never writing stale entries', async () => {
    const word = ownWord();
    const station = await oldStation(`${word}站`);
    // Edited (renamed) by someone between the backfill's page read and its write: simulated by
    // handing the backfill the old record while the table holds a newer version.
    const renamed = { ...station, name: `${ownWord()}站`, version: station.version + 1 };
    await db.send(new PutCommand({ TableName: tableName, Item: stationToItem(renamed) }));
    const { backfillStation } = await import('../../functions/src/db/stationBackfill');
    expect(await backfillStation(station, { province: '54', city: '5401', county: '540102' }, [])).toBe(
      'moved',
    );
    expect(await storedEntries(station.id)).toStrictEqual({});
    // The run itself re-reads and writes the renamed record's entries.
    await backfillStations({ provinces: [PROVINCE] });
    const names = Object.keys(await storedEntries(station.id));
    expect(names).toContain(`SEARCH#${renamed.name.slice(0, 2)}`);
    expect(names).not.toContain(`SEARCH#${word.slice(0, 2)}`);
  });

  it('keeps a station that kept changing in its progress, re-read consistently, and a later run finishes it', async () => {
    const station = await oldStation(`${ownWord()}站`);
    const pk = `STATION#${station.id}`;
    // Every write of the station is cancelled as if it had changed; every read of it is noted.
    const reads: unknown[] = [];
    let writes = 0;
    db.middlewareStack.add(
      (next, context) => async (args) => {
        const { input } = args;
        if (/^Get/.test(context.commandName ?? '') && 'Key' in input && input.Key?.pk === pk) {
          reads.push('ConsistentRead' in input ? input.ConsistentRead : undefined);
        }
        const items = 'TransactItems' in input ? (input.TransactItems ?? []) : [];
        if (/^TransactWrite/.test(context.commandName ?? '') && JSON.stringify(items[0]).includes(pk)) {
          writes += 1;
          throw new TransactionCanceledException({
            message: 'Transaction cancelled (test)',
            $metadata: {},
            CancellationReasons: items.map((_, index) => ({
              Code: index === 0 ? 'ConditionalCheckFailed' : 'None',
            })),
          });
        }
        return next(args);
      },
      { step: 'initialize', name: 'stationMoves' },
    );
    let first: Awaited<ReturnType<typeof backfillStations>>;
    try {
      first = await backfillStations({ provinces: [PROVINCE] });
    } finally {
      db.middlewareStack.remove('stationMoves');
    }
    // Three tries in the scan, three more by id at its end; every re-read consistent.
    expect(writes).toBe(6);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((consistent) => consistent === true)).toBe(true);
    expect(first.progress).toStrictEqual({ at: null, skippedStations: [station.id] });
    expect(await storedEntries(station.id)).toStrictEqual({});

    // A later run, from that progress: no scan, the station by id, and nothing left.
    const rest = await backfillStations({ provinces: [PROVINCE], from: first.progress! });
    expect(rest).toMatchObject({ counts: { stations: 1, indexed: 1 }, progress: null });
    const place = { province: '54', city: '5401', county: '540102' };
    expect(await storedEntries(station.id)).toStrictEqual(expectedSearchKeys({ ...station, place }));
  });
});

describe('Command: npm run stations:backfill', () => {
  const admin = new DynamoDBClient({
    endpoint: inject('dynamoEndpoint'),
    region: 'cn-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  afterAll(() => admin.destroy());

  it('with no flag of its own, brings a table’s stations up to date, says 全部完成 and keeps no progress', async () => {
    // A table of its own: the run reads every province, and finds only this station.
    const table = `backfill-${randomBytes(4).toString('hex')}`;
    await ensureTable(admin, table);
    const station = await oldStation(`${ownWord()}站`, { state: 'open' }, table);
    const endpoint = process.env.DYNAMODB_ENDPOINT!;
    const run = () => runLocalScript('backfillStations.ts', table);
    const progress = progressFileOf('backfill', {
      stage: 'local',
      region: 'cn-north-1',
      tableName: table,
      endpoint,
    });

    const first = run();
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain(`表 ${table}：读 1 个驿站，写索引 1 个，已是最新 0 个，补地区 1 个`);
    expect(first.stdout).toContain('全部完成');
    expect(existsSync(progress)).toBe(false);
    const place = { province: '54', city: '5401', county: '540102' };
    expect(await storedEntries(station.id, table)).toStrictEqual(expectedSearchKeys({ ...station, place }));

    // Run again: the station only read.
    const again = run();
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain(`表 ${table}：读 1 个驿站，写索引 0 个，已是最新 1 个`);
    expect(again.stdout).toContain('全部完成');
  }, 240_000);
});
