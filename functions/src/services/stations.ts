import type { StationDetail } from '@ankang/shared';
import { listOrgSubtree } from '../db/orgs';
import { getStationById } from '../db/stations';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import { attachedPhotoViews } from './photoViews';
import { toStationDetail } from './stationViews';

export async function getStationDetail(id: string): Promise<StationDetail> {
  const station = await getStationById(id);
  // A permanently closed station is gone as far as workers are concerned.
  if (!station || station.status.state === 'closed') throw new AppError('STATION_NOT_FOUND');
  return toStationDetail(station, now(), await attachedPhotoViews({ kind: 'station', id }, station.photos));
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
