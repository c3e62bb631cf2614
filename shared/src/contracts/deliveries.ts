import { z } from 'zod';
import { campaignIdSchema } from '../schemas/campaign';
import {
  deliveryDashboardSchema,
  deliveryDraftSchema,
  deliveryEditSchema,
  deliveryIdSchema,
  deliveryReviewSchema,
  deliveryReviewStatusSchema,
  deliverySchema,
} from '../schemas/delivery';
import { orgPathSchema } from '../schemas/org';
import { signedIn, staffOnly } from './access';
import { anySignedIn, staffOverRecord } from './authz';
import { defineContract } from './define';
import { cursorSchema } from './query';

const deliveryParams = z.object({ id: deliveryIdSchema });
const campaignParams = z.object({ id: campaignIdSchema });
const deliveryPage = z.object({ deliveries: z.array(deliverySchema), nextCursor: z.string().nullable() });

export const createDelivery = defineContract({
  name: 'createDelivery',
  summary: '志愿者记录一次配送（编号由手机生成：重试返回第一次的结果，同一编号内容不同则拒绝）',
  method: 'POST',
  path: '/deliveries',
  access: signedIn,
  // A delivery is recorded under the recorder's approved sign-up for the campaign: nobody else has
  // one to record it under, staff and admins included (they review deliveries, they do not make them).
  authz: {
    ...anySignedIn,
    worker: 'NOT_CAMPAIGN_VOLUNTEER',
    otherVolunteer: 'NOT_CAMPAIGN_VOLUNTEER',
    staffInScope: 'NOT_CAMPAIGN_VOLUNTEER',
    staffAbove: 'NOT_CAMPAIGN_VOLUNTEER',
    staffBelow: 'NOT_CAMPAIGN_VOLUNTEER',
    staffBeside: 'NOT_CAMPAIGN_VOLUNTEER',
    admin: 'NOT_CAMPAIGN_VOLUNTEER',
  },
  body: deliveryDraftSchema.extend({ id: deliveryIdSchema }),
  output: deliverySchema,
  successStatus: 201,
  errors: [
    'CAMPAIGN_NOT_FOUND',
    'NOT_CAMPAIGN_VOLUNTEER',
    'ASSIGNMENT_NOT_FOUND',
    'ORG_NOT_FOUND',
    'INVALID_TRANSITION',
    'NOT_IN_CATALOG',
    'OUTSIDE_SEASON',
    'REQUEST_ID_REUSED',
  ],
});

export const updateDelivery = defineContract({
  name: 'updateDelivery',
  summary: '志愿者修改自己待审核或有问题的记录（修改后回到待审核）；重试返回当前记录',
  method: 'PUT',
  path: '/deliveries/{id}',
  access: signedIn,
  // Only its recorder edits a record (staff send it back with 有问题 instead); to anyone else, admins
  // included, it is as absent as a missing one, so an id does not confirm that a record exists.
  authz: {
    anonymous: 'UNAUTHENTICATED',
    worker: 'DELIVERY_NOT_FOUND',
    volunteer: 'ok',
    otherVolunteer: 'DELIVERY_NOT_FOUND',
    staffInScope: 'DELIVERY_NOT_FOUND',
    staffAbove: 'DELIVERY_NOT_FOUND',
    staffBelow: 'DELIVERY_NOT_FOUND',
    staffBeside: 'DELIVERY_NOT_FOUND',
    admin: 'DELIVERY_NOT_FOUND',
  },
  params: deliveryParams,
  body: deliveryEditSchema,
  output: deliverySchema,
  errors: [
    'DELIVERY_NOT_FOUND',
    'CAMPAIGN_NOT_FOUND',
    'VERSION_CONFLICT',
    'DELIVERY_LOCKED',
    'INVALID_TRANSITION',
    'NOT_IN_CATALOG',
    'OUTSIDE_SEASON',
  ],
});

export const listMyDeliveries = defineContract({
  name: 'listMyDeliveries',
  summary: '我在某活动的配送记录（最新的在前，每页 20 条）',
  method: 'GET',
  path: '/me/deliveries',
  access: signedIn,
  authz: anySignedIn,
  query: z.object({ campaignId: campaignIdSchema, cursor: cursorSchema }),
  output: deliveryPage,
  errors: ['BAD_CURSOR'],
});

export const listCampaignDeliveries = defineContract({
  name: 'listCampaignDeliveries',
  summary: '审核队列：某活动在本级及下级地区的配送记录，可按审核状态筛选（每页 20 条）',
  method: 'GET',
  path: '/staff/campaigns/{id}/deliveries',
  access: staffOnly,
  authz: staffOverRecord,
  orgScope: { from: 'query', field: 'orgPath' },
  params: campaignParams,
  query: z.object({
    /** Absent: every status (待审核 first). */
    status: deliveryReviewStatusSchema.optional(),
    /** Defaults to the caller's node when inside the campaign's org, else the campaign's org. */
    orgPath: orgPathSchema.optional(),
    cursor: cursorSchema,
  }),
  output: deliveryPage,
  errors: ['CAMPAIGN_NOT_FOUND', 'OUT_OF_SCOPE', 'BAD_CURSOR'],
});

export const reviewDelivery = defineContract({
  name: 'reviewDelivery',
  summary: '审核一条配送记录：通过、有问题（须填意见，志愿者可修改）或不通过（须填意见）',
  method: 'POST',
  path: '/staff/deliveries/{id}/review',
  access: staffOnly,
  authz: staffOverRecord,
  params: deliveryParams,
  body: deliveryReviewSchema,
  output: deliverySchema,
  errors: ['DELIVERY_NOT_FOUND', 'OUT_OF_SCOPE', 'VERSION_CONFLICT', 'INVALID_TRANSITION'],
});

export const getDeliveryDashboard = defineContract({
  name: 'getDeliveryDashboard',
  summary: '活动看板：按类别、物资、下级组织和日期的合计，覆盖情况与志愿者排行',
  method: 'GET',
  path: '/staff/campaigns/{id}/dashboard',
  access: staffOnly,
  authz: staffOverRecord,
  orgScope: { from: 'query', field: 'orgPath' },
  params: campaignParams,
  query: z.object({ orgPath: orgPathSchema.optional() }),
  output: deliveryDashboardSchema,
  errors: ['CAMPAIGN_NOT_FOUND', 'OUT_OF_SCOPE'],
});
