import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';

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
