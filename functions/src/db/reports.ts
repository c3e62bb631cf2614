import { type ReportState, type StationReport, stationReportSchema } from '@ankang/shared';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { db, tableName } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { indexes, keys, orgSubtreePrefix, stationIndexKeys } from './keys';
import { releaseLock, takeLock } from './limits';
import { cancellationOf, type TransactItem } from './transactions';

/** The lock kind that allows one open report per person, station and kind of problem. */
export const OPEN_REPORT_LOCK = 'openReport';

/**
 * A report as stored. It names no user: only `lockId`, the keyed pseudonym of its open-report lock,
 * kept while the report is open so resolving it can release the lock.
 */
export const storedReportSchema = stationReportSchema.extend({ lockId: z.string().optional() });
export type StoredReport = z.infer<typeof storedReportSchema>;

function isOpen(state: ReportState): boolean {
  return state !== 'resolved';
}

function reportItem(report: StoredReport) {
  return {
    ...keys.report(report.id),
    ...stationIndexKeys.reportByState(report.state, report.orgPath, report.createdAt, report.id),
    ...(isOpen(report.state)
      ? stationIndexKeys.openReportByStation(report.stationId, report.createdAt, report.id)
      : {}),
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
export type InsertReportOutcome =
  /** Stored, counted on the station, lock taken, quota counted. */
  | 'inserted'
  /** A report with this id exists (a retried submission): nothing was written. */
  | 'exists'
  /** The station is gone, closed, or moved to another org since it was read. */
  | 'stationChanged'
  /** The person already has an open report of this kind on this station. */
  | 'lockHeld'
  /** The person's daily quota is used up. */
  | 'overQuota'
  /** A concurrent transaction touched one of the items: nothing was written, try again. */
  | 'conflict';

/**
 * Files a new report, counts it on the station (only if the station is still open and in the org
 * copied onto the report), takes the reporter's open-report lock and counts the daily quota: all in
 * one transaction, so a refused or retried submission writes nothing and counts nothing.
 */
export async function insertReport(
  report: StoredReport & { lockId: string },
  quota: TransactItem,
): Promise<InsertReportOutcome> {
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName,
        Item: reportItem(report),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Update: {
        TableName: tableName,
        Key: keys.station(report.stationId),
        UpdateExpression: 'ADD openReports :one',
        ConditionExpression: 'attribute_exists(pk) AND #status.#state <> :closed AND orgPath = :org',
        ExpressionAttributeNames: { '#status': 'status', '#state': 'state' },
        ExpressionAttributeValues: { ':one': 1, ':closed': 'closed', ':org': report.orgPath },
      },
    },
    takeLock(OPEN_REPORT_LOCK, report.lockId, report.id, report.createdAt),
    quota,
  ];
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items }));
    return 'inserted';
  } catch (error) {
    const cancelled = cancellationOf(error);
    if (!cancelled) throw error;
    const { failed } = cancelled;
    // A retry first: its report exists, and its lock and quota may fail only because of itself.
    if (failed.has(0)) return 'exists';
    if (failed.has(1)) return 'stationChanged';
    if (failed.has(2)) return 'lockHeld';
    if (failed.has(3)) return 'overQuota';
    return 'conflict';
  }
}

/**
 * Moves a report to its next state (and to `next.orgPath`, its station's org) if it is still at
 * `expectedVersion`. Resolving takes it off its station's open list and count and releases its
 * lock, in the same transaction. The count never goes below zero: a count that has drifted to zero
 * is left at zero (the report still resolves), and a lock another report holds is left alone.
 * Returns false on a stale version.
 */
export async function transitionReport(
  current: StoredReport,
  next: StationReport,
  expectedVersion: number,
): Promise<boolean> {
  const resolving = !isOpen(next.state) && isOpen(current.state);
  const { gsi1pk, gsi1sk } = stationIndexKeys.reportByState(
    next.state,
    next.orgPath,
    next.createdAt,
    next.id,
  );
  const update: TransactItem = {
    Update: {
      TableName: tableName,
      Key: keys.report(next.id),
      UpdateExpression: `SET #state = :state, note = :note, orgPath = :org, updatedAt = :now, version = :next, gsi1pk = :gpk, gsi1sk = :gsk${
        resolving ? ' REMOVE gsi2pk, gsi2sk, lockId' : ''
      }`,
      ConditionExpression: 'version = :expected',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: {
        ':state': next.state,
        ':note': next.note,
        ':org': next.orgPath,
        ':now': next.updatedAt,
        ':next': next.version,
        ':gpk': gsi1pk,
        ':gsk': gsi1sk,
        ':expected': expectedVersion,
      },
    },
  };
  // Items that keep the books beside the report; each is dropped if its condition fails.
  let optional: TransactItem[] = [];
  if (resolving) {
    if (current.lockId) optional.push(releaseLock(OPEN_REPORT_LOCK, current.lockId, current.id));
    optional.push({
      Update: {
        TableName: tableName,
        Key: keys.station(next.stationId),
        UpdateExpression: 'ADD openReports :minus',
        ConditionExpression: 'attribute_exists(pk) AND openReports > :zero',
        ExpressionAttributeValues: { ':minus': -1, ':zero': 0 },
      },
    });
  }
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

/** A station's open (new or acknowledged) reports, oldest first, at most `limit`. */
export async function listOpenReportsOfStation(stationId: string, limit: number): Promise<StoredReport[]> {
  const reports: StoredReport[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: indexes.openReportsByStation,
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': stationIndexKeys.openReportPartition(stationId) },
        Limit: limit - reports.length,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) reports.push(storedReportSchema.parse(item));
    startKey = page.LastEvaluatedKey;
  } while (startKey && reports.length < limit);
  return reports;
}

/**
 * The transaction items that move open reports to `orgPath` with their station: the org path, the
 * queue keys, one version on. Each applies only if its report is unchanged since it was read, so a
 * report worked meanwhile cancels the move instead of landing in the wrong queue.
 */
export function reportMoveItems(reports: StoredReport[], orgPath: string, at: string): TransactItem[] {
  return reports.map((report) => {
    const { gsi1pk, gsi1sk } = stationIndexKeys.reportByState(
      report.state,
      orgPath,
      report.createdAt,
      report.id,
    );
    return {
      Update: {
        TableName: tableName,
        Key: keys.report(report.id),
        UpdateExpression:
          'SET orgPath = :org, gsi1pk = :gpk, gsi1sk = :gsk, updatedAt = :now, version = :next',
        ConditionExpression: 'version = :expected',
        ExpressionAttributeValues: {
          ':org': orgPath,
          ':gpk': gsi1pk,
          ':gsk': gsi1sk,
          ':now': at,
          ':next': report.version + 1,
          ':expected': report.version,
        },
      },
    };
  });
}

/** A page of an org subtree's reports in one state, oldest first. */
export async function listReportsUnderOrg(
  orgPath: string,
  state: ReportState,
  page: { limit: number; cursor?: string },
): Promise<{ reports: StationReport[]; nextCursor?: string }> {
  const cursorScope = [
    'reportsUnderOrg',
    stationIndexKeys.reportQueuePartition(state, orgPath),
    orgSubtreePrefix(orgPath),
  ] as const;
  const result = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: indexes.reportQueue,
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': stationIndexKeys.reportQueuePartition(state, orgPath),
        ':prefix': orgSubtreePrefix(orgPath),
      },
      Limit: page.limit,
      ExclusiveStartKey: await decodeCursor(page.cursor, cursorScope),
    }),
  );
  return {
    reports: (result.Items ?? []).map((item) => stationReportSchema.parse(item)),
    ...(result.LastEvaluatedKey
      ? { nextCursor: await encodeCursor(result.LastEvaluatedKey, cursorScope) }
      : {}),
  };
}
