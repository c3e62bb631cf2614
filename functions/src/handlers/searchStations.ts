import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { now } from '../lib/clock';
import { searchStationsFor } from '../services/stationSearch';

export const handler = route(contracts.searchStations, ({ input, requester }) =>
  searchStationsFor(requester, input.query, now()),
);
