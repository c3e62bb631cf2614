import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { getStationDetail } from '../services/stations';

export const handler = route(contracts.getStation, ({ input }) => getStationDetail(input.params.id));
