import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { reviewWorksiteSignup } from '../services/worksiteSignups';

export const handler = route(contracts.reviewWorksiteSignup, ({ caller, input }) =>
  reviewWorksiteSignup(caller, input.params.id, input.body),
);
