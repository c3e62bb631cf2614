import { orgPathChain, type Station, stationDraftSchema } from '@ankang/shared';
import { getOrg, getOrgs } from '../db/orgs';
import { getStationById } from '../db/stations';
import { insertStation, StationWriteError } from '../db/stationWrites';
import { decideSuggestion, getSuggestion, type StoredSuggestion } from '../db/suggestions';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import type { Caller } from './caller';
import { assertInScope } from './scope';
import { newStation } from './stationAdmin';
import { notifySuggestionOutcome } from './suggestionNotices';
import { ensureDraftGallery } from './suggestionPhotos';
import { suggestionView } from './suggestions';

/** Why a draft station made from a suggestion is paused: staff complete it, then 恢复开放. */
export const DRAFT_REASON = '资料待完善（职工建议新增）';

export type ReviewDecision = { version: number } & (
  | { decision: 'approve' }
  | { decision: 'decline'; reason: string }
);

/**
 * The draft station of an approved suggestion: its id follows from the suggestion's (so a retried
 * approval finds it), made by the same newStation as every create, paused until staff fill in the
 * hours and reopen it. No opening hours are known yet, so none are claimed.
 */
async function draftStationOf(suggestion: StoredSuggestion, at: Date): Promise<Station> {
  const chain = await getOrgs(orgPathChain(suggestion.orgPath));
  if (!chain.some((node) => node.path === suggestion.orgPath)) throw new AppError('ORG_NOT_FOUND');
  const local = chain.filter((node) => node.level === 'county' || node.level === 'town');
  const draft = stationDraftSchema.parse({
    name: suggestion.name,
    address: suggestion.address,
    district: local.length > 0 ? local.map((node) => node.region).join(' ') : chain.at(-1)!.region,
    orgPath: suggestion.orgPath,
    location: suggestion.location,
    hostType: suggestion.hostType ?? 'other',
    amenities: suggestion.amenities,
    hours: {},
  });
  return {
    ...newStation(draft, at),
    id: draftStationIdOf(suggestion.id),
    status: { state: 'temporarilyClosed', reason: DRAFT_REASON },
  };
}

/** `sg_<hex>` → `st_<hex>`: one draft station per suggestion, whoever approves it and how often. */
export function draftStationIdOf(suggestionId: string): string {
  return `st_${suggestionId.slice(3)}`;
}

/**
 * Stores the draft station, then gives it the suggestion's photos as its gallery unless it has one;
 * `built` when the caller made the station already. The insert's own condition (no station with the
 * id yet) decides whether it was there: refused, another approval of the suggestion stored it first
 * (the id follows from the suggestion's), which a consistent read confirms. No plain read decides:
 * one may miss an insert made a moment ago. A retry only skips building when a read finds it.
 */
async function ensureDraftStation(suggestion: StoredSuggestion, at: Date, built?: Station): Promise<void> {
  const id = draftStationIdOf(suggestion.id);
  if (built || !(await getStationById(id))) {
    try {
      await insertStation(built ?? (await draftStationOf(suggestion, at)));
    } catch (error) {
      const madeFirst = error instanceof StationWriteError && error.reason === 'versionConflict';
      if (!madeFirst || !(await getStationById(id, { consistent: true }))) throw error;
    }
  }
  await ensureDraftGallery(suggestion, id, at);
}

/**
 * The answer when `suggestion` already carries the decision asked for (a retried request): the
 * stored outcome, with the draft station made if a failure left it missing. Null otherwise.
 */
async function sameDecision(suggestion: StoredSuggestion, body: ReviewDecision, at: Date) {
  if (suggestion.state === 'approved' && body.decision === 'approve') {
    await ensureDraftStation(suggestion, at);
    return { suggestion: await suggestionView(suggestion) };
  }
  if (suggestion.state === 'declined' && body.decision === 'decline') {
    return { suggestion: await suggestionView(suggestion) };
  }
  return null;
}

/**
 * Staff of the suggestion's union (or above) approve it — a paused draft station is made for them
 * to complete on the edit page — or decline it with a reason. The decision is written first, on the
 * version and only while pending, so two reviewers never both decide; the draft station follows
 * (a retried approval makes it if it is missing). The suggester hears the outcome by subscribe
 * message when they consented.
 */
export async function reviewSuggestion(caller: Caller, id: string, body: ReviewDecision) {
  const current = await getSuggestion(id);
  if (!current) throw new AppError('SUGGESTION_NOT_FOUND');
  assertInScope(caller, current.orgPath);
  const at = now();
  const already = await sameDecision(current, body, at);
  if (already) return already;
  if (current.state !== 'pending') throw new AppError('INVALID_TRANSITION');
  if (current.version !== body.version) {
    throw new AppError('VERSION_CONFLICT', { details: { currentVersion: current.version } });
  }
  const approving = body.decision === 'approve';
  // Built before deciding, so a suggestion whose draft cannot be made stays pending.
  const draft = approving ? await draftStationOf(current, at) : undefined;
  if (!approving && !(await getOrg(current.orgPath))) throw new AppError('ORG_NOT_FOUND');
  const next: StoredSuggestion = {
    ...current,
    state: approving ? 'approved' : 'declined',
    stationId: approving ? draftStationIdOf(current.id) : null,
    declineReason: approving ? null : body.reason,
    decidedAt: at.toISOString(),
    decidedBy: caller.nickname,
    updatedAt: at.toISOString(),
    version: current.version + 1,
  };
  if (!(await decideSuggestion(next, body.version))) {
    const latest = await getSuggestion(id);
    // A racing retry (or a colleague) made the same decision: that one stands and is answered.
    const raced = latest && (await sameDecision(latest, body, at));
    if (raced) return raced;
    throw new AppError('VERSION_CONFLICT', {
      details: latest ? { currentVersion: latest.version } : undefined,
    });
  }
  // A failure here leaves the suggestion approved without its station (or its gallery): the retried
  // approval makes it (sameDecision), though the outcome message then is not sent (a missing one beats a double).
  if (approving) await ensureDraftStation(next, at, draft);
  await notifySuggestionOutcome(next);
  return { suggestion: await suggestionView(next) };
}
