import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { updateCampaign } from '../services/campaigns';

export const handler = route(contracts.updateCampaign, ({ caller, input }) =>
  updateCampaign(caller, input.params.id, input.body),
);
