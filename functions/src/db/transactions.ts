import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/**
 * Whether a TransactWriteItems was cancelled because the condition on its item at `index` failed
 * (e.g. "this id exists already" on a put-if-absent), as opposed to throttling or a conflict.
 */
export function conditionFailedAt(error: unknown, index = 0): boolean {
  return (
    error instanceof TransactionCanceledException &&
    error.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed'
  );
}
