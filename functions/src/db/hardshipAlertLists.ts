import type { HardshipAlertStatus } from '@ankang/shared';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { type CursorScope, decodeCursor, encodeCursor } from './cursor';
import { filterConditions } from './filterConditions';
import { type AlertRecord, alertRecordSchema } from './hardshipAlertItems';
import { hardshipAlertKeys, indexes, orgSubtreePrefix } from './keys';

/** Filters of the alert queue, applied on the index query (FilterExpression). */
export interface AlertFilters {
  severity?: string | undefined;
  rule?: string | undefined;
  /** Only alerts due before this date (YYYY-MM-DD): overdue ones. */
  dueBefore?: string | undefined;
}

/** Index pages read per request at most, and their size: a filtered page reads at most 500 items. */
const INDEX_READS = 5;
const INDEX_PAGE = 100;
/** The most a count tells; above it the queue shows 999+. */
export const COUNT_CAP = 999;
/** Index items a count reads per status at most (COUNT queries read items even when they return none). */
const COUNT_READ_LIMIT = 2_000;

function filterExpression(filters: AlertFilters) {
  return filterConditions([
    ['severity', '=', filters.severity],
    ['rule', '=', filters.rule],
    ['dueOn', '<', filters.dueBefore],
  ]);
}

/** The query of one status's queue over an org subtree (`prefixOrg` and below), filtered. */
function queueQuery(status: HardshipAlertStatus, prefixOrg: string, filters: AlertFilters) {
  const filter = filterExpression(filters);
  return {
    TableName: tableName,
    IndexName: indexes.alertQueue,
    KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
    ...(filter.expression
      ? { FilterExpression: filter.expression, ExpressionAttributeNames: filter.names }
      : {}),
    ExpressionAttributeValues: {
      ':pk': hardshipAlertKeys.queuePartition(status, prefixOrg),
      ':prefix': orgSubtreePrefix(prefixOrg),
      ...filter.values,
    },
  };
}

/** The key a query may start after, taken from an item it returned. */
function keyOf(item: Record<string, unknown>): Record<string, unknown> {
  return { pk: item.pk, sk: item.sk, gsi1pk: item.gsi1pk, gsi1sk: item.gsi1sk };
}

/**
 * One page of the alerts of `status` in the subtree of `prefixOrg` matching the filters, by org
 * path then due date. Bounded: at most INDEX_READS index pages of INDEX_PAGE items; a page that is
 * not full by then still hands out a cursor. The cursor only opens this queue with these filters.
 */
export async function listAlertQueue(
  status: HardshipAlertStatus,
  prefixOrg: string,
  filters: AlertFilters,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ records: AlertRecord[]; nextCursor: string | null }> {
  const listing = `hardshipAlerts@${JSON.stringify([filters.severity, filters.rule, filters.dueBefore])}`;
  const query = queueQuery(status, prefixOrg, filters);
  const scope: CursorScope = [
    listing,
    query.ExpressionAttributeValues[':pk'],
    query.ExpressionAttributeValues[':prefix'],
  ];
  const records: AlertRecord[] = [];
  let startKey = await decodeCursor(page.cursor, scope);
  for (let read = 0; read < INDEX_READS; read += 1) {
    const result = await db.send(
      new QueryCommand({ ...query, Limit: INDEX_PAGE, ExclusiveStartKey: startKey }),
    );
    const items = result.Items ?? [];
    for (const [index, item] of items.entries()) {
      records.push(alertRecordSchema.parse(item));
      if (records.length < page.limit) continue;
      // Full: the next page starts after the last alert handed out, not after what was read.
      const more = index < items.length - 1 || result.LastEvaluatedKey !== undefined;
      return {
        records,
        nextCursor: more ? ((await encodeCursor(keyOf(item), scope)) ?? null) : null,
      };
    }
    startKey = result.LastEvaluatedKey;
    if (!startKey) return { records, nextCursor: null };
  }
  return { records, nextCursor: (await encodeCursor(startKey, scope)) ?? null };
}

/**
 * How many alerts of `status` in the subtree match the filters, counted on the index (Select
 * COUNT). Bounded: above COUNT_CAP it answers COUNT_CAP, capped; after COUNT_READ_LIMIT items read
 * (only a narrow filter gets there) it answers what it counted, capped: a lower bound either way.
 */
export async function countAlertQueue(
  status: HardshipAlertStatus,
  prefixOrg: string,
  filters: AlertFilters,
): Promise<{ count: number; capped: boolean }> {
  const query = queueQuery(status, prefixOrg, filters);
  let count = 0;
  let scanned = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const result = await db.send(
      new QueryCommand({
        ...query,
        Select: 'COUNT',
        Limit: Math.min(COUNT_CAP + 1, COUNT_READ_LIMIT - scanned),
        ExclusiveStartKey: startKey,
      }),
    );
    count += result.Count ?? 0;
    scanned += result.ScannedCount ?? 0;
    startKey = result.LastEvaluatedKey;
    if (count > COUNT_CAP) return { count: COUNT_CAP, capped: true };
  } while (startKey && scanned < COUNT_READ_LIMIT);
  return { count, capped: startKey !== undefined };
}

/** One page of an alert index partition (mine: gsi2, escalated: gsi4), with a scoped cursor. */
async function alertIndexPage(
  listing: string,
  index: 'gsi2' | 'gsi4',
  indexName: string,
  partition: string,
  newestFirst: boolean,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ records: AlertRecord[]; nextCursor: string | null }> {
  const scope: CursorScope = [listing, partition, ''];
  const result = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: indexName,
      KeyConditionExpression: `${index}pk = :pk`,
      ExpressionAttributeValues: { ':pk': partition },
      ScanIndexForward: !newestFirst,
      Limit: page.limit,
      ExclusiveStartKey: await decodeCursor(page.cursor, scope),
    }),
  );
  return {
    records: (result.Items ?? []).map((item) => alertRecordSchema.parse(item)),
    nextCursor: (await encodeCursor(result.LastEvaluatedKey, scope)) ?? null,
  };
}

/** One page of the unresolved alerts assigned to `userId`, due soonest first. */
export function listAlertsAssignedTo(userId: string, page: { limit: number; cursor?: string | undefined }) {
  return alertIndexPage(
    'myHardshipAlerts',
    'gsi2',
    indexes.alertsByAssignee,
    hardshipAlertKeys.minePartition(userId),
    false,
    page,
  );
}

/** One page of the unresolved alerts escalated to exactly `orgPath`, newest escalation first. */
export function listAlertsEscalatedTo(orgPath: string, page: { limit: number; cursor?: string | undefined }) {
  return alertIndexPage(
    'escalatedHardshipAlerts',
    'gsi4',
    indexes.alertsEscalatedTo,
    hardshipAlertKeys.escalatedPartition(orgPath),
    true,
    page,
  );
}
