import { type OutboxDeps, type OutboxEntry, OutboxStorageError } from './outboxTypes';

export const outboxStorageKey = 'ankang.outbox';
/** Sent entries stay a week (the list shows them while the server's copy may be out of reach). */
export const sentKeepMs = 7 * 86_400_000;

const kinds = new Set(['delivery', 'deliveryEdit', 'photo', 'handout']);
const states = new Set(['pending', 'sending', 'sent', 'failed']);

function isEntry(value: unknown): value is OutboxEntry {
  if (!value || typeof value !== 'object') return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.id === 'string' &&
    kinds.has(entry.kind as string) &&
    states.has(entry.state as string) &&
    typeof entry.label === 'string' &&
    typeof entry.attempts === 'number' &&
    typeof entry.nextAttemptAt === 'number' &&
    typeof entry.createdAt === 'number'
  );
}

/** The stored queue in enqueue order; an unreadable store reads as empty rather than breaking the app. */
export function readEntries(storage: OutboxDeps['storage']): OutboxEntry[] {
  const raw = storage.get(outboxStorageKey);
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
  } catch {
    return [];
  }
}

/**
 * Writes the queue and reads it back (returns the text written): the storage wrapper swallows a failed write (full quota,
 * private browsing), and a record the user was told is saved must really be on the phone.
 */
export function writeEntries(storage: OutboxDeps['storage'], entries: OutboxEntry[]): string {
  const text = JSON.stringify(entries);
  storage.set(outboxStorageKey, text);
  if (storage.get(outboxStorageKey) !== text) throw new OutboxStorageError();
  return text;
}

/** Drops entries sent more than a week ago. */
export function pruneSent(entries: OutboxEntry[], now: number): OutboxEntry[] {
  return entries.filter((e) => e.state !== 'sent' || (e.sentAt ?? e.createdAt) > now - sentKeepMs);
}
