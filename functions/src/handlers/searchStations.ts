import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { now } from '../lib/clock';
import { limitSearchRate } from '../services/searchLimit';
import { searchStations } from '../services/stationSearch';

export const handler = route(contracts.searchStations, async ({ input, requester }) => {
  const started = now();
  await limitSearchRate(requester, started);
  const { cost: _cost, at, ...answer } = await searchStations(input.query, started);
  return { ...answer, at: at.toISOString() };
});
