import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { submitWorksiteSignup } from '../services/worksiteSignups';

export const handler = route(contracts.submitWorksiteSignup, ({ caller, input }) =>
  submitWorksiteSignup(caller, input.body),
);
