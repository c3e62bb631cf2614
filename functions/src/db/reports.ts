import {
  photoIdSchema,
  reportIdSchema,
  reportKindSchema,
  requestIdSchema,
  stationIdSchema,
} from '@ankang/shared';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { db, tableName } from './client';
import { retryOnConflict } from './conflictRetry';
import { indexPage } from './indexPage';
import { indexes, keys, reportKeys } from './keys';
import {
  claimOpenSlot,
  putNewProblem,
  releaseOpenSlot,
  replaceProblem,
  type StoredProblem,
} from './problems';
import { type TransactItem, transactWrite } from './transactions';

/**
 * A report as stored. It names no user: `reporter` is a keyed pseudonym of its sender, only for
 * listing their own reports (我的反馈). Its state is its problem's.
 */
export const storedReportSchema = z.object({
  id: reportIdSchema,
  problemId: z.string(),
  stationId: stationIdSchema,
  stationName: z.string(),
  kind: reportKindSchema,
  text: z.string(),
  photoIds: z.array(photoIdSchema).default([]),
  /** The owner id the photos were uploaded under (the client's requestId). */
  photoOwnerId: requestIdSchema.optional(),
  reporter: z.string(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type StoredReport = z.infer<typeof storedReportSchema>;

function reportItem(report: StoredReport) {
  return {
    ...keys.report(report.id),
    ...reportKeys.byReporter(report.reporter, report.createdAt, report.id),
    type: 'StationReport',
    ...report,
  };
}

export async function getReport(id: string): Promise<StoredReport | null> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: keys.report(id), ConsistentRead: true }),
  );
  return Item ? storedReportSchema.parse(Item) : null;
}

/** What became of a new report: stored, or which condition refused it. */
export type FileReportOutcome =
  /** Stored with its problem, lock taken, quota counted. */
  | 'inserted'
  /** A report with this id exists (a retried submission): nothing was written. */
  | 'exists'
  /** The station is gone, closed, or moved to another org since it was read. */
  | 'stationChanged'
  /** The problem changed, or another report opened one first, since they were read: read again. */
  | 'problemChanged'
  /** The person already reported this problem. */
  | 'lockHeld'
  /** The person's daily quota is used up. */
  | 'overQuota'
  /** A photo it attaches expired or went since it was checked (see photoClaims). */
  | 'photoGone';

/** How a report lands on its problem: opening a new one, or joining the open one read at a version. */
export type ProblemLanding =
  | { opens: true; problem: StoredProblem; staleSlot: string | null }
  | { opens: false; problem: StoredProblem; expectedVersion: number };

/**
 * Files a report with its problem in one transaction: the report; the problem opened (its slot
 * claimed and the station's open-problem count raised, only if the station is still open and in
 * the problem's org) or joined (its count and latest reports, only at the version read, the
 * station checked the same way); the reporter's lock on the problem; the daily quota. A refused or
 * retried submission writes and counts nothing. A transaction that only ran into another one at the
 * same moment is run again as it is (retryOnConflict): the reads it was built on still hold.
 */
export async function fileReport(
  report: StoredReport,
  landing: ProblemLanding,
  lock: TransactItem,
  quota: TransactItem,
  /** Its photos losing their expiry (photoClaims), last. */
  claims: readonly TransactItem[] = [],
): Promise<FileReportOutcome> {
  const stationGuard = {
    TableName: tableName,
    Key: keys.station(report.stationId),
    ConditionExpression: 'attribute_exists(pk) AND #status.#state <> :closed AND orgPath = :org',
    ExpressionAttributeNames: { '#status': 'status', '#state': 'state' },
  };
  const stationValues = { ':closed': 'closed', ':org': landing.problem.orgPath };
  const problemItems: TransactItem[] = landing.opens
    ? [
        putNewProblem(landing.problem),
        claimOpenSlot(landing.problem, landing.staleSlot),
        {
          Update: {
            ...stationGuard,
            UpdateExpression: 'ADD openReports :one',
            ExpressionAttributeValues: { ...stationValues, ':one': 1 },
          },
        },
      ]
    : [
        replaceProblem(landing.problem, landing.expectedVersion),
        { ConditionCheck: { ...stationGuard, ExpressionAttributeValues: stationValues } },
      ];
  const stationAt = problemItems.length;
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName,
        Item: reportItem(report),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    ...problemItems,
    lock,
    quota,
    ...claims,
  ];
  // A retry first: its report exists, and its problem, lock and quota may fail because of itself.
  const outcomeAt: [number, Exclude<FileReportOutcome, 'inserted'>][] = [
    [0, 'exists'],
    [stationAt, 'stationChanged'],
  ];
  for (let index = 1; index < stationAt; index += 1) outcomeAt.push([index, 'problemChanged']);
  outcomeAt.push([stationAt + 1, 'lockHeld'], [stationAt + 2, 'overQuota']);
  for (const [index] of claims.entries()) outcomeAt.push([stationAt + 3 + index, 'photoGone']);
  const outcome = await retryOnConflict(() => transactWrite(items, outcomeAt));
  return outcome === 'saved' ? 'inserted' : outcome;
}

/**
 * Staff move a problem to `next` (acknowledged or resolved) if it is still at `expectedVersion`.
 * Resolving frees its slot and lowers the station's open-problem count in the same transaction;
 * the count never goes below zero (a count drifted to zero stays at zero and the problem still
 * resolves) and a slot naming another problem is left alone. False on a stale version. A
 * transaction that only ran into another one at the same moment is run again (retryOnConflict).
 */
export async function transitionProblem(
  current: StoredProblem,
  next: StoredProblem,
  expectedVersion: number,
): Promise<boolean> {
  const resolving = next.state === 'resolved' && current.state !== 'resolved';
  // Items that keep the books beside the problem; each is dropped if its condition fails.
  let books: { item: TransactItem; failed: 'slotTaken' | 'countAtZero' }[] = resolving
    ? [
        { item: releaseOpenSlot(current), failed: 'slotTaken' },
        {
          item: {
            Update: {
              TableName: tableName,
              Key: keys.station(next.stationId),
              UpdateExpression: 'ADD openReports :minus',
              ConditionExpression: 'attribute_exists(pk) AND openReports > :zero',
              ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
            },
          },
          failed: 'countAtZero',
        },
      ]
    : [];
  const update = replaceProblem(next, expectedVersion);
  // Each round that does not save drops one failed book, so there are at most books.length + 1.
  for (;;) {
    const items = [update, ...books.map((book) => book.item)];
    const outcome = await retryOnConflict(() =>
      transactWrite(items, [[0, 'stale'], ...books.map((book, index) => [index + 1, book.failed] as const)]),
    );
    if (outcome === 'saved') return true;
    if (outcome === 'stale') return false;
    books = books.filter((book) => book.failed !== outcome);
  }
}

/** A page of one reporter's reports, newest first. */
export async function listReportsOfReporter(
  reporter: string,
  page: { limit: number; cursor?: string },
): Promise<{ reports: StoredReport[]; nextCursor?: string }> {
  const { items, nextCursor } = await indexPage(
    ['reportsOfReporter', reportKeys.byReporterPartition(reporter), ''],
    { indexName: indexes.reportsByReporter, keys: 'gsi1', newestFirst: true },
    page,
  );
  return {
    reports: items.map((item) => storedReportSchema.parse(item)),
    ...(nextCursor ? { nextCursor } : {}),
  };
}
