import { searchableNationwide } from '@ankang/shared';
import { useCallback, useState } from 'react';
import type { GeoPoint } from '../platform';
import { fetchStationSearch } from '../services/stations';
import { loadLastPlace, type PickedPlace, saveLastPlace } from '../services/stationsCache';
import { usePagedList } from './usePagedList';
import { filterQuery, type StationFilters } from './useStationFilters';

/**
 * The search on the stations page, with or without a location: words typed (杨舍, 人民中路, a
 * station's name) and/or a picked place, the worker's filters, ranked near the worker when their
 * position is known. Typing does not search; 搜索 does. The last place picked is remembered.
 */
export function useStationSearch(filters: StationFilters, point: GeoPoint | null) {
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState('');
  const [place, setPlace] = useState<PickedPlace | null>(null);
  // Offered again on the next visit; applied at once when there is no location (see useAutoPlace).
  const [rememberedPlace] = useState<PickedPlace | null>(loadLastPlace);
  const active = searched !== '' || place !== null;

  // Rounded (about 10 m) so a re-fix a few metres away does not search again.
  const nearLat = point ? Math.round(point.latitude * 1e4) / 1e4 : null;
  const nearLng = point ? Math.round(point.longitude * 1e4) / 1e4 : null;
  const key = JSON.stringify([searched, place?.code, filters, nearLat, nearLng]);
  // Whether the server ranked every match (false: too many, only the part near the worker or in the
  // place was read), for the search the list now shows: an answer to an older key says nothing.
  const [completeness, setCompleteness] = useState<{ key: string; complete: boolean } | null>(null);
  const fetchPage = useCallback(
    async (cursor?: string) => {
      const page = await fetchStationSearch({
        ...(searched ? { q: searched } : {}),
        ...(place ? { place: place.code } : {}),
        // Both or neither (the contract's rule); the keys are always there, possibly undefined.
        lat: nearLat ?? undefined,
        lng: nearLng ?? undefined,
        ...filterQuery(filters),
        ...(cursor ? { cursor } : {}),
      });
      setCompleteness({ key, complete: page.complete });
      return { items: page.stations, nextCursor: page.nextCursor };
    },
    [searched, place, filters, nearLat, nearLng, key],
  );
  // Words without two Chinese characters side by side (88号, 驿) are searched within a place only:
  // without one nothing is asked (the server would answer nothing); the list's empty state says why.
  const needsPlace = searched !== '' && place === null && !searchableNationwide(searched);
  const list = usePagedList(fetchPage, { key, enabled: active && !needsPlace });
  const partial = completeness?.key === key && !completeness.complete;
  const { reload } = list;

  const search = useCallback(() => {
    const q = query.trim();
    // The same search again (a second tap on 搜索) asks the server again.
    if (q === searched) reload();
    else setSearched(q);
  }, [query, searched, reload]);

  const pickPlace = useCallback((picked: PickedPlace | null) => {
    setPlace(picked);
    saveLastPlace(picked);
  }, []);

  /** Back to what is nearby (or to the empty search without a location). */
  const clearSearch = useCallback(() => {
    setQuery('');
    setSearched('');
    setPlace(null);
  }, []);

  return {
    query,
    setQuery,
    searched,
    search,
    place,
    pickPlace,
    rememberedPlace,
    clearSearch,
    active,
    list,
    partial,
    needsPlace,
  };
}
