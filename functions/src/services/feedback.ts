import { type FeedbackTag, shanghaiDate } from '@ankang/shared';
import { getFeedback, insertFeedback, replaceFeedback, type StoredFeedback } from '../db/feedback';
import { getStationById } from '../db/stations';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import type { Caller } from './caller';

function sameRating(a: StoredFeedback, b: { stars: number; tags: FeedbackTag[]; comment: string }): boolean {
  return (
    a.stars === b.stars && a.comment === b.comment && [...a.tags].sort().join() === [...b.tags].sort().join()
  );
}

/**
 * One rating per user per station per (Shanghai) day. A retry of the same rating changes nothing;
 * a changed rating the same day replaces the earlier one, so the summary counts each person once.
 */
export async function rateStation(
  caller: Caller,
  stationId: string,
  body: { stars: number; tags: FeedbackTag[]; comment: string },
) {
  if (!(await getStationById(stationId))) throw new AppError('STATION_NOT_FOUND');
  const at = now();
  const date = shanghaiDate(at);
  const fresh: StoredFeedback = {
    stationId,
    date,
    userId: caller.userId,
    stars: body.stars,
    tags: [...new Set(body.tags)],
    comment: body.comment,
    createdAt: at.toISOString(),
    version: 1,
  };

  let stored = fresh;
  // Two rounds at most: a concurrent change of the same rating is re-read once.
  for (let round = 0; round < 2; round += 1) {
    if (await insertFeedback(fresh)) break;
    const existing = await getFeedback(stationId, date, caller.userId);
    if (!existing) continue;
    if (sameRating(existing, fresh)) {
      stored = existing;
      break;
    }
    const next = { ...fresh, createdAt: existing.createdAt, version: existing.version + 1 };
    if (await replaceFeedback(existing, next)) {
      stored = next;
      break;
    }
  }

  const station = await getStationById(stationId);
  return {
    feedback: {
      stationId,
      date,
      stars: stored.stars,
      tags: stored.tags,
      comment: stored.comment,
      createdAt: stored.createdAt,
    },
    rating: { average: station?.rating.average ?? 0, count: station?.rating.count ?? 0 },
  };
}
