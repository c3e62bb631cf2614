import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import {
  type AlertRecord,
  type AlertSlotRecord,
  alertIndexAttributes,
  alertPut,
  alertSlotPut,
  householdKeyOf,
} from './hardshipAlertItems';
import { hardshipAlertKeys } from './keys';
import { cancellationOf, type TransactItem } from './transactions';

/**
 * The review's writes to alerts: raising, new evidence, following a moved file. Each is one
 * transaction with the alert's slot and its audit event, conditional on what was read.
 */

/** What became of a raise or an evidence update. */
export type AlertWriteOutcome =
  | 'saved'
  /** The slot (or the alert) changed since it was read: a racing review got there first. */
  | 'stale';

async function transact(items: TransactItem[], staleAt: readonly number[]): Promise<AlertWriteOutcome> {
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items }));
    return 'saved';
  } catch (error) {
    const cancelled = cancellationOf(error);
    if (cancelled && staleAt.some((index) => cancelled.failed.has(index))) return 'stale';
    throw error;
  }
}

/**
 * Raises an alert: the new alert, its slot now holding it (only if the slot is still as read and
 * holds no open alert) and the `raiseAlert` audit event, in one transaction. 'stale' when another
 * review raised or updated in between; a TransactionConflict is thrown for retryOnConflict.
 */
export function raiseAlertWrite(
  alert: AlertRecord,
  slotRead: AlertSlotRecord | null,
  audit: TransactItem,
): Promise<AlertWriteOutcome> {
  const slot: AlertSlotRecord = {
    fileId: alert.fileId,
    rule: alert.rule,
    openAlertId: alert.id,
    lastBasis: alert.basis,
    resolvedBases: slotRead?.resolvedBases ?? [],
    householdKey: householdKeyOf(alert),
    version: (slotRead?.version ?? 0) + 1,
    updatedAt: alert.raisedAt,
  };
  return transact(
    [
      alertPut(alert, null),
      alertSlotPut(slot, slotRead?.version ?? null, { requireNoOpenAlert: true }),
      audit,
    ],
    [0, 1],
  );
}

/**
 * Writes an open alert's new evidence and basis over the version it was read at (still
 * unresolved), moves its slot's last basis (only while the slot still holds this alert), and the
 * `updateAlertEvidence` audit event, in one transaction. 'stale' when the alert moved meanwhile.
 */
export function updateAlertEvidenceWrite(
  next: AlertRecord,
  expectedVersion: number,
  audit: TransactItem,
): Promise<AlertWriteOutcome> {
  const slotUpdate: TransactItem = {
    Update: {
      TableName: tableName,
      Key: hardshipAlertKeys.slot(next.fileId, next.rule),
      UpdateExpression: 'SET lastBasis = :basis, updatedAt = :at ADD version :one',
      ConditionExpression: 'openAlertId = :id',
      ExpressionAttributeValues: { ':basis': next.basis, ':at': next.updatedAt, ':one': 1, ':id': next.id },
    },
  };
  const fields = ['evidence', 'basis', 'policy', 'evidenceUpdatedAt'] as const;
  return transact([alertFieldsUpdate(next, expectedVersion, fields), slotUpdate, audit], [0, 1]);
}

/**
 * Sets some fields of an alert (and its index attributes, whose presence these never change) over
 * the version read, while unresolved. An Update, not a Put: what others keep on the item without
 * moving its version (a comment's count) is not written back from an older read.
 */
function alertFieldsUpdate(
  next: AlertRecord,
  expectedVersion: number,
  fields: readonly (keyof AlertRecord)[],
): TransactItem {
  const values: Record<string, unknown> = {
    ...Object.fromEntries(fields.map((field) => [field, next[field]])),
    ...alertIndexAttributes(next),
    updatedAt: next.updatedAt,
    version: next.version,
  };
  const names = Object.keys(values);
  return {
    Update: {
      TableName: tableName,
      Key: hardshipAlertKeys.alert(next.id),
      UpdateExpression: `SET ${names.map((_, i) => `#f${i} = :f${i}`).join(', ')}`,
      ConditionExpression: '#version = :expected AND #status <> :resolved',
      ExpressionAttributeNames: {
        ...Object.fromEntries(names.map((name, i) => [`#f${i}`, name])),
        '#version': 'version',
        '#status': 'status',
      },
      ExpressionAttributeValues: {
        ...Object.fromEntries(names.map((name, i) => [`:f${i}`, values[name]])),
        ':expected': expectedVersion,
        ':resolved': 'resolved',
      },
    },
  };
}

/**
 * An open alert brought in line with its household's file (moved to another node, renamed), over
 * the version it was read at, with its slot's household key and the audit event, in one transaction.
 */
export function alertFollowFileWrite(
  next: AlertRecord,
  expectedVersion: number,
  audit: TransactItem,
): Promise<AlertWriteOutcome> {
  const slotUpdate: TransactItem = {
    Update: {
      TableName: tableName,
      Key: hardshipAlertKeys.slot(next.fileId, next.rule),
      UpdateExpression: 'SET householdKey = :key, updatedAt = :at ADD version :one',
      ConditionExpression: 'openAlertId = :id',
      ExpressionAttributeValues: {
        ':key': householdKeyOf(next),
        ':at': next.updatedAt,
        ':one': 1,
        ':id': next.id,
      },
    },
  };
  const fields = [
    'orgPath',
    'orgName',
    'district',
    'headName',
    'holderOrgPath',
    'assigneeUserId',
    'assigneeName',
  ] as const;
  return transact([alertFieldsUpdate(next, expectedVersion, fields), slotUpdate, audit], [0, 1]);
}
