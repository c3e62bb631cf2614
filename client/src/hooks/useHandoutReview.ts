import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { toApiError } from '../services/errors';
import {
  decideHandout,
  fetchFlaggedHandouts,
  type HandoutVerdict,
  type StaffHandout,
} from '../services/staffHandouts';
import { usePagedList } from './usePagedList';

/**
 * 超额发放审核: a campaign's over-allowance hand-outs (scanned offline, arrived beyond the day's
 * allowance), paged; a decision is put in place (确认 keeps it in the totals, 撤销 takes it out).
 * One someone else decided first says so and reloads.
 */
export function useHandoutReview(campaignId: string | undefined, enabled: boolean) {
  const fetchPage = useCallback(
    (cursor?: string) => fetchFlaggedHandouts(campaignId ?? '', cursor),
    [campaignId],
  );
  const list = usePagedList<StaffHandout>(fetchPage, {
    key: campaignId ?? '',
    enabled: enabled && Boolean(campaignId),
  });
  const { replace, reload } = list;
  const [busyId, setBusyId] = useState<string | null>(null);

  const review = useCallback(
    async (handout: StaffHandout, verdict: HandoutVerdict) => {
      setBusyId(handout.id);
      try {
        replace(await decideHandout(handout, verdict));
        void Taro.showToast({ title: verdict.decision === 'approve' ? '已确认' : '已撤销', icon: 'success' });
      } catch (failure) {
        const error = toApiError(failure);
        void Taro.showToast({ title: error.message, icon: 'none', duration: 3000 });
        if (error.code === 'VERSION_CONFLICT' || error.code === 'INVALID_TRANSITION') reload();
      } finally {
        setBusyId(null);
      }
    },
    [replace, reload],
  );
  return { ...list, busyId, review };
}
