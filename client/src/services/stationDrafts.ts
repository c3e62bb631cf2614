import { feedbackTagSchema, reportKindSchema } from '@ankang/shared';
import { z } from 'zod';
import { platform } from '../platform';

const storageKey = 'ankang.stationDrafts';
/** A draft older than a day is stale: the worker has moved on, and the station may have changed. */
const MAX_AGE_MS = 24 * 3_600_000;
/** Drafts kept at most (oldest dropped): storage stays small whatever a worker taps through. */
const MAX_DRAFTS = 10;

export const ratingDraftSchema = z.object({
  stars: z.number().int().min(0).max(5),
  tags: z.array(feedbackTagSchema).max(8),
  comment: z.string().max(200),
});
export type RatingDraft = z.infer<typeof ratingDraftSchema>;

export const reportDraftSchema = z.object({
  kind: reportKindSchema.nullable(),
  text: z.string().max(200),
});
export type ReportDraft = z.infer<typeof reportDraftSchema>;

export const emptyRating: RatingDraft = { stars: 0, tags: [], comment: '' };
export const emptyReport: ReportDraft = { kind: null, text: '' };

const formSchemas = { rating: ratingDraftSchema, report: reportDraftSchema } as const;
export type DraftForm = keyof typeof formSchemas;
export type DraftOf<F extends DraftForm> = z.infer<(typeof formSchemas)[F]>;

const storedSchema = z.array(
  z.object({
    stationId: z.string(),
    form: z.enum(['rating', 'report']),
    values: z.unknown(),
    savedAt: z.number(),
  }),
);
type Stored = z.infer<typeof storedSchema>;

function read(): Stored {
  const raw = platform.storage.get(storageKey);
  if (!raw) return [];
  try {
    const parsed = storedSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/**
 * What a worker typed into a station's rating or report form, kept on the phone as they type: a
 * browser worker who must sign in first leaves the page for the login page and comes back to the
 * same station with the form as they left it. Not tied to a user (nobody is signed in yet); dropped
 * once sent or after a day.
 */
export function loadStationDraft<F extends DraftForm>(
  stationId: string,
  form: F,
  now = Date.now(),
): DraftOf<F> | null {
  const kept = read().find((d) => d.stationId === stationId && d.form === form);
  if (!kept || now - kept.savedAt > MAX_AGE_MS) return null;
  const values = formSchemas[form].safeParse(kept.values);
  return values.success ? (values.data as DraftOf<F>) : null;
}

export function saveStationDraft<F extends DraftForm>(
  stationId: string,
  form: F,
  values: DraftOf<F>,
  now = Date.now(),
): void {
  const others = read().filter(
    (d) => !(d.stationId === stationId && d.form === form) && now - d.savedAt <= MAX_AGE_MS,
  );
  const next = [...others, { stationId, form, values, savedAt: now }].slice(-MAX_DRAFTS);
  platform.storage.set(storageKey, JSON.stringify(next));
}

export function removeStationDraft(stationId: string, form: DraftForm): void {
  const stored = read();
  const rest = stored.filter((d) => !(d.stationId === stationId && d.form === form));
  if (rest.length !== stored.length) platform.storage.set(storageKey, JSON.stringify(rest));
}

/** Forgets every station draft (what someone typed on this phone): at sign-out. */
export function clearStationDrafts(): void {
  platform.storage.remove(storageKey);
}
