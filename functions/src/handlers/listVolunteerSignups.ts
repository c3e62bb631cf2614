import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { listVolunteerSignups } from '../services/volunteerSignups';

export const handler = route(contracts.listVolunteerSignups, ({ caller, input }) =>
  listVolunteerSignups(caller, input.params.id, input.query),
);
