import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { getCampaignSignupCode } from '../services/campaignSignupCode';

export const handler = route(contracts.getCampaignSignupCode, ({ caller, input }) =>
  getCampaignSignupCode(caller, input.params.id),
);
