import { z } from 'zod';
import { campaignIdSchema, catalogCodeSchema } from './campaign';
import { localDateSchema } from './hours';
import { orgPathSchema } from './org';
import { photoIdSchema, photoViewSchema } from './photo';
import { volunteerSignupIdSchema, worksiteSignupIdSchema } from './signup';
import { gcjPointSchema } from './station';
import { safeText } from './text';
import { expectedVersionSchema } from './writes';

/** Client-made (a UUID v4 without dashes), so every retry of a record carries the same id. */
export const deliveryIdSchema = z.string().regex(/^dl_[0-9a-z]{16,40}$/, '记录编号格式不正确');

const assignmentRefSchema = z.string().regex(/^as_[0-9a-z]{16,40}$/, '任务编号格式不正确');

/**
 * Where the delivery happened: a task the caller holds (the site, org and position come from its
 * worksite), or a site met in the field, inside one of the volunteer's districts.
 */
export const deliverySiteDraftSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('assigned'), assignmentId: assignmentRefSchema }),
  z.object({
    type: z.literal('adHoc'),
    name: safeText({ label: '地点名称', min: 2, max: 40 }),
    address: safeText({ label: '地址', min: 2, max: 120 }),
    orgPath: orgPathSchema,
  }),
]);
export type DeliverySiteDraft = z.infer<typeof deliverySiteDraftSchema>;

/** One catalog item handed out, by the kind's item code. */
export const deliveryItemDraftSchema = z.object({
  code: catalogCodeSchema,
  quantity: z.number().int('数量须为整数').min(1, '数量至少为 1').max(100_000, '数量不能超过 100000'),
});

/** A GPS fix as `wx.getLocation({ type: 'gcj02' })` gives it; accuracy in metres. */
export const deliveryPositionSchema = gcjPointSchema.extend({
  accuracy: z.number().min(0).max(100_000),
});
export type DeliveryPosition = z.infer<typeof deliveryPositionSchema>;

function uniqueBy<T>(key: (entry: T) => string, message: (value: string) => string) {
  return (list: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    list.forEach((entry, index) => {
      const value = key(entry);
      if (seen.has(value)) {
        ctx.addIssue({ code: 'custom', message: message(value), path: [index], input: entry });
      }
      seen.add(value);
    });
  };
}

/**
 * The fields a volunteer may change on their record (kind, items, people, photos, position, time,
 * notes); the campaign and the site are fixed once the record exists. Whether the kind and items
 * are in the campaign's catalog and the time inside its season is checked by the service.
 */
export const deliveryEditFields = {
  kind: catalogCodeSchema,
  items: z
    .array(deliveryItemDraftSchema)
    .min(1, '请至少填写一项物资')
    .max(20, '最多 20 项物资')
    .superRefine(
      uniqueBy(
        (item) => item.code,
        (code) => `物资“${code}”重复`,
      ),
    ),
  peopleReached: z.number().int('人次须为整数').min(0, '人次不能为负数').max(100_000, '人次不能超过 100000'),
  photoIds: z
    .array(photoIdSchema)
    .max(3, '最多 3 张照片')
    .superRefine(
      uniqueBy(
        (id) => id,
        () => '照片重复',
      ),
    )
    .default([]),
  position: deliveryPositionSchema.optional(),
  deliveredAt: z.iso.datetime({ offset: true, message: '时间格式不正确' }),
  notes: safeText({ label: '备注', max: 200, multiline: true }).optional(),
};

/** A delivery as the volunteer records it. */
export const deliveryDraftSchema = z.object({
  campaignId: campaignIdSchema,
  site: deliverySiteDraftSchema,
  ...deliveryEditFields,
});
export type DeliveryDraft = z.infer<typeof deliveryDraftSchema>;
export type DeliveryDraftInput = z.input<typeof deliveryDraftSchema>;

/** An edit (after 有问题, or before review): the draft without campaign and site, plus the version. */
export const deliveryEditSchema = z.object({ version: expectedVersionSchema, ...deliveryEditFields });
export type DeliveryEdit = z.infer<typeof deliveryEditSchema>;
export type DeliveryEditInput = z.input<typeof deliveryEditSchema>;

export const deliveryReviewStatusLabels = {
  pending: '待审核',
  approved: '已通过',
  needsChanges: '有问题',
  rejected: '未通过',
} as const;
export type DeliveryReviewStatus = keyof typeof deliveryReviewStatusLabels;
export const deliveryReviewStatuses = Object.keys(deliveryReviewStatusLabels) as [
  DeliveryReviewStatus,
  ...DeliveryReviewStatus[],
];
export const deliveryReviewStatusSchema = z.enum(deliveryReviewStatuses);

/**
 * Staff decide on a pending record; 有问题 goes back to the volunteer, whose edit makes it pending
 * again (or staff decide on it as it is). Approved and rejected are final: an edit then is 409
 * DELIVERY_LOCKED.
 */
export const deliveryReviewTransitions: Record<DeliveryReviewStatus, readonly DeliveryReviewStatus[]> = {
  pending: ['approved', 'needsChanges', 'rejected'],
  needsChanges: ['pending', 'approved', 'rejected'],
  approved: [],
  rejected: [],
};

/** The statuses in which the volunteer may still edit the record. */
export const editableDeliveryStatuses: readonly DeliveryReviewStatus[] = ['pending', 'needsChanges'];

export const deliveryDecisionLabels = {
  approve: '通过',
  needsChanges: '有问题',
  reject: '不通过',
} as const;
export type DeliveryDecision = keyof typeof deliveryDecisionLabels;

/** Where each decision takes the record. */
export const deliveryDecisionStatus: Record<DeliveryDecision, DeliveryReviewStatus> = {
  approve: 'approved',
  needsChanges: 'needsChanges',
  reject: 'rejected',
};

const reviewComment = safeText({ label: '审核意见', min: 2, max: 200, multiline: true });

/** A staff decision; 有问题 and 不通过 carry a comment the volunteer reads. */
export const deliveryReviewSchema = z.discriminatedUnion('decision', [
  z.object({
    decision: z.literal('approve'),
    version: expectedVersionSchema,
    comment: reviewComment.optional(),
  }),
  z.object({ decision: z.literal('needsChanges'), version: expectedVersionSchema, comment: reviewComment }),
  z.object({ decision: z.literal('reject'), version: expectedVersionSchema, comment: reviewComment }),
]);
export type DeliveryReview = z.infer<typeof deliveryReviewSchema>;

/** Marks staff see beside a record: a position that cannot vouch for it, or a hand-out over the allowance. */
export const deliveryFlagLabels = {
  lowAccuracy: '定位精度差（超过 100 米）',
  farFromSite: '距工地超过 1 公里',
  noPosition: '无定位',
  overAllowance: '超出当日额度',
} as const;
export type DeliveryFlag = keyof typeof deliveryFlagLabels;
export const deliveryFlags = Object.keys(deliveryFlagLabels) as [DeliveryFlag, ...DeliveryFlag[]];
export const deliveryFlagSchema = z.enum(deliveryFlags);

/** One line of a stored record: the catalog's name, unit and unit cost as they were when written. */
export const deliveryItemSchema = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  quantity: z.number().int(),
  unitCostFen: z.number().int().optional(),
  moneyFen: z.number().int(),
});
export type DeliveryItem = z.infer<typeof deliveryItemSchema>;

/** The stored review state: the latest decision's comment stays after an edit, so staff see what was asked. */
export const deliveryReviewStateSchema = z.object({
  status: deliveryReviewStatusSchema,
  comment: z.string().optional(),
  reviewerName: z.string().optional(),
  at: z.string().optional(),
});

/** A stored delivery as the volunteer and staff see it (the user id is never shown). */
export const deliverySchema = z.object({
  id: deliveryIdSchema,
  campaignId: campaignIdSchema,
  volunteerSignupId: volunteerSignupIdSchema,
  volunteerName: z.string(),
  site: z.discriminatedUnion('type', [
    z.object({
      type: z.literal('assigned'),
      assignmentId: assignmentRefSchema,
      worksiteSignupId: worksiteSignupIdSchema,
    }),
    z.object({ type: z.literal('adHoc') }),
  ]),
  orgPath: orgPathSchema,
  orgName: z.string(),
  siteName: z.string(),
  siteAddress: z.string(),
  siteLocation: z.object({ lat: z.number(), lng: z.number() }).optional(),
  kind: z.string(),
  kindName: z.string(),
  items: z.array(deliveryItemSchema),
  peopleReached: z.number().int(),
  photoIds: z.array(z.string()),
  photos: z.array(photoViewSchema),
  position: deliveryPositionSchema.optional(),
  deliveredAt: z.string(),
  /** The Shanghai date of deliveredAt: the day it counts on. */
  date: localDateSchema,
  notes: z.string().optional(),
  flags: z.array(deliveryFlagSchema),
  moneyFen: z.number().int(),
  review: deliveryReviewStateSchema,
  version: z.number().int().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Delivery = z.infer<typeof deliverySchema>;

const countsShape = {
  deliveries: z.number().int(),
  handouts: z.number().int(),
  people: z.number().int(),
};

/** A campaign's figures for one org subtree, read from the counters kept with every write. */
export const deliveryDashboardSchema = z.object({
  campaignId: campaignIdSchema,
  orgPath: orgPathSchema,
  orgName: z.string(),
  generatedAt: z.string(),
  totals: z.object({ ...countsShape, moneyFen: z.number().int() }),
  byStatus: z.object({
    pending: z.number().int(),
    approved: z.number().int(),
    needsChanges: z.number().int(),
    rejected: z.number().int(),
  }),
  byDay: z.array(z.object({ date: localDateSchema, ...countsShape })),
  byKind: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      deliveries: z.number().int(),
      people: z.number().int(),
      moneyFen: z.number().int(),
    }),
  ),
  byItem: z.array(
    z.object({
      kind: z.string(),
      code: z.string(),
      name: z.string(),
      unit: z.string(),
      quantity: z.number().int(),
      moneyFen: z.number().int(),
    }),
  ),
  byOrg: z.array(
    z.object({ orgPath: orgPathSchema, orgName: z.string(), ...countsShape, moneyFen: z.number().int() }),
  ),
  coverage: z.object({
    approvedSites: z.number().int(),
    coveredSites: z.number().int(),
    uncovered: z.array(
      z.object({ worksiteSignupId: worksiteSignupIdSchema, siteName: z.string(), orgName: z.string() }),
    ),
    uncoveredMore: z.boolean(),
  }),
  topVolunteers: z.array(
    z.object({
      volunteerSignupId: volunteerSignupIdSchema,
      name: z.string(),
      deliveries: z.number().int(),
      people: z.number().int(),
    }),
  ),
});
export type DeliveryDashboard = z.infer<typeof deliveryDashboardSchema>;
