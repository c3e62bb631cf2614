import {
  type AdaptiveCoverLimits,
  type AmenityCode,
  adaptiveGeohashCover,
  distanceMeters,
  type GcjPoint,
  type GeohashCellRange,
  type GeohashReadSet,
  geohashCellDistance,
  geohashCellRanges,
  geohashCellsFrom,
  geohashEncode,
  geohashReadSet,
  geohashSpan,
  geohashUnitAreaM2,
  type HostType,
  type NearbyStation,
  type Station,
  stationOpeningStatus,
} from '@ankang/shared';
import { GEO_PARTITION_PRECISION, GEO_SORT_PRECISION } from '../db/keys';
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

/** What one search may cost, whatever the input. */
export interface NearbyBounds {
  /** Rings at most; the last one searched is always the full radius. */
  rings: number;
  /**
   * The first ring's radius for a limit of 20, scaled by √(limit / 20) so that it holds about as
   * many matches where stations are as dense as in a city; never beyond the radius. Where they are
   * sparser the next rings find the rest; where denser, the first ring reads more than it needs.
   */
  firstRingM: number;
  /** Each ring's cover holds at most this many cells (the work of building it) … */
  coverCells: number;
  /** … merged into at most this many key ranges (one query each; also the most partitions a ring touches). */
  rangesPerRing: number;
  /**
   * DynamoDB requests (pages) per search, at least `rings × rangesPerRing`: every range reads its
   * first page, and a dense one reads more while the search has pages left beyond those the rings
   * still to come need for their first pages. A read stopped short narrows what the answer is
   * complete for (`completeWithinM`) rather than answer wrongly.
   */
  pagesPerSearch: number;
  /** Items per page; DynamoDB's own 1 MB page (some 1,000 stations) when absent. */
  pageSize?: number;
}

/**
 * Four rings at most, so a search makes at most 4 × 12 = 48 range queries and 72 DynamoDB requests
 * (48 first pages and 24 more) in at most 4 rounds of parallel queries, and builds at most 4 covers
 * of 256 cells. 24 more pages hold some 24,000 stations: the densest 20 km in the national data set
 * (上海) holds 8,155, 4,875 of them in one range, which takes 5 pages.
 */
export const NEARBY_BOUNDS: NearbyBounds = {
  rings: 4,
  firstRingM: 1000,
  coverCells: 256,
  rangesPerRing: 12,
  pagesPerSearch: 72,
};
export const MAX_QUERIES_PER_SEARCH = NEARBY_BOUNDS.rings * NEARBY_BOUNDS.rangesPerRing;
export const MAX_REQUESTS_PER_SEARCH = NEARBY_BOUNDS.pagesPerSearch;
/** The finest cover precision: the geo index's sort key (≈ 38 m × 19 m cells). */
const MAX_COVER_PRECISION = GEO_SORT_PRECISION;
/** The limit `firstRingM` is sized for. */
const FIRST_RING_LIMIT = 20;
/** A ring's cover starts from the finest uniform cover of at most this many cells, then refines. */
const SEED_CELLS = 16;
/** A gap between two ranges is read with them when it should hold at most this many stations. */
const GAP_STATIONS = 1;
/** The next ring aims at `limit` matches with this margin on the radius … */
const RING_MARGIN = 1.05;
/** … grows at least this much and at most this much (one match is little to go on) … */
const MIN_GROWTH = 1.25;
const MAX_GROWTH = 2;
/** … and this much when the ring held no match at all. */
const EMPTY_GROWTH = 4;

/** The cover limits a ring's search works within. */
export function nearbyCoverLimits(bounds: NearbyBounds = NEARBY_BOUNDS): AdaptiveCoverLimits {
  return {
    partitionPrecision: GEO_PARTITION_PRECISION,
    maxPrecision: MAX_COVER_PRECISION,
    maxCells: bounds.coverCells,
    maxPartitions: bounds.rangesPerRing,
    seedCells: Math.min(Math.max(SEED_CELLS, bounds.rangesPerRing), bounds.coverCells),
  };
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

/** A station read, its distance, and its position in z-order (to count those a gap holds). */
type Match = { station: Station; distance: number; id: string; position: number };

/**
 * Nearby stations from the geohash index, in rings that adapt to how dense the stations are: a
 * small first ring, then each next one sized from the matches found so far, the last always the
 * full radius. A ring covers its circle with cells of mixed precision (coarse inside, fine along the
 * edge, nothing read before), queries them in parallel as a few key ranges (a gap between two is
 * read too only where it should hold under one station), and keeps the stations truly within the
 * ring that pass the filters; the search stops as soon as `limit` of them lie within the radius
 * searched. Every station within a ring lies in its cover or in an earlier read, so the answer
 * equals a brute-force search, while reads grow with what is asked, not with the country — and
 * never beyond `bounds`: when a bound cuts a read short, only stations nearer than anything unread
 * are answered, so the answer is still the true nearest, just perhaps fewer of them
 * (`stats.completeWithinM`).
 */
export async function findNearbyStations(
  query: NearbyQuery,
  at: Date,
  bounds: NearbyBounds = NEARBY_BOUNDS,
): Promise<{ stations: NearbyStation[]; stats: NearbyStats }> {
  const { matches, stats } = await nearestMatches(query, at, bounds);
  const stations = matches.map(({ station, distance }) => ({
    ...toStationSummary(station, at),
    distanceM: Math.round(distance),
  }));
  return { stations, stats };
}

/**
 * The station nearest to `point` within `radiusM` that is not closed (no other filter), as stored,
 * with its distance in whole metres, or null when none is that near: findNearbyStations' search
 * with limit 1, for the rules that ask where a point lies (the union reviewing a suggestion, the
 * place a search starts from). The record is the one the search read: no second read.
 */
export async function nearestStation(
  point: GcjPoint,
  radiusM: number,
  at: Date,
  bounds: NearbyBounds = NEARBY_BOUNDS,
): Promise<{ nearest: { station: Station; distanceM: number } | null; stats: NearbyStats }> {
  const { matches, stats } = await nearestMatches(
    { ...point, radius: radiusM, limit: 1, amenities: [], openNow: false },
    at,
    bounds,
  );
  const [first] = matches;
  return { nearest: first ? { station: first.station, distanceM: Math.round(first.distance) } : null, stats };
}

/** findNearbyStations' search: the matches, nearest first (at most `query.limit`), and its cost. */
async function nearestMatches(
  query: NearbyQuery,
  at: Date,
  bounds: NearbyBounds,
): Promise<{ matches: Match[]; stats: NearbyStats }> {
  if (!(bounds.rings >= 1 && bounds.pagesPerSearch >= bounds.rings * bounds.rangesPerRing)) {
    throw new RangeError(`inconsistent nearby bounds ${JSON.stringify(bounds)}`);
  }
  const center = { lng: query.lng, lat: query.lat };
  const stats: NearbyStats = { itemsRead: 0, cellQueries: 0, requests: 0, radii: [], completeWithinM: 0 };
  const seen = new Map<string, Match>();
  const read = geohashReadSet();
  // Per ring searched: whether every station at a distance was read (all of them, unless cut short).
  const complete: ((distance: number) => boolean)[] = [];
  let matches: Match[] = [];
  let pagesLeft = bounds.pagesPerSearch;
  let radius = Math.min(query.radius, bounds.firstRingM * Math.sqrt(query.limit / FIRST_RING_LIMIT));

  for (let ring = 0; ring < bounds.rings; ring++) {
    if (ring === bounds.rings - 1) radius = query.radius;
    const cover = adaptiveGeohashCover(center, radius, nearbyCoverLimits(bounds), read);
    const ranges = geohashCellRanges(cover.cells, {
      partitionPrecision: GEO_PARTITION_PRECISION,
      maxRanges: bounds.rangesPerRing,
      ...gapEstimate(center, seen, read, stats.completeWithinM),
    });
    // Every range reads its first page; further pages come out of what the search has left beyond
    // the first pages of the rings still to come.
    let morePages = pagesLeft - ranges.length - (bounds.rings - 1 - ring) * bounds.rangesPerRing;
    const pages = { pageSize: bounds.pageSize, mayReadMore: () => morePages-- > 0 };
    const results = await Promise.all(ranges.map((range) => listStationsInGeoRange(range, pages)));
    let unreadM = Number.POSITIVE_INFINITY;
    for (const [index, result] of results.entries()) {
      const range = ranges[index]!;
      stats.itemsRead += result.itemsRead;
      stats.requests += result.requests;
      pagesLeft -= result.requests;
      for (const station of result.stations) {
        seen.set(station.id, {
          station,
          id: station.id,
          distance: distanceMeters(center, station.location),
          position: geohashSpan(geohashEncode(station.location, MAX_COVER_PRECISION)).first,
        });
      }
      read.add(range.from, range.to, result.unreadFrom);
      if (result.unreadFrom !== undefined) {
        unreadM = Math.min(unreadM, nearestUnread(center, range, result.unreadFrom));
      }
    }
    stats.cellQueries += ranges.length;
    stats.radii.push(cover.radiusM);
    const completeM = Math.min(cover.radiusM, unreadM);
    stats.completeWithinM = Math.max(stats.completeWithinM, completeM);
    complete.push((distance) => distance <= cover.radiusM && distance < unreadM);

    // Within a ring and nearer than anything it left unread: every such station was read (`seen`
    // keeps what every ring read, so a ring cut shorter than the one before loses nothing).
    const candidates = [...seen.values()].filter(
      (m) => m.distance <= query.radius && matchesNearbyFilters(m.station, query, at),
    );
    matches = candidates.filter((m) => complete.some((within) => within(m.distance)));
    // A ring the bounds shrank is as far as any ring can reach.
    if (matches.length >= query.limit || cover.radiusM < radius || radius >= query.radius) break;
    // A ring cut short is searched again for what it left; otherwise the next ring is sized.
    if (completeM >= cover.radiusM) {
      radius = Math.min(query.radius, nextRadius(completeM, matches.length, candidates, query.limit));
    }
  }

  matches.sort(compareByDistance);
  return { matches: matches.slice(0, query.limit), stats };
}

/**
 * The next ring's radius: where `limit` matches should lie if they are spread as the `found` within
 * `completeM` are, with a margin, growing at least MIN_GROWTH (EMPTY_GROWTH when none were found);
 * never beyond the `limit`-th nearest match already read, since that radius surely holds `limit`.
 */
function nextRadius(completeM: number, found: number, candidates: Match[], limit: number): number {
  const aimed =
    found === 0
      ? completeM * EMPTY_GROWTH
      : Math.min(
          completeM * MAX_GROWTH,
          Math.max(completeM * MIN_GROWTH, completeM * Math.sqrt(limit / found) * RING_MARGIN),
        );
  if (candidates.length < limit) return aimed;
  const distances = candidates.map((m) => m.distance).sort((a, b) => a - b);
  return Math.min(aimed, distances[limit - 1]!);
}

/**
 * What reading a gap beside a ring's ranges costs, in stations: those an earlier read found there
 * (known exactly: a gap across the middle of the search holds the densest part) plus, for its part
 * no read holds, as many as the density read so far puts there (one more station than found, so an
 * empty start does not pass for an empty town). A gap is read with its ranges when it should hold at
 * most GAP_STATIONS. The first ring has no density to go on: it merges only to stay within the
 * bounds, smallest gaps first.
 */
function gapEstimate(
  center: { lng: number; lat: number },
  seen: Map<string, Match>,
  read: GeohashReadSet,
  completeM: number,
): { gapStations?: (first: number, last: number) => number; readGapsUpTo?: number } {
  if (completeM <= 0) return {};
  let within = 0;
  const positions: number[] = [];
  for (const m of seen.values()) {
    if (m.distance <= completeM) within++;
    positions.push(m.position);
  }
  positions.sort((a, b) => a - b);
  const before = (position: number): number => {
    let [lo, hi] = [0, positions.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (positions[mid]! < position) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const perUnit = ((within + 1) / (Math.PI * completeM * completeM)) * geohashUnitAreaM2(center);
  return {
    gapStations: (first, last) => before(last + 1) - before(first) + read.unread(first, last) * perUnit,
    readGapsUpTo: GAP_STATIONS,
  };
}

/**
 * Metres to the nearest part of `range`'s cover cells that may hold unread stations: the rest of the
 * cell holding the last station read (from that station's geohash on), and every cell after it.
 */
function nearestUnread(
  center: { lng: number; lat: number },
  range: GeohashCellRange,
  unreadFrom: string,
): number {
  let nearest = Number.POSITIVE_INFINITY;
  for (const cell of range.cells) {
    const head = unreadFrom.slice(0, cell.length);
    if (cell < head) continue;
    for (const part of cell === head ? geohashCellsFrom(cell, unreadFrom) : [cell]) {
      nearest = Math.min(nearest, geohashCellDistance(center, part));
    }
  }
  return nearest;
}
