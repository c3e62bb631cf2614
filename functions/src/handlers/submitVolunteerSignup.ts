import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { submitVolunteerSignup } from '../services/volunteerSignups';

export const handler = route(contracts.submitVolunteerSignup, ({ caller, input }) =>
  submitVolunteerSignup(caller, input.body),
);
