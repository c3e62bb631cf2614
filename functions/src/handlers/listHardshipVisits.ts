import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { listHardshipVisits } from '../services/hardshipVisits';

export const handler = route(contracts.listHardshipVisits, ({ caller, input }) =>
  listHardshipVisits(caller, input.params.id, input.query),
);
