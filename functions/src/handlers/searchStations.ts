import { contracts } from '@ankang/shared';
import { requesterOf } from '../http/requester';
import { route } from '../http/route';
import { now } from '../lib/clock';
import { searchStationsFor } from '../services/stationSearch';

export const handler = route(contracts.searchStations, async ({ input, requester }) =>
  searchStationsFor(await requesterOf(requester), input.query, now()),
);
