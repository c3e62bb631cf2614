import { commentIdSchema, commentStateSchema, feedbackTagSchema } from '@ankang/shared';
import { z } from 'zod';
import { stationCommentKeys } from './keys';

/**
 * A rating's comment as stored, apart from the day's rating (which expires the next day): it names
 * no user (its id is a keyed pseudonym of user, station and day) and carries the station's name for
 * the staff queue, but not its org: the station's queue entry holds that (db/heldCommentQueue.ts).
 * `version` is the rating's version it was written with.
 */
export const storedCommentSchema = z.object({
  id: commentIdSchema,
  stationId: z.string(),
  stationName: z.string(),
  stars: z.number().int(),
  tags: z.array(feedbackTagSchema),
  comment: z.string(),
  date: z.string(),
  state: commentStateSchema,
  heldBecause: z.enum(['review', 'unreachable']).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  reviewedBy: z.string().optional(),
  expiresAt: z.number().int(),
});
export type StoredComment = z.infer<typeof storedCommentSchema>;

/** The whole item of a comment, its index keys following its state (the seed writes it too). */
export function commentToItem(comment: StoredComment) {
  return {
    ...stationCommentKeys.comment(comment.id),
    ...(comment.state === 'public'
      ? stationCommentKeys.publicByStation(comment.stationId, comment.createdAt, comment.id)
      : {}),
    ...(comment.state === 'held'
      ? stationCommentKeys.heldByStation(comment.stationId, comment.createdAt, comment.id)
      : {}),
    type: 'StationComment',
    ...comment,
  };
}

/** The stored comment a new write of it was decided against: its version and state then. */
export interface CommentBasis {
  version: number;
  state: StoredComment['state'];
}

/**
 * A station's entry in the held-comment review queue (db/heldCommentQueue.ts): its org now, when
 * its oldest waiting comment was held (its place in the queue), and how many of its comments are held.
 */
export const heldQueueEntrySchema = z.object({
  stationId: z.string(),
  orgPath: z.string(),
  heldSince: z.string(),
  heldCount: z.number().int(),
});
export type HeldQueueEntry = z.infer<typeof heldQueueEntrySchema>;

/**
 * What a hold sets on its station's entry (its count apart): the one definition of the entry,
 * which holdInQueue writes (keeping `heldSince` and the sort keys once made) and the seed puts.
 * Queue levels the org lacks are null (removed).
 */
export function heldQueueEntryFields(
  station: { id: string; orgPath: string },
  heldSince: string,
  expiresAt: number,
) {
  return {
    type: 'HeldCommentQueueEntry',
    stationId: station.id,
    orgPath: station.orgPath,
    heldSince,
    expiresAt,
    ...stationCommentKeys.heldQueue(station.orgPath, heldSince, station.id),
  };
}

/** The whole item of an entry counting `heldCount` held comments (the seed writes it). */
export function heldQueueEntryItem(
  station: { id: string; orgPath: string },
  heldSince: string,
  expiresAt: number,
  heldCount: number,
) {
  const fields = Object.entries(heldQueueEntryFields(station, heldSince, expiresAt));
  return {
    ...stationCommentKeys.heldQueueEntry(station.id),
    ...Object.fromEntries(fields.filter(([, value]) => value !== null)),
    heldCount,
  };
}
