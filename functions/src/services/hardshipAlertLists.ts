import {
  type AlertCounts,
  type HardshipAlertSeverity,
  type HardshipAlertStatus,
  type HardshipAlertSummary,
  type HardshipRule,
  isWithinOrg,
} from '@ankang/shared';
import {
  type AlertFilters,
  countAlertQueue,
  listAlertQueue,
  listAlertsAssignedTo,
  listAlertsEscalatedTo,
} from '../db/hardshipAlertLists';
import { AppError } from '../lib/errors';
import type { Caller } from './caller';
import { alertSummaryView } from './hardshipAlertViews';
import { todayInShanghai } from './povertyLines';
import { isInScope, listingRoot } from './scope';

const PAGE_SIZE = 20;
/** The states a queue counts: resolved alerts only accumulate, so they are never counted. */
const COUNTED = ['open', 'acknowledged', 'inProgress'] as const satisfies readonly HardshipAlertStatus[];

type AlertPage = { alerts: HardshipAlertSummary[]; nextCursor: string | null };

interface QueueQuery {
  orgPath?: string | undefined;
  status: HardshipAlertStatus;
  severity?: HardshipAlertSeverity | undefined;
  rule?: HardshipRule | undefined;
  childOrg?: string | undefined;
  overdue: boolean;
  cursor?: string | undefined;
}

const EMPTY_COUNTS: AlertCounts = { open: 0, acknowledged: 0, inProgress: 0, capped: false };

/**
 * The org whose subtree the queue shows: a child org must lie strictly inside the listing's root
 * (outside the caller's scope: 403; in scope but not below the root: 400).
 */
function queueOrg(caller: Caller, root: string, childOrg: string | undefined): string {
  if (childOrg === undefined) return root;
  if (!isInScope(caller, childOrg)) throw new AppError('OUT_OF_SCOPE');
  if (childOrg === root || !isWithinOrg(childOrg, root)) {
    throw new AppError('VALIDATION_FAILED', {
      details: { issues: [{ path: 'query.childOrg', message: '下级组织须在所选组织之内' }] },
    });
  }
  return childOrg;
}

/** Counts per unresolved state under the same org and filters. */
async function countsOf(org: string, filters: AlertFilters): Promise<AlertCounts> {
  const counted = await Promise.all(COUNTED.map((status) => countAlertQueue(status, org, filters)));
  const counts = { ...EMPTY_COUNTS };
  COUNTED.forEach((status, index) => {
    counts[status] = counted[index]!.count;
    counts.capped ||= counted[index]!.capped;
  });
  return counts;
}

/**
 * The alert queue of the caller's subtree (or an asked node inside it, or one child org): one
 * status, by org path then due date, filtered by severity, rule and overdue. The first page (no
 * cursor) also counts every unresolved state under the same filters; later pages do not count
 * again (up to three bounded COUNT queries each), the client keeps the first page's.
 */
export async function listHardshipAlerts(
  caller: Caller,
  query: QueueQuery,
): Promise<AlertPage & { counts?: AlertCounts }> {
  const root = listingRoot(caller, query.orgPath);
  if (root === null) {
    return { alerts: [], nextCursor: null, ...(query.cursor === undefined ? { counts: EMPTY_COUNTS } : {}) };
  }
  const org = queueOrg(caller, root, query.childOrg);
  const today = todayInShanghai();
  const filters: AlertFilters = {
    severity: query.severity,
    rule: query.rule,
    dueBefore: query.overdue ? today : undefined,
  };
  const noneOverdue = query.status === 'resolved' && query.overdue;
  const [page, counts] = await Promise.all([
    noneOverdue
      ? { records: [], nextCursor: null }
      : listAlertQueue(query.status, org, filters, { limit: PAGE_SIZE, cursor: query.cursor }),
    query.cursor === undefined ? countsOf(org, filters) : undefined,
  ]);
  return {
    alerts: page.records.map((record) => alertSummaryView(record, today)),
    nextCursor: page.nextCursor,
    ...(counts ? { counts } : {}),
  };
}

/**
 * The caller's own unresolved alerts, due soonest first. One whose household has left the caller's
 * scope since (a moved file, a moved staff member) is not shown; its new node re-assigns it.
 */
export async function listMyHardshipAlerts(
  caller: Caller,
  query: { cursor?: string | undefined },
): Promise<AlertPage> {
  const today = todayInShanghai();
  const { records, nextCursor } = await listAlertsAssignedTo(caller.userId, {
    limit: PAGE_SIZE,
    cursor: query.cursor,
  });
  return {
    alerts: records
      .filter((record) => isInScope(caller, record.orgPath))
      .map((record) => alertSummaryView(record, today)),
    nextCursor,
  };
}

/**
 * Unresolved alerts escalated to exactly the caller's node (or an asked node in scope), newest
 * first. Only those whose household is below that node: one whose file has moved to another branch
 * is no business of this one (its holder follows the file; older items are filtered in the query,
 * so pages stay full). Below the node is in the caller's scope: the node itself is.
 */
export async function listEscalatedHardshipAlerts(
  caller: Caller,
  query: { orgPath?: string | undefined; cursor?: string | undefined },
): Promise<AlertPage> {
  const root = listingRoot(caller, query.orgPath);
  if (root === null) return { alerts: [], nextCursor: null };
  const today = todayInShanghai();
  const { records, nextCursor } = await listAlertsEscalatedTo(root, {
    limit: PAGE_SIZE,
    cursor: query.cursor,
  });
  return {
    alerts: records.map((record) => alertSummaryView(record, today)),
    nextCursor,
  };
}
