import type { Place } from '@ankang/shared';
import { AppError } from '../lib/errors';
import { childrenOf, placeByCode, searchPlaces } from '../lib/places';

/** At most this many places answer a name search. */
export const PLACE_SEARCH_LIMIT = 20;

/**
 * The place picker: the provinces, the children of a place, or places by name (within a place
 * when both are given). An unknown parent is a 404, not an empty list, so a stale code shows.
 */
export async function listPlaces(query: { parent?: string; q?: string }): Promise<{ places: Place[] }> {
  if (query.parent && !placeByCode(query.parent)) throw new AppError('PLACE_NOT_FOUND');
  if (query.q) return { places: searchPlaces(query.q, PLACE_SEARCH_LIMIT, query.parent) };
  return { places: childrenOf(query.parent) };
}
