import type { Campaign, CampaignStatus } from '@ankang/shared';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { toApiError } from '../services/errors';
import { fetchCampaigns, moveCampaign } from '../services/staffOutreach';
import { campaignMoveLabel } from '../services/staffOutreachFormat';
import { useRequest } from './useRequest';

/**
 * 三送活动: the campaigns the staff member's place takes part in, and the status moves. A move
 * someone else got to first (a stale version, a move no longer allowed) reloads the list and says so.
 */
export function useStaffCampaigns(org: string | undefined) {
  const request = useRequest(() => fetchCampaigns(org ?? ''), { enabled: Boolean(org), key: org });
  const [moved, setMoved] = useState<Map<string, Campaign>>(new Map());
  const [busyId, setBusyId] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const { retry } = request;

  const reload = useCallback(() => {
    setMoved(new Map());
    setConflict(false);
    retry();
  }, [retry]);

  const move = useCallback(
    async (campaign: Campaign, status: CampaignStatus) => {
      setBusyId(campaign.id);
      try {
        const saved = await moveCampaign(campaign, status);
        setMoved((current) => new Map(current).set(saved.id, saved));
        void Taro.showToast({ title: `已${campaignMoveLabel(campaign.status, status)}`, icon: 'success' });
      } catch (failure) {
        const error = toApiError(failure);
        void Taro.showToast({ title: error.message, icon: 'none', duration: 3000 });
        if (error.code === 'VERSION_CONFLICT' || error.code === 'INVALID_TRANSITION') {
          setMoved(new Map());
          retry();
          if (error.code === 'VERSION_CONFLICT') setConflict(true);
        }
      } finally {
        setBusyId(null);
      }
    },
    [retry],
  );

  // A moved campaign shows its new state until the next load brings it from the server.
  const campaigns = (request.data ?? []).map((campaign) => moved.get(campaign.id) ?? campaign);
  return {
    campaigns,
    loading: request.loading,
    loaded: request.data !== undefined,
    error: request.error,
    reload,
    busyId,
    move,
    conflict,
    dismissConflict: () => setConflict(false),
  };
}
