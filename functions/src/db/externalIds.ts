import type { Station } from '@ankang/shared';
import { getItems } from './batchGet';
import { keys } from './keys';
import { stationFromItem } from './stationItems';

/** An external id within the org that owns its station. */
export interface ExternalIdRef {
  orgPath: string;
  externalId: string;
}

/** A claimed external id and its station (null when the claim outlived its station). */
export interface ExternalIdHolder extends ExternalIdRef {
  station: Station | null;
}

/**
 * Which stations hold these (org, external id) pairs, from the uniqueness items; a pair nobody
 * holds is left out. Two rounds of batch reads however many pairs: never one read per pair.
 */
export async function getStationsByExternalIds(refs: ExternalIdRef[]): Promise<ExternalIdHolder[]> {
  const claims = await getItems(refs.map((ref) => keys.externalId(ref.orgPath, ref.externalId)));
  const stationIds = [...new Set(claims.map((claim) => claim.stationId as string))];
  const stations = new Map(
    (await getItems(stationIds.map((id) => keys.station(id)))).map((item) => {
      const station = stationFromItem(item);
      return [station.id, station] as const;
    }),
  );
  return claims.map((claim) => ({
    orgPath: claim.orgPath as string,
    externalId: claim.externalId as string,
    station: stations.get(claim.stationId as string) ?? null,
  }));
}
