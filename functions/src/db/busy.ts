import { isTransactionConflict } from './conflictRetry';

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

/** What Node calls a connection that could not be made or was lost. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND']);

/**
 * Whether a failure means the database (or the store beside it) could not take the request just
 * now: throttled, a transaction still colliding after its retries, AWS's own 5xx, or no connection.
 * Nothing was decided, so the caller may send the same request again (every write is idempotent
 * by its request id): the answer is 503 SERVICE_BUSY, not a 500 that reads as a bug.
 */
export function isDatabaseBusy(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (BUSY_NAMES.has(error.name) || isTransactionConflict(error)) return true;
  const code = (error as { code?: unknown }).code;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return (typeof code === 'string' && NETWORK_CODES.has(code)) || (status !== undefined && status >= 500);
}
