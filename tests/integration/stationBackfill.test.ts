import { type Station, stationDraftSchema } from '@ankang/shared';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { db, tableName } from '../../functions/src/db/client';
import { stationToItem } from '../../functions/src/db/stationItems';
import { getStationById } from '../../functions/src/db/stations';
import { newStation } from '../../functions/src/services/stationAdmin';
import { backfillStations } from '../../functions/src/services/stationBackfill';
import { searchStations } from '../../functions/src/services/stationSearch';
import { tallyDynamo } from '../support/dynamoTally';
import { expectedSearchKeys } from '../support/searchIndexOracle';
import { ownWord } from '../support/searchOracle';
import { stationDraft } from './stationFixtures';

// 西藏 拉萨 城关区: a province no other test stores stations in, so the backfill reads little else.
const PROVINCE = '540000';
const ORG = '540000/540100/540102';

/** A station as stored before issue 11: no place, no search entries. */
async function oldStation(name: string, status: Station['status'] = { state: 'open' }): Promise<Station> {
  const { place: _place, ...station } = {
    ...newStation(
      stationDraftSchema.parse(
        stationDraft({ name, district: '拉萨市 城关区', orgPath: ORG, location: { lng: 91.13, lat: 29.65 } }),
      ),
      new Date(),
    ),
    status,
  };
  await db.send(new PutCommand({ TableName: tableName, Item: stationToItem(station) }));
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
async function storedEntries(stationId: string): Promise<Record<string, [unknown, unknown]>> {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :search)',
      ExpressionAttributeValues: { ':pk': `STATION#${stationId}`, ':search': 'SEARCH#' },
    }),
  );
  return Object.fromEntries(Items.map((item) => [item.sk as string, [item.gsi3pk, item.gsi3sk]]));
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

    // A first run of one page of 2 stops with a position; the next run carries on from it to the end.
    const first = await backfillStations({ provinces: [PROVINCE], pageSize: 2, maxPages: 1 });
    expect(first.counts.stations).toBe(2);
    expect(first.next?.province).toBe(PROVINCE);
    expect(first.next?.startKey).toBeDefined();
    const rest = await backfillStations({ provinces: [PROVINCE], pageSize: 2, from: first.next! });
    expect(rest.next).toBeNull();
    // The province holds this file's stations alone, and this test runs first in it: exactly its four.
    expect(first.counts.stations + rest.counts.stations).toBe(mine.length);

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
    expect(again.counts).toMatchObject({
      stations: mine.length,
      unchanged: mine.length,
      indexed: 0,
      placed: 0,
      skipped: 0,
      skippedStations: [],
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
});
