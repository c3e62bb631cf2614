import type { Delivery, DeliveryReviewStatus } from '@ankang/shared';
import { useCallback } from 'react';
import { type DeliveryVerdict, decideDelivery, fetchCampaignDeliveries } from '../services/staffDeliveries';
import { usePagedList } from './usePagedList';
import { useQueueReview } from './useQueueReview';

interface DeliveryQueue {
  campaignId: string | undefined;
  status: DeliveryReviewStatus;
  /** A district to narrow to; undefined: the caller's whole scope. */
  orgPath: string | undefined;
  enabled: boolean;
}

const doneTitles: Record<DeliveryVerdict['decision'], string> = {
  approve: '已通过',
  needsChanges: '已退回志愿者修改',
  reject: '已标记为未通过',
};

const decide = async (delivery: Delivery, verdict: DeliveryVerdict) => {
  await decideDelivery(delivery, verdict);
  return doneTitles[verdict.decision];
};

/**
 * 配送审核: one queue of a campaign's delivery records (by review status and district), paged;
 * a decision takes the record out of the queue. A record someone else decided or the volunteer
 * edited first (stale version, no longer allowed) says so and reloads the queue.
 */
export function useDeliveryReview({ campaignId, status, orgPath, enabled }: DeliveryQueue) {
  const fetchPage = useCallback(
    (cursor?: string) => fetchCampaignDeliveries(campaignId ?? '', { status, orgPath, cursor }),
    [campaignId, status, orgPath],
  );
  const list = usePagedList<Delivery>(fetchPage, {
    key: JSON.stringify([campaignId, status, orgPath ?? null]),
    enabled: enabled && Boolean(campaignId),
  });
  return useQueueReview(list, decide);
}
