import { useCallback, useState } from 'react';
import { fetchCampaigns } from '../services/outreach';
import { rememberedOrg, rememberOrg } from '../services/outreachPlace';
import { fetchDistricts } from '../services/stations';
import { useRequest } from './useRequest';

/**
 * 三送 campaigns for a place: the district picked (remembered for next time; a staff member's own
 * union until they pick), and the campaigns its union and those above it run.
 */
export function useOutreachCampaigns(enabled: boolean, ownOrg: string | null) {
  const districts = useRequest(fetchDistricts, { enabled });
  const [org, setOrg] = useState<string | null>(() => rememberedOrg() ?? ownOrg);
  const load = useCallback(() => fetchCampaigns(org ?? ''), [org]);
  const campaigns = useRequest(load, { enabled: enabled && org !== null, key: org });

  const pickOrg = useCallback((path: string) => {
    rememberOrg(path);
    setOrg(path);
  }, []);

  // Both load at once; after a dropped network, one 重试 brings back both.
  const { retry: retryDistricts } = districts;
  const { retry: retryCampaigns } = campaigns;
  const retryAll = useCallback(() => {
    retryDistricts();
    retryCampaigns();
  }, [retryDistricts, retryCampaigns]);

  return { districts, org, pickOrg, campaigns, retryAll };
}
