import { z } from 'zod';
import { stationIdSchema } from './station';
import { feedbackTagSchema } from './stationViews';

/**
 * Where a rating's comment stands. `public`: WeChat's content check passed (or staff approved it),
 * anyone sees it on the station page. `held`: the check was unreachable or asked for a person's
 * look, so only its author (in the rating answer) and staff see it until staff decide. `hidden`:
 * staff hid it.
 */
export const commentStateSchema = z.enum(['public', 'held', 'hidden']);

/** A comment's id: `cm_` and a keyed pseudonym of (user, station, day), so one per person a day. */
export const commentIdSchema = z.string().regex(/^cm_[0-9a-f]{32}$/, '评论编号格式不正确');

/** A comment as anyone sees it on the station page: no name, no user, only the day it was written. */
export const publicCommentSchema = z.object({
  id: commentIdSchema,
  stars: z.number().int().min(1).max(5),
  tags: z.array(feedbackTagSchema),
  comment: z.string(),
  /** The Shanghai date it was written. */
  date: z.string(),
});
export type PublicComment = z.infer<typeof publicCommentSchema>;

/** A held comment in the staff review queue: which station, what it says, why it waits. */
export const heldCommentSchema = publicCommentSchema.extend({
  stationId: stationIdSchema,
  stationName: z.string(),
  orgPath: z.string(),
  /** Why it was held: WeChat asked for a person's look (`review`) or could not be reached. */
  heldBecause: z.enum(['review', 'unreachable']),
  createdAt: z.string(),
  version: z.number().int(),
});
export type HeldComment = z.infer<typeof heldCommentSchema>;
