import { z } from 'zod';
import { campaignIdSchema } from '../schemas/campaign';
import { orgPathSchema } from '../schemas/org';
import {
  reviewDecisionSchema,
  signupIdSchema,
  signupStatusSchema,
  volunteerSignupDraftSchema,
  volunteerSignupIdSchema,
  volunteerSignupSchema,
  worksiteSignupDraftSchema,
  worksiteSignupIdSchema,
  worksiteSignupSchema,
} from '../schemas/signup';
import { safeText } from '../schemas/text';
import { requestIdSchema } from '../schemas/writes';
import { signedIn, staffOnly } from './access';
import { anySignedIn, staffOverRecord } from './authz';
import { defineContract } from './define';
import { cursorSchema } from './query';

const withRequestId = { requestId: requestIdSchema };
const campaignParams = z.object({ id: campaignIdSchema });

export const submitWorksiteSignup = defineContract({
  name: 'submitWorksiteSignup',
  summary: '工地/站点报名接受“三送”（扫码或从活动进入），重试返回第一次的结果',
  method: 'POST',
  path: '/worksite-signups',
  access: signedIn,
  authz: anySignedIn,
  body: z.object({ ...withRequestId, signup: worksiteSignupDraftSchema }),
  output: worksiteSignupSchema,
  successStatus: 201,
  errors: ['CAMPAIGN_NOT_FOUND', 'SIGNUP_CLOSED', 'ORG_NOT_FOUND', 'SIGNUP_NOT_FOUND', 'RATE_LIMITED'],
});

export const listMyWorksiteSignups = defineContract({
  name: 'listMyWorksiteSignups',
  summary: '我提交的工地报名及审核结果（最近的在前；最近一条可作为再次报名的起点）',
  method: 'GET',
  path: '/me/worksite-signups',
  access: signedIn,
  authz: anySignedIn,
  output: z.object({ signups: z.array(worksiteSignupSchema) }),
  errors: [],
});

export const submitVolunteerSignup = defineContract({
  name: 'submitVolunteerSignup',
  summary: '报名成为某活动的志愿者（每个活动一次）',
  method: 'POST',
  path: '/volunteer-signups',
  access: signedIn,
  // One offer per person and campaign: the campaign's own volunteer offering again is refused.
  authz: { ...anySignedIn, volunteer: 'ALREADY_SIGNED_UP' },
  body: z.object({ ...withRequestId, signup: volunteerSignupDraftSchema }),
  output: volunteerSignupSchema,
  successStatus: 201,
  errors: ['CAMPAIGN_NOT_FOUND', 'SIGNUP_CLOSED', 'ORG_NOT_FOUND', 'ALREADY_SIGNED_UP', 'RATE_LIMITED'],
});

export const listMyVolunteerSignups = defineContract({
  name: 'listMyVolunteerSignups',
  summary: '我的志愿者报名及审核结果',
  method: 'GET',
  path: '/me/volunteer-signups',
  access: signedIn,
  authz: anySignedIn,
  output: z.object({ signups: z.array(volunteerSignupSchema) }),
  errors: [],
});

export const listWorksiteSignups = defineContract({
  name: 'listWorksiteSignups',
  summary: '审核队列：某活动在本级及下级地区的工地报名，按状态筛选',
  method: 'GET',
  path: '/staff/campaigns/{id}/worksite-signups',
  access: staffOnly,
  // A town's staff see their own town's part of a county campaign's queue (its default root).
  authz: { ...staffOverRecord, staffBelow: 'ok' },
  orgScope: { from: 'query', field: 'org' },
  params: campaignParams,
  query: z.object({
    status: signupStatusSchema.default('pending'),
    /** Narrows to a district; defaults to the caller's own node (or the campaign's, if deeper). */
    org: orgPathSchema.optional(),
    cursor: cursorSchema,
  }),
  output: z.object({ signups: z.array(worksiteSignupSchema), nextCursor: z.string().nullable() }),
  errors: ['CAMPAIGN_NOT_FOUND', 'OUT_OF_SCOPE', 'BAD_CURSOR'],
});

export const listVolunteerSignups = defineContract({
  name: 'listVolunteerSignups',
  summary: '审核队列：某活动的志愿者报名，按状态筛选',
  method: 'GET',
  path: '/staff/campaigns/{id}/volunteer-signups',
  access: staffOnly,
  // The campaign's one pool of volunteers serves its towns too: their staff see it (phones masked).
  authz: { ...staffOverRecord, staffBelow: 'ok' },
  params: campaignParams,
  query: z.object({ status: signupStatusSchema.default('pending'), cursor: cursorSchema }),
  output: z.object({ signups: z.array(volunteerSignupSchema), nextCursor: z.string().nullable() }),
  errors: ['CAMPAIGN_NOT_FOUND', 'OUT_OF_SCOPE', 'BAD_CURSOR'],
});

export const reviewWorksiteSignup = defineContract({
  name: 'reviewWorksiteSignup',
  summary: '通过或不通过（须填原因）一条工地报名；重试返回同样的结果',
  method: 'POST',
  path: '/staff/worksite-signups/{id}/review',
  access: staffOnly,
  // Narrower than volunteers: a site of 张家港 itself is not its towns' staff's to review.
  authz: staffOverRecord,
  params: z.object({ id: worksiteSignupIdSchema }),
  body: reviewDecisionSchema,
  output: worksiteSignupSchema,
  errors: ['SIGNUP_NOT_FOUND', 'OUT_OF_SCOPE', 'VERSION_CONFLICT', 'INVALID_TRANSITION'],
});

export const reviewVolunteerSignup = defineContract({
  name: 'reviewVolunteerSignup',
  summary: '通过（授予该活动的志愿者身份）或不通过一条志愿者报名',
  method: 'POST',
  path: '/staff/volunteer-signups/{id}/review',
  access: staffOnly,
  // Town staff review the county campaign's one pool of volunteers too (signupCampaign.ts).
  authz: { ...staffOverRecord, staffBelow: 'ok' },
  params: z.object({ id: volunteerSignupIdSchema }),
  body: reviewDecisionSchema,
  output: volunteerSignupSchema,
  errors: ['SIGNUP_NOT_FOUND', 'OUT_OF_SCOPE', 'VERSION_CONFLICT', 'INVALID_TRANSITION'],
});

export const revealSignupPhone = defineContract({
  name: 'revealSignupPhone',
  summary: '查看报名人的完整电话（须说明原因，留审计记录）',
  method: 'POST',
  path: '/staff/signups/{id}/phone',
  access: staffOnly,
  authz: staffOverRecord,
  params: z.object({ id: signupIdSchema }),
  body: z.object({ reason: safeText({ label: '查看原因', min: 2, max: 60 }) }),
  output: z.object({ phone: z.string() }),
  errors: ['SIGNUP_NOT_FOUND', 'OUT_OF_SCOPE'],
});
