import { z } from 'zod';
import { campaignIdSchema } from '../schemas/campaign';
import {
  coolingCodeKeysSchema,
  coolingCodeViewSchema,
  handoutDraftSchema,
  handoutIdSchema,
  handoutReviewSchema,
  handoutSchema,
} from '../schemas/handout';
import { orgPathSchema } from '../schemas/org';
import { signedIn, staffOnly } from './access';
import { anySignedIn, staffOverRecord } from './authz';
import { defineContract } from './define';
import { cursorSchema, queryFlag } from './query';

const handoutPage = z.object({ handouts: z.array(handoutSchema), nextCursor: z.string().nullable() });

export const getCoolingCode = defineContract({
  name: 'getCoolingCode',
  summary: '我的清凉码：10 分钟有效，带签名，只含化名（不含 openid 或手机号）',
  method: 'GET',
  path: '/me/cooling-code',
  access: signedIn,
  authz: anySignedIn,
  output: coolingCodeViewSchema,
  errors: [],
});

export const listCoolingCodeKeys = defineContract({
  name: 'listCoolingCodeKeys',
  summary: '清凉码公钥（扫码的手机缓存后可离线校验）',
  method: 'GET',
  path: '/cooling-code/keys',
  access: signedIn,
  authz: anySignedIn,
  output: coolingCodeKeysSchema,
  errors: [],
});

export const createHandout = defineContract({
  name: 'createHandout',
  summary: '志愿者或驿站工作人员扫清凉码发放一份（每人每天不超过活动额度；编号由手机生成，重试不会重复）',
  method: 'POST',
  path: '/handouts',
  access: signedIn,
  // The campaign's volunteers (in their districts) and staff (in their scope) hand out: a worker or
  // another campaign's volunteer is no volunteer of this one; staff of the town below or the county
  // beside may not record in 张家港 itself.
  authz: {
    ...anySignedIn,
    worker: 'NOT_CAMPAIGN_VOLUNTEER',
    otherVolunteer: 'NOT_CAMPAIGN_VOLUNTEER',
    staffBelow: 'OUT_OF_SCOPE',
    staffBeside: 'OUT_OF_SCOPE',
  },
  body: handoutDraftSchema,
  output: handoutSchema,
  successStatus: 201,
  errors: [
    'CAMPAIGN_NOT_FOUND',
    'NOT_CAMPAIGN_VOLUNTEER',
    'OUT_OF_SCOPE',
    'ASSIGNMENT_NOT_FOUND',
    'STATION_NOT_FOUND',
    'ORG_NOT_FOUND',
    'INVALID_TRANSITION',
    'NO_ALLOWANCE',
    'COOLING_CODE_INVALID',
    'OUTSIDE_SEASON',
    'ALLOWANCE_EXCEEDED',
    'REQUEST_ID_REUSED',
    'VERSION_CONFLICT',
  ],
});

export const listMyHandouts = defineContract({
  name: 'listMyHandouts',
  summary: '我在某活动记录的发放（最新的在前，每页 20 条）',
  method: 'GET',
  path: '/me/handouts',
  access: signedIn,
  authz: anySignedIn,
  query: z.object({ campaignId: campaignIdSchema, cursor: cursorSchema }),
  output: handoutPage,
  errors: ['BAD_CURSOR'],
});

export const listCampaignHandouts = defineContract({
  name: 'listCampaignHandouts',
  summary: '某活动在本级及下级地区的清凉码发放；flagged=true 只看超额待审核的',
  method: 'GET',
  path: '/staff/campaigns/{id}/handouts',
  access: staffOnly,
  authz: staffOverRecord,
  orgScope: { from: 'query', field: 'orgPath' },
  params: z.object({ id: campaignIdSchema }),
  query: z.object({ orgPath: orgPathSchema.optional(), flagged: queryFlag, cursor: cursorSchema }),
  output: handoutPage,
  errors: ['CAMPAIGN_NOT_FOUND', 'BAD_CURSOR'],
});

export const reviewHandout = defineContract({
  name: 'reviewHandout',
  summary: '审核超额发放：确认保留，或撤销（从统计中减去）',
  method: 'POST',
  path: '/staff/handouts/{id}/review',
  access: staffOnly,
  authz: staffOverRecord,
  params: z.object({ id: handoutIdSchema }),
  body: handoutReviewSchema,
  output: handoutSchema,
  errors: ['HANDOUT_NOT_FOUND', 'OUT_OF_SCOPE', 'VERSION_CONFLICT', 'INVALID_TRANSITION'],
});
