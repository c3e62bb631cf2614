import { contracts } from '@ankang/shared';
import { identifyRequester } from '../http/requester';
import { route } from '../http/route';
import { now } from '../lib/clock';
import { searchStationsFor } from '../services/stationSearch';

export const handler = route(contracts.searchStations, async ({ input, requester }) =>
  searchStationsFor(await identifyRequester(requester), input.query, now()),
);
