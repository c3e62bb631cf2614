import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { setStationStatus } from '../services/stationAdmin';

export const handler = route(contracts.setStationStatus, ({ caller, input }) =>
  setStationStatus(caller, input.params.id, input.body),
);
