import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { type CursorScope, decodeCursor, encodeCursor } from './cursor';
import { type FilterCondition, filterConditions } from './filterConditions';

/** Which generic index a listing reads, and in which direction. */
export interface IndexPageQuery {
  indexName: string;
  /** The key attributes of that index (the table has gsi1 to gsi4). */
  keys: 'gsi1' | 'gsi2' | 'gsi3' | 'gsi4';
  /** Sort key descending: newest first. */
  newestFirst?: boolean;
}

/**
 * The Query of an index partition (and sort-key prefix: `begins_with`; empty: the whole partition),
 * with the filters that have a value as its FilterExpression. Paging (Limit, start key) is the
 * caller's.
 */
export function indexQuery(
  query: IndexPageQuery,
  partition: string,
  prefix: string,
  filters: readonly FilterCondition[] = [],
) {
  const pk = `${query.keys}pk`;
  const sk = `${query.keys}sk`;
  const filter = filterConditions(filters);
  return {
    TableName: tableName,
    IndexName: query.indexName,
    KeyConditionExpression: prefix ? `${pk} = :pk AND begins_with(${sk}, :prefix)` : `${pk} = :pk`,
    ...(filter.expression
      ? { FilterExpression: filter.expression, ExpressionAttributeNames: filter.names }
      : {}),
    ExpressionAttributeValues: {
      ':pk': partition,
      ...(prefix ? { ':prefix': prefix } : {}),
      ...filter.values,
    },
    ...(query.newestFirst ? { ScanIndexForward: false } : {}),
  };
}

/**
 * One page of an index query over the scope's partition and sort-key prefix (none: the whole
 * partition). The cursor it hands out only opens the same listing, partition and prefix.
 */
export async function indexPage(
  scope: CursorScope,
  query: IndexPageQuery,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ items: Record<string, unknown>[]; nextCursor: string | null }> {
  const [, partition, prefix] = scope;
  const result = await db.send(
    new QueryCommand({
      ...indexQuery(query, partition, prefix),
      Limit: page.limit,
      ExclusiveStartKey: await decodeCursor(page.cursor, scope),
    }),
  );
  return {
    items: result.Items ?? [],
    nextCursor: (await encodeCursor(result.LastEvaluatedKey, scope)) ?? null,
  };
}

/** Index pages a filtered listing reads per request at most, and their size: at most 500 items. */
const FILTERED_READS = 5;
const FILTERED_PAGE = 100;

/**
 * One page of up to `limit` items of an index partition (and sort-key prefix) that pass the
 * filters (a FilterExpression on the index query; no condition with a value: every item).
 * Bounded: at most FILTERED_READS index pages of FILTERED_PAGE items, so a narrow filter may answer
 * a page that is not full, still with a cursor; with no filter it reads `limit + 1` items. A full
 * page's cursor starts after the last item handed out, not after what was read. The cursor only
 * opens the same listing (name its filters in the scope's listing), partition and prefix.
 * `mostPass`: the filter only drops the odd stale item, so each index page is sized as unfiltered
 * (what the page still needs and one more), still at most FILTERED_READS of them.
 */
export async function filteredIndexPage(
  scope: CursorScope,
  query: IndexPageQuery,
  filters: readonly FilterCondition[],
  page: { limit: number; cursor?: string | undefined },
  options: { mostPass?: boolean } = {},
): Promise<{ items: Record<string, unknown>[]; nextCursor: string | null }> {
  const [, partition, prefix] = scope;
  const pk = `${query.keys}pk`;
  const sk = `${query.keys}sk`;
  const base = indexQuery(query, partition, prefix, filters);
  // Unfiltered, every item read is handed out: read what the page still needs and one more (which
  // tells whether there is a next page, so the last page never leaves an empty one behind).
  const narrow = 'FilterExpression' in base && !options.mostPass;
  const readLimit = (handedOut: number) => (narrow ? FILTERED_PAGE : page.limit - handedOut + 1);
  const keyOf = (item: Record<string, unknown>) => ({
    pk: item.pk,
    sk: item.sk,
    [pk]: item[pk],
    [sk]: item[sk],
  });
  const items: Record<string, unknown>[] = [];
  let startKey = await decodeCursor(page.cursor, scope);
  for (let read = 0; read < FILTERED_READS; read += 1) {
    const result = await db.send(
      new QueryCommand({ ...base, Limit: readLimit(items.length), ExclusiveStartKey: startKey }),
    );
    const found = result.Items ?? [];
    for (const [index, item] of found.entries()) {
      items.push(item);
      if (items.length < page.limit) continue;
      const more = index < found.length - 1 || result.LastEvaluatedKey !== undefined;
      return { items, nextCursor: more ? ((await encodeCursor(keyOf(item), scope)) ?? null) : null };
    }
    startKey = result.LastEvaluatedKey;
    if (!startKey) return { items, nextCursor: null };
  }
  return { items, nextCursor: (await encodeCursor(startKey, scope)) ?? null };
}
