import type { ManagedStation, Station } from '@ankang/shared';
import { getStationById, listStationsUnderOrg } from '../db/stations';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import type { Caller } from './caller';
import { assertInScope, listingRoot } from './scope';
import { toManagedStation } from './stationViews';

/**
 * The staff's reads of stations, apart from the writes in stationAdmin: these routes never derive
 * places nor write search entries, so their bundles leave out the national place file.
 */

const DAY_MS = 86_400_000;

/** The station, if it exists and lies within the caller's org. */
export async function loadManagedStation(caller: Caller, id: string): Promise<Station> {
  const station = await getStationById(id);
  if (!station) throw new AppError('STATION_NOT_FOUND');
  assertInScope(caller, station.orgPath);
  return station;
}

export async function getManagedStation(caller: Caller, id: string): Promise<ManagedStation> {
  return toManagedStation(await loadManagedStation(caller, id), now());
}

export async function listManagedStations(
  caller: Caller,
  query: { org?: string; unverifiedDays?: number; hasOpenReports: boolean; q?: string; cursor?: string },
): Promise<{ stations: ManagedStation[]; nextCursor?: string }> {
  const root = listingRoot(caller, query.org);
  if (!root) return { stations: [] };
  const at = now();
  const page = await listStationsUnderOrg(
    root,
    {
      text: query.q || undefined,
      hasOpenReports: query.hasOpenReports,
      verifiedBefore: query.unverifiedDays
        ? new Date(at.getTime() - query.unverifiedDays * DAY_MS).toISOString()
        : undefined,
    },
    { limit: 20, cursor: query.cursor },
  );
  return {
    stations: page.stations.map((station) => toManagedStation(station, at)),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}
