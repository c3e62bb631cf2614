import type { Campaign } from '@ankang/shared';
import { campaignIndexKeys, keys } from './keys';

/**
 * A campaign as stored: its fields and the key of its org's listing. Pure (no client), so the seed
 * writes exactly what the API reads.
 */
export function campaignToItem(campaign: Campaign): Record<string, unknown> {
  return {
    ...keys.campaign(campaign.id),
    ...campaignIndexKeys.byOrg(campaign.orgPath, campaign.season.from, campaign.id),
    type: 'Campaign',
    ...campaign,
  };
}
