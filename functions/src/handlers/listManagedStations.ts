import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { listManagedStations } from '../services/managedStations';

export const handler = route(contracts.listManagedStations, ({ caller, input }) =>
  listManagedStations(caller, input.query),
);
