import { reportIdSchema, reportKindSchema, reportStateSchema, stationIdSchema } from '@ankang/shared';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { db, tableName } from './client';
import { issuedMarkItem } from './invites';
import { indexes, inviteKeys, keys, legacyReportKeys } from './keys';
import { releaseLock } from './limits';
import type { TransactItem } from './transactions';

/** A report as the per-report model stored it: its own state, note and org, and the reporter's lock. */
export const legacyReportSchema = z.object({
  id: reportIdSchema,
  stationId: stationIdSchema,
  stationName: z.string(),
  orgPath: z.string(),
  kind: reportKindSchema,
  text: z.string(),
  state: reportStateSchema,
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  lockId: z.string().optional(),
});
export type LegacyReport = z.infer<typeof legacyReportSchema>;

/** The reporter of a migrated report: the old model kept no trace of who sent it. */
export const UNKNOWN_REPORTER = '-';

/** One page of the old queue of `state` in a province (org partition code, `320000`). */
export async function legacyReportsPage(
  province: string,
  state: string,
  page: { limit: number; startKey?: Record<string, unknown> },
): Promise<{ reports: LegacyReport[]; startKey?: Record<string, unknown> }> {
  const result = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: indexes.legacyReportQueue,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': legacyReportKeys.queuePartition(state, province) },
      Limit: page.limit,
      ExclusiveStartKey: page.startKey,
    }),
  );
  return {
    reports: (result.Items ?? []).map((item) => legacyReportSchema.parse(item)),
    ...(result.LastEvaluatedKey ? { startKey: result.LastEvaluatedKey } : {}),
  };
}

/**
 * The legacy report as it stands now (a consistent read), or null when it is migrated already (it
 * names its problem) or gone.
 */
export async function getLegacyReport(id: string): Promise<LegacyReport | null> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: keys.report(id), ConsistentRead: true }),
  );
  if (!Item || Item.problemId !== undefined) return null;
  return legacyReportSchema.parse(Item);
}

/**
 * The legacy report made a report of `problemId` (state, note and org now live on the problem),
 * out of the old queue and the station's old open list, if it is still as read and not migrated.
 */
export function legacyReportConverted(report: LegacyReport, problemId: string): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: keys.report(report.id),
      UpdateExpression:
        'SET problemId = :problem, reporter = :reporter, photoIds = :none, version = :next ' +
        'REMOVE gsi1pk, gsi1sk, gsi2pk, gsi2sk, lockId, #state, note, orgPath',
      ConditionExpression: 'version = :version AND attribute_not_exists(problemId)',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: {
        ':problem': problemId,
        ':reporter': UNKNOWN_REPORTER,
        ':none': [],
        ':version': report.version,
        ':next': report.version + 1,
      },
    },
  };
}

/** The old one-open-report lock of the legacy report, if it still holds it. */
export function legacyLockReleased(report: LegacyReport): TransactItem[] {
  return report.lockId ? [releaseLock(legacyReportKeys.lockKind, report.lockId, report.id)] : [];
}

/** Sets the station's open-problem count (the old model counted reports) in a transaction. */
export function openProblemCountSet(stationId: string, count: number): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: keys.station(stationId),
      UpdateExpression: 'SET openReports = :count',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':count': count },
    },
  };
}

/**
 * One page of a whole-table scan for invites (`INVITE#…`/`INVITE`), ids and creation times only.
 * Invites that left the pending index (used, revoked, lapsed) have no other way to be found: the
 * migration is an operator's one-off, never a request path.
 */
export async function invitesPage(page: {
  limit: number;
  startKey?: Record<string, unknown>;
}): Promise<{ invites: { id: string; createdAt: string }[]; startKey?: Record<string, unknown> }> {
  const result = await db.send(
    new ScanCommand({
      TableName: tableName,
      FilterExpression: 'begins_with(pk, :prefix) AND sk = :sk',
      ProjectionExpression: 'id, createdAt',
      ExpressionAttributeValues: { ':prefix': 'INVITE#', ':sk': inviteKeys.invite('').sk },
      Limit: page.limit,
      ExclusiveStartKey: page.startKey,
    }),
  );
  return {
    invites: (result.Items ?? []).map((item) => ({ id: String(item.id), createdAt: String(item.createdAt) })),
    ...(result.LastEvaluatedKey ? { startKey: result.LastEvaluatedKey } : {}),
  };
}

/** Writes the lasting mark that an invite was issued (see inviteKeys.issued); false if it had one. */
export async function markInviteIssued(invite: { id: string; createdAt: string }): Promise<boolean> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: issuedMarkItem(invite),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
