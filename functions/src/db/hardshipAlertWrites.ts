import { tableName } from './client';
import { alertFieldsUpdate } from './hardshipAlertFields';
import {
  type AlertRecord,
  type AlertSlotRecord,
  alertInsert,
  alertSlotPut,
  householdKeyOf,
} from './hardshipAlertItems';
import { hardshipAlertKeys } from './keys';
import { type TransactItem, transactWrite } from './transactions';

/**
 * The review's writes to alerts: raising, new evidence, following a moved file. Each is one
 * transaction with the alert's slot and its audit event, conditional on what was read.
 */

/** What became of a raise or an evidence update. */
export type AlertWriteOutcome =
  | 'saved'
  /** The slot (or the alert) changed since it was read: a racing review got there first. */
  | 'stale';

/** The alert (item 0) or its slot (item 1) no longer as read: 'stale'. */
const STALE_AT = [
  [0, 'stale'],
  [1, 'stale'],
] as const;

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
  return transactWrite(
    [alertInsert(alert), alertSlotPut(slot, slotRead?.version ?? null, { requireNoOpenAlert: true }), audit],
    STALE_AT,
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
  return transactWrite([alertFieldsUpdate(next, expectedVersion, fields), slotUpdate, audit], STALE_AT);
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
  return transactWrite([alertFieldsUpdate(next, expectedVersion, fields), slotUpdate, audit], STALE_AT);
}
