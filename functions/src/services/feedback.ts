import { type FeedbackTag, shanghaiDate } from '@ankang/shared';
import {
  type FeedbackWriteOutcome,
  getFeedback,
  insertFeedback,
  replaceFeedback,
  type StoredFeedback,
} from '../db/feedback';
import { readQueueRelease } from '../db/heldCommentQueue';
import { getComment } from '../db/stationComments';
import { getStationById } from '../db/stations';
import type { TransactItem } from '../db/transactions';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import { countBusiness } from '../lib/metrics';
import { pseudonym } from '../lib/pseudonym';
import type { Caller } from './caller';
import { dailyQuota, endOfShanghaiDay, rateLimited } from './limits';
import {
  commentIdOf,
  commentWriteFor,
  type JudgedComment,
  judgeComment,
  releasesHeld,
} from './stationComments';

function sameRating(a: StoredFeedback, b: { stars: number; tags: FeedbackTag[]; comment: string }): boolean {
  return (
    a.stars === b.stars && a.comment === b.comment && [...a.tags].sort().join() === [...b.tags].sort().join()
  );
}

/** The refusal a rating write can end in; `written`, `stale`, `conflict` and `stationChanged` are the caller's. */
function refuseIfOverQuota(outcome: FeedbackWriteOutcome): void {
  if (outcome === 'overQuota') throw rateLimited('rating');
}

/**
 * The user's rating of the station today, stored once: the first is inserted; a retry of the same
 * rating changes nothing; a changed rating the same day replaces the earlier one. Each write counts
 * against the daily quota in its own transaction. `commentFor` builds the comment's writes for the
 * rating's version from fresh reads, each time a write is tried (`replacing`: a rating of today
 * exists, so may a comment). When the station was closed or moved, or the day's comment (or its
 * station's queue entry) changed, since they were read, the caller reads them again.
 */
async function storeRating(
  fresh: StoredFeedback,
  orgPath: string,
  quotaOwner: string,
  at: Date,
  commentFor: (version: number, replacing: boolean) => Promise<TransactItem[]>,
): Promise<StoredFeedback | 'stationChanged' | 'commentChanged'> {
  const quota = await dailyQuota(quotaOwner, 'rating', at);
  // Three rounds at most: a concurrent change of the same rating is re-read and tried again.
  for (let round = 0; round < 3; round += 1) {
    const inserted = await insertFeedback(fresh, orgPath, quota, await commentFor(fresh.version, false));
    if (inserted === 'written') {
      // A new rating of the day; a changed one (below) counts nothing, it is the same rating.
      countBusiness('stationRated');
      return fresh;
    }
    if (inserted === 'stationChanged' || inserted === 'commentChanged') return inserted;
    refuseIfOverQuota(inserted);
    if (inserted === 'conflict') continue;
    const existing = await getFeedback(fresh.stationId, fresh.date, fresh.rater);
    if (!existing) continue;
    if (sameRating(existing, fresh)) return existing;
    const next = { ...fresh, createdAt: existing.createdAt, version: existing.version + 1 };
    const comment = await commentFor(next.version, true);
    const replaced = await replaceFeedback(existing, next, orgPath, quota, comment);
    if (replaced === 'written') return next;
    if (replaced === 'stationChanged' || replaced === 'commentChanged') return replaced;
    refuseIfOverQuota(replaced);
  }
  throw new AppError('VERSION_CONFLICT');
}

/** Reads of the station and the day's comment when either changed between a rating's read and its write. */
const RATE_ROUNDS = 3;

/**
 * One rating per user per station per (Shanghai) day, so the summary counts each person once. The
 * stored rating names no user and expires the day after; the station's counters keep the result.
 * A closed station takes no ratings.
 */
export async function rateStation(
  caller: Caller,
  stationId: string,
  body: { stars: number; tags: FeedbackTag[]; comment: string },
) {
  const at = now();
  const date = shanghaiDate(at);
  const tags = [...new Set(body.tags)];
  const [commentId, rater] = await Promise.all([
    commentIdOf(caller.userId, stationId, date),
    pseudonym('rating', caller.userId, stationId, date),
  ]);
  const fresh: StoredFeedback = {
    stationId,
    date,
    rater,
    stars: body.stars,
    tags,
    comment: body.comment,
    createdAt: at.toISOString(),
    updatedAt: at.toISOString(),
    version: 1,
    expiresAt: endOfShanghaiDay(date, 1),
  };
  // Words are judged against the day's comment as read (undefined: to read and judge again).
  let words: JudgedComment | undefined;
  let judged: JudgedComment = { standing: null, basis: null };
  for (let round = 0; ; round += 1) {
    // Words need the day's comment before anything (the same words are not asked about again); a
    // wordless rating only when it replaces one (there is none before the day's first rating). A
    // round after a change reads the station as it stands.
    const [station, stored] = await Promise.all([
      getStationById(stationId, { consistent: round > 0 }),
      body.comment && !words ? getComment(commentId) : null,
    ]);
    if (!station || station.status.state === 'closed') throw new AppError('STATION_NOT_FOUND');
    if (round >= RATE_ROUNDS) throw new AppError('VERSION_CONFLICT');
    // Words others will read are checked before anything is stored: risky ones are refused here.
    if (body.comment && !words) words = await judgeComment(caller, body.comment, stored);
    const commentFor = async (version: number, replacing: boolean) => {
      const none: JudgedComment = { standing: null, basis: null };
      judged = words ?? (replacing ? await judgeComment(caller, '', await getComment(commentId)) : none);
      // A held comment going out of the queue counts out of its station's entry as it stands now.
      const release = releasesHeld(judged) ? await readQueueRelease(stationId, commentId) : null;
      return commentWriteFor(station, { id: commentId, ...body, tags, date, version }, judged, release, at);
    };
    const outcome = await storeRating(fresh, station.orgPath, caller.userId, at, commentFor);
    if (outcome === 'commentChanged') words = undefined;
    if (typeof outcome === 'string') continue;

    const rated = await getStationById(stationId);
    return {
      feedback: {
        stationId,
        date,
        stars: outcome.stars,
        tags: outcome.tags,
        comment: outcome.comment,
        createdAt: outcome.createdAt,
      },
      rating: { average: rated?.rating.average ?? 0, count: rated?.rating.count ?? 0 },
      commentState: judged.standing?.state ?? ('none' as const),
    };
  }
}
