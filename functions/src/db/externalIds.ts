import type { Station } from '@ankang/shared';
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { keys } from './keys';
import { stationFromItem } from './stationItems';

type Key = Record<string, string>;
type Item = Record<string, unknown>;

/** BatchGetItem takes at most 100 keys a request. */
const BATCH = 100;
const MAX_ROUNDS = 8;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One BatchGet of ≤ 100 keys, retrying what DynamoDB left unprocessed (throttling) with backoff. */
async function getBatch(batch: Key[]): Promise<Item[]> {
  const items: Item[] = [];
  let pending: Key[] = batch;
  for (let round = 0; pending.length > 0; round += 1) {
    if (round === MAX_ROUNDS) throw new Error(`BatchGet left ${pending.length} keys unprocessed`);
    if (round > 0) await pause(25 * 2 ** round);
    const { Responses, UnprocessedKeys } = await db.send(
      new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending } } }),
    );
    items.push(...(Responses?.[tableName] ?? []));
    pending = (UnprocessedKeys?.[tableName]?.Keys as Key[] | undefined) ?? [];
  }
  return items;
}

/** Items for any number of keys: batches of 100, all in flight at once. */
async function getMany(allKeys: Key[]): Promise<Item[]> {
  const batches: Key[][] = [];
  for (let i = 0; i < allKeys.length; i += BATCH) batches.push(allKeys.slice(i, i + BATCH));
  return (await Promise.all(batches.map(getBatch))).flat();
}

/**
 * Which station holds each of these external ids (from the uniqueness items), and those stations.
 * An id nobody holds is absent from the map; an id whose station is missing maps to null.
 * Two rounds of batch reads however many ids: never one read per id.
 */
export async function getStationsByExternalIds(externalIds: string[]): Promise<Map<string, Station | null>> {
  const unique = [...new Set(externalIds)];
  const claims = await getMany(unique.map((id) => keys.externalId(id)));
  const owner = new Map(claims.map((item) => [item.externalId as string, item.stationId as string]));
  const stationIds = [...new Set(owner.values())];
  const stations = new Map(
    (await getMany(stationIds.map((id) => keys.station(id)))).map((item) => {
      const station = stationFromItem(item);
      return [station.id, station] as const;
    }),
  );
  return new Map([...owner].map(([externalId, stationId]) => [externalId, stations.get(stationId) ?? null]));
}
