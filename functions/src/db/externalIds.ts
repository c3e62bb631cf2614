import type { Station } from '@ankang/shared';
import { getItems } from './batchGet';
import { keys } from './keys';
import { stationFromItem } from './stationItems';

/**
 * Which station holds each of these external ids (from the uniqueness items), and those stations.
 * An id nobody holds is absent from the map; an id whose station is missing maps to null.
 * Two rounds of batch reads however many ids: never one read per id.
 */
export async function getStationsByExternalIds(externalIds: string[]): Promise<Map<string, Station | null>> {
  const unique = [...new Set(externalIds)];
  const claims = await getItems(unique.map((id) => keys.externalId(id)));
  const owner = new Map(claims.map((item) => [item.externalId as string, item.stationId as string]));
  const stationIds = [...new Set(owner.values())];
  const stations = new Map(
    (await getItems(stationIds.map((id) => keys.station(id)))).map((item) => {
      const station = stationFromItem(item);
      return [station.id, station] as const;
    }),
  );
  return new Map([...owner].map(([externalId, stationId]) => [externalId, stations.get(stationId) ?? null]));
}
