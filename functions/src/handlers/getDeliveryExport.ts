import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { getDeliveryExport } from '../services/deliveryExports';

export const handler = route(contracts.getDeliveryExport, ({ caller, input }) =>
  getDeliveryExport(caller, input.params.id),
);
