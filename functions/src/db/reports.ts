import {
  photoIdSchema,
  reportIdSchema,
  reportKindSchema,
  requestIdSchema,
  stationIdSchema,
} from '@ankang/shared';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { db, tableName } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { indexes, keys, reportKeys } from './keys';
import {
  claimOpenSlot,
  putNewProblem,
  releaseOpenSlot,
  replaceProblem,
  type StoredProblem,
} from './problems';
import { cancellationOf, type TransactItem } from './transactions';

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
  /** A concurrent transaction touched one of the items: nothing was written, try again. */
  | 'conflict';

/** How a report lands on its problem: opening a new one, or joining the open one read at a version. */
export type ProblemLanding =
  | { opens: true; problem: StoredProblem; staleSlot: string | null }
  | { opens: false; problem: StoredProblem; expectedVersion: number };

/**
 * Files a report with its problem in one transaction: the report; the problem opened (its slot
 * claimed and the station's open-problem count raised, only if the station is still open and in
 * the problem's org) or joined (its count and latest reports, only at the version read, the
 * station checked the same way); the reporter's lock on the problem; the daily quota. A refused or
 * retried submission writes and counts nothing.
 */
export async function fileReport(
  report: StoredReport,
  landing: ProblemLanding,
  lock: TransactItem,
  quota: TransactItem,
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
  ];
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items }));
    return 'inserted';
  } catch (error) {
    const cancelled = cancellationOf(error);
    if (!cancelled) throw error;
    const { failed } = cancelled;
    // A retry first: its report exists, and its problem, lock and quota may fail because of itself.
    if (failed.has(0)) return 'exists';
    if (failed.has(stationAt)) return 'stationChanged';
    if ([...failed].some((index) => index >= 1 && index < stationAt)) return 'problemChanged';
    if (failed.has(stationAt + 1)) return 'lockHeld';
    if (failed.has(stationAt + 2)) return 'overQuota';
    return 'conflict';
  }
}

/**
 * Staff move a problem to `next` (acknowledged or resolved) if it is still at `expectedVersion`.
 * Resolving frees its slot and lowers the station's open-problem count in the same transaction;
 * the count never goes below zero (a count drifted to zero stays at zero and the problem still
 * resolves) and a slot naming another problem is left alone. False on a stale version.
 */
export async function transitionProblem(
  current: StoredProblem,
  next: StoredProblem,
  expectedVersion: number,
): Promise<boolean> {
  const resolving = next.state === 'resolved' && current.state !== 'resolved';
  // Items that keep the books beside the problem; each is dropped if its condition fails.
  let optional: TransactItem[] = [];
  if (resolving) {
    optional.push(releaseOpenSlot(current), {
      Update: {
        TableName: tableName,
        Key: keys.station(next.stationId),
        UpdateExpression: 'ADD openReports :minus',
        ConditionExpression: 'attribute_exists(pk) AND openReports > :zero',
        ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
      },
    });
  }
  const update = replaceProblem(next, expectedVersion);
  // Each round either drops a failed item or rides out a concurrent transaction.
  const rounds = optional.length + 2;
  for (let round = 1; ; round += 1) {
    try {
      await db.send(new TransactWriteCommand({ TransactItems: [update, ...optional] }));
      return true;
    } catch (error) {
      const cancelled = cancellationOf(error);
      if (!cancelled || round >= rounds) throw error;
      if (cancelled.failed.has(0)) return false;
      optional = optional.filter((_, index) => !cancelled.failed.has(index + 1));
    }
  }
}

/** A page of one reporter's reports, newest first. */
export async function listReportsOfReporter(
  reporter: string,
  page: { limit: number; cursor?: string },
): Promise<{ reports: StoredReport[]; nextCursor?: string }> {
  const partition = reportKeys.byReporterPartition(reporter);
  const cursorScope = ['reportsOfReporter', partition, ''] as const;
  const result = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: indexes.reportsByReporter,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': partition },
      ScanIndexForward: false,
      Limit: page.limit,
      ExclusiveStartKey: await decodeCursor(page.cursor, cursorScope),
    }),
  );
  return {
    reports: (result.Items ?? []).map((item) => storedReportSchema.parse(item)),
    ...(result.LastEvaluatedKey
      ? { nextCursor: await encodeCursor(result.LastEvaluatedKey, cursorScope) }
      : {}),
  };
}
