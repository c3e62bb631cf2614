import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { getStationCode } from '../services/stationCode';

export const handler = route(contracts.getStationCode, ({ caller, input }) =>
  getStationCode(caller, input.params.id),
);
