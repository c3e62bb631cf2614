import type { GcjPoint } from '@ankang/shared';
import { readSearchEntries, type SearchReadBounds } from '../db/stationSearch';
import type { SearchEntryFields } from '../db/stationSearchItems';
import { SEARCH_TERM_READS } from '../lib/searchText';
import { findNearbyStations, type NearbyBounds } from './nearby';

/**
 * One read of the search index: a partition (a bigram's or a province's places) within a place
 * code prefix ('' for the whole partition). A search's route is the reads whose entries it ranks:
 * the first page chooses it and its cursor carries it, so later pages read only those ranges.
 */
export interface SearchStep {
  partition: string;
  prefix: string;
}

export interface SearchRead {
  entries: SearchEntryFields[];
  itemsRead: number;
  requests: number;
  /** Whether every match of the words within the place was read (a whole-place read to its end). */
  complete: boolean;
  route: SearchStep[];
}

/** The nearest station to a point within this distance names the point's county and city. */
const POINT_PLACE_RADIUS_M = 20_000;
/**
 * Bounds of that lookup (limit 1): three rings of at most 4 ranges, 16 DynamoDB requests. Where no
 * station lies within reach the search ranks what its first reads found.
 */
const POINT_PLACE_BOUNDS: NearbyBounds = {
  rings: 3,
  firstRingM: 2_000,
  coverCells: 64,
  rangesPerRing: 4,
  pagesPerSearch: 16,
};

/**
 * The city and county (codes, widest first) of the station nearest to `point`, within
 * POINT_PLACE_RADIUS_M: where the caller most likely is, as the stations draw the map.
 */
async function placeNear(point: GcjPoint, at: Date) {
  const { stations, stats } = await findNearbyStations(
    { ...point, radius: POINT_PLACE_RADIUS_M, limit: 1, amenities: [], openNow: false },
    at,
    POINT_PLACE_BOUNDS,
  );
  const place = stations[0]?.place;
  return {
    prefixes: place ? [place.city, place.county] : [],
    itemsRead: stats.itemsRead,
    requests: stats.requests,
  };
}

const readStep = (step: SearchStep, bounds: SearchReadBounds) =>
  readSearchEntries(step.partition, step.prefix || undefined, bounds);

/**
 * The first page's read, which chooses the route. The partitions of the query's bigrams (rarest
 * first, at most SEARCH_TERM_READS) within the place: the first read to its end holds every match
 * and is the route, complete. When none is and the caller gave a point, the first partition's range
 * of the point's city, then county: the first read to its end, else the county's (the nearest part)
 * is the route when it holds an answer (`answers`: a match that passes the filters), and the answer
 * is not complete; when it holds none, the bigram reads and it. Else the bigram reads made are the
 * route. At most 4 reads of `bounds.pages` requests and one nearest-station lookup (POINT_PLACE_BOUNDS).
 */
export async function chooseSearchRoute(
  partitions: string[],
  placeCode: string | undefined,
  point: GcjPoint | undefined,
  at: Date,
  bounds: SearchReadBounds,
  answers: (entries: SearchEntryFields[]) => boolean,
): Promise<SearchRead> {
  const within = placeCode ?? '';
  const cost = { itemsRead: 0, requests: 0 };
  const whole: { step: SearchStep; entries: SearchEntryFields[] }[] = [];
  for (const partition of partitions.slice(0, SEARCH_TERM_READS)) {
    const step = { partition, prefix: within };
    const read = await readStep(step, bounds);
    cost.itemsRead += read.itemsRead;
    cost.requests += read.requests;
    if (read.complete) return { entries: read.entries, ...cost, complete: true, route: [step] };
    whole.push({ step, entries: read.entries });
  }
  if (point && partitions[0]) {
    const near = await placeNear(point, at);
    cost.itemsRead += near.itemsRead;
    cost.requests += near.requests;
    let nearest: { step: SearchStep; entries: SearchEntryFields[] } | undefined;
    // Only ranges inside the one asked for (a place browsed in 江苏 never reads 广东's range).
    for (const prefix of near.prefixes.filter((code) => code.startsWith(within) && code !== within)) {
      const step = { partition: partitions[0], prefix };
      const read = await readStep(step, bounds);
      cost.itemsRead += read.itemsRead;
      cost.requests += read.requests;
      nearest = { step, entries: read.entries };
      if (read.complete) break;
    }
    if (nearest && answers(nearest.entries)) {
      return { entries: nearest.entries, ...cost, complete: false, route: [nearest.step] };
    }
    if (nearest) whole.push(nearest);
  }
  return {
    entries: distinct(whole.flatMap((read) => read.entries)),
    ...cost,
    complete: false,
    route: whole.map((read) => read.step),
  };
}

/**
 * A later page's read: only the route the first page chose (at most SEARCH_TERM_READS reads), so
 * it ranks the same entries without the lookups and reads that led there. Complete as the first
 * page was: one whole-place read to its end.
 */
export async function readSearchRoute(
  route: SearchStep[],
  placeCode: string | undefined,
  bounds: SearchReadBounds,
): Promise<SearchRead> {
  const reads = [];
  for (const step of route) reads.push(await readStep(step, bounds));
  return {
    entries: distinct(reads.flatMap((read) => read.entries)),
    itemsRead: reads.reduce((sum, read) => sum + read.itemsRead, 0),
    requests: reads.reduce((sum, read) => sum + read.requests, 0),
    complete: route.length === 1 && route[0]!.prefix === (placeCode ?? '') && reads[0]!.complete,
    route,
  };
}

/**
 * Whether `route` is one a first page of this search could have chosen: one to SEARCH_TERM_READS
 * distinct reads of the query's partitions within the place; one read of the first partition
 * within a city or county inside it; or every one of those partitions' reads and then such a read.
 * A cursor carrying anything else was not made for this search.
 */
export function isRouteOf(route: SearchStep[], partitions: string[], placeCode: string | undefined): boolean {
  const within = placeCode ?? '';
  const terms = partitions.slice(0, SEARCH_TERM_READS);
  const last = route.at(-1);
  const near =
    last && last.prefix !== within
      ? last.partition === partitions[0] &&
        last.prefix.startsWith(within) &&
        /^(\d{4}|\d{6})$/.test(last.prefix)
      : undefined;
  if (near === false) return false;
  const whole = near ? route.slice(0, -1) : route;
  const distinct = new Set(whole.map((step) => step.partition)).size === whole.length;
  const ofTerms = whole.every((step) => terms.includes(step.partition) && step.prefix === within);
  if (!distinct || !ofTerms) return false;
  return near
    ? whole.length === 0 || whole.length === terms.length
    : whole.length >= 1 && whole.length <= terms.length;
}

function distinct(entries: SearchEntryFields[]): SearchEntryFields[] {
  return [...new Map(entries.map((entry) => [entry.stationId, entry])).values()];
}
