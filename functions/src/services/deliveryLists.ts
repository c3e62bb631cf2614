import { type Campaign, type Delivery, type DeliveryReviewStatus, isWithinOrg } from '@ankang/shared';
import { listCampaignQueue, listDeliveriesOfVolunteer } from '../db/deliveries';
import { AppError } from '../lib/errors';
import type { Caller } from './caller';
import { getCampaign } from './campaigns';
import { deliveryViews } from './deliveryViews';
import { assertOnCampaignLine, defaultQueueRoot } from './signupCampaign';

/** Records per page, for the volunteer's list and the staff queue. */
export const DELIVERY_PAGE = 20;

/**
 * The org node a staff view of a campaign's deliveries starts from: the asked one (the pipeline has
 * checked it is in the caller's scope), else the caller's node when it lies inside the campaign's
 * org, else the campaign's org. A node above the campaign's org means the whole campaign; one
 * beside it holds none of its records and is refused. Staff beside the campaign are refused.
 */
export function deliveryViewRoot(caller: Caller, campaign: Campaign, asked: string | undefined): string {
  assertOnCampaignLine(caller, campaign.orgPath);
  if (asked === undefined) return defaultQueueRoot(caller, campaign.orgPath);
  if (isWithinOrg(asked, campaign.orgPath)) return asked;
  if (isWithinOrg(campaign.orgPath, asked)) return campaign.orgPath;
  throw new AppError('VALIDATION_FAILED', {
    details: { issues: [{ path: 'query.orgPath', message: '所选组织不在本活动的范围内' }] },
  });
}

/** 我的配送记录: the caller's deliveries in one campaign, newest first, with their review state. */
export async function listMyDeliveries(
  caller: Caller,
  query: { campaignId: string; cursor?: string },
): Promise<{ deliveries: Delivery[]; nextCursor: string | null }> {
  const page = await listDeliveriesOfVolunteer(caller.userId, query.campaignId, {
    limit: DELIVERY_PAGE,
    cursor: query.cursor,
  });
  return { deliveries: await deliveryViews(page.records), nextCursor: page.nextCursor };
}

/** The staff review queue of a campaign within an org subtree, in one status or all of them. */
export async function listCampaignDeliveries(
  caller: Caller,
  campaignId: string,
  query: { status?: DeliveryReviewStatus; orgPath?: string; cursor?: string },
): Promise<{ deliveries: Delivery[]; nextCursor: string | null }> {
  const campaign = await getCampaign(caller, campaignId);
  const root = deliveryViewRoot(caller, campaign, query.orgPath);
  const page = await listCampaignQueue(campaign.id, query.status, root, {
    limit: DELIVERY_PAGE,
    cursor: query.cursor,
  });
  return { deliveries: await deliveryViews(page.records), nextCursor: page.nextCursor };
}
