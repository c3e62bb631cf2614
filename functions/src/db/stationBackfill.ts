import type { Station } from '@ankang/shared';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { indexes, keys, stationIndexKeys } from './keys';
import { stationFromItem } from './stationItems';
import { searchEntriesOf } from './stationSearchItems';
import { type TransactItem, transactWrite } from './transactions';

/**
 * The writes of the stations backfill (functions/local/backfillStations.ts): reads a province's
 * stations page by page through the org index, and brings one station's place and search entries
 * up to what the API writes today, in one transaction conditioned on the version it read.
 */

/** A page of one province's stations (org index partition `STN_ORG#<province>`), and where the next starts. */
export async function stationsOfProvince(
  province: string,
  startKey: Record<string, unknown> | undefined,
  limit: number,
): Promise<{ stations: Station[]; nextKey?: Record<string, unknown> }> {
  const page = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: indexes.stationsByOrg,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': stationIndexKeys.byOrgPartition(province) },
      Limit: limit,
      ExclusiveStartKey: startKey,
    }),
  );
  return {
    stations: (page.Items ?? []).map(stationFromItem),
    ...(page.LastEvaluatedKey ? { nextKey: page.LastEvaluatedKey } : {}),
  };
}

/** The search entries a station holds now (its own partition, `SEARCH#…`), whole. */
export async function storedSearchEntries(stationId: string): Promise<Record<string, unknown>[]> {
  const found: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  // At most 41 entries (40 terms and the place entry), and what an older writer left: a page or two.
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :search)',
        ExpressionAttributeValues: { ':pk': keys.station(stationId).pk, ':search': 'SEARCH#' },
        // "Already right, write nothing" is decided on this read: never on a stale one.
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    found.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return found;
}

/**
 * Gives `station` (as read, at its version) the place `place` when it has none, and exactly the
 * search entries the API would write for it: every entry put, every stored one it should not hold
 * deleted. One transaction, conditioned on the version read, which it bumps when it sets the place
 * (so an edit that read the record before cannot save over it with entries of its own reckoning).
 * 'moved' when the station changed meanwhile: read it again and retry.
 */
export async function backfillStation(
  station: Station,
  place: Station['place'],
  storedKeys: readonly string[],
): Promise<'saved' | 'moved'> {
  const next: Station =
    place && !station.place ? { ...station, place, version: station.version + 1 } : station;
  const entries = searchEntriesOf(next);
  const wanted = new Set(entries.map((entry) => String(entry.sk)));
  const stationItem: TransactItem =
    next === station
      ? {
          ConditionCheck: {
            TableName: tableName,
            Key: keys.station(station.id),
            ConditionExpression: 'version = :version',
            ExpressionAttributeValues: { ':version': station.version },
          },
        }
      : {
          Update: {
            TableName: tableName,
            Key: keys.station(station.id),
            UpdateExpression: 'SET #place = :place, version = :next',
            ConditionExpression: 'version = :version AND attribute_not_exists(#place)',
            ExpressionAttributeNames: { '#place': 'place' },
            ExpressionAttributeValues: {
              ':place': place,
              ':version': station.version,
              ':next': next.version,
            },
          },
        };
  const items: TransactItem[] = [
    stationItem,
    ...entries.map((Item) => ({ Put: { TableName: tableName, Item } })),
    ...storedKeys
      .filter((sk) => !wanted.has(sk))
      .map((sk) => ({ Delete: { TableName: tableName, Key: { pk: keys.station(station.id).pk, sk } } })),
  ];
  return transactWrite(items, [[0, 'moved']]);
}
