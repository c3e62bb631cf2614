import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { type CursorScope, decodeCursor, encodeCursor } from './cursor';
import { filterConditions } from './filterConditions';
import {
  type HardshipFileRecord,
  hardshipFileRecordSchema,
  hardshipFileToItem,
  type IdClaim,
  idClaimMove,
  idClaimPut,
  idClaimSchema,
} from './hardshipItems';
import { hardshipKeys, indexes, orgSubtreePrefix } from './keys';
import { cancellationOf, type TransactItem } from './transactions';

/** A file as stored, or null. Read consistently: a retry must find what its first try wrote. */
export async function getHardshipFileRecord(id: string): Promise<HardshipFileRecord | null> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: hardshipKeys.file(id), ConsistentRead: true }),
  );
  return Item ? hardshipFileRecordSchema.parse(Item) : null;
}

/** Which file holds an ID number (by keyed hash) in the province tree of `orgPath`, or null. */
export async function getIdClaim(orgPath: string, idHash: string): Promise<IdClaim | null> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: hardshipKeys.idClaim(orgPath, idHash),
      ConsistentRead: true,
    }),
  );
  return Item ? idClaimSchema.parse(Item) : null;
}

/** What became of a new file's write. */
export type FileInsertOutcome =
  | 'saved'
  /** The file id is taken (a retry, a racing retry or a reused id): nothing written. */
  | 'exists'
  /** The ID number is filed already in this province's tree: nothing written. */
  | 'duplicate';

/**
 * Stores a new file, the claim on its ID number and `extra` (its audit event) in one transaction:
 * a file never exists without its claim and its 建档 event. Failed conditions are answered as
 * outcomes; a TransactionConflict is thrown for retryOnConflict.
 */
export async function insertHardshipFile(
  record: HardshipFileRecord,
  extra: readonly TransactItem[],
): Promise<FileInsertOutcome> {
  const put: TransactItem = {
    Put: {
      TableName: tableName,
      Item: hardshipFileToItem(record),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
  try {
    await db.send(new TransactWriteCommand({ TransactItems: [put, idClaimPut(record), ...extra] }));
    return 'saved';
  } catch (error) {
    const cancelled = cancellationOf(error);
    if (cancelled?.failed.has(0)) return 'exists';
    if (cancelled?.failed.has(1)) return 'duplicate';
    throw error;
  }
}

/**
 * Replaces a file with `record` if it is still at `expectedVersion` (a visit or another edit since
 * it was read moves the version), with `extra` (its audit event) in the same transaction. When the
 * file moves to another node, its ID claim moves with it. Returns false when the file is stale.
 */
export async function replaceHardshipFile(
  record: HardshipFileRecord,
  expectedVersion: number,
  movedFrom: string | null,
  extra: readonly TransactItem[],
): Promise<boolean> {
  const put: TransactItem = {
    Put: {
      TableName: tableName,
      Item: hardshipFileToItem(record),
      ConditionExpression: 'attribute_exists(pk) AND version = :expected',
      ExpressionAttributeValues: { ':expected': expectedVersion },
    },
  };
  const items = [
    put,
    ...(movedFrom !== null && movedFrom !== record.orgPath ? [idClaimMove(record)] : []),
    ...extra,
  ];
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items }));
    return true;
  } catch (error) {
    if (cancellationOf(error)?.failed.has(0)) return false;
    throw error;
  }
}

/** Filters of the staff file list, applied on the index query (FilterExpression). */
export interface FileFilters {
  category?: string | undefined;
  status?: string | undefined;
  caseworkerUserId?: string | undefined;
  /** Only files whose next visit was due before this date (YYYY-MM-DD). */
  dueBefore?: string | undefined;
}

function filterExpression(filters: FileFilters) {
  const { expression, names, values } = filterConditions([
    ['category', '=', filters.category],
    ['status', '=', filters.status],
    ['caseworkerUserId', '=', filters.caseworkerUserId],
    ['nextVisitDue', '<', filters.dueBefore],
  ]);
  return expression === undefined
    ? {}
    : { FilterExpression: expression, ExpressionAttributeNames: names, ExpressionAttributeValues: values };
}

/** Index pages read per request at most, and their size: a filtered list reads at most 500 items. */
const INDEX_READS = 5;
const INDEX_PAGE = 100;

/** The key a query may start after, taken from an item it returned. */
function keyOf(item: Record<string, unknown>): Record<string, unknown> {
  return { pk: item.pk, sk: item.sk, gsi1pk: item.gsi1pk, gsi1sk: item.gsi1sk };
}

/**
 * One page of the files of an org subtree matching the filters, by org path then filing time,
 * newest first. Bounded: at most INDEX_READS index pages of INDEX_PAGE items; a page that is not
 * full by then still hands out a cursor. The cursor only opens this subtree with these filters.
 */
export async function listHardshipFilesInOrg(
  orgPath: string,
  filters: FileFilters,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ records: HardshipFileRecord[]; nextCursor: string | null }> {
  const listing = `hardshipFiles@${JSON.stringify([filters.category, filters.status, filters.caseworkerUserId, filters.dueBefore])}`;
  const scope: CursorScope = [listing, hardshipKeys.byOrgPartition(orgPath), orgSubtreePrefix(orgPath)];
  const filter = filterExpression(filters);
  const records: HardshipFileRecord[] = [];
  let startKey = await decodeCursor(page.cursor, scope);
  for (let read = 0; read < INDEX_READS; read += 1) {
    const result = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: indexes.hardshipFilesByOrg,
        KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
        ...filter,
        ExpressionAttributeValues: {
          ':pk': scope[1],
          ':prefix': scope[2],
          ...filter.ExpressionAttributeValues,
        },
        ScanIndexForward: false,
        Limit: INDEX_PAGE,
        ExclusiveStartKey: startKey,
      }),
    );
    const items = result.Items ?? [];
    for (const [index, item] of items.entries()) {
      records.push(hardshipFileRecordSchema.parse(item));
      if (records.length < page.limit) continue;
      // Full: the next page starts after the last file handed out, not after what was read.
      const more = index < items.length - 1 || result.LastEvaluatedKey !== undefined;
      return { records, nextCursor: more ? ((await encodeCursor(keyOf(item), scope)) ?? null) : null };
    }
    startKey = result.LastEvaluatedKey;
    if (!startKey) return { records, nextCursor: null };
  }
  return { records, nextCursor: (await encodeCursor(startKey, scope)) ?? null };
}
