import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { now } from '../lib/clock';
import { searchStations } from '../services/stationSearch';

export const handler = route(contracts.searchStations, async ({ input }) => {
  const at = now();
  const { cost: _cost, ...answer } = await searchStations(input.query, at);
  return { ...answer, at: at.toISOString() };
});
