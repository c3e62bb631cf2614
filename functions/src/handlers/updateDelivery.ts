import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { updateDelivery } from '../services/deliveryEdits';

export const handler = route(contracts.updateDelivery, ({ caller, input }) =>
  updateDelivery(caller, input.params.id, input.body),
);
