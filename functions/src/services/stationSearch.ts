import {
  type AmenityCode,
  distanceMeters,
  type GcjPoint,
  type HostType,
  type SearchedStation,
  type SearchMatch,
  stationOpeningStatus,
} from '@ankang/shared';
import { decodeCursor, encodeCursor } from '../db/cursor';
import { stationSearchKeys } from '../db/keys';
import { getStationsInOrder, readSearchEntries } from '../db/stationSearch';
import type { SearchEntryFields } from '../db/stationSearchItems';
import { AppError } from '../lib/errors';
import { placeByCode } from '../lib/places';
import { normalizeSearchText, queryBigram } from '../lib/searchText';
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

/**
 * Searches stations by words and/or place, nationwide: one Query of one partition of the search
 * index (the words' least common bigram, or the province's places when no words), within the place
 * as a sort-key prefix, bounded by SEARCH_READ_PAGES requests; then every entry read is checked
 * against the whole words, filtered, ranked, and the page's stations read in one BatchGet. A
 * one-character search has no bigram: it is answered within a place only (empty without one).
 */
export async function searchStations(
  query: SearchQuery,
  at: Date,
): Promise<{
  stations: SearchedStation[];
  nextCursor?: string;
  place?: { code: string; name: string; fullName: string };
  cost: SearchCost;
}> {
  const place = query.place ? placeByCode(query.place) : undefined;
  if (query.place && !place) throw new AppError('PLACE_NOT_FOUND');
  const words = normalizeSearchText(query.q ?? '');
  const bigram = queryBigram(words);
  const partition = bigram
    ? stationSearchKeys.termPartition(bigram)
    : place
      ? stationSearchKeys.placePartition(place.code.slice(0, 2))
      : undefined;
  const point =
    query.lat !== undefined && query.lng !== undefined ? { lat: query.lat, lng: query.lng } : undefined;
  const scope = [
    'searchStations',
    partition ?? '-',
    JSON.stringify({ ...query, cursor: undefined, words }),
  ] as const;
  const start = await decodeCursor(query.cursor, scope);
  const offset = start ? Number(start.offset) : 0;
  if (!Number.isSafeInteger(offset) || offset < 0) throw new AppError('BAD_CURSOR');
  const placeOut = place ? { code: place.code, name: place.name, fullName: place.fullName } : undefined;
  if (!partition || (words.length === 0 && !place)) {
    return {
      stations: [],
      ...(placeOut ? { place: placeOut } : {}),
      cost: { itemsRead: 0, queries: 0, complete: true },
    };
  }

  const read = await readSearchEntries(partition, place?.code);
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
    ...(more ? { nextCursor: await encodeCursor({ offset: String(offset + query.limit) }, scope) } : {}),
    ...(placeOut ? { place: placeOut } : {}),
    cost: {
      itemsRead: read.itemsRead + itemsRead,
      queries: read.requests + (page.length ? 1 : 0),
      complete: read.complete,
    },
  };
}
