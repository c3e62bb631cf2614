import {
  type AmenityCode,
  coverPrecision,
  distanceMeters,
  geohashCells,
  geohashCover,
  geohashRanges,
  type HostType,
  type NearbyStation,
  type Station,
  stationOpeningStatus,
} from '@ankang/shared';
import { GEO_PARTITION_PRECISION } from '../db/keys';
import { listStationsInGeoRange } from '../db/stations';
import { toStationSummary } from './stationViews';

export interface NearbyQuery {
  lat: number;
  lng: number;
  radius: number;
  limit: number;
  amenities: AmenityCode[];
  openNow: boolean;
  hostType?: HostType;
}

export interface NearbyStats {
  /** Items DynamoDB read (ScannedCount) across every cell query. */
  itemsRead: number;
  cellQueries: number;
  /** Radii searched, nearest first. */
  radii: number[];
}

/** The first ring searched; the full radius only when it holds fewer than `limit` matches. */
export const NEAR_RING_M = 1000;
/**
 * Each ring's cover uses the finest precision whose cells number at most this many;
 * merged into at most MAX_RANGES_PER_RING key ranges, they cost a few queries and read little
 * beyond the circle.
 */
const MAX_COVER_CELLS = 120;
const MAX_RANGES_PER_RING = 12;

function readBefore(queried: Set<string>, cell: string): boolean {
  for (let length = GEO_PARTITION_PRECISION; length <= cell.length; length++) {
    if (queried.has(cell.slice(0, length))) return true;
  }
  return false;
}

/** Whether a station passes the worker's filters at `at` (permanently closed ones never do). */
export function matchesNearbyFilters(station: Station, query: NearbyQuery, at: Date): boolean {
  if (station.status.state === 'closed') return false;
  if (query.hostType && station.hostType !== query.hostType) return false;
  if (!query.amenities.every((code) => station.amenities.includes(code))) return false;
  return !query.openNow || stationOpeningStatus(station, at).open;
}

/** Nearest first; equal distances by id, so the order is total and repeatable. */
export function compareByDistance(
  a: { distance: number; id: string },
  b: { distance: number; id: string },
): number {
  return a.distance - b.distance || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Nearby stations from the geohash index: cover a ring with cells, query them in parallel, keep
 * the stations truly within the ring that pass the filters, and stop as soon as the ring holds
 * `limit` of them. Every station within a ring lies in its cover, so the answer equals a brute-force
 * search, while reads grow with the neighbourhood, not the country.
 */
export async function findNearbyStations(
  query: NearbyQuery,
  at: Date,
): Promise<{ stations: NearbyStation[]; stats: NearbyStats }> {
  const center = { lng: query.lng, lat: query.lat };
  const rings = query.radius > NEAR_RING_M ? [NEAR_RING_M, query.radius] : [query.radius];
  const stats: NearbyStats = { itemsRead: 0, cellQueries: 0, radii: [] };
  const seen = new Map<string, Station>();
  const queried = new Set<string>();
  let matches: { station: Station; distance: number; id: string }[] = [];

  for (const ring of rings) {
    const precision = coverPrecision(center, ring, {
      maxCells: MAX_COVER_CELLS,
      minPrecision: GEO_PARTITION_PRECISION,
      maxPrecision: 7,
    });
    // A cell read before (itself or whole, as part of a coarser cell) is not read again.
    const cells = geohashCover(center, ring, precision).filter((cell) => !readBefore(queried, cell));
    const ranges = geohashRanges(cells, {
      partitionPrecision: GEO_PARTITION_PRECISION,
      maxRanges: MAX_RANGES_PER_RING,
    });
    const results = await Promise.all(ranges.map((range) => listStationsInGeoRange(range)));
    // Merging may have read cells outside this ring's cover; those count as read too.
    for (const range of ranges) for (const cell of geohashCells(range.from, range.to)) queried.add(cell);
    for (const result of results) {
      stats.itemsRead += result.itemsRead;
      for (const station of result.stations) seen.set(station.id, station);
    }
    stats.cellQueries += ranges.length;
    stats.radii.push(ring);

    matches = [...seen.values()]
      .map((station) => ({ station, id: station.id, distance: distanceMeters(center, station.location) }))
      .filter((m) => m.distance <= ring && matchesNearbyFilters(m.station, query, at));
    if (matches.length >= query.limit) break;
  }

  matches.sort(compareByDistance);
  const stations = matches.slice(0, query.limit).map(({ station, distance }) => ({
    ...toStationSummary(station, at),
    distanceM: Math.round(distance),
  }));
  return { stations, stats };
}
