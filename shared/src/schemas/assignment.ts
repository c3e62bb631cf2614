import { z } from 'zod';
import { maskedPhoneSchema } from '../domain/idNumber';
import { campaignIdSchema } from './campaign';
import { localDateSchema } from './hours';
import { halfDaySchema, volunteerSignupIdSchema, worksiteSignupIdSchema } from './signup';
import { safeText } from './text';

export const assignmentIdSchema = z.string().regex(/^as_[0-9a-z]{16,40}$/, '任务编号格式不正确');

export const assignmentStatusLabels = {
  assigned: '待确认',
  accepted: '已接受',
  declined: '已婉拒',
  cancelled: '已取消',
} as const;
export type AssignmentStatus = keyof typeof assignmentStatusLabels;
export const assignmentStatuses = Object.keys(assignmentStatusLabels) as [
  AssignmentStatus,
  ...AssignmentStatus[],
];
export const assignmentStatusSchema = z.enum(assignmentStatuses);

/**
 * The volunteer answers an assignment once (accept, or decline with a reason). Staff may hand a
 * declined, waiting or accepted task to someone else (reassign: back to `assigned`, the earlier
 * volunteer kept in the history) or cancel it; a cancelled task is over.
 */
export const assignmentTransitions: Record<AssignmentStatus, readonly AssignmentStatus[]> = {
  assigned: ['accepted', 'declined', 'assigned', 'cancelled'],
  accepted: ['assigned', 'cancelled'],
  declined: ['assigned', 'cancelled'],
  cancelled: [],
};

export const assignmentResponseSchema = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('accept') }),
  z.object({
    decision: z.literal('decline'),
    reason: safeText({ label: '婉拒原因', min: 2, max: 100 }),
  }),
]);
export type AssignmentResponse = z.infer<typeof assignmentResponseSchema>;

/** One earlier holder of the task: who, how it ended for them, and why. */
export const assignmentHistoryEntrySchema = z.object({
  volunteerSignupId: volunteerSignupIdSchema,
  volunteerName: z.string(),
  status: assignmentStatusSchema,
  reason: z.string().optional(),
  at: z.string(),
});
export type AssignmentHistoryEntry = z.infer<typeof assignmentHistoryEntrySchema>;

/** The site as the assigned volunteer needs it on the day (the contact phone stays masked). */
export const assignmentSiteSchema = z.object({
  siteName: z.string(),
  address: z.string(),
  orgName: z.string(),
  location: z.object({ lat: z.number(), lng: z.number() }).optional(),
  contactName: z.string(),
  contactPhoneMasked: maskedPhoneSchema,
  outdoorWorkers: z.number().int(),
  requested: z.array(z.object({ kind: z.string(), items: z.array(z.string()) })),
});

/** One site on one date (and half day) for one volunteer. */
export const assignmentSchema = z.object({
  id: assignmentIdSchema,
  campaignId: campaignIdSchema,
  campaignTitle: z.string(),
  worksiteSignupId: worksiteSignupIdSchema,
  volunteerSignupId: volunteerSignupIdSchema,
  volunteerName: z.string(),
  date: localDateSchema,
  slot: halfDaySchema,
  status: assignmentStatusSchema,
  /** Why the volunteer declined (or staff cancelled). */
  reason: z.string().optional(),
  site: assignmentSiteSchema,
  history: z.array(assignmentHistoryEntrySchema),
  version: z.number().int().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Assignment = z.infer<typeof assignmentSchema>;

/** WeChat subscribe-message templates the app asks consent for, by purpose. */
export const notificationTopicLabels = {
  assignment: '新任务通知',
  reminder: '任务前一天提醒',
  /** A hardship alert given to a staff member (raised, reassigned). */
  alertAssigned: '预警分派通知',
  /** A hardship alert the staff member holds falls due tomorrow (the daily sweep). */
  alertDue: '预警即将到期提醒',
  /** A worker's station suggestion was approved or declined. */
  suggestionOutcome: '驿站建议审核结果',
} as const;
export type NotificationTopic = keyof typeof notificationTopicLabels;
export const notificationTopics = Object.keys(notificationTopicLabels) as [
  NotificationTopic,
  ...NotificationTopic[],
];
export const notificationTopicSchema = z.enum(notificationTopics);
