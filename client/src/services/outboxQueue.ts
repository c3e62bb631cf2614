import { retryDelayMs } from './outboxBackoff';
import { outboxStorageKey, pruneSent, readEntries, writeEntries } from './outboxStore';
import type { OutboxDeps, OutboxEntry, OutboxKind, OutboxSender } from './outboxTypes';

export interface NewOutboxEntry {
  id: string;
  kind: OutboxKind;
  label: string;
  payload: unknown;
  dependsOn?: string;
}

export interface Outbox {
  /** Once per app run: an entry left 'sending' by a killed app is pending again; then sends. */
  start(): void;
  /** Stores the entry (before anything is sent), then sends. The same id again is ignored. */
  enqueue(entry: NewOutboxEntry): Promise<void>;
  registerSender(kind: OutboxKind, send: OutboxSender): void;
  /** A failed entry (after the user fixed the cause) is pending again and sent at once. */
  retry(id: string): void;
  /** Drops an entry that will never go (and the photos waiting for it). */
  discard(id: string): void;
  /** Tries every pending entry now, back-off or not (the network came back, the app was shown). */
  flush(): void;
  /** The signed-in user's entries, in enqueue order; the same array until something changes. */
  snapshot(): OutboxEntry[];
  subscribe(listener: () => void): () => void;
  /** Resolves when no send is running (tests). */
  idle(): Promise<void>;
}

interface Failure {
  /** Tried again later by itself; otherwise the user taps 重试. */
  retry: boolean;
  /** No answer at all: the other entries would fail alike, so the round stops. */
  offline: boolean;
  code: string;
  message: string;
}

/**
 * Network errors (status 0), 401 (the sign-in is renewed on the next try), 408, 429 and 5xx are
 * worth trying again; any other 4xx is the server refusing this record, and trying again changes
 * nothing until the user does something.
 */
export function classifyFailure(error: unknown): Failure {
  const { status, code, message } = (error ?? {}) as { status?: unknown; code?: unknown; message?: unknown };
  const text = typeof message === 'string' && message ? message : '发送失败，请稍后重试';
  const failure = { code: typeof code === 'string' ? code : 'INTERNAL', message: text };
  if (typeof status !== 'number') return { ...failure, retry: false, offline: false };
  if (status === 0) return { ...failure, retry: true, offline: true };
  const retry = status === 401 || status === 408 || status === 429 || status >= 500;
  return { ...failure, retry, offline: false };
}

/**
 * The offline outbox: records are written to storage first and sent by this queue, one at a time
 * in the order they were made; an entry with `dependsOn` waits until that entry is sent. Every
 * write it sends carries a client-made id, so a send repeated after a lost answer or a killed app
 * is answered by the server with the first result and never stored twice.
 */
export function createOutbox(deps: OutboxDeps): Outbox {
  const senders = new Map<OutboxKind, OutboxSender>();
  const listeners = new Set<() => void>();
  let running: Promise<void> | null = null;
  /** Nothing is sent before start(): it first turns a killed app's 'sending' entries back to pending. */
  let started = false;
  let again = false;
  let timer: unknown = null;
  /** After a send found no network: nothing is tried before this (unless flushed). */
  let pausedUntil = 0;
  // The stored text the entries were last read from: another tab (H5) or a test may change storage.
  let current: { raw: string | null; entries: OutboxEntry[] } = { raw: null, entries: [] };
  let cached: { all: OutboxEntry[] | null; owner: string | null; mine: OutboxEntry[] } = {
    all: null,
    owner: null,
    mine: [],
  };

  const load = () => readEntries(deps.storage);
  function save(entries: OutboxEntry[]): void {
    current = { raw: writeEntries(deps.storage, entries), entries };
    for (const listener of listeners) listener();
  }
  function update(id: string, change: (entry: OutboxEntry) => OutboxEntry): OutboxEntry[] {
    const entries = load().map((entry) => (entry.id === id ? change(entry) : entry));
    save(entries);
    return entries;
  }
  const mine = (entry: OutboxEntry, owner: string) => entry.owner === undefined || entry.owner === owner;

  /** Pending, this user's, has a sender, and what it depends on has been sent (or is long gone). */
  function ready(entry: OutboxEntry, entries: OutboxEntry[], owner: string): boolean {
    if (entry.state !== 'pending' || !mine(entry, owner) || !senders.has(entry.kind)) return false;
    if (!entry.dependsOn) return true;
    const first = entries.find((e) => e.id === entry.dependsOn);
    return !first || first.state === 'sent';
  }

  function schedule(entries: OutboxEntry[], owner: string): void {
    if (timer !== null) deps.clearTimer(timer);
    timer = null;
    const waiting = entries.filter((e) => ready(e, entries, owner)).map((e) => e.nextAttemptAt);
    if (waiting.length === 0) return;
    const at = Math.max(Math.min(...waiting), pausedUntil);
    timer = deps.setTimer(
      () => {
        timer = null;
        void pump();
      },
      Math.max(0, at - deps.now()),
    );
  }

  async function sendOne(entry: OutboxEntry, send: OutboxSender): Promise<'next' | 'stop'> {
    update(entry.id, (e) => ({ ...e, state: 'sending' }));
    let result: unknown;
    try {
      result = await send(entry.payload);
    } catch (error) {
      const failure = classifyFailure(error);
      const attempts = entry.attempts + 1;
      const nextAttemptAt = deps.now() + retryDelayMs(attempts, deps.random());
      const { code, message } = failure;
      update(entry.id, (e) =>
        failure.retry
          ? { ...e, state: 'pending', attempts, nextAttemptAt, error: { code, message } }
          : { ...e, state: 'failed', attempts, error: { code, message } },
      );
      if (failure.offline) {
        pausedUntil = nextAttemptAt;
        return 'stop';
      }
      return 'next';
    }
    update(entry.id, (e) => {
      const { error: _error, ...rest } = e;
      return { ...rest, state: 'sent', attempts: e.attempts + 1, result, sentAt: deps.now() };
    });
    return 'next';
  }

  async function drain(): Promise<void> {
    for (;;) {
      const owner = deps.owner();
      if (!owner) return;
      const entries = load();
      const now = deps.now();
      const next =
        now >= pausedUntil
          ? entries.find((e) => ready(e, entries, owner) && e.nextAttemptAt <= now)
          : undefined;
      const send = next ? senders.get(next.kind) : undefined;
      if (!next || !send) {
        schedule(entries, owner);
        return;
      }
      if ((await sendOne(next, send)) === 'stop') {
        schedule(load(), owner);
        return;
      }
    }
  }

  function pump(): Promise<void> {
    if (!started) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await drain();
        } while (again);
      } catch (error) {
        // Storage refused a state change: stop here rather than send what could not be recorded.
        console.warn('outbox stopped', error);
      } finally {
        running = null;
      }
    })();
    return running;
  }

  return {
    start() {
      if (started) return;
      started = true;
      const now = deps.now();
      const entries = pruneSent(load(), now).map((e) =>
        // Killed mid-send: the server may or may not have it; sending again is safe (same id).
        e.state === 'sending' ? { ...e, state: 'pending' as const, nextAttemptAt: now } : e,
      );
      try {
        save(entries);
      } catch (error) {
        console.warn('outbox storage unavailable', error);
      }
      void pump();
    },
    async enqueue(entry) {
      const entries = load();
      if (entries.some((e) => e.id === entry.id)) return;
      const now = deps.now();
      const owner = deps.owner() ?? undefined;
      // A new record is worth one try at once, even while the queue waits out a network failure.
      pausedUntil = 0;
      save([
        ...entries,
        { ...entry, state: 'pending', attempts: 0, nextAttemptAt: now, createdAt: now, owner },
      ]);
      void pump();
    },
    registerSender(kind, send) {
      senders.set(kind, send);
      void pump();
    },
    retry(id) {
      const entry = load().find((e) => e.id === id);
      if (entry?.state !== 'failed') return;
      pausedUntil = 0;
      update(id, (e) => ({ ...e, state: 'pending', nextAttemptAt: deps.now() }));
      void pump();
    },
    discard(id) {
      const entries = load();
      const gone = new Set([id]);
      // Photos of a dropped record wait for it forever otherwise.
      for (const e of entries) if (e.dependsOn && gone.has(e.dependsOn)) gone.add(e.id);
      save(entries.filter((e) => !gone.has(e.id) || e.state === 'sending'));
    },
    flush() {
      pausedUntil = 0;
      const now = deps.now();
      const entries = load();
      if (entries.some((e) => e.state === 'pending' && e.nextAttemptAt > now)) {
        try {
          save(
            entries.map((e) =>
              e.state === 'pending' ? { ...e, nextAttemptAt: Math.min(e.nextAttemptAt, now) } : e,
            ),
          );
        } catch (error) {
          console.warn('outbox storage unavailable', error);
        }
      }
      void pump();
    },
    snapshot() {
      const raw = deps.storage.get(outboxStorageKey);
      if (raw !== current.raw) current = { raw, entries: readEntries(deps.storage) };
      const owner = deps.owner();
      const all = current.entries;
      if (cached.all !== all || cached.owner !== owner) {
        cached = { all, owner, mine: owner ? all.filter((e) => mine(e, owner)) : [] };
      }
      return cached.mine;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    idle() {
      return running ?? Promise.resolve();
    },
  };
}
