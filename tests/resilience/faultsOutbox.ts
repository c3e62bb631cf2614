/**
 * The mini-program's real outbox queue (client/src/services/outboxQueue.ts: storage first, one send
 * at a time, back-off from outboxBackoff.ts, the same record id on every try) run in Node. The queue
 * takes its world as OutboxDeps, so only the edges are stand-ins: a Map for Taro storage, Node's
 * clock and timers, and a sender that does what the app's `sendDelivery` does (POST /deliveries by
 * its contract, the answer's error body turned into the client's ApiError) over fetch instead of
 * Taro.request, with the client's own request timeout.
 */

import { contracts, errorBodySchema } from '@ankang/shared';
import { requestTimeoutMs } from '../../client/src/services/config';
import { ApiError } from '../../client/src/services/errors';
import { createOutbox, type Outbox } from '../../client/src/services/outboxQueue';
import type { OutboxDeps } from '../../client/src/services/outboxTypes';

/** One try the queue made: which record, and what came back (status 0: no answer). */
export interface OutboxTry {
  id: string;
  status: number;
  code?: string;
  message?: string;
  at: number;
}

/** Taro storage as the queue sees it: synchronous strings that outlive a send. */
function memoryStorage(): OutboxDeps['storage'] {
  const data = new Map<string, string>();
  return { get: (key) => data.get(key) ?? null, set: (key, value) => void data.set(key, value) };
}

/**
 * One volunteer's phone: an outbox owned by `userId` whose 'delivery' sender posts with `token`,
 * recording every try in `tries`. Started, so it sends as soon as something is enqueued.
 */
export function phoneOutbox(apiBase: string, userId: string, token: string, tries: OutboxTry[]): Outbox {
  const outbox = createOutbox({
    storage: memoryStorage(),
    owner: () => userId,
    now: () => Date.now(),
    random: () => Math.random(),
    setTimer: (callback, ms) => setTimeout(callback, ms),
    clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
  });
  const contract = contracts.createDelivery;
  outbox.registerSender('delivery', async (payload) => {
    const id = (payload as { id: string }).id;
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${apiBase}${contract.path}`, {
        method: contract.method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
      text = await response.text();
    } catch (error) {
      tries.push({ id, status: 0, at: Date.now() });
      throw new ApiError('NETWORK', { cause: error });
    }
    const body: unknown = text ? JSON.parse(text) : undefined;
    if (response.ok) {
      tries.push({ id, status: response.status, at: Date.now() });
      return body;
    }
    const parsed = errorBodySchema.safeParse(body);
    const code = parsed.success ? parsed.data.error.code : 'INTERNAL';
    const message = parsed.success ? parsed.data.error.message : undefined;
    tries.push({ id, status: response.status, code, message, at: Date.now() });
    throw new ApiError(code, { status: response.status, message });
  });
  outbox.start();
  return outbox;
}
