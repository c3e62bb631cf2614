import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { listCampaigns } from '../services/campaigns';

export const handler = route(contracts.listCampaigns, ({ caller, input }) =>
  listCampaigns(caller, input.query.org),
);
