import { RECENT_COMMENTS_LIMIT, type Station } from '@ankang/shared';
import type { CommentBasis, StoredComment } from '../db/stationCommentItems';
import {
  commentDelete,
  commentPut,
  decideHeldComment,
  getComment,
  listHeldCommentsOfStation,
  listHeldCommentsUnderOrg,
  listPublicComments,
  moveHeldComment,
} from '../db/stationComments';
import type { TransactItem } from '../db/transactions';
import { getUser } from '../db/users';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import { logger } from '../lib/logger';
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
 * A verdict and the stored comment it was made against (its version and state; null: none), which
 * the write then requires, so a staff decision made meanwhile is never silently undone.
 */
export interface JudgedComment {
  standing: CommentVerdict;
  basis: CommentBasis | null;
}

/**
 * The content check of a comment others would read, before anything is stored: risky text is
 * refused (422 CONTENT_RISKY); text WeChat could not judge (or could not be asked about) is held.
 * The same words already stored today keep the standing they have (a retry, or new stars with the
 * same comment): WeChat is not asked again, and a staff decision is not undone.
 */
export async function judgeComment(caller: Caller, id: string, text: string): Promise<JudgedComment> {
  const stored = await getComment(id);
  const basis = stored ? { version: stored.version, state: stored.state } : null;
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

/**
 * The write that goes with one version of the day's rating, in its transaction: the comment as
 * judged, or, when the rating has no words (any more), the removal of the day's comment.
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
  judged: JudgedComment | null,
  at: Date,
): TransactItem {
  if (!judged || !rating.comment) return commentDelete(rating.id);
  return commentPut(
    {
      id: rating.id,
      stationId: station.id,
      stationName: station.name,
      orgPath: station.orgPath,
      stars: rating.stars,
      tags: rating.tags,
      comment: rating.comment,
      date: rating.date,
      ...judged.standing,
      createdAt: at.toISOString(),
      updatedAt: at.toISOString(),
      version: rating.version,
      expiresAt: Math.floor(at.getTime() / 1000) + COMMENT_LIFETIME_S,
    },
    judged.basis,
  );
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

/**
 * Staff approve (public) or hide a held comment of their org. Only a held comment at the version
 * staff saw is decided: a second decision is 409 INVALID_TRANSITION, and a comment its author
 * rewrote meanwhile is 409 VERSION_CONFLICT with the current version.
 */
export async function reviewComment(
  caller: Caller,
  id: string,
  body: { decision: 'approve' | 'hide'; version: number },
) {
  const comment = await getComment(id);
  if (!comment) throw new AppError('COMMENT_NOT_FOUND');
  assertInScope(caller, comment.orgPath);
  if (comment.state !== 'held') throw new AppError('INVALID_TRANSITION');
  if (comment.version !== body.version) {
    throw new AppError('VERSION_CONFLICT', { details: { currentVersion: comment.version } });
  }
  const state = body.decision === 'approve' ? ('public' as const) : ('hidden' as const);
  if (!(await decideHeldComment(comment, state, caller.userId, now().toISOString()))) {
    const current = await getComment(id);
    if (!current) throw new AppError('COMMENT_NOT_FOUND');
    if (current.state !== 'held') throw new AppError('INVALID_TRANSITION');
    throw new AppError('VERSION_CONFLICT', { details: { currentVersion: current.version } });
  }
  return { id, state, version: comment.version };
}

/** Held comments a move takes along per page, and the most pages: a constant bound per move. */
const MOVE_PAGE = 25;
const MOVE_PAGES = 8;

/**
 * After a station moved to `orgPath`, its held comments go to that org's review queue (the old org
 * can no longer see or decide them). Runs after the station's own transaction, which has no room
 * for them; a rating racing the move cannot add one under the old org afterwards (it checks the
 * station's org in its own transaction). Bounded: past MOVE_PAGES pages the rest is logged.
 */
export async function heldCommentsFollowStation(stationId: string, orgPath: string): Promise<number> {
  let moved = 0;
  let after: Record<string, unknown> | undefined;
  for (let page = 0; page < MOVE_PAGES; page += 1) {
    const held = await listHeldCommentsOfStation(stationId, { limit: MOVE_PAGE, after });
    const stray = held.comments.filter((comment) => comment.state === 'held' && comment.orgPath !== orgPath);
    const outcomes = await Promise.all(stray.map((comment) => moveHeldComment(comment, orgPath)));
    moved += outcomes.filter(Boolean).length;
    after = held.after;
    if (!after) return moved;
  }
  logger.error('held comments left behind by a station move', { stationId, orgPath, moved });
  return moved;
}
