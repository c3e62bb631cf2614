import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { listMyDeliveries } from '../services/deliveryLists';

export const handler = route(contracts.listMyDeliveries, ({ caller, input }) =>
  listMyDeliveries(caller, input.query),
);
