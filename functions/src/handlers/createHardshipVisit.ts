import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { createHardshipVisit } from '../services/hardshipVisits';

export const handler = route(contracts.createHardshipVisit, ({ caller, input }) =>
  createHardshipVisit(caller, input.params.id, input.body),
);
