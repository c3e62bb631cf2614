import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { createDelivery } from '../services/deliveries';

export const handler = route(contracts.createDelivery, ({ caller, input }) =>
  createDelivery(caller, input.body),
);
