import type { StationDetail, StationSummary } from '@ankang/shared';
import { getOrg, listOrgSubtree } from '../db/orgs';
import { getStationById, listStationsUnderOrg } from '../db/stations';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import { toStationDetail, toStationSummary } from './stationViews';

export async function getStationDetail(id: string): Promise<StationDetail> {
  const station = await getStationById(id);
  // A permanently closed station is gone as far as workers are concerned.
  if (!station || station.status.state === 'closed') throw new AppError('STATION_NOT_FOUND');
  return toStationDetail(station, now());
}

/** Browse a district, optionally by a word of the name or address: for workers who share no location. */
export async function searchStations(query: {
  org: string;
  q?: string;
  cursor?: string;
}): Promise<{ stations: StationSummary[]; nextCursor?: string; at: string }> {
  if (!(await getOrg(query.org))) throw new AppError('ORG_NOT_FOUND');
  const at = now();
  const page = await listStationsUnderOrg(
    query.org,
    { text: query.q || undefined, excludeClosed: true },
    { limit: 20, cursor: query.cursor },
  );
  return {
    stations: page.stations.map((station) => toStationSummary(station, at)),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    at: at.toISOString(),
  };
}

/** Every org node as a district a worker can pick. */
export async function listDistricts() {
  const nodes = await listOrgSubtree(null);
  return {
    districts: nodes.map((node) => ({
      path: node.path,
      name: node.name,
      region: node.region,
      parentPath: node.parentPath,
    })),
  };
}
