import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { listMyVolunteerSignups } from '../services/volunteerSignups';

export const handler = route(contracts.listMyVolunteerSignups, ({ caller }) =>
  listMyVolunteerSignups(caller),
);
