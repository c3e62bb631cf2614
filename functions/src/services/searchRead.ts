import type { GcjPoint } from '@ankang/shared';
import { stationSearchKeys } from '../db/keys';
import { type RangeRead, readSearchEntries } from '../db/stationSearch';
import type { SearchEntryFields } from '../db/stationSearchItems';
import { SEARCH_PROBES, SEARCH_READ_BOUNDS, type SearchReadBounds, sparsestFirst } from '../lib/searchBounds';
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
  const { nearest, stats } = await nearestStation(point, POINT_PLACE_RADIUS_M, at, POINT_PLACE_BOUNDS);
  const place = nearest?.station.place;
  return {
    prefixes: place ? [place.city, place.county] : [],
    itemsRead: stats.itemsRead,
    requests: stats.requests,
  };
}

const overflowPartition = stationSearchKeys.termPartition(stationSearchKeys.overflowTerm);

/**
 * The overflow mark's range within the place, always to the production bound: it holds only the
 * few stations past MAX_SEARCH_TERMS (24 of the national 186,100), so the bounds a test narrows to
 * make a bigram's range "too big" are not meant for it.
 */
const readOverflow = (within: string) =>
  readRange({ partition: overflowPartition, prefix: within }, SEARCH_READ_BOUNDS);

/** A range read from its start to the bound. */
const readRange = (step: SearchStep, bounds: SearchReadBounds) =>
  readSearchEntries(step.partition, step.prefix || undefined, bounds.entries, bounds.page);

const NO_READ: RangeRead = { entries: [], itemsRead: 0, requests: 0, complete: true };

/** What reads cost together. */
const costOf = (reads: RangeRead[]) => ({
  itemsRead: reads.reduce((sum, read) => sum + read.itemsRead, 0),
  requests: reads.reduce((sum, read) => sum + read.requests, 0),
});

interface Probed {
  step: SearchStep;
  read: RangeRead;
}

/**
 * The first page's read, which chooses the route. `partitions` are the query's bigrams' in probe
 * order (or the place partition, without words); `overflow`: a word search, which also ranks the
 * overflow mark's entries within the place (read beside the rest; complete only if it is).
 * 1. Probes of `bounds.probe` entries, within the place: the first partition's alone (most searches
 *    end there), then those of the others (at most SEARCH_PROBES) at once. A probe that reads its
 *    range to the end holds every match: the route, complete.
 * 2. Else the sparsest probe's range is read on to `bounds.entries`: to its end, the route, complete.
 * 3. Else, with the caller's point, that partition's range of the point's city, then county: the
 *    first read to its end, else the county's (the nearest part) is the route when it holds an
 *    answer (`answers`: a match that passes the filters), not complete; when it holds none, the
 *    cut-short range and it are. Without a point the cut-short range is the route.
 * At most SEARCH_PROBES probes, 3 range reads of `bounds.entries`, the overflow's, and one
 * nearest-station lookup (POINT_PLACE_BOUNDS).
 */
export async function chooseSearchRoute(
  partitions: string[],
  placeCode: string | undefined,
  point: GcjPoint | undefined,
  at: Date,
  bounds: SearchReadBounds,
  answers: (entries: SearchEntryFields[]) => boolean,
  overflow: boolean,
): Promise<SearchRead> {
  const within = placeCode ?? '';
  const overflowRead = overflow ? readOverflow(within) : undefined;
  const reads: RangeRead[] = [];
  const probe = async (partition: string): Promise<Probed> => {
    const step = { partition, prefix: within };
    const read = await readSearchEntries(partition, within || undefined, bounds.probe, bounds.page);
    reads.push(read);
    return { step, read };
  };
  const finish = async (entries: SearchEntryFields[], complete: boolean, route: SearchStep[]) => {
    const extra = (await overflowRead) ?? NO_READ;
    return {
      entries: distinct([...entries, ...extra.entries]),
      ...costOf([...reads, extra]),
      complete: complete && extra.complete,
      route,
    };
  };

  const probed = partitions.slice(0, SEARCH_PROBES);
  const probes = [await probe(probed[0]!)];
  if (!probes[0]!.read.complete) probes.push(...(await Promise.all(probed.slice(1).map(probe))));
  const whole = probes.find(({ read }) => read.complete);
  if (whole) return finish(whole.read.entries, true, [whole.step]);

  const [sparsest] = sparsestFirst(
    probes.map((probed) => ({ ...probed, lastSortKey: String(probed.read.lastKey?.gsi3sk ?? '') })),
  );
  const { step, read: start } = sparsest!;
  const rest = await readSearchEntries(
    step.partition,
    within || undefined,
    bounds.entries - start.entries.length,
    bounds.page,
    start.lastKey,
  );
  reads.push(rest);
  const cutShort = [...start.entries, ...rest.entries];
  if (rest.complete) return finish(cutShort, true, [step]);

  if (point) {
    const near = await placeNear(point, at);
    reads.push({ ...NO_READ, itemsRead: near.itemsRead, requests: near.requests });
    let nearest: { step: SearchStep; entries: SearchEntryFields[] } | undefined;
    // Only ranges inside the one asked for (a place browsed in 江苏 never reads 广东's range).
    for (const prefix of near.prefixes.filter((code) => code.startsWith(within) && code !== within)) {
      const nearStep = { partition: step.partition, prefix };
      const read = await readRange(nearStep, bounds);
      reads.push(read);
      nearest = { step: nearStep, entries: read.entries };
      if (read.complete) break;
    }
    if (nearest && answers(nearest.entries)) return finish(nearest.entries, false, [nearest.step]);
    if (nearest) return finish([...cutShort, ...nearest.entries], false, [step, nearest.step]);
  }
  return finish(cutShort, false, [step]);
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
    overflow ? readOverflow(within) : NO_READ,
    ...route.map((step) => readRange(step, bounds)),
  ]);
  return {
    entries: distinct([...reads.flatMap((read) => read.entries), ...extra!.entries]),
    ...costOf([extra!, ...reads]),
    complete: route.length === 1 && route[0]!.prefix === within && reads[0]!.complete && extra!.complete,
    route,
  };
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
