import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { listCampaignHandouts } from '../services/handoutReview';

export const handler = route(contracts.listCampaignHandouts, ({ caller, input }) =>
  listCampaignHandouts(caller, input.params.id, input.query),
);
