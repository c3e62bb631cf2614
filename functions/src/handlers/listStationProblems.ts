import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { listStationProblems } from '../services/problems';

export const handler = route(contracts.listStationProblems, ({ caller, input }) =>
  listStationProblems(caller, input.query),
);
