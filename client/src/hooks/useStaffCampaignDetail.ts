import type { Campaign, OrgNode } from '@ankang/shared';
import { fetchCampaign, fetchScopeOrgs } from '../services/staffOutreach';
import { useRequest } from './useRequest';

/**
 * The campaign a review queue or the assignment board works on (its title, catalog and season) and
 * the caller's org subtree (district names and the district filter), in one load.
 */
export function useStaffCampaignDetail(id: string | undefined, enabled: boolean) {
  return useRequest<{ campaign: Campaign; orgs: OrgNode[] }>(
    async () => {
      const [campaign, orgs] = await Promise.all([fetchCampaign(id ?? ''), fetchScopeOrgs()]);
      return { campaign, orgs };
    },
    { enabled: enabled && Boolean(id), key: id },
  );
}
