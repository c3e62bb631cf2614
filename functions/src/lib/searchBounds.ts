/**
 * How much one search reads, apart from the table client so the benchmark can load exactly the
 * ranges a search may read before anything connects.
 */

/**
 * How much the search reads of one range: requests of at most `page` entries, at most `entries` in
 * all (a range holding more is cut short), and `probe` entries for a probe (services/searchRead.ts).
 */
export interface SearchReadBounds {
  page: number;
  entries: number;
  probe: number;
}

/**
 * Two requests of 1,000 entries at most (some 1.2 MB in all); probes of 32, fewer than a range read
 * (a cut-short probe's range is read on from it to `entries`: tests/unit/searchRoute.test.ts).
 */
export const SEARCH_READ_BOUNDS: SearchReadBounds = { page: 1_000, entries: 2_000, probe: 32 };

/** Bigrams of the query probed at most: a station name's, as people type it, are fewer. */
export const SEARCH_PROBES = 12;

/**
 * The nearest station to the caller's point within this distance names the point's city and county
 * (services/searchRead.ts); the benchmark loads the ranges of every station this near.
 */
export const POINT_PLACE_RADIUS_M = 20_000;

/**
 * Probes cut short, the sparsest first: the one whose probe went furthest along the sort key (place
 * codes) holds the fewest entries per code, so most likely the fewest in all. Ties as given.
 */
export function sparsestFirst<T extends { lastSortKey: string }>(probes: T[]): T[] {
  return [...probes].sort((a, b) =>
    a.lastSortKey > b.lastSortKey ? -1 : a.lastSortKey < b.lastSortKey ? 1 : 0,
  );
}
