import { type FeedbackTag, shanghaiDate } from '@ankang/shared';
import {
  type FeedbackWriteOutcome,
  getFeedback,
  insertFeedback,
  replaceFeedback,
  type StoredFeedback,
} from '../db/feedback';
import { getStationById } from '../db/stations';
import type { TransactItem } from '../db/transactions';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import { pseudonym } from '../lib/pseudonym';
import type { Caller } from './caller';
import { dailyQuota, endOfShanghaiDay, rateLimited } from './limits';
import {
  commentIdOf,
  commentWriteFor,
  type JudgedComment,
  judgeComment,
  tidyQueueEntry,
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
 * against the daily quota in its own transaction. Null when the station was closed or moved since
 * `orgPath` was read: the caller reads it again.
 */
async function storeRating(
  fresh: StoredFeedback,
  orgPath: string,
  quotaOwner: string,
  at: Date,
  commentFor: (version: number) => TransactItem[],
): Promise<StoredFeedback | null> {
  const quota = await dailyQuota(quotaOwner, 'rating', at);
  // Three rounds at most: a concurrent change of the same rating is re-read and tried again.
  for (let round = 0; round < 3; round += 1) {
    const inserted = await insertFeedback(fresh, orgPath, quota, commentFor(fresh.version));
    if (inserted === 'written') return fresh;
    if (inserted === 'stationChanged') return null;
    refuseIfOverQuota(inserted);
    if (inserted === 'conflict') continue;
    const existing = await getFeedback(fresh.stationId, fresh.date, fresh.rater);
    if (!existing) continue;
    if (sameRating(existing, fresh)) return existing;
    const next = { ...fresh, createdAt: existing.createdAt, version: existing.version + 1 };
    const replaced = await replaceFeedback(existing, next, orgPath, quota, commentFor(next.version));
    if (replaced === 'written') return next;
    if (replaced === 'stationChanged') return null;
    refuseIfOverQuota(replaced);
  }
  throw new AppError('VERSION_CONFLICT');
}

/** Reads of the station when it moved between a rating's read and its write. */
const STATION_ROUNDS = 3;

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
  const commentId = await commentIdOf(caller.userId, stationId, date);
  let judged: JudgedComment = { standing: null, basis: null };
  let stored: StoredFeedback | null = null;
  for (let round = 0; !stored; round += 1) {
    const station = await getStationById(stationId);
    if (!station || station.status.state === 'closed') throw new AppError('STATION_NOT_FOUND');
    if (round >= STATION_ROUNDS) throw new AppError('VERSION_CONFLICT');
    // Words others will read are checked before anything is stored: risky ones are refused here.
    if (round === 0) judged = await judgeComment(caller, commentId, body.comment);
    const commentFor = (version: number) =>
      commentWriteFor(station, { id: commentId, ...body, tags, date, version }, judged, at);
    stored = await storeRating(
      {
        stationId,
        date,
        rater: await pseudonym('rating', caller.userId, stationId, date),
        stars: body.stars,
        tags,
        comment: body.comment,
        createdAt: at.toISOString(),
        updatedAt: at.toISOString(),
        version: 1,
        expiresAt: endOfShanghaiDay(date, 1),
      },
      station.orgPath,
      caller.userId,
      at,
      commentFor,
    );
  }

  if (judged.basis?.state === 'held' && judged.standing?.state !== 'held') await tidyQueueEntry(stationId);
  const rated = await getStationById(stationId);
  return {
    feedback: {
      stationId,
      date,
      stars: stored.stars,
      tags: stored.tags,
      comment: stored.comment,
      createdAt: stored.createdAt,
    },
    rating: { average: rated?.rating.average ?? 0, count: rated?.rating.count ?? 0 },
    commentState: judged.standing?.state ?? ('none' as const),
  };
}
