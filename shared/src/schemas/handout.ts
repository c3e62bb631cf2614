import { z } from 'zod';
import { assignmentIdSchema } from './assignment';
import { campaignIdSchema } from './campaign';
import { localDateSchema } from './hours';
import { labelEnum } from './labels';
import { orgPathSchema } from './org';
import { stationIdSchema } from './station';
import { safeText } from './text';
import { expectedVersionSchema } from './writes';

/** Client-made (a UUID v4 without dashes), so a retried or queued hand-out is stored once. */
export const handoutIdSchema = z.string().regex(/^ho_[0-9a-z]{16,40}$/, '发放记录编号格式不正确');

/** A 清凉码 as scanned; its shape and signature are checked by the service (COOLING_CODE_INVALID). */
export const coolingCodeTextSchema = z.string().trim().min(1, '请扫描或粘贴清凉码').max(200, '清凉码过长');

/**
 * Where the hand-out happened: at a task the volunteer holds, at a station (staff of it), or in the
 * field in an org node (a volunteer's district, or inside a staff member's scope).
 */
export const handoutPlaceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('assigned'), assignmentId: assignmentIdSchema }),
  z.object({ type: z.literal('station'), stationId: stationIdSchema }),
  z.object({ type: z.literal('adHoc'), orgPath: orgPathSchema }),
]);
export type HandoutPlace = z.infer<typeof handoutPlaceSchema>;

/**
 * `live`: sent at once while the worker waits (beyond the allowance it is refused). `queued`: scanned
 * offline and sent later (beyond the allowance it is kept, flagged for review).
 */
export const handoutModeSchema = z.enum(['live', 'queued']);
export type HandoutMode = z.infer<typeof handoutModeSchema>;

export const handoutDraftSchema = z.object({
  id: handoutIdSchema,
  campaignId: campaignIdSchema,
  code: coolingCodeTextSchema,
  handedAt: z.iso.datetime({ offset: true, message: '时间格式不正确' }),
  place: handoutPlaceSchema,
  mode: handoutModeSchema,
});
export type HandoutDraft = z.infer<typeof handoutDraftSchema>;
export type HandoutDraftInput = z.input<typeof handoutDraftSchema>;

export const handoutReviewStatusLabels = {
  /** Within the allowance: nothing to review. */
  none: '无需审核',
  pending: '待审核',
  approved: '已确认',
  rejected: '已撤销',
} as const;
export type HandoutReviewStatus = keyof typeof handoutReviewStatusLabels;
export const handoutReviewStatusSchema = labelEnum(handoutReviewStatusLabels);

/** A stored hand-out as the recorder and staff see it (the pseudonym shows only as a short tag). */
export const handoutSchema = z.object({
  id: handoutIdSchema,
  campaignId: campaignIdSchema,
  /** The first 6 characters of the worker's pseudonym: enough to tell two workers apart in a list. */
  workerTag: z.string(),
  kind: z.string(),
  item: z.string(),
  itemName: z.string(),
  unit: z.string(),
  quantity: z.number().int(),
  moneyFen: z.number().int(),
  handedAt: z.string(),
  /** The Shanghai date of handedAt: the day it counts on. */
  date: localDateSchema,
  place: z.discriminatedUnion('type', [
    z.object({ type: z.literal('assigned'), assignmentId: assignmentIdSchema }),
    z.object({ type: z.literal('station'), stationId: stationIdSchema }),
    z.object({ type: z.literal('adHoc') }),
  ]),
  placeName: z.string(),
  orgPath: orgPathSchema,
  recorderName: z.string(),
  mode: handoutModeSchema,
  /** The worker's count that day including this one, when it was stored. */
  countThatDay: z.number().int(),
  flags: z.array(z.literal('overAllowance')),
  review: z.object({
    status: handoutReviewStatusSchema,
    comment: z.string().optional(),
    reviewerName: z.string().optional(),
    at: z.string().optional(),
  }),
  version: z.number().int().min(1),
  createdAt: z.string(),
});
export type Handout = z.infer<typeof handoutSchema>;

/** Staff keep (approve) or undo (reject, taken out of the counts) an over-allowance hand-out. */
export const handoutReviewSchema = z.object({
  version: expectedVersionSchema,
  decision: z.enum(['approve', 'reject']),
  comment: safeText({ label: '审核意见', min: 2, max: 200, multiline: true }).optional(),
});
export type HandoutReview = z.infer<typeof handoutReviewSchema>;

/** A 清凉码 as the worker's page shows it. */
export const coolingCodeViewSchema = z.object({
  code: z.string(),
  /** ISO time the code stops being valid. */
  expiresAt: z.string(),
  /** ISO time the page should fetch a new one (before expiry, so a scan never meets an old code). */
  refreshAt: z.string(),
});
export type CoolingCodeView = z.infer<typeof coolingCodeViewSchema>;

/** The public keys a scanning phone verifies codes with, by key id (base64url Ed25519 keys). */
export const coolingCodeKeysSchema = z.object({
  keys: z.array(z.object({ id: z.string(), publicKey: z.string() })),
});
export type CoolingCodeKeys = z.infer<typeof coolingCodeKeysSchema>;
