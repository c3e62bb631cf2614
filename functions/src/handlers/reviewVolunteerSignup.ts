import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { reviewVolunteerSignup } from '../services/volunteerSignups';

export const handler = route(contracts.reviewVolunteerSignup, ({ caller, input }) =>
  reviewVolunteerSignup(caller, input.params.id, input.body),
);
