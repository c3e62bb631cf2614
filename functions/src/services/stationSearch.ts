import {
  type AmenityCode,
  distanceMeters,
  type GcjPoint,
  type HostType,
  type SearchedStation,
  type SearchMatch,
  stationOpeningStatus,
} from '@ankang/shared';
import { type CursorScope, decodeCursor, encodeCursor } from '../db/cursor';
import { stationSearchKeys } from '../db/keys';
import {
  getStationsInOrder,
  readSearchEntries,
  SEARCH_READ_BOUNDS,
  type SearchReadBounds,
} from '../db/stationSearch';
import type { SearchEntryFields } from '../db/stationSearchItems';
import { AppError } from '../lib/errors';
import { normalizeSearchText, queryBigrams, SEARCH_TERM_READS } from '../lib/searchText';
import { findNearbyStations, type NearbyBounds } from './nearby';
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
  /** Whether the partition's range was read to its end (else the answer ranks what was read). */
  complete: boolean;
}

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

/** The nearest station to a point within this distance names the point's county and city. */
const POINT_PLACE_RADIUS_M = 20_000;
/**
 * Bounds of that lookup (limit 1): three rings of at most 4 ranges, 16 DynamoDB requests. Where no
 * station lies within reach the search ranks what its first read found.
 */
const POINT_PLACE_BOUNDS: NearbyBounds = {
  rings: 3,
  firstRingM: 2_000,
  coverCells: 64,
  rangesPerRing: 4,
  pagesPerSearch: 16,
};

/**
 * The county and city (codes) of the station nearest to `point`, within POINT_PLACE_RADIUS_M:
 * where the caller most likely is, as the stations draw the map (places carry no coordinates).
 */
async function placeNear(
  point: GcjPoint,
  at: Date,
): Promise<{ prefixes: string[]; itemsRead: number; requests: number }> {
  const { stations, stats } = await findNearbyStations(
    { ...point, radius: POINT_PLACE_RADIUS_M, limit: 1, amenities: [], openNow: false },
    at,
    POINT_PLACE_BOUNDS,
  );
  const place = stations[0]?.place;
  // Narrowest last: the city's range is read first, the county's only if the city's is too big.
  return {
    prefixes: place ? [place.city, place.county] : [],
    itemsRead: stats.itemsRead,
    requests: stats.requests,
  };
}

interface SearchRead {
  entries: SearchEntryFields[];
  itemsRead: number;
  requests: number;
  complete: boolean;
}

/**
 * The entries a search ranks. The partitions of the query's bigrams (rarest first, at most
 * SEARCH_TERM_READS), within the place: the first read to its end holds every match, and answers
 * completely. When none is (a common word, or a province browsed) and the caller gave a point, the
 * first partition's ranges of the point's city, then county, until one is read to its end: the
 * ranking then covers every match near the caller instead of the first ones in place-code order (a
 * worker in 广东 no longer gets 北京's). At most 4 reads of `bounds.pages` requests and one
 * nearest-station lookup (POINT_PLACE_BOUNDS).
 */
async function readForSearch(
  partitions: string[],
  placeCode: string | undefined,
  point: GcjPoint | undefined,
  at: Date,
  bounds: SearchReadBounds,
): Promise<SearchRead> {
  const byId = new Map<string, SearchEntryFields>();
  const read: SearchRead = { entries: [], itemsRead: 0, requests: 0, complete: false };
  const take = (more: Awaited<ReturnType<typeof readSearchEntries>>) => {
    read.itemsRead += more.itemsRead;
    read.requests += more.requests;
    for (const entry of more.entries) byId.set(entry.stationId, entry);
  };
  for (const partition of partitions.slice(0, SEARCH_TERM_READS)) {
    const more = await readSearchEntries(partition, placeCode, bounds);
    if (more.complete)
      return {
        ...more,
        complete: true,
        itemsRead: read.itemsRead + more.itemsRead,
        requests: read.requests + more.requests,
      };
    take(more);
  }
  if (point) {
    const near = await placeNear(point, at);
    read.itemsRead += near.itemsRead;
    read.requests += near.requests;
    // Only ranges inside the one asked for (a place browsed in 江苏 never reads 广东's range).
    for (const prefix of near.prefixes.filter(
      (code) => code.startsWith(placeCode ?? '') && code !== placeCode,
    )) {
      const more = await readSearchEntries(partitions[0]!, prefix, bounds);
      take(more);
      if (more.complete) break;
    }
  }
  read.entries = [...byId.values()];
  return read;
}

/** The paging state a cursor carries: where the next page starts and the instant the search ranks at. */
async function pagingState(cursor: string | undefined, scope: CursorScope, now: Date) {
  const start = await decodeCursor(cursor, scope);
  if (!start) return { offset: 0, at: now };
  const offset = Number(start.offset);
  const at = new Date(String(start.at));
  if (!Number.isSafeInteger(offset) || offset < 0 || Number.isNaN(at.getTime()))
    throw new AppError('BAD_CURSOR');
  return { offset, at };
}

/**
 * Searches stations by words and/or place, nationwide: one Query of one partition of the search
 * index (the words' least common bigram, or the province's places when no words), within the place
 * as a sort-key prefix, bounded by SEARCH_READ_PAGES requests (and, when that range is bigger and
 * the caller gave a point, the ranges of the point's city and county: see readForSearch); then
 * every entry read is checked against the whole words, filtered, ranked, and the page's stations
 * read in one BatchGet. A one-character search has no bigram: it is answered within a place only
 * (empty without one). Every page of one search ranks at the first page's instant (the cursor
 * carries it), so 营业中 does not change between pages.
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
  // The national place file (some 0.7 MB) is loaded only by a search within a place, once per instance.
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
  const { offset, at } = await pagingState(query.cursor, scope, now);
  const placeOut = place ? { code: place.code, name: place.name, fullName: place.fullName } : undefined;
  if (!partition || (words.length === 0 && !place)) {
    return {
      stations: [],
      ...(placeOut ? { place: placeOut } : {}),
      complete: true,
      at,
      cost: { itemsRead: 0, queries: 0, complete: true },
    };
  }

  const read = await readForSearch(partitions, place?.code, point, at, bounds);
  const matched = read.entries.flatMap((entry) => {
    const match = matchOf(entry, words);
    return match ? [{ entry, match }] : [];
  });
  // Without the caller's point, nearness is to the place's centre as its matching stations draw it.
  const from = point ?? (place ? centreOf(matched.map((m) => m.entry)) : undefined);
  const ranked = rankMatches(
    matched
      .filter(({ entry }) => passesFilters(entry, query, at))
      .map((m) => (from ? { ...m, distanceM: Math.round(distanceMeters(from, m.entry.location)) } : m)),
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
          nextCursor: await encodeCursor(
            { offset: String(offset + query.limit), at: at.toISOString() },
            scope,
          ),
        }
      : {}),
    ...(placeOut ? { place: placeOut } : {}),
    complete: read.complete,
    at,
    cost: {
      itemsRead: read.itemsRead + itemsRead,
      queries: read.requests + (page.length ? 1 : 0),
      complete: read.complete,
    },
  };
}
