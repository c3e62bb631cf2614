/** First wait after a failed send. */
export const firstRetryMs = 2_000;
/** Longest wait between two tries (a phone on one bar of signal keeps trying every few minutes). */
export const maxRetryMs = 5 * 60_000;

/**
 * How long to wait before try number `attempts + 1`: doubling from 2 s, capped at 5 min, with "equal
 * jitter" (half fixed, half random) so many phones coming back online at once do not retry in step,
 * while the wait still grows.
 */
export function retryDelayMs(attempts: number, random: number): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 30));
  const ceiling = Math.min(maxRetryMs, firstRetryMs * 2 ** exponent);
  const jitter = Math.min(Math.max(random, 0), 1);
  return Math.round(ceiling / 2 + (ceiling / 2) * jitter);
}
