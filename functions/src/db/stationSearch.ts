import type { Station } from '@ankang/shared';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { getItems } from './batchGet';
import { db, tableName } from './client';
import { indexes, keys } from './keys';
import { stationFromItem } from './stationItems';
import type { SearchEntryFields } from './stationSearchItems';

/** Some entries of a range, from its start or from where an earlier read of it stopped. */
export interface RangeRead {
  entries: SearchEntryFields[];
  itemsRead: number;
  requests: number;
  /** Whether the range was read to its end. */
  complete: boolean;
  /** Where the read stopped (the last entry's keys), to go on from; absent when complete. */
  lastKey?: Record<string, unknown>;
}

/**
 * The search entries of one partition of the search index (a bigram's, the overflow mark's or a
 * province's places), within a place when `placePrefix` is given (a begins_with on the sort key,
 * whose place code starts with every ancestor's code): at most `take` entries in requests of at
 * most `page`, from `startKey` when given. No filter expression: every entry read is one the range
 * holds, in sort-key order, so reads of `take` entries of a range from its start always read the
 * same entries, whatever pieces they came in.
 */
export async function readSearchEntries(
  partition: string,
  placePrefix: string | undefined,
  take: number,
  page: number,
  startKey?: Record<string, unknown>,
): Promise<RangeRead> {
  const entries: SearchEntryFields[] = [];
  let itemsRead = 0;
  let requests = 0;
  let lastKey = startKey;
  do {
    const read = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: indexes.stationSearch,
        KeyConditionExpression: placePrefix ? 'gsi3pk = :pk AND begins_with(gsi3sk, :place)' : 'gsi3pk = :pk',
        ExpressionAttributeValues: { ':pk': partition, ...(placePrefix ? { ':place': placePrefix } : {}) },
        Limit: Math.min(page, take - entries.length),
        ExclusiveStartKey: lastKey,
      }),
    );
    requests += 1;
    itemsRead += read.ScannedCount ?? 0;
    for (const item of read.Items ?? []) entries.push(item as unknown as SearchEntryFields);
    lastKey = read.LastEvaluatedKey;
  } while (lastKey && entries.length < take);
  return { entries, itemsRead, requests, complete: !lastKey, ...(lastKey ? { lastKey } : {}) };
}

/** The stations of a page of results (at most SEARCH_MAX_LIMIT ids), in the order given; gone ones left out. */
export async function getStationsInOrder(ids: string[]): Promise<{ stations: Station[]; itemsRead: number }> {
  const items = await getItems(ids.map((id) => keys.station(id)));
  const byId = new Map(items.map((item) => [String(item.id), stationFromItem(item)]));
  return { stations: ids.flatMap((id) => byId.get(id) ?? []), itemsRead: items.length };
}
