import { commentIdSchema, commentStateSchema, feedbackTagSchema } from '@ankang/shared';
import { z } from 'zod';
import { stationCommentKeys } from './keys';

/**
 * A rating's comment as stored, apart from the day's rating (which expires the next day): it names
 * no user (its id is a keyed pseudonym of user, station and day) and carries the station's name
 * and org for the staff queue. `version` is the rating's version it was written with.
 */
export const storedCommentSchema = z.object({
  id: commentIdSchema,
  stationId: z.string(),
  stationName: z.string(),
  orgPath: z.string(),
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
      ? {
          ...stationCommentKeys.held(comment.orgPath, comment.createdAt, comment.id),
          ...stationCommentKeys.heldByStation(comment.stationId, comment.createdAt, comment.id),
        }
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
