import type { GcjPoint } from '@ankang/shared';
import { stationSearchKeys } from '../db/keys';
import { type RangeRead, readSearchEntries } from '../db/stationSearch';
import type { SearchEntryFields } from '../db/stationSearchItems';
import {
  POINT_PLACE_RADIUS_M,
  SEARCH_PROBES,
  type SearchReadBounds,
  sparsestFirst,
} from '../lib/searchBounds';
import { type NearbyBounds, nearestStation } from './nearby';

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

const NO_READ: RangeRead = { entries: [], itemsRead: 0, requests: 0, complete: true };

/**
 * Bounds of the lookup of the caller's place (limit 1): three rings of at most 4 ranges, 16
 * DynamoDB requests of 200 items at most (3,200 in all). Where no station lies within reach the
 * search ranks what its first reads found.
 */
const POINT_PLACE_BOUNDS: NearbyBounds = {
  rings: 3,
  firstRingM: 2_000,
  coverCells: 64,
  rangesPerRing: 4,
  pagesPerSearch: 16,
  pageSize: 200,
};

/**
 * The city and county (codes, widest first) of the station nearest to `point`, within
 * POINT_PLACE_RADIUS_M: where the caller most likely is, as the stations draw the map.
 */
async function placeNear(point: GcjPoint, at: Date) {
  const { nearest, stats } = await nearestStation(point, POINT_PLACE_RADIUS_M, at, POINT_PLACE_BOUNDS);
  const place = nearest?.station.place;
  return {
    prefixes: place ? [place.city, place.county] : [],
    cost: { ...NO_READ, itemsRead: stats.itemsRead, requests: stats.requests },
  };
}

/** At most `take` entries of a step's range, from its start or from `startKey`. */
const readStep = (
  step: SearchStep,
  take: number,
  bounds: SearchReadBounds,
  startKey?: Record<string, unknown>,
) => readSearchEntries(step.partition, step.prefix || undefined, take, bounds.page, startKey);

/** The overflow mark's range within the place (read beside the route; empty when not a word search). */
const readOverflow = (overflow: boolean, within: string, bounds: SearchReadBounds) =>
  overflow
    ? readStep({ partition: stationSearchKeys.overflowPartition, prefix: within }, bounds.entries, bounds)
    : Promise.resolve(NO_READ);

/**
 * What the route's reads and the overflow's give together: their entries once each, their cost, and
 * whether they hold every match (`complete`: the route's ranges said so, and the overflow's was read
 * to its end).
 */
function together(
  route: SearchStep[],
  chosen: { entries: SearchEntryFields[]; complete: boolean; reads: RangeRead[] },
  extra: RangeRead,
): SearchRead {
  const reads = [...chosen.reads, extra];
  return {
    entries: distinct([...chosen.entries, ...extra.entries]),
    itemsRead: reads.reduce((sum, read) => sum + read.itemsRead, 0),
    requests: reads.reduce((sum, read) => sum + read.requests, 0),
    complete: chosen.complete && extra.complete,
    route,
  };
}

export interface RouteChoice {
  /** The query's bigrams' partitions in probe order, or the place partition without words. */
  partitions: string[];
  placeCode?: string;
  point?: GcjPoint;
  at: Date;
  bounds: SearchReadBounds;
  /** Whether some of these entries answer the search (match the words and pass the filters). */
  answers: (entries: SearchEntryFields[]) => boolean;
  /** A word search: the overflow mark's entries within the place are ranked too. */
  overflow: boolean;
}

/**
 * The first page's read, which chooses the route; the overflow mark's range is read beside it, at
 * once, and ranked too (complete only if it is).
 * 1. Probes of `bounds.probe` entries, within the place: the first partition's alone (most searches
 *    end there), then those of the others (at most SEARCH_PROBES) at once. A probe that reads its
 *    range to the end holds every match: the route, complete.
 * 2. Else the sparsest probe's range is read on to `bounds.entries`: to its end, the route, complete.
 * 3. Else, with the caller's point, its place is looked up and that partition's range of the
 *    point's city read, then the county's: the first read to its end, else the county's (the
 *    nearest part) is the route when it holds an answer, not complete; when it holds none, the
 *    cut-short range and it are. Without a point the cut-short range is the route.
 * At most SEARCH_PROBES probes, 3 range reads of `bounds.entries`, the overflow's, and one
 * nearest-station lookup (POINT_PLACE_BOUNDS).
 */
export async function chooseSearchRoute(choice: RouteChoice): Promise<SearchRead> {
  const within = choice.placeCode ?? '';
  // Awaited together: a failure of either fails the search, and the other's later failure is
  // still handled (awaiting them one after the other would leave the overflow's unhandled).
  const [chosen, extra] = await Promise.all([
    chooseRoute(choice, within),
    readOverflow(choice.overflow, within, choice.bounds),
  ]);
  return together(chosen.route, chosen, extra);
}

async function chooseRoute({ partitions, point, at, bounds, answers }: RouteChoice, within: string) {
  const reads: RangeRead[] = [];
  const chosen = (entries: SearchEntryFields[], complete: boolean, route: SearchStep[]) => ({
    entries,
    complete,
    route,
    reads,
  });
  const probe = async (partition: string) => {
    const step = { partition, prefix: within };
    const read = await readStep(step, bounds.probe, bounds);
    reads.push(read);
    return { step, read };
  };

  const probed = partitions.slice(0, SEARCH_PROBES);
  const probes = [await probe(probed[0]!)];
  if (!probes[0]!.read.complete) probes.push(...(await Promise.all(probed.slice(1).map(probe))));
  const whole = probes.find(({ read }) => read.complete);
  if (whole) return chosen(whole.read.entries, true, [whole.step]);

  const [sparsest] = sparsestFirst(
    probes.map((probed) => ({ ...probed, lastSortKey: String(probed.read.lastKey?.gsi3sk ?? '') })),
  );
  const { step, read: start } = sparsest!;
  const rest = await readStep(step, bounds.entries - start.entries.length, bounds, start.lastKey);
  reads.push(rest);
  const cutShort = [...start.entries, ...rest.entries];
  if (rest.complete || !point) return chosen(cutShort, rest.complete, [step]);

  // Looked up only now: most ranges end within `bounds.entries`, and the lookup is up to 16 requests.
  const near = await placeNear(point, at);
  reads.push(near.cost);
  let nearest: { step: SearchStep; entries: SearchEntryFields[] } | undefined;
  // Only ranges inside the one asked for (a place browsed in 江苏 never reads 广东's range).
  for (const prefix of near.prefixes.filter((code) => code.startsWith(within) && code !== within)) {
    const nearStep = { partition: step.partition, prefix };
    const read = await readStep(nearStep, bounds.entries, bounds);
    reads.push(read);
    nearest = { step: nearStep, entries: read.entries };
    if (read.complete) break;
  }
  if (!nearest) return chosen(cutShort, false, [step]);
  if (answers(nearest.entries)) return chosen(nearest.entries, false, [nearest.step]);
  return chosen([...cutShort, ...nearest.entries], false, [step, nearest.step]);
}

/**
 * A later page's read: only the route the first page chose (at most 2 ranges) and the overflow's,
 * at once, so it ranks the same entries without the probes and lookups that led there. Complete
 * as the first page was: one whole-place range read to its end.
 */
export async function readSearchRoute(
  route: SearchStep[],
  placeCode: string | undefined,
  bounds: SearchReadBounds,
  overflow: boolean,
): Promise<SearchRead> {
  const within = placeCode ?? '';
  const [extra, ...reads] = await Promise.all([
    readOverflow(overflow, within, bounds),
    ...route.map((step) => readStep(step, bounds.entries, bounds)),
  ]);
  const complete = route.length === 1 && route[0]!.prefix === within && reads[0]!.complete;
  return together(route, { entries: reads.flatMap((read) => read.entries), complete, reads }, extra!);
}

/**
 * Whether `route` is one a first page of this search could have chosen: one read of a probed
 * partition within the place, or within a city or county inside it, or the first and then the
 * second of the same partition. A cursor carrying anything else was not made for this search.
 */
export function isRouteOf(route: SearchStep[], partitions: string[], placeCode: string | undefined): boolean {
  const within = placeCode ?? '';
  const probed = partitions.slice(0, SEARCH_PROBES);
  const whole = (step: SearchStep) => probed.includes(step.partition) && step.prefix === within;
  const near = (step: SearchStep) =>
    probed.includes(step.partition) &&
    step.prefix !== within &&
    step.prefix.startsWith(within) &&
    /^(\d{4}|\d{6})$/.test(step.prefix);
  const [head, tail] = route;
  if (!head || route.length > 2) return false;
  if (!tail) return whole(head) || near(head);
  return whole(head) && near(tail) && head.partition === tail.partition;
}

function distinct(entries: SearchEntryFields[]): SearchEntryFields[] {
  return [...new Map(entries.map((entry) => [entry.stationId, entry])).values()];
}
