import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { listHeldComments } from '../services/stationComments';

export const handler = route(contracts.listHeldComments, ({ caller, input }) =>
  listHeldComments(caller, input.query),
);
