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
 * One page of an index query over the scope's partition and sort-key prefix (none: the whole
 * partition). The cursor it hands out only opens the same listing, partition and prefix.
 */
export async function indexPage(
  scope: CursorScope,
  query: IndexPageQuery,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ items: Record<string, unknown>[]; nextCursor: string | null }> {
  const [, partition, prefix] = scope;
  const pk = `${query.keys}pk`;
  const sk = `${query.keys}sk`;
  const result = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: query.indexName,
      KeyConditionExpression: prefix ? `${pk} = :pk AND begins_with(${sk}, :prefix)` : `${pk} = :pk`,
      ExpressionAttributeValues: { ':pk': partition, ...(prefix ? { ':prefix': prefix } : {}) },
      ...(query.newestFirst ? { ScanIndexForward: false } : {}),
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
 * a page that is not full, still with a cursor. A full page's cursor starts after the last item
 * handed out, not after what was read. The cursor only opens the same listing (name its filters in
 * the scope's listing), partition and prefix.
 */
export async function filteredIndexPage(
  scope: CursorScope,
  query: IndexPageQuery,
  filters: readonly FilterCondition[],
  page: { limit: number; cursor?: string | undefined },
): Promise<{ items: Record<string, unknown>[]; nextCursor: string | null }> {
  const [, partition, prefix] = scope;
  const pk = `${query.keys}pk`;
  const sk = `${query.keys}sk`;
  const filter = filterConditions(filters);
  const base = {
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
    Limit: FILTERED_PAGE,
  };
  const keyOf = (item: Record<string, unknown>) => ({
    pk: item.pk,
    sk: item.sk,
    [pk]: item[pk],
    [sk]: item[sk],
  });
  const items: Record<string, unknown>[] = [];
  let startKey = await decodeCursor(page.cursor, scope);
  for (let read = 0; read < FILTERED_READS; read += 1) {
    const result = await db.send(new QueryCommand({ ...base, ExclusiveStartKey: startKey }));
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
