import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import type { CursorScope } from './cursor';
import type { FilterCondition } from './filterConditions';
import {
  type HardshipFileRecord,
  hardshipFileRecordSchema,
  hardshipFileToItem,
  type IdClaim,
  idClaimMove,
  idClaimPut,
  idClaimSchema,
} from './hardshipItems';
import { filteredIndexPage } from './indexPage';
import { hardshipKeys, indexes, orgSubtreePrefix } from './keys';
import { type TransactItem, transactWrite } from './transactions';

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
  return transactWrite(
    [put, idClaimPut(record), ...extra],
    [
      [0, 'exists'],
      [1, 'duplicate'],
    ],
  );
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
  return (await transactWrite(items, [[0, 'stale']])) === 'saved';
}

/** Filters of the staff file list, applied on the index query (FilterExpression). */
export interface FileFilters {
  category?: string | undefined;
  status?: string | undefined;
  caseworkerUserId?: string | undefined;
  /** Only files whose next visit was due before this date (YYYY-MM-DD). */
  dueBefore?: string | undefined;
}

function fileFilters(filters: FileFilters): FilterCondition[] {
  return [
    ['category', '=', filters.category],
    ['status', '=', filters.status],
    ['caseworkerUserId', '=', filters.caseworkerUserId],
    ['nextVisitDue', '<', filters.dueBefore],
  ];
}

/**
 * One page of the files of an org subtree matching the filters, by org path then filing time,
 * newest first (bounded as filteredIndexPage is). The cursor only opens this subtree with these
 * filters.
 */
export async function listHardshipFilesInOrg(
  orgPath: string,
  filters: FileFilters,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ records: HardshipFileRecord[]; nextCursor: string | null }> {
  // "Visit overdue", not the day the cursor was cut on: paging on after midnight is no BAD_CURSOR.
  const overdue = filters.dueBefore !== undefined;
  const listing = `hardshipFiles@${JSON.stringify([filters.category, filters.status, filters.caseworkerUserId, overdue])}`;
  const scope: CursorScope = [listing, hardshipKeys.byOrgPartition(orgPath), orgSubtreePrefix(orgPath)];
  const { items, nextCursor } = await filteredIndexPage(
    scope,
    { indexName: indexes.hardshipFilesByOrg, keys: 'gsi1', newestFirst: true },
    fileFilters(filters),
    page,
  );
  return { records: items.map((item) => hardshipFileRecordSchema.parse(item)), nextCursor };
}
