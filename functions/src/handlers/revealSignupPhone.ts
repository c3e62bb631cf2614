import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { revealSignupPhone } from '../services/signupPhone';

export const handler = route(contracts.revealSignupPhone, ({ caller, input }) =>
  revealSignupPhone(caller, input.params.id, input.body.reason),
);
