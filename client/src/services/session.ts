import { type Session, sessionSchema } from '@ankang/shared';
import { platform } from '../platform';

const storageKey = 'ankang.session';
type Listener = () => void;

const listeners = new Set<Listener>();
// Storage is the source of truth (another H5 tab may sign in or out); the parsed copy is kept only
// while the stored text is unchanged, so React sees the same snapshot between changes.
let cached: { raw: string | null; session: Session | null } = { raw: null, session: null };

function parse(raw: string | null): Session | null {
  if (!raw) return null;
  try {
    const parsed = sessionSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function publish(): void {
  for (const listener of listeners) listener();
}

/** The signed-in session as stored (possibly expired: the API client decides what to do then). */
export function getSession(): Session | null {
  const raw = platform.storage.get(storageKey);
  if (raw !== cached.raw) cached = { raw, session: parse(raw) };
  return cached.session;
}

export function isExpired(session: Session, now = Date.now()): boolean {
  const expiresAt = Date.parse(session.expiresAt);
  return Number.isFinite(expiresAt) && expiresAt <= now;
}

export function saveSession(session: Session): void {
  platform.storage.set(storageKey, JSON.stringify(session));
  publish();
}

/**
 * Keeps the token, refreshes who the user is (after GET /me). A profile only updates the session
 * of the same user: a late answer for someone who has since signed out must not land on whoever
 * signed in after them.
 */
export function updateSessionMe(me: Session['me']): void {
  const session = getSession();
  if (session && session.me.id === me.id) saveSession({ ...session, me });
}

export function clearSession(): void {
  platform.storage.remove(storageKey);
  publish();
}

/** For useSyncExternalStore: screens re-render when someone signs in or out. */
export function subscribeSession(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
