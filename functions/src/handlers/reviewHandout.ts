import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { reviewHandout } from '../services/handoutReview';

export const handler = route(contracts.reviewHandout, ({ caller, input }) =>
  reviewHandout(caller, input.params.id, input.body),
);
