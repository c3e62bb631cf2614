import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { createCampaign } from '../services/campaigns';

export const handler = route(contracts.createCampaign, ({ caller, input }) =>
  createCampaign(caller, input.body),
);
