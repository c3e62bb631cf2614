import type { Station } from '@ankang/shared';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { getItems } from './batchGet';
import { db, tableName } from './client';
import { indexes, keys } from './keys';
import { stationFromItem } from './stationItems';
import type { SearchEntryFields } from './stationSearchItems';

/** How much one read of a search partition may take: pages of `page` entries, at most `pages` requests. */
export interface SearchReadBounds {
  page: number;
  pages: number;
}

/** Entries one read takes at most, and per request: two requests of 1,000 (some 1.2 MB in all). */
export const SEARCH_READ_PAGE = 1_000;
export const SEARCH_READ_PAGES = 2;
export const SEARCH_READ_BOUNDS: SearchReadBounds = { page: SEARCH_READ_PAGE, pages: SEARCH_READ_PAGES };

/**
 * The search entries of one partition of the search index (a bigram's or a province's places),
 * within a place when `placePrefix` is given (a begins_with on the sort key, whose place code
 * starts with every ancestor's code). Reads at most `bounds.pages` requests of `bounds.page`
 * entries: `complete` says whether the range was read to its end. No filter expression:
 * every entry read is one the range holds.
 */
export async function readSearchEntries(
  partition: string,
  placePrefix: string | undefined,
  bounds: SearchReadBounds = SEARCH_READ_BOUNDS,
): Promise<{ entries: SearchEntryFields[]; itemsRead: number; requests: number; complete: boolean }> {
  const entries: SearchEntryFields[] = [];
  let itemsRead = 0;
  let requests = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: indexes.stationSearch,
        KeyConditionExpression: placePrefix ? 'gsi3pk = :pk AND begins_with(gsi3sk, :place)' : 'gsi3pk = :pk',
        ExpressionAttributeValues: { ':pk': partition, ...(placePrefix ? { ':place': placePrefix } : {}) },
        Limit: bounds.page,
        ExclusiveStartKey: startKey,
      }),
    );
    requests += 1;
    itemsRead += page.ScannedCount ?? 0;
    for (const item of page.Items ?? []) entries.push(item as unknown as SearchEntryFields);
    startKey = page.LastEvaluatedKey;
  } while (startKey && requests < bounds.pages);
  return { entries, itemsRead, requests, complete: !startKey };
}

/** The stations of a page of results (at most SEARCH_MAX_LIMIT ids), in the order given; gone ones left out. */
export async function getStationsInOrder(ids: string[]): Promise<{ stations: Station[]; itemsRead: number }> {
  const items = await getItems(ids.map((id) => keys.station(id)));
  const byId = new Map(items.map((item) => [String(item.id), stationFromItem(item)]));
  return { stations: ids.flatMap((id) => byId.get(id) ?? []), itemsRead: items.length };
}
