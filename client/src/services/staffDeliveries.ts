import {
  type Delivery,
  type DeliveryDashboard,
  type DeliveryReviewStatus,
  getDeliveryDashboard,
  listCampaignDeliveries,
  reviewDelivery,
} from '@ankang/shared';
import { call } from './api';
import type { OutreachPage } from './staffOutreach';

/** A campaign's figures for one org subtree; no org: the server's default (the caller's node). */
export function fetchDeliveryDashboard(campaignId: string, orgPath?: string): Promise<DeliveryDashboard> {
  return call(getDeliveryDashboard, { params: { id: campaignId }, query: { orgPath } });
}

export async function fetchCampaignDeliveries(
  campaignId: string,
  query: { status: DeliveryReviewStatus; orgPath?: string; cursor?: string },
): Promise<OutreachPage<Delivery>> {
  const answer = await call(listCampaignDeliveries, { params: { id: campaignId }, query });
  return { items: answer.deliveries, nextCursor: answer.nextCursor ?? undefined };
}

/** 通过 (a comment optional), or 有问题 / 不通过 with the comment the volunteer reads. */
export type DeliveryVerdict =
  | { decision: 'approve'; comment?: string }
  | { decision: 'needsChanges' | 'reject'; comment: string };

/** Sent with the version shown; a stale version answers 409 VERSION_CONFLICT. */
export function decideDelivery(delivery: Pick<Delivery, 'id' | 'version'>, verdict: DeliveryVerdict) {
  return call(reviewDelivery, {
    params: { id: delivery.id },
    body: { ...verdict, version: delivery.version },
  });
}
