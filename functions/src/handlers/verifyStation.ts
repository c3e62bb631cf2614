import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { verifyStation } from '../services/stationAdmin';

export const handler = route(contracts.verifyStation, ({ caller, input }) =>
  verifyStation(caller, input.params.id),
);
