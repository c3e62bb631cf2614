import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { searchStations } from '../services/stations';

export const handler = route(contracts.searchStations, ({ input }) => searchStations(input.query));
