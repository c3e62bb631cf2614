import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { updateStationProblem } from '../services/problems';

export const handler = route(contracts.updateStationProblem, ({ caller, input }) =>
  updateStationProblem(caller, input.params.id, input.body),
);
