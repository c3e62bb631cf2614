import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { getDeliveryDashboard } from '../services/deliveryDashboard';

export const handler = route(contracts.getDeliveryDashboard, ({ caller, input }) =>
  getDeliveryDashboard(caller, input.params.id, input.query),
);
