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
  /** Written before the queue moved to station entries; read by nothing (the station's org decides). */
  orgPath: z.string().optional(),
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
 * A station's entry in the held-comment review queue: the ids of its held comments and its org
 * now. An entry whose last id left has no `heldIds` (DynamoDB drops an empty set); one made by a
 * release of a comment held before entries existed has only its key.
 */
export const heldQueueEntrySchema = z.object({
  stationId: z.string().optional(),
  orgPath: z.string().optional(),
  heldIds: z.set(z.string()).optional(),
});
export type HeldQueueEntry = z.infer<typeof heldQueueEntrySchema>;

/** The whole item of a station's queue entry, as the rating's write leaves it (the seed writes it too). */
export function heldQueueEntryItem(
  station: { id: string; orgPath: string },
  ids: string[],
  expiresAt: number,
) {
  return {
    ...stationCommentKeys.heldQueueEntry(station.id),
    ...stationCommentKeys.heldQueue(station.orgPath, station.id),
    type: 'HeldCommentQueueEntry',
    stationId: station.id,
    orgPath: station.orgPath,
    heldIds: new Set(ids),
    expiresAt,
  };
}
