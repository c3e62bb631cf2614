import { RECENT_COMMENTS_LIMIT, type Station } from '@ankang/shared';
import {
  getQueueEntry,
  holdInQueue,
  listHeldCommentsUnderOrg,
  type QueueRelease,
  queueEntryFollowing,
  readQueueRelease,
  releaseFromQueue,
} from '../db/heldCommentQueue';
import type { CommentBasis, StoredComment } from '../db/stationCommentItems';
import {
  commentDelete,
  commentPut,
  decideHeldComment,
  getComment,
  listPublicComments,
} from '../db/stationComments';
import { getStationById } from '../db/stations';
import type { TransactItem } from '../db/transactions';
import { getUser } from '../db/users';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import { pseudonym } from '../lib/pseudonym';
import type { Caller } from './caller';
import { checkPublicText } from './contentSafety';
import { assertInScope, listingRoot } from './scope';

/** Recent comments are what a worker reads; after half a year a comment says little of the station. */
const COMMENT_LIFETIME_S = 183 * 86_400;

/** Where a comment will stand once written: public, held with the reason, or hidden by staff. */
export type CommentVerdict =
  | { state: 'public' }
  | { state: 'held'; heldBecause: 'review' | 'unreachable' }
  | { state: 'hidden' };

/**
 * A verdict (null: the rating has no words, and the day's comment goes) and the stored comment it
 * was made against (its version and state; null: none), which the write then requires, so a staff
 * decision made meanwhile is never silently undone.
 */
export interface JudgedComment {
  standing: CommentVerdict | null;
  basis: CommentBasis | null;
}

/**
 * The content check of a comment others would read, before anything is stored: risky text is
 * refused (422 CONTENT_RISKY); text WeChat could not judge (or could not be asked about) is held.
 * `stored` is the day's comment as read (null: none): the same words already stored keep the
 * standing they have (a retry, or new stars with the same comment): WeChat is not asked again, and
 * a staff decision is not undone. No words: nothing to ask (the stored comment is to go).
 */
export async function judgeComment(
  caller: Caller,
  text: string,
  stored: StoredComment | null,
): Promise<JudgedComment> {
  const basis = stored ? { version: stored.version, state: stored.state } : null;
  if (!text) return { standing: null, basis };
  if (stored && stored.comment === text) {
    const standing: CommentVerdict =
      stored.state === 'held'
        ? { state: 'held', heldBecause: stored.heldBecause ?? 'unreachable' }
        : { state: stored.state };
    return { standing, basis };
  }
  const user = await getUser(caller.userId);
  // Without an openid WeChat cannot be asked: the text waits for a person rather than going out.
  const verdict = user ? await checkPublicText(text, user.openid, 'comment') : 'unreachable';
  if (verdict === 'risky') throw new AppError('CONTENT_RISKY');
  return {
    standing: verdict === 'pass' ? { state: 'public' } : { state: 'held', heldBecause: verdict },
    basis,
  };
}

/** The id of a person's comment on a station on one day: one per rating, found again by a retry. */
export async function commentIdOf(userId: string, stationId: string, date: string): Promise<string> {
  return `cm_${await pseudonym('comment', userId, stationId, date)}`;
}

/** Whether a write as judged takes a held comment out of the review queue (it needs readQueueRelease). */
export const releasesHeld = (judged: JudgedComment): boolean =>
  judged.basis?.state === 'held' && judged.standing?.state !== 'held';

/**
 * The writes that go with one version of the day's rating, in its transaction: the comment as
 * judged, or, when the rating has no words (any more), the removal of the day's comment; and its
 * station's review-queue entry counting it in or out (the rating's transaction checks the station
 * is still in `station.orgPath`, whose queue the entry then takes). `release`: what a held comment
 * going out of the queue is taken out on (readQueueRelease; null when releasesHeld is false).
 */
export function commentWriteFor(
  station: Pick<Station, 'id' | 'name' | 'orgPath'>,
  rating: {
    id: string;
    stars: number;
    tags: StoredComment['tags'];
    comment: string;
    date: string;
    version: number;
  },
  judged: JudgedComment,
  release: QueueRelease | null,
  at: Date,
): TransactItem[] {
  const wasHeld = judged.basis?.state === 'held';
  // Without a read entry the release requires there is none: never a count left one too high.
  const released = releasesHeld(judged)
    ? [releaseFromQueue(station.id, release ?? { entry: null, nextSince: undefined })]
    : [];
  if (!judged.standing) return judged.basis ? [commentDelete(rating.id, judged.basis), ...released] : [];
  const expiresAt = Math.floor(at.getTime() / 1000) + COMMENT_LIFETIME_S;
  const put = commentPut(
    {
      id: rating.id,
      stationId: station.id,
      stationName: station.name,
      stars: rating.stars,
      tags: rating.tags,
      comment: rating.comment,
      date: rating.date,
      ...judged.standing,
      createdAt: at.toISOString(),
      updatedAt: at.toISOString(),
      version: rating.version,
      expiresAt,
    },
    judged.basis,
  );
  if (judged.standing.state === 'held')
    return [put, holdInQueue(station, at.toISOString(), expiresAt, !wasHeld)];
  return [put, ...released];
}

/** The station's newest public comments; an unknown station simply has none. */
export async function listStationComments(stationId: string) {
  return { comments: await listPublicComments(stationId, RECENT_COMMENTS_LIMIT) };
}

/** Held comments of the caller's org subtree (or the asked one, already scope-checked). */
export async function listHeldComments(caller: Caller, query: { org?: string; cursor?: string }) {
  const root = listingRoot(caller, query.org);
  if (!root) return { comments: [] };
  return listHeldCommentsUnderOrg(root, { limit: 30, cursor: query.cursor });
}

/** Reads of comment, station and queue entry when one changed between the reads and the decision. */
const DECIDE_ROUNDS = 3;

/**
 * Staff approve (public) or hide a held comment of a station their org holds NOW (its station is
 * read, consistently: a comment names no org). Only a held comment at the version staff saw is
 * decided: a second decision is 409 INVALID_TRANSITION, and a comment its author rewrote meanwhile
 * is 409 VERSION_CONFLICT with the current version. The decision's transaction checks all it was
 * built on (the comment, the station's org, its queue entry's count); when one changed, every read
 * is made again and the checks run again (a move of the station answers 403 for the old org).
 */
export async function reviewComment(
  caller: Caller,
  id: string,
  body: { decision: 'approve' | 'hide'; version: number },
) {
  const state = body.decision === 'approve' ? ('public' as const) : ('hidden' as const);
  for (let round = 1; ; round += 1) {
    const comment = await getComment(id);
    if (!comment) throw new AppError('COMMENT_NOT_FOUND');
    // The scope and the entry's write depend on these: read as they stand, not from a replica.
    const [station, release] = await Promise.all([
      getStationById(comment.stationId, { consistent: true }),
      comment.state === 'held' ? readQueueRelease(comment.stationId, id) : null,
    ]);
    if (!station) throw new AppError('COMMENT_NOT_FOUND');
    assertInScope(caller, station.orgPath);
    if (comment.state !== 'held' || !release) throw new AppError('INVALID_TRANSITION');
    if (comment.version !== body.version) {
      throw new AppError('VERSION_CONFLICT', { details: { currentVersion: comment.version } });
    }
    const at = now().toISOString();
    const outcome = await decideHeldComment(comment, station.orgPath, release, state, caller.userId, at);
    if (outcome === 'decided') return { id, state, version: comment.version };
    if (round >= DECIDE_ROUNDS) {
      throw new AppError('VERSION_CONFLICT', { details: { currentVersion: comment.version } });
    }
  }
}

/**
 * For a station's move to `orgPath`, in the station's own transaction: its one review-queue entry
 * (read here) goes to the new org's queue. Nothing is written after the station is saved.
 */
export async function heldCommentsFollowing(
  station: Pick<Station, 'id' | 'orgPath'>,
  orgPath: string,
): Promise<TransactItem[]> {
  if (orgPath === station.orgPath) return [];
  return [queueEntryFollowing(station.id, await getQueueEntry(station.id), orgPath)];
}
