import type { Delivery, DeliveryReviewStatus } from '@ankang/shared';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { toApiError } from '../services/errors';
import { type DeliveryVerdict, decideDelivery, fetchCampaignDeliveries } from '../services/staffDeliveries';
import { usePagedList } from './usePagedList';

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
  const { remove, reload } = list;
  const [busyId, setBusyId] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);

  const review = useCallback(
    async (delivery: Delivery, verdict: DeliveryVerdict) => {
      setBusyId(delivery.id);
      try {
        await decideDelivery(delivery, verdict);
        remove(delivery.id);
        void Taro.showToast({ title: doneTitles[verdict.decision], icon: 'success' });
      } catch (failure) {
        const error = toApiError(failure);
        void Taro.showToast({ title: error.message, icon: 'none', duration: 3000 });
        if (error.code === 'VERSION_CONFLICT') setConflict(true);
        if (error.code === 'VERSION_CONFLICT' || error.code === 'INVALID_TRANSITION') reload();
      } finally {
        setBusyId(null);
      }
    },
    [remove, reload],
  );

  const reloadAll = useCallback(() => {
    setConflict(false);
    reload();
  }, [reload]);

  return { ...list, reload: reloadAll, busyId, review, conflict };
}
