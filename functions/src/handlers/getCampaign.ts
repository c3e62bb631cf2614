import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { getCampaign } from '../services/campaigns';

export const handler = route(contracts.getCampaign, ({ caller, input }) =>
  getCampaign(caller, input.params.id),
);
