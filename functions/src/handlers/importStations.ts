import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { importStations } from '../services/stationImport';

export const handler = route(contracts.importStations, ({ caller, input }) =>
  importStations(caller, input.body),
);
