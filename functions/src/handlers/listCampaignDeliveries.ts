import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { listCampaignDeliveries } from '../services/deliveryLists';

export const handler = route(contracts.listCampaignDeliveries, ({ caller, input }) =>
  listCampaignDeliveries(caller, input.params.id, input.query),
);
