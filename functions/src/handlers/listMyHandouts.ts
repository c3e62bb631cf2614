import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { listMyHandouts } from '../services/handouts';

export const handler = route(contracts.listMyHandouts, ({ caller, input }) =>
  listMyHandouts(caller, input.query),
);
