import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/** What AWS names a request it refused for load, or could not serve for now. */
const BUSY_NAMES = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TransactionConflictException',
  'InternalServerError',
  'ServiceUnavailable',
  'TimeoutError',
]);

/** Why DynamoDB cancels a transaction for load rather than for what the items hold. */
const BUSY_CANCELLATIONS = new Set([
  'TransactionConflict',
  'ThrottlingError',
  'ProvisionedThroughputExceeded',
]);

/**
 * What Node calls a connection refused, lost or never answered, or a name lookup that failed for
 * now (EAI_AGAIN: the resolver is overloaded, as it is under a burst of Lambda starts). Not
 * ENOTFOUND: a name that does not exist is a wrong endpoint (a misconfiguration: 500, to alarm on),
 * and sending the request again will not mend it.
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

/**
 * A cancelled transaction whose every reason is load (throttled, over its throughput, colliding with
 * another transaction): no condition failed, so the same write may simply be sent again.
 */
function isBusyCancellation(error: Error): boolean {
  if (!(error instanceof TransactionCanceledException)) return false;
  const reasons = (error.CancellationReasons ?? []).flatMap(({ Code }) =>
    Code === undefined || Code === 'None' ? [] : [Code],
  );
  return reasons.length > 0 && reasons.every((code) => BUSY_CANCELLATIONS.has(code));
}

/**
 * Whether a failure means the database or the photo bucket could not take the request just now:
 * throttled (a plain request or a transaction cancelled for it), a transaction still colliding after
 * its retries, AWS's own 5xx, or a connection refused, lost or timed out. Covers the errors of the
 * AWS SDK v3 clients the API calls on a request (DynamoDB, S3; KMS and Lambda raise the same shapes)
 * and Node's socket errors. Nothing was decided, so the caller may send the same request again
 * (every write is idempotent by its request id): the answer is 503 SERVICE_BUSY, not a 500 that
 * reads as a bug. errorBoundary logs it as a warning: load passes, and a 500's error is what pages.
 */
export function isDatabaseBusy(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (BUSY_NAMES.has(error.name) || isBusyCancellation(error)) return true;
  const code = (error as { code?: unknown }).code;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return (typeof code === 'string' && NETWORK_CODES.has(code)) || (status !== undefined && status >= 500);
}
