import type { Station } from '@ankang/shared';
import { placeNamesOf } from '../lib/places';
import { stationTerms } from '../lib/searchText';
import { searchPlaceKey, stationSearchKeys } from './keys';

/**
 * What a search entry carries besides its keys: what the search checks the words against and what
 * it filters and ranks by, so a search reads entries only (the page's stations are read after).
 */
export interface SearchEntryFields {
  stationId: string;
  name: string;
  address: string;
  placeNames: string[];
  location: Station['location'];
  hostType: Station['hostType'];
  amenities: Station['amenities'];
  hours: Station['hours'];
  status: Station['status'];
}

/**
 * A station's search entries: one per term (bigram of its name, address and place names), one
 * under the overflow mark when some were left out (at most MAX_SEARCH_TERMS in all), and one in its
 * province's place partition. A closed station has none: it
 * leaves the search. Pure (no table, no client), so the seed and the benchmark write exactly what
 * the API writes.
 */
export function searchEntriesOf(station: Station): Record<string, unknown>[] {
  if (station.status.state === 'closed') return [];
  const placeNames = station.place ? placeNamesOf(station.place) : [];
  const placeKey = searchPlaceKey(station.place);
  const fields: SearchEntryFields & { type: string } = {
    type: 'StationSearch',
    stationId: station.id,
    name: station.name,
    address: station.address,
    placeNames,
    location: station.location,
    hostType: station.hostType,
    amenities: station.amenities,
    hours: station.hours,
    status: station.status,
  };
  const { terms, overflow } = stationTerms({ name: station.name, address: station.address, placeNames });
  if (overflow) terms.push(stationSearchKeys.overflowTerm);
  const entries = terms.map((term) => ({
    ...stationSearchKeys.entry(station.id, term),
    ...stationSearchKeys.byTerm(term, placeKey, station.id),
    ...fields,
  }));
  if (station.place) {
    entries.push({
      ...stationSearchKeys.entry(station.id, stationSearchKeys.placeTerm),
      ...stationSearchKeys.byPlace(station.place.province, placeKey, station.id),
      ...fields,
    });
  }
  return entries;
}
