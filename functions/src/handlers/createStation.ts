import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { createStation } from '../services/stationAdmin';

export const handler = route(contracts.createStation, ({ caller, input }) => createStation(caller, input.body));
