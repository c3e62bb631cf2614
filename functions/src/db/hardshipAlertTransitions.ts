import type { HardshipCategory } from '@ankang/shared';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import {
  type AlertRecord,
  type AlertSlotRecord,
  alertSlotPut,
  alertToItem,
  MAX_RESOLVED_BASES,
  slotAfterResolve,
} from './hardshipAlertItems';
import type { HardshipFileRecord } from './hardshipItems';
import { hardshipKeys } from './keys';
import { cancellationOf, type TransactItem } from './transactions';

/**
 * The alert written whole in its new state, only over the item exactly as it was read: same
 * version and status, and no comment since (comments move `updatedAt` and the count but not the
 * version, and a whole-item write must not lose them). Replacing the item moves its indexes.
 */
function alertOverRead(next: AlertRecord, read: AlertRecord): TransactItem {
  const count =
    read.commentCount === undefined ? 'attribute_not_exists(commentCount)' : 'commentCount = :count';
  return {
    Put: {
      TableName: tableName,
      Item: alertToItem(next),
      ConditionExpression: `version = :v AND #status = :status AND updatedAt = :updated AND ${count}`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':v': read.version,
        ':status': read.status,
        ':updated': read.updatedAt,
        ...(read.commentCount === undefined ? {} : { ':count': read.commentCount }),
      },
    },
  };
}

/** What became of a transition's write. */
export type TransitionOutcome =
  | 'saved'
  /** The alert is no longer as read (a transition, an evidence update, an escalation or a comment). */
  | 'alertMoved'
  /** The rule slot is no longer as read (a review touched it). */
  | 'slotMoved'
  /** The household file is no longer at the version read (an edit or a visit since). */
  | 'fileMoved';

/**
 * Runs the transaction; a failed condition is answered by the outcome of the first failed item
 * that has one (the alert is item 0: when it moved, nothing else about the write still holds).
 */
async function transact(
  items: TransactItem[],
  outcomeAt: ReadonlyMap<number, TransitionOutcome>,
): Promise<TransitionOutcome> {
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items }));
    return 'saved';
  } catch (error) {
    const cancelled = cancellationOf(error);
    for (const [index, outcome] of outcomeAt) if (cancelled?.failed.has(index)) return outcome;
    throw error;
  }
}

/**
 * acknowledge / start / assign: the alert in its new state over the one read, with its audit
 * event, in one transaction. A TransactionConflict is thrown for retryOnConflict.
 */
export function writeAlertTransition(
  next: AlertRecord,
  read: AlertRecord,
  audit: TransactItem,
): Promise<TransitionOutcome> {
  return transact([alertOverRead(next, read), audit], new Map([[0, 'alertMoved']]));
}

/**
 * The rule slot once `alert` is resolved: free for a new alert of the rule, with the alert's basis
 * remembered. Written over the slot as read; an alert stored without a slot (demo or test data
 * written whole) gets one, and a slot that holds another alert keeps it.
 */
export function slotResolveItem(slot: AlertSlotRecord | null, alert: AlertRecord, at: string): TransactItem {
  if (slot?.openAlertId === alert.id) return slotAfterResolve(slot, alert, at);
  const resolvedBases = [...(slot?.resolvedBases ?? []).filter((b) => b !== alert.basis), alert.basis];
  const next: AlertSlotRecord = {
    fileId: alert.fileId,
    rule: alert.rule,
    ...(slot?.openAlertId ? { openAlertId: slot.openAlertId } : {}),
    ...(slot?.lastBasis ? { lastBasis: slot.lastBasis } : {}),
    resolvedBases: resolvedBases.slice(-MAX_RESOLVED_BASES),
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
  const outcomeAt = new Map<number, TransitionOutcome>([
    [0, 'alertMoved'],
    [1, 'slotMoved'],
  ]);
  if (refile) {
    outcomeAt.set(items.length, 'fileMoved');
    items.push(refile.fileUpdate, ...refile.extra);
  }
  return transact(items, outcomeAt);
}
