import { useMemo, useSyncExternalStore } from 'react';
import { platform } from '../platform';
import { onAppShow, onNetworkChange } from '../platform/network';
import { createOutbox, type NewOutboxEntry } from './outboxQueue';
import type { OutboxEntry, OutboxKind, OutboxSender } from './outboxTypes';
import { getSession, subscribeSession } from './session';

export type { OutboxEntry, OutboxKind, OutboxState } from './outboxTypes';
export { OutboxStorageError, outboxStateLabels } from './outboxTypes';

/** The app's one outbox, kept in Taro storage (wx storage / localStorage). */
const outbox = createOutbox({
  storage: platform.storage,
  owner: () => getSession()?.me.id ?? null,
  now: () => Date.now(),
  random: () => Math.random(),
  setTimer: (callback, ms) => setTimeout(callback, ms),
  clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
});

let started = false;

/**
 * Once at app launch, after the senders are registered: sends what a killed app left behind, and
 * sends again whenever the network returns, the app comes to the foreground or someone signs in.
 */
export function startOutbox(): void {
  if (started) return;
  started = true;
  outbox.start();
  onNetworkChange((online) => {
    if (online) outbox.flush();
  });
  onAppShow(() => outbox.flush());
  subscribeSession(() => outbox.flush());
}

/** Saves the entry on the phone first (rejects with OutboxStorageError when it could not), then sends. */
export function enqueue(entry: NewOutboxEntry): Promise<void> {
  return outbox.enqueue(entry);
}

/** The one sender for a kind; a later registration replaces it. */
export function registerSender(kind: OutboxKind, send: OutboxSender): void {
  outbox.registerSender(kind, send);
}

/** Drops an entry (and the entries waiting for it), e.g. a record the server refused for good. */
export function discardEntry(id: string): void {
  outbox.discard(id);
}

/** The signed-in user's outbox entries (optionally filtered), live; retry a failed one, flush all. */
export function useOutbox(filter?: (e: OutboxEntry) => boolean): {
  entries: OutboxEntry[];
  retry(id: string): void;
  flush(): void;
} {
  const all = useSyncExternalStore(outbox.subscribe, outbox.snapshot, outbox.snapshot);
  // Callers pass filters inline; filtering a few dozen entries per render is cheap.
  const entries = useMemo(() => (filter ? all.filter(filter) : all), [all, filter]);
  return { entries, retry: outbox.retry, flush: outbox.flush };
}
