import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { reportStationProblem } from '../services/reports';

export const handler = route(contracts.reportStationProblem, ({ caller, input }) =>
  reportStationProblem(caller, input.params.id, input.body),
);
