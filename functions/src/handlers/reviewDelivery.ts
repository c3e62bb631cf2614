import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { reviewDelivery } from '../services/deliveryReview';

export const handler = route(contracts.reviewDelivery, ({ caller, input }) =>
  reviewDelivery(caller, input.params.id, input.body),
);
