import { z } from 'zod';
import {
  campaignDraftSchema,
  campaignIdSchema,
  campaignSchema,
  campaignStatusSchema,
} from '../schemas/campaign';
import { orgPathSchema } from '../schemas/org';
import { requestIdSchema } from '../schemas/writes';
import { signedIn, staffOnly, versionField } from './access';
import { anySignedIn, staffOverRecord } from './authz';
import { defineContract } from './define';

const campaignParams = z.object({ id: campaignIdSchema });

/**
 * A campaign's body: its largest catalog (6 kinds of 50 items) is some 50 KB as UTF-8 and over the
 * default when a client escapes its Chinese (\uXXXX).
 */
const CAMPAIGN_MAX_BODY_BYTES = 128 * 1024;

export const listCampaigns = defineContract({
  name: 'listCampaigns',
  summary: '某地区可见的“三送”活动（本级及上级工会发起的）',
  method: 'GET',
  path: '/campaigns',
  access: signedIn,
  authz: anySignedIn,
  query: z.object({ org: orgPathSchema }),
  output: z.object({ campaigns: z.array(campaignSchema) }),
  errors: ['ORG_NOT_FOUND'],
});

export const getCampaign = defineContract({
  name: 'getCampaign',
  summary: '活动详情（物资目录、日期）',
  method: 'GET',
  path: '/campaigns/{id}',
  access: signedIn,
  authz: anySignedIn,
  params: campaignParams,
  output: campaignSchema,
  errors: ['CAMPAIGN_NOT_FOUND'],
});

export const createCampaign = defineContract({
  name: 'createCampaign',
  summary: '新建活动（草稿），可由往年活动复制',
  method: 'POST',
  path: '/staff/campaigns',
  access: staffOnly,
  authz: staffOverRecord,
  orgScope: { from: 'body', field: 'orgPath' },
  /** `requestId` is made by the client once per new campaign: a retried create returns the first. */
  maxBodyBytes: CAMPAIGN_MAX_BODY_BYTES,
  body: campaignDraftSchema.safeExtend({
    requestId: requestIdSchema,
  }),
  output: campaignSchema,
  successStatus: 201,
  errors: ['OUT_OF_SCOPE', 'ORG_NOT_FOUND'],
});

export const updateCampaign = defineContract({
  name: 'updateCampaign',
  summary: '修改活动（版本号不符时 409；已归档的不能修改）',
  method: 'PUT',
  path: '/staff/campaigns/{id}',
  access: staffOnly,
  authz: staffOverRecord,
  orgScope: { from: 'body', field: 'orgPath' },
  params: campaignParams,
  maxBodyBytes: CAMPAIGN_MAX_BODY_BYTES,
  body: campaignDraftSchema.safeExtend(versionField),
  output: campaignSchema,
  errors: ['CAMPAIGN_NOT_FOUND', 'OUT_OF_SCOPE', 'ORG_NOT_FOUND', 'VERSION_CONFLICT', 'INVALID_TRANSITION'],
});

export const setCampaignStatus = defineContract({
  name: 'setCampaignStatus',
  summary: '开始报名、结束报名、重新开放或归档',
  method: 'POST',
  path: '/staff/campaigns/{id}/status',
  access: staffOnly,
  authz: staffOverRecord,
  params: campaignParams,
  body: z.object({ ...versionField, status: campaignStatusSchema }),
  output: campaignSchema,
  errors: ['CAMPAIGN_NOT_FOUND', 'OUT_OF_SCOPE', 'VERSION_CONFLICT', 'INVALID_TRANSITION'],
});

/** Image types WeChat answers a mini-program code in (its docs say "a buffer"; both are seen). */
export const signupCodeImageTypes = ['image/png', 'image/jpeg'] as const;

export const getCampaignSignupCode = defineContract({
  name: 'getCampaignSignupCode',
  summary: '活动的工地报名小程序码（张贴或发送，扫码即进入该活动的工地报名）',
  method: 'GET',
  path: '/staff/campaigns/{id}/signup-code',
  access: staffOnly,
  authz: staffOverRecord,
  params: campaignParams,
  output: z.object({
    /** The code image, base64 (a 430 px code is some tens of KB). */
    image: z.string(),
    mimeType: z.enum(signupCodeImageTypes),
    /** The page the code opens and the scene it carries (the campaign id). */
    page: z.string(),
    scene: z.string(),
  }),
  errors: ['CAMPAIGN_NOT_FOUND', 'OUT_OF_SCOPE', 'INVALID_TRANSITION', 'WECHAT_UNAVAILABLE'],
});
