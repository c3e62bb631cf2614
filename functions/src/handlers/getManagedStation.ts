import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { getManagedStation } from '../services/managedStations';

export const handler = route(contracts.getManagedStation, ({ caller, input }) =>
  getManagedStation(caller, input.params.id),
);
