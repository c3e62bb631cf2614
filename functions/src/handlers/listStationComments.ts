import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { listStationComments } from '../services/stationComments';

export const handler = route(contracts.listStationComments, ({ input }) =>
  listStationComments(input.params.id),
);
