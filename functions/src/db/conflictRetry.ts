import { cancellationOf } from './transactions';

/** How hard to try again when concurrent transactions cancel each other. */
export interface ConflictRetryOptions {
  /** Tries in all, the first included. */
  attempts?: number;
  /** Upper bound of the first wait; it doubles each time, capped at maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Replaced in tests to observe the waits without waiting. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Whether a failure is only a TransactionConflict (another transaction was changing one of the
 * items at the same moment) with no condition failed: nothing was written, and the same
 * transaction may simply run again. A failed condition is an answer, not a reason to retry.
 */
export function isTransactionConflict(error: unknown): boolean {
  const cancelled = cancellationOf(error);
  return cancelled?.conflict === true && cancelled.failed.size === 0;
}

/**
 * Runs `attempt` (one TransactWriteItems, built afresh each time) and runs it again when AWS
 * cancelled it for a TransactionConflict, after a jittered wait ("full jitter": uniform in
 * [0, min(max, base × 2^n)]), so writers that collided on a hot counter spread out instead of
 * colliding again. Bounded: after `attempts` tries the last error is thrown (the client's queue
 * retries a 5xx later). Anything else is thrown at once.
 */
export async function retryOnConflict<T>(
  attempt: (tryNumber: number) => Promise<T>,
  options: ConflictRetryOptions = {},
): Promise<T> {
  const { attempts = 6, baseDelayMs = 25, maxDelayMs = 800, sleep = wait, random = Math.random } = options;
  for (let tryNumber = 1; ; tryNumber += 1) {
    try {
      return await attempt(tryNumber);
    } catch (error) {
      if (tryNumber >= attempts || !isTransactionConflict(error)) throw error;
      const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (tryNumber - 1));
      await sleep(Math.floor(random() * ceiling));
    }
  }
}
