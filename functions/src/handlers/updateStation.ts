import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { updateStation } from '../services/stationAdmin';

export const handler = route(contracts.updateStation, ({ caller, input }) =>
  updateStation(caller, input.params.id, input.body),
);
