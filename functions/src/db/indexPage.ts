import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { type CursorScope, decodeCursor, encodeCursor } from './cursor';

/** Which generic index a listing reads, and in which direction. */
export interface IndexPageQuery {
  indexName: string;
  /** The key attributes of that index (the table has gsi1 and gsi2). */
  keys: 'gsi1' | 'gsi2';
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
