import { z } from 'zod';
import {
  assignmentIdSchema,
  assignmentResponseSchema,
  assignmentSchema,
  notificationTopicSchema,
} from '../schemas/assignment';
import { campaignIdSchema } from '../schemas/campaign';
import { localDateSchema } from '../schemas/hours';
import { halfDaySchema, volunteerSignupIdSchema, worksiteSignupIdSchema } from '../schemas/signup';
import { safeText } from '../schemas/text';
import { requestIdSchema } from '../schemas/writes';
import { signedIn, staffOnly, versionField } from './access';
import { anySignedIn, staffOverRecord } from './authz';
import { defineContract } from './define';
import { cursorSchema } from './query';

const assignmentParams = z.object({ id: assignmentIdSchema });

export const createAssignment = defineContract({
  name: 'createAssignment',
  summary:
    '把一个已通过的工地在某日某半天分配给一名已通过的志愿者（同一工地同一时段只有一个任务；重试返回同一任务）',
  method: 'POST',
  path: '/staff/assignments',
  access: staffOnly,
  authz: staffOverRecord,
  body: z.object({
    worksiteSignupId: worksiteSignupIdSchema,
    volunteerSignupId: volunteerSignupIdSchema,
    date: localDateSchema,
    slot: halfDaySchema,
  }),
  output: assignmentSchema,
  successStatus: 201,
  errors: [
    'SIGNUP_NOT_FOUND',
    'CAMPAIGN_NOT_FOUND',
    'OUT_OF_SCOPE',
    'NOT_APPROVED',
    'ALREADY_ASSIGNED',
    'VOLUNTEER_UNAVAILABLE',
    'INVALID_TRANSITION',
  ],
});

export const reassignAssignment = defineContract({
  name: 'reassignAssignment',
  summary: '改派给另一名志愿者（原志愿者记入历史）',
  method: 'POST',
  path: '/staff/assignments/{id}/reassign',
  access: staffOnly,
  authz: staffOverRecord,
  params: assignmentParams,
  body: z.object({ ...versionField, volunteerSignupId: volunteerSignupIdSchema }),
  output: assignmentSchema,
  errors: [
    'ASSIGNMENT_NOT_FOUND',
    'SIGNUP_NOT_FOUND',
    'OUT_OF_SCOPE',
    'NOT_APPROVED',
    'VOLUNTEER_UNAVAILABLE',
    'VERSION_CONFLICT',
    'INVALID_TRANSITION',
  ],
});

export const cancelAssignment = defineContract({
  name: 'cancelAssignment',
  summary: '取消任务（须填原因）',
  method: 'POST',
  path: '/staff/assignments/{id}/cancel',
  access: staffOnly,
  authz: staffOverRecord,
  params: assignmentParams,
  body: z.object({ ...versionField, reason: safeText({ label: '取消原因', min: 2, max: 100 }) }),
  output: assignmentSchema,
  errors: ['ASSIGNMENT_NOT_FOUND', 'OUT_OF_SCOPE', 'VERSION_CONFLICT', 'INVALID_TRANSITION'],
});

export const listAssignments = defineContract({
  name: 'listAssignments',
  summary: '分配看板：某活动某一天的任务',
  method: 'GET',
  path: '/staff/campaigns/{id}/assignments',
  access: staffOnly,
  // A town's staff see the board narrowed to their town's sites (assignmentLists.ts boardDistrict).
  authz: { ...staffOverRecord, staffBelow: 'ok' },
  params: z.object({ id: campaignIdSchema }),
  query: z.object({ date: localDateSchema, cursor: cursorSchema }),
  output: z.object({ assignments: z.array(assignmentSchema), nextCursor: z.string().nullable() }),
  errors: ['CAMPAIGN_NOT_FOUND', 'OUT_OF_SCOPE', 'BAD_CURSOR'],
});

export const listMyAssignments = defineContract({
  name: 'listMyAssignments',
  summary: '我的任务（志愿者）：待确认和已接受的在前，按日期',
  method: 'GET',
  path: '/me/assignments',
  access: signedIn,
  authz: anySignedIn,
  output: z.object({ assignments: z.array(assignmentSchema) }),
  errors: [],
});

export const respondToAssignment = defineContract({
  name: 'respondToAssignment',
  summary: '志愿者接受或婉拒（须填原因）任务；重试返回同样的结果',
  method: 'POST',
  path: '/assignments/{id}/response',
  access: signedIn,
  // Only the volunteer holding the task answers it; nobody answers for them (staff and admins
  // included), and to anyone else the task does not exist: 404, not 403.
  authz: {
    ...anySignedIn,
    worker: 'ASSIGNMENT_NOT_FOUND',
    otherVolunteer: 'ASSIGNMENT_NOT_FOUND',
    staffInScope: 'ASSIGNMENT_NOT_FOUND',
    staffAbove: 'ASSIGNMENT_NOT_FOUND',
    staffBelow: 'ASSIGNMENT_NOT_FOUND',
    staffBeside: 'ASSIGNMENT_NOT_FOUND',
    admin: 'ASSIGNMENT_NOT_FOUND',
  },
  params: assignmentParams,
  body: z.object({ ...versionField, response: assignmentResponseSchema }),
  output: assignmentSchema,
  errors: ['ASSIGNMENT_NOT_FOUND', 'VERSION_CONFLICT', 'INVALID_TRANSITION'],
});

const subscriptionSchema = z.object({
  topic: notificationTopicSchema,
  /** The WeChat template id to pass to wx.requestSubscribeMessage; null when not configured. */
  templateId: z.string().nullable(),
  /** One-time consents not yet used: each lets the server send one message. */
  remaining: z.number().int().min(0),
});

export const getSubscriptions = defineContract({
  name: 'getSubscriptions',
  summary: '订阅消息：模板与尚可发送的次数',
  method: 'GET',
  path: '/me/subscriptions',
  access: signedIn,
  authz: anySignedIn,
  output: z.object({ subscriptions: z.array(subscriptionSchema) }),
  errors: [],
});

export const recordSubscriptions = defineContract({
  name: 'recordSubscriptions',
  summary: '记录 wx.requestSubscribeMessage 的结果（同意一次，可收一条）',
  method: 'POST',
  path: '/me/subscriptions',
  access: signedIn,
  authz: anySignedIn,
  body: z.object({
    /** Client-made, once per consent dialog: a retry does not count the consent twice. */
    requestId: requestIdSchema,
    results: z
      .array(
        z.object({ topic: notificationTopicSchema, result: z.enum(['accept', 'reject', 'ban', 'filter']) }),
      )
      .min(1)
      .max(2),
  }),
  output: z.object({ subscriptions: z.array(subscriptionSchema) }),
  errors: [],
});
