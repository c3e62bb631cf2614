import {
  type AmenityCode,
  boundedGeohashCover,
  type CoverLimits,
  distanceMeters,
  type GeohashRange,
  geohashCellDistance,
  geohashCellsFrom,
  geohashRangeHolds,
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
  /** Items DynamoDB read (ScannedCount) across every range query. */
  itemsRead: number;
  /** Key-range queries made (each one or more DynamoDB requests, one per page). */
  cellQueries: number;
  /** DynamoDB requests made: pages across every range query. */
  requests: number;
  /** Radii searched, nearest first. */
  radii: number[];
  /**
   * The answer holds every matching station within this many metres: the last radius searched,
   * unless a bound stopped a read short (a very dense area), when it is the distance to the nearest
   * station that may not have been read (the farthest such distance over the rings).
   */
  completeWithinM: number;
}

/** The first ring searched; the full radius only when it holds fewer than `limit` matches. */
export const NEAR_RING_M = 1000;

/** What one search may cost, whatever the input. */
export interface NearbyBounds {
  /** Each ring's cover uses the finest precision whose cells number at most this many … */
  coverCells: number;
  /** … merged into at most this many key ranges (one query each; also the most partitions a ring touches). */
  rangesPerRing: number;
  /**
   * DynamoDB requests (pages) per ring, at least `rangesPerRing`: every range reads its first page,
   * and a dense one reads more while the ring has pages left. A read stopped short narrows what the
   * answer is complete for (`completeWithinM`) rather than answer wrongly.
   */
  pagesPerRing: number;
  /** Items per page; DynamoDB's own 1 MB page (some 1,000 stations) when absent. */
  pageSize?: number;
}

/**
 * Two rings at most, so a search makes at most 2 × 12 = 24 range queries and 2 × 36 = 72 DynamoDB
 * requests. 36 pages hold some 36,000 stations: the densest 20 km in the national data set (上海)
 * holds 8,155, 4,875 of them in one range, which takes 5 pages.
 */
export const NEARBY_BOUNDS: NearbyBounds = { coverCells: 120, rangesPerRing: 12, pagesPerRing: 36 };
const RINGS = 2;
export const MAX_QUERIES_PER_SEARCH = RINGS * NEARBY_BOUNDS.rangesPerRing;
export const MAX_REQUESTS_PER_SEARCH = RINGS * NEARBY_BOUNDS.pagesPerRing;
/** The finest cover precision: ≈ 153 m cells, about a city block. */
const MAX_COVER_PRECISION = 7;

/** The cover limits a ring's search works within. */
export function nearbyCoverLimits(bounds: NearbyBounds = NEARBY_BOUNDS): CoverLimits {
  return {
    partitionPrecision: GEO_PARTITION_PRECISION,
    maxPrecision: MAX_COVER_PRECISION,
    maxCells: bounds.coverCells,
    maxPartitions: bounds.rangesPerRing,
  };
}

/** Whether one of the ranges read whole already holds every station of `cell`. */
const readBefore = (read: GeohashRange[], cell: string): boolean =>
  read.some((range) => geohashRangeHolds(range, cell));

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
 * search, while reads grow with the neighbourhood, not the country — and never beyond `bounds`: when
 * a bound cuts a read short, only stations nearer than anything unread are answered, so the answer
 * is still the true nearest, just perhaps fewer of them (`stats.completeWithinM`).
 */
export async function findNearbyStations(
  query: NearbyQuery,
  at: Date,
  bounds: NearbyBounds = NEARBY_BOUNDS,
): Promise<{ stations: NearbyStation[]; stats: NearbyStats }> {
  const center = { lng: query.lng, lat: query.lat };
  const rings = query.radius > NEAR_RING_M ? [NEAR_RING_M, query.radius] : [query.radius];
  const stats: NearbyStats = { itemsRead: 0, cellQueries: 0, requests: 0, radii: [], completeWithinM: 0 };
  const seen = new Map<string, Station>();
  const readWhole: GeohashRange[] = [];
  // Per ring searched: whether every station at a distance was read (all of them, unless cut short).
  const complete: ((distance: number) => boolean)[] = [];
  let matches: { station: Station; distance: number; id: string }[] = [];

  for (const ring of rings) {
    // Never more cells or partitions than the bounds allow; near a pole that means a smaller radius.
    const cover = boundedGeohashCover(center, ring, nearbyCoverLimits(bounds));
    // A cell read whole before (itself, or as part of a coarser range) is not read again.
    const cells = cover.cells.filter((cell) => !readBefore(readWhole, cell));
    const ranges = geohashRanges(cells, {
      partitionPrecision: GEO_PARTITION_PRECISION,
      maxRanges: bounds.rangesPerRing,
    });
    // Every range reads its first page; further pages come out of what the ring has left.
    let morePages = bounds.pagesPerRing - ranges.length;
    const read = { pageSize: bounds.pageSize, mayReadMore: () => morePages-- > 0 };
    const results = await Promise.all(ranges.map((range) => listStationsInGeoRange(range, read)));
    let unreadM = Number.POSITIVE_INFINITY;
    for (const [index, result] of results.entries()) {
      const range = ranges[index]!;
      stats.itemsRead += result.itemsRead;
      stats.requests += result.requests;
      for (const station of result.stations) seen.set(station.id, station);
      if (result.unreadFrom === undefined) readWhole.push(range);
      else unreadM = Math.min(unreadM, nearestUnread(center, cells, range, result.unreadFrom));
    }
    stats.cellQueries += ranges.length;
    stats.radii.push(cover.radiusM);
    stats.completeWithinM = Math.max(stats.completeWithinM, Math.min(cover.radiusM, unreadM));
    complete.push((distance) => distance <= cover.radiusM && distance < unreadM);

    // Within a ring and nearer than anything it left unread: every such station was read (`seen`
    // keeps what every ring read, so a ring cut shorter than the one before loses nothing).
    matches = [...seen.values()]
      .map((station) => ({ station, id: station.id, distance: distanceMeters(center, station.location) }))
      .filter((m) => complete.some((within) => within(m.distance)))
      .filter((m) => matchesNearbyFilters(m.station, query, at));
    // A ring the bounds shrank is as far as any ring can reach.
    if (matches.length >= query.limit || cover.radiusM < ring) break;
  }

  matches.sort(compareByDistance);
  const stations = matches.slice(0, query.limit).map(({ station, distance }) => ({
    ...toStationSummary(station, at),
    distanceM: Math.round(distance),
  }));
  return { stations, stats };
}

/**
 * Metres to the nearest part of `range`'s cover cells that may hold unread stations: the rest of the
 * cell holding the last station read (from that station's geohash on), and every cell after it.
 */
function nearestUnread(
  center: { lng: number; lat: number },
  cells: string[],
  range: GeohashRange,
  unreadFrom: string,
): number {
  let nearest = Number.POSITIVE_INFINITY;
  for (const cell of cells) {
    const head = unreadFrom.slice(0, cell.length);
    if (cell < range.from || cell > range.to || cell < head) continue;
    for (const part of cell === head ? geohashCellsFrom(cell, unreadFrom) : [cell]) {
      nearest = Math.min(nearest, geohashCellDistance(center, part));
    }
  }
  return nearest;
}
