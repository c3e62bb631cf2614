import type { Suggestion, SuggestionDraft, SuggestionState } from '@ankang/shared';
import {
  getSuggestion,
  insertSuggestion,
  listSuggestionsOf,
  listSuggestionsUnderOrg,
  type StoredSuggestion,
} from '../db/suggestions';
import { now } from '../lib/clock';
import { contentHash } from '../lib/contentHash';
import { AppError } from '../lib/errors';
import { countBusiness } from '../lib/metrics';
import { pseudonym } from '../lib/pseudonym';
import type { Caller } from './caller';
import { dailyQuota, rateLimited } from './limits';
import { checkPhotos, claimPhotos, releasePhotoClaims } from './photos';
import { attachedPhotoViews } from './photoViews';
import { listingRoot } from './scope';
import { suggestionAreaOf } from './suggestionArea';
import { suggestionPhotoOwner } from './suggestionPhotos';

const PAGE_SIZE = 20;

/**
 * The view of a stored suggestion: who sent it and the content hash stay in the table; its photos
 * are links signed from the ids it lists (attachPhotos checked them when it was sent), so a page
 * of suggestions costs no photo reads.
 */
export async function suggestionView(stored: StoredSuggestion): Promise<Suggestion> {
  const {
    suggesterId: _by,
    contentHash: _hash,
    decidedBy: _decider,
    photoIds,
    photoOwnerId,
    ...view
  } = stored;
  const photos = photoOwnerId ? await attachedPhotoViews(suggestionPhotoOwner(photoOwnerId), photoIds) : [];
  return { ...view, photos };
}

/** A page of stored suggestions as views. */
async function viewPage(page: { suggestions: StoredSuggestion[]; nextCursor?: string }) {
  return {
    suggestions: await Promise.all(page.suggestions.map(suggestionView)),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}

/** A retry (same request id, same content) gets the first answer; other content is a reuse. */
async function retried(earlier: StoredSuggestion, hash: string, caller: Caller) {
  if (earlier.suggesterId !== caller.userId || earlier.contentHash !== hash) {
    throw new AppError('REQUEST_ID_REUSED');
  }
  return { suggestion: await suggestionView(earlier) };
}

/** The id of the suggestion `userId` sends with `requestId`: a retry maps to the same one. */
export async function suggestionIdOf(userId: string, requestId: string): Promise<string> {
  return `sg_${(await pseudonym('suggestion', userId, requestId)).slice(0, 24)}`;
}

/**
 * A worker suggests a place as a new station, with up to 3 photos they uploaded for it first (owned
 * by the request id; claimed whole or refused whole, see attachPhotos). The nearest station decides
 * which union reviews it (suggestionAreaOf); one within SUGGESTION_NEAR_M is answered 409
 * STATION_NEARBY, naming it, until the worker confirms it is another place. Capped per person and
 * day; a retry with the same request id returns the first suggestion and counts nothing.
 */
export async function createSuggestion(
  caller: Caller,
  body: SuggestionDraft & { requestId: string; confirmNearby: boolean; photoIds?: string[] },
) {
  const { requestId, confirmNearby: _confirm, photoIds: requested = [], ...draft } = body;
  const id = await suggestionIdOf(caller.userId, requestId);
  const checked = await checkPhotos(suggestionPhotoOwner(requestId), requested, caller);
  const photoIds = checked.ids;
  // Without photos the hash is the draft's alone, as before photos: a retry of a suggestion stored
  // then still matches.
  const hash = contentHash(photoIds.length > 0 ? { ...draft, photoIds } : draft);
  const earlier = await getSuggestion(id);
  if (earlier) return retried(earlier, hash, caller);
  const at = now();
  const area = await suggestionAreaOf(draft.location, at);
  if (area.nearStation && !body.confirmNearby) {
    throw new AppError('STATION_NEARBY', {
      message: `附近 ${area.nearStation.distanceM} 米已有驿站“${area.nearStation.name}”，请确认是否为同一地点`,
      details: { nearStation: area.nearStation },
    });
  }
  const stamp = at.toISOString();
  const suggestion: StoredSuggestion = {
    id,
    ...draft,
    state: 'pending',
    orgPath: area.org.path,
    orgName: area.org.name,
    nearStation: area.nearStation,
    stationId: null,
    declineReason: null,
    decidedAt: null,
    decidedBy: null,
    createdAt: stamp,
    updatedAt: stamp,
    version: 1,
    suggesterId: caller.userId,
    contentHash: hash,
    photoIds,
    ...(photoIds.length > 0 ? { photoOwnerId: requestId } : {}),
  };
  const quota = await dailyQuota(caller.userId, 'suggestion', at);
  const claims = await claimPhotos(checked, at);
  const outcome = await insertSuggestion(suggestion, quota, claims).catch(async (error: unknown) => {
    await releasePhotoClaims(checked);
    throw error;
  });
  // Not taken (refused, or a racing retry's suggestion stands): the photos go back to expiring.
  if (outcome !== 'saved') await releasePhotoClaims(checked);
  if (outcome === 'overQuota') throw rateLimited('suggestion');
  // A photo expired (or went) since it was checked.
  if (outcome === 'photoGone') throw new AppError('PHOTO_NOT_FOUND');
  if (outcome === 'exists') {
    // A retry raced the first send past the read above.
    const first = await getSuggestion(id);
    if (first) return retried(first, hash, caller);
    throw new AppError('VERSION_CONFLICT');
  }
  countBusiness('stationSuggested');
  return { suggestion: await suggestionView(suggestion) };
}

/** 我的建议: the caller's own suggestions, newest first (the partition is the caller's id). */
export async function listMySuggestions(caller: Caller, query: { cursor?: string }) {
  return viewPage(await listSuggestionsOf(caller.userId, { limit: PAGE_SIZE, cursor: query.cursor }));
}

/** The review queue of the caller's subtree (or the asked node, scope-checked by the pipeline). */
export async function listSuggestions(
  caller: Caller,
  query: { org?: string; state: SuggestionState; cursor?: string },
) {
  const root = listingRoot(caller, query.org);
  if (!root) return { suggestions: [] };
  return viewPage(
    await listSuggestionsUnderOrg(root, query.state, { limit: PAGE_SIZE, cursor: query.cursor }),
  );
}
