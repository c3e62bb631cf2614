import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { setCampaignStatus } from '../services/campaigns';

export const handler = route(contracts.setCampaignStatus, ({ caller, input }) =>
  setCampaignStatus(caller, input.params.id, input.body),
);
