import { contracts } from '@ankang/shared';
import { route } from '../http/route';
import { now } from '../lib/clock';
import { findNearbyStations } from '../services/nearby';

export const handler = route(contracts.nearbyStations, async ({ input }) => {
  const at = now();
  const { stations } = await findNearbyStations(input.query, at);
  return { stations, at: at.toISOString() };
});
