import type { HardshipCategory } from '@ankang/shared';
import { tableName } from './client';
import { alertFieldsUpdate } from './hardshipAlertFields';
import {
  type AlertRecord,
  type AlertSlotRecord,
  alertSlotPut,
  slotRelease,
  withResolvedBasis,
} from './hardshipAlertItems';
import type { HardshipFileRecord } from './hardshipItems';
import { hardshipKeys } from './keys';
import { type TransactItem, transactWrite } from './transactions';

/**
 * The fields a transition changed, set over the version read (still unresolved) with the indexes
 * its new state has: a partial update, so a comment that landed since the read (it moves
 * `commentCount` and `updatedAt`, never `version`) neither fails the transition nor is lost.
 */
function alertOverRead(next: AlertRecord, read: AlertRecord): TransactItem {
  const names = new Set([...Object.keys(read), ...Object.keys(next)] as (keyof AlertRecord)[]);
  const changed = [...names].filter(
    (name) =>
      name !== 'updatedAt' && name !== 'version' && JSON.stringify(next[name]) !== JSON.stringify(read[name]),
  );
  return alertFieldsUpdate(next, read.version, changed);
}

/** What became of a transition's write. */
export type TransitionOutcome =
  | 'saved'
  /** The alert is no longer at the version read (a transition, an evidence update, an escalation). */
  | 'alertMoved'
  /** The rule slot is no longer as read (a review touched it). */
  | 'slotMoved'
  /** The household file is no longer at the version read (an edit or a visit since). */
  | 'fileMoved';

/**
 * acknowledge / start / assign: the alert in its new state over the one read, with its audit
 * event, in one transaction. A TransactionConflict is thrown for retryOnConflict.
 */
export function writeAlertTransition(
  next: AlertRecord,
  read: AlertRecord,
  audit: TransactItem,
): Promise<TransitionOutcome> {
  return transactWrite([alertOverRead(next, read), audit], [[0, 'alertMoved']]);
}

/**
 * The rule slot once `alert` is resolved: free for a new alert of the rule, with the alert's basis
 * remembered. Written over the slot as read; an alert stored without a slot (demo or test data
 * written whole) gets one, and a slot that holds another alert keeps it.
 */
export function slotResolveItem(slot: AlertSlotRecord | null, alert: AlertRecord, at: string): TransactItem {
  if (slot?.openAlertId === alert.id) return slotRelease(slot, alert.id, alert.basis, at);
  // Everything else the slot holds stays: the alert it names, that alert's household key (without
  // it the next review would read that alert to learn what the key told), the last basis.
  const next: AlertSlotRecord = {
    ...(slot ?? { fileId: alert.fileId, rule: alert.rule }),
    resolvedBases: withResolvedBasis(slot?.resolvedBases ?? [], alert.basis),
    version: (slot?.version ?? 0) + 1,
    updatedAt: at,
  };
  return alertSlotPut(next, slot?.version ?? null);
}

/**
 * 重新建档: the file's new category, back in the active list (a household that had left hardship
 * is in it again: no exit date), version + 1 — only over the version that was read.
 */
export function fileRefileUpdate(
  file: HardshipFileRecord,
  category: HardshipCategory,
  at: string,
): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: hardshipKeys.file(file.id),
      UpdateExpression:
        'SET category = :category, #status = :active, updatedAt = :at, version = :next REMOVE exitDate',
      ConditionExpression: 'version = :read',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':category': category,
        ':active': 'active',
        ':at': at,
        ':next': file.version + 1,
        ':read': file.version,
      },
    },
  };
}

/** The file's side of a 重新建档: its update, then what lands with it (monitor, the file's audit event). */
export interface RefileWrite {
  fileUpdate: TransactItem;
  extra: readonly TransactItem[];
}

/**
 * resolve: the alert resolved over the one read, its rule slot, its audit event and — for 重新建档 —
 * the file's change with its monitor and audit event, all in ONE transaction: when any condition
 * fails nothing is written, so a file is never refiled by an alert that did not resolve, nor the
 * reverse. A TransactionConflict is thrown for retryOnConflict.
 */
export function writeAlertResolve(
  next: AlertRecord,
  read: AlertRecord,
  slot: TransactItem,
  audit: TransactItem,
  refile: RefileWrite | null,
): Promise<TransitionOutcome> {
  const items = [alertOverRead(next, read), slot, audit];
  const outcomeAt: [number, Exclude<TransitionOutcome, 'saved'>][] = [
    [0, 'alertMoved'],
    [1, 'slotMoved'],
  ];
  if (refile) {
    outcomeAt.push([items.length, 'fileMoved']);
    items.push(refile.fileUpdate, ...refile.extra);
  }
  return transactWrite(items, outcomeAt);
}
