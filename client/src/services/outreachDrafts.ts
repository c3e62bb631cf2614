import { z } from 'zod';
import { platform } from '../platform';

const storageKey = 'ankang.outreach.drafts';

/**
 * An unsent sign-up as the person left it, with the request id it is (or was) sent under: a resend
 * after a dropped answer reuses the id, so the server returns the sign-up it stored rather than a
 * second one. Drafts belong to one user; another user signing in on the phone sees none of them.
 */
export interface Draft<V> {
  requestId: string;
  values: V;
  savedAt: string;
}

const storedSchema = z.object({
  userId: z.string(),
  drafts: z.array(
    z.object({ key: z.string(), requestId: z.string(), values: z.unknown(), savedAt: z.string() }),
  ),
});
type Stored = z.infer<typeof storedSchema>;

function read(): Stored | null {
  const raw = platform.storage.get(storageKey);
  if (!raw) return null;
  try {
    const parsed = storedSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The user's draft under `key` (e.g. `worksite:cp_…`), or null when there is none or it no longer reads. */
export function loadDraft<V>(userId: string, key: string, valuesSchema: z.ZodType<V>): Draft<V> | null {
  const stored = read();
  const draft = stored?.userId === userId ? stored.drafts.find((d) => d.key === key) : undefined;
  if (!draft) return null;
  // An older app version may have stored another shape: better an empty form than a broken one.
  const values = valuesSchema.safeParse(draft.values);
  return values.success ? { requestId: draft.requestId, values: values.data, savedAt: draft.savedAt } : null;
}

function write(userId: string, drafts: Stored['drafts']): void {
  platform.storage.set(storageKey, JSON.stringify({ userId, drafts } satisfies Stored));
}

export function saveDraft<V>(userId: string, key: string, draft: Draft<V>): void {
  const stored = read();
  const others = stored?.userId === userId ? stored.drafts.filter((d) => d.key !== key) : [];
  write(userId, [...others, { key, ...draft }]);
}

/** Forgets a draft once its sign-up is stored. */
export function removeDraft(userId: string, key: string): void {
  const stored = read();
  if (stored?.userId !== userId || !stored.drafts.some((d) => d.key === key)) return;
  write(
    userId,
    stored.drafts.filter((d) => d.key !== key),
  );
}

/** Forgets every draft (they hold phone numbers): at sign-out. */
export function clearOutreachDrafts(): void {
  platform.storage.remove(storageKey);
}
