import type { HardshipAlertStatus } from '@ankang/shared';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db } from './client';
import type { CursorScope } from './cursor';
import type { FilterCondition } from './filterConditions';
import { type AlertRecord, alertRecordSchema } from './hardshipAlertItems';
import { filteredIndexPage, type IndexPageQuery, indexPage, indexQuery } from './indexPage';
import { hardshipAlertKeys, indexes, orgSubtreePrefix } from './keys';

/** Filters of the alert queue, applied on the index query (FilterExpression). */
export interface AlertFilters {
  severity?: string | undefined;
  rule?: string | undefined;
  /** Only alerts due before this date (YYYY-MM-DD): overdue ones. */
  dueBefore?: string | undefined;
}

/** The most a count tells; above it the queue shows 999+. */
export const COUNT_CAP = 999;
/** Index items a count reads per status at most (COUNT queries read items even when they return none). */
const COUNT_READ_LIMIT = 2_000;

function queueFilters(filters: AlertFilters): FilterCondition[] {
  return [
    ['severity', '=', filters.severity],
    ['rule', '=', filters.rule],
    ['dueOn', '<', filters.dueBefore],
  ];
}

/** The COUNT query of one status's queue over an org subtree (`prefixOrg` and below), filtered. */
function queueQuery(status: HardshipAlertStatus, prefixOrg: string, filters: AlertFilters) {
  return indexQuery(
    { indexName: indexes.alertQueue, keys: 'gsi1' },
    hardshipAlertKeys.queuePartition(status, prefixOrg),
    orgSubtreePrefix(prefixOrg),
    queueFilters(filters),
  );
}

/**
 * One page of the alerts of `status` in the subtree of `prefixOrg` matching the filters, by org
 * path then due date (bounded as filteredIndexPage is). The cursor only opens this queue with
 * these filters.
 */
export async function listAlertQueue(
  status: HardshipAlertStatus,
  prefixOrg: string,
  filters: AlertFilters,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ records: AlertRecord[]; nextCursor: string | null }> {
  // The cursor names "overdue", not the day it was cut on: a page read after midnight goes on with
  // the new day's overdue ones (the same index order, a wider filter) instead of a BAD_CURSOR.
  const overdue = filters.dueBefore !== undefined;
  const listing = `hardshipAlerts@${JSON.stringify([filters.severity, filters.rule, overdue])}`;
  const scope: CursorScope = [
    listing,
    hardshipAlertKeys.queuePartition(status, prefixOrg),
    orgSubtreePrefix(prefixOrg),
  ];
  const { items, nextCursor } = await filteredIndexPage(
    scope,
    { indexName: indexes.alertQueue, keys: 'gsi1' },
    queueFilters(filters),
    page,
  );
  return { records: items.map((item) => alertRecordSchema.parse(item)), nextCursor };
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
  scope: CursorScope,
  query: IndexPageQuery,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ records: AlertRecord[]; nextCursor: string | null }> {
  const { items, nextCursor } = await indexPage(scope, query, page);
  return { records: items.map((item) => alertRecordSchema.parse(item)), nextCursor };
}

/** One page of the unresolved alerts assigned to `userId`, due soonest first. */
export function listAlertsAssignedTo(userId: string, page: { limit: number; cursor?: string | undefined }) {
  return alertIndexPage(
    ['myHardshipAlerts', hardshipAlertKeys.minePartition(userId), ''],
    { indexName: indexes.alertsByAssignee, keys: 'gsi2' },
    page,
  );
}

/**
 * One page of the unresolved alerts escalated to exactly `orgPath` whose household is in its
 * subtree, newest escalation first. An alert stored before escalations followed their household
 * (its file since moved to another branch) may still sit in the node's partition: the query's
 * filter leaves it out, and further index pages are read (bounded as filteredIndexPage is) so a
 * page is full whenever more follow. The filter is fixed by the partition, so the listing names none.
 */
export async function listAlertsEscalatedTo(
  orgPath: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<{ records: AlertRecord[]; nextCursor: string | null }> {
  const { items, nextCursor } = await filteredIndexPage(
    ['escalatedHardshipAlerts', hardshipAlertKeys.escalatedPartition(orgPath), ''],
    { indexName: indexes.alertsEscalatedTo, keys: 'gsi4', newestFirst: true },
    [['orgPath', 'within', orgPath]],
    page,
    { mostPass: true },
  );
  return { records: items.map((item) => alertRecordSchema.parse(item)), nextCursor };
}
