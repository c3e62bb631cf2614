import {
  type AmenityCode,
  distanceMeters,
  type GcjPoint,
  type HostType,
  normalizeSearchText,
  type SearchedStation,
  type SearchMatch,
  stationOpeningStatus,
} from '@ankang/shared';
import { z } from 'zod';
import { type CursorScope, decodeCursor, encodeCursor } from '../db/cursor';
import { stationSearchKeys } from '../db/keys';
import { getStationsInOrder } from '../db/stationSearch';
import type { SearchEntryFields } from '../db/stationSearchItems';
import { AppError } from '../lib/errors';
import { SEARCH_READ_BOUNDS, type SearchReadBounds } from '../lib/searchBounds';
import { queryBigrams } from '../lib/searchText';
import type { Requester } from './caller';
import { limitSearchRate } from './searchLimit';
import { chooseSearchRoute, isRouteOf, readSearchRoute, type SearchStep } from './searchRead';
import { toStationSummary } from './stationViews';

export interface SearchQuery {
  q?: string;
  place?: string;
  lat?: number;
  lng?: number;
  openNow: boolean;
  amenities: AmenityCode[];
  hostType?: HostType;
  limit: number;
  cursor?: string;
}

/** How one search went, for the benchmark and the tests: what it read and asked. */
export interface SearchCost {
  itemsRead: number;
  queries: number;
}

const NO_COST: SearchCost = { itemsRead: 0, queries: 0 };

const matchOrder: Record<SearchMatch, number> = { name: 0, address: 1, place: 2 };

/**
 * Why an entry answers the words: they are in its name, else its address, else one of its place
 * names; null when in none (the bigram read was only a candidate). Words absent: its place.
 */
export function matchOf(entry: Pick<SearchEntryFields, 'name' | 'address' | 'placeNames'>, words: string) {
  if (!words) return 'place' as const;
  if (normalizeSearchText(entry.name).includes(words)) return 'name' as const;
  if (normalizeSearchText(entry.address).includes(words)) return 'address' as const;
  if (entry.placeNames.some((name) => normalizeSearchText(name).includes(words))) return 'place' as const;
  return null;
}

export interface Ranked {
  entry: SearchEntryFields;
  match: SearchMatch;
  distanceM?: number;
}

/**
 * The ranking: name matches before address matches before place matches, then nearer to
 * `from` (the caller's point, or the place's centre), then by station id.
 */
export function rankMatches(matches: Ranked[]): Ranked[] {
  return [...matches].sort(
    (a, b) =>
      matchOrder[a.match] - matchOrder[b.match] ||
      (a.distanceM ?? 0) - (b.distanceM ?? 0) ||
      (a.entry.stationId < b.entry.stationId ? -1 : a.entry.stationId > b.entry.stationId ? 1 : 0),
  );
}

/** The mean point of some entries: a place's centre as its stations draw it. */
function centreOf(entries: SearchEntryFields[]): GcjPoint | undefined {
  if (entries.length === 0) return undefined;
  const sum = entries.reduce((acc, e) => ({ lng: acc.lng + e.location.lng, lat: acc.lat + e.location.lat }), {
    lng: 0,
    lat: 0,
  });
  return { lng: sum.lng / entries.length, lat: sum.lat / entries.length };
}

function passesFilters(entry: SearchEntryFields, query: SearchQuery, at: Date): boolean {
  if (query.hostType && entry.hostType !== query.hostType) return false;
  if (!query.amenities.every((code) => entry.amenities.includes(code))) return false;
  if (query.openNow && !stationOpeningStatus(entry, at).open) return false;
  return true;
}

/** Where a page starts, the instant every page ranks at, and the reads the first page chose. */
interface PagingState {
  offset: number;
  at: Date;
  route?: SearchStep[];
}

const routeSchema = z.array(z.tuple([z.string(), z.string()])).min(1);

/**
 * The paging state a cursor carries. Its route must be one this search's first page could have
 * chosen (isRouteOf): the cursor is signed for the query, and this holds even were the key to leak.
 */
async function pagingState(
  cursor: string | undefined,
  scope: CursorScope,
  now: Date,
  partitions: string[],
  placeCode: string | undefined,
): Promise<PagingState> {
  const start = await decodeCursor(cursor, scope);
  if (!start) return { offset: 0, at: now };
  const offset = Number(start.offset);
  const at = new Date(String(start.at));
  let route: SearchStep[] = [];
  try {
    route = routeSchema
      .parse(JSON.parse(String(start.route)))
      .map(([partition, prefix]) => ({ partition, prefix }));
  } catch (cause) {
    throw new AppError('BAD_CURSOR', { cause });
  }
  if (
    !Number.isSafeInteger(offset) ||
    offset < 0 ||
    Number.isNaN(at.getTime()) ||
    !isRouteOf(route, partitions, placeCode)
  )
    throw new AppError('BAD_CURSOR');
  return { offset, at, route };
}

const cursorOf = (state: Required<PagingState>, scope: CursorScope) =>
  encodeCursor(
    {
      offset: String(state.offset),
      at: state.at.toISOString(),
      route: JSON.stringify(state.route.map((step) => [step.partition, step.prefix])),
    },
    scope,
  );

/**
 * Searches stations by words and/or place, nationwide: one range of the search index (the
 * partition of one of the words' bigrams, or the province's places when no words), within the
 * place as a sort-key prefix, read to SEARCH_READ_BOUNDS, with the overflow mark's range beside it
 * (probes choose the bigram; when the range is bigger and the caller gave a point, the ranges of
 * the point's city and county are read: see chooseSearchRoute); then every entry read is checked
 * against the whole words (the contract bounds them once normalised: SEARCH_MAX_WORDS), filtered,
 * ranked, and the page's stations read in one BatchGet. Words without two Chinese characters side
 * by side (驿, 88号) have no bigram: answered within a place only (empty without one). Every page
 * of one search ranks at the first page's instant and reads only the ranges the first page chose
 * (the cursor carries both), so 营业中 does not change between pages and a later page costs the
 * route's ranges and the overflow range, not the first page's probes and lookups.
 */
export async function searchStations(
  query: SearchQuery,
  now: Date,
  bounds: SearchReadBounds = SEARCH_READ_BOUNDS,
): Promise<{
  stations: SearchedStation[];
  nextCursor?: string;
  place?: { code: string; name: string; fullName: string };
  /** Whether every match was ranked (false: the range held more than one search reads). */
  complete: boolean;
  /** The instant the answer was ranked at (the first page's, on every page). */
  at: Date;
  cost: SearchCost;
}> {
  // The national place file (some 0.7 MB) is evaluated only by a search within a place, once per
  // instance; its text is still in this bundle (esbuild's one file), read at every cold start.
  const place = query.place ? (await import('../lib/places')).placeByCode(query.place) : undefined;
  if (query.place && !place) throw new AppError('PLACE_NOT_FOUND');
  const words = normalizeSearchText(query.q ?? '');
  const bigrams = queryBigrams(words);
  const partitions = bigrams.length
    ? bigrams.map((bigram) => stationSearchKeys.termPartition(bigram))
    : place
      ? [stationSearchKeys.placePartition(place.code.slice(0, 2))]
      : [];
  const partition = partitions[0];
  const point =
    query.lat !== undefined && query.lng !== undefined ? { lat: query.lat, lng: query.lng } : undefined;
  const scope = [
    'searchStations',
    partition ?? '-',
    JSON.stringify({ ...query, cursor: undefined, words }),
  ] as const;
  const { offset, at, route } = await pagingState(query.cursor, scope, now, partitions, place?.code);
  const placeOut = place ? { code: place.code, name: place.name, fullName: place.fullName } : undefined;
  if (!partition) {
    return { stations: [], ...(placeOut ? { place: placeOut } : {}), complete: true, at, cost: NO_COST };
  }

  const answered = (entry: SearchEntryFields) =>
    matchOf(entry, words) !== null && passesFilters(entry, query, at);
  const overflow = bigrams.length > 0;
  const read = route
    ? await readSearchRoute(route, place?.code, bounds, overflow)
    : await chooseSearchRoute({
        partitions,
        placeCode: place?.code,
        point,
        at,
        bounds,
        answers: (entries) => entries.some(answered),
        overflow,
      });
  const matched = read.entries.flatMap((entry) => {
    const match = matchOf(entry, words);
    return match ? [{ entry, match, passes: passesFilters(entry, query, at) }] : [];
  });
  // Without the caller's point, nearness is to the place's centre as its matching stations draw it.
  const from = point ?? (place ? centreOf(matched.map((m) => m.entry)) : undefined);
  const ranked = rankMatches(
    matched
      .filter((m) => m.passes)
      .map(({ entry, match }) =>
        from
          ? { entry, match, distanceM: Math.round(distanceMeters(from, entry.location)) }
          : { entry, match },
      ),
  );
  const page = ranked.slice(offset, offset + query.limit);
  const { stations, itemsRead } = await getStationsInOrder(page.map((r) => r.entry.stationId));
  const byId = new Map(page.map((r) => [r.entry.stationId, r]));
  const more = offset + query.limit < ranked.length;
  return {
    stations: stations
      .filter((station) => station.status.state !== 'closed')
      .map((station) => {
        const ranking = byId.get(station.id)!;
        return {
          ...toStationSummary(station, at),
          match: ranking.match,
          ...(point ? { distanceM: Math.round(distanceMeters(point, station.location)) } : {}),
        };
      }),
    ...(more
      ? {
          nextCursor: await cursorOf({ offset: offset + query.limit, at, route: read.route }, scope),
        }
      : {}),
    ...(placeOut ? { place: placeOut } : {}),
    complete: read.complete,
    at,
    cost: { itemsRead: read.itemsRead + itemsRead, queries: read.requests + (page.length ? 1 : 0) },
  };
}

/**
 * The public search (GET /stations): counted against its caller's minute first (429
 * SEARCH_RATE_LIMITED past the deployment's cap, before anything is read), then answered at `now`.
 */
export async function searchStationsFor(requester: Requester, query: SearchQuery, now: Date) {
  await limitSearchRate(requester, now);
  const { cost: _cost, at, ...answer } = await searchStations(query, now);
  return { ...answer, at: at.toISOString() };
}
