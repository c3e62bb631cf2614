import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { listManagedStations } from '../services/stationAdmin';

export const handler = route(contracts.listManagedStations, ({ caller, input }) =>
  listManagedStations(caller, input.query),
);
