import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { reviewComment } from '../services/stationComments';

export const handler = route(contracts.reviewComment, ({ caller, input }) =>
  reviewComment(caller, input.params.id, input.body),
);
