import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { createDeliveryExport } from '../services/deliveryExports';

export const handler = route(contracts.createDeliveryExport, ({ caller, input }) =>
  createDeliveryExport(caller, input.params.id, input.body),
);
