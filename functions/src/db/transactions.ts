import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { db } from './client';

/** One item of a TransactWriteItems (at most 100 per transaction). */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** The most items DynamoDB takes in one TransactWriteItems. */
export const MAX_TRANSACT_ITEMS = 100;

/** Why a TransactWriteItems was cancelled, item by item. */
export interface Cancellation {
  /** Positions of the items whose condition failed. */
  failed: Set<number>;
  /** Another transaction was changing one of the items at the same time (worth one more try). */
  conflict: boolean;
}

/**
 * Why a transaction was cancelled, when it was for failed conditions or a concurrent transaction;
 * null for any other error (throttling, validation, …), which the caller should rethrow.
 */
export function cancellationOf(error: unknown): Cancellation | null {
  if (!(error instanceof TransactionCanceledException)) return null;
  const failed = new Set<number>();
  let conflict = false;
  for (const [index, reason] of (error.CancellationReasons ?? []).entries()) {
    if (reason.Code === 'ConditionalCheckFailed') failed.add(index);
    else if (reason.Code === 'TransactionConflict') conflict = true;
    else if (reason.Code && reason.Code !== 'None') return null;
  }
  return failed.size || conflict ? { failed, conflict } : null;
}

/**
 * Runs a TransactWriteItems and answers 'saved', or, when it was cancelled for failed conditions,
 * the outcome of the first entry of `outcomeAt` whose item failed (list the item that decides
 * first: when it moved, nothing else about the write still holds). Anything else is thrown, a
 * TransactionConflict included, for retryOnConflict.
 */
export async function transactWrite<Outcome extends string>(
  items: TransactItem[],
  outcomeAt: ReadonlyArray<readonly [index: number, outcome: Outcome]>,
): Promise<'saved' | Outcome> {
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items }));
    return 'saved';
  } catch (error) {
    const cancelled = cancellationOf(error);
    for (const [index, outcome] of outcomeAt) if (cancelled?.failed.has(index)) return outcome;
    throw error;
  }
}
