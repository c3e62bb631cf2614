import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { createStation } from '../services/stationAdmin';

export const handler = route(contracts.createStation, ({ input }) => createStation(input.body));
