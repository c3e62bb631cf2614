import type { NearbyStation } from '@ankang/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { GeoPoint } from '../platform';
import { type ApiError, toApiError } from '../services/errors';
import { fetchNearbyStations } from '../services/stations';
import { loadCachedNearby, saveCachedNearby, saveLastPoint } from '../services/stationsCache';
import { filterQuery, noFilters, type StationFilters } from './useStationFilters';

export const radiusSteps = [3000, 10_000, 20_000] as const;

const queryKeyOf = (filters: StationFilters, radiusM: number) =>
  JSON.stringify({ a: [...filters.amenities].sort(), o: filters.openNow, r: radiusM });

const askedKeyOf = (at: GeoPoint, filters: StationFilters, radiusM: number) =>
  `${at.latitude},${at.longitude},${queryKeyOf(filters, radiusM)}`;

export interface NearbyState {
  stations: NearbyStation[] | null;
  /** Server time of the list shown (ISO). */
  at: string | null;
  /** The list shown is the stored copy from an earlier visit, not a fresh answer. */
  fromCache: boolean;
  loading: boolean;
  /** The last load failed; the list (if any) is older. */
  error: ApiError | null;
  radiusM: number;
}

/**
 * The nearby list for a known position and the worker's filters: reloads when the position, the
 * filters or the radius change, keeps the last answer in storage and shows it (marked as such)
 * while offline. The position is kept too, for the detail page's distance.
 */
export function useNearbyStations(point: GeoPoint | null, filters: StationFilters) {
  const [state, setState] = useState<NearbyState>(() => {
    const cached = loadCachedNearby();
    const usable = cached && cached.queryKey === queryKeyOf(noFilters, radiusSteps[0]);
    return {
      stations: usable ? cached.stations : null,
      at: usable ? cached.at : null,
      fromCache: Boolean(usable),
      loading: false,
      error: null,
      radiusM: radiusSteps[0],
    };
  });
  const latest = useRef(0);
  // What the last request asked (point, filters, radius): a refresh that moved the worker loads
  // once, not again when the new position reaches the effect below.
  const asked = useRef<string | null>(null);
  const { radiusM } = state;

  const load = useCallback(
    async (at: GeoPoint) => {
      const id = ++latest.current;
      asked.current = askedKeyOf(at, filters, radiusM);
      setState((s) => ({ ...s, loading: true, error: null }));
      saveLastPoint(at);
      try {
        const result = await fetchNearbyStations({
          lat: at.latitude,
          lng: at.longitude,
          radius: radiusM,
          ...filterQuery(filters),
        });
        if (id !== latest.current) return;
        saveCachedNearby(result.stations, result.at, queryKeyOf(filters, radiusM));
        setState((s) => ({
          ...s,
          stations: result.stations,
          at: result.at,
          fromCache: false,
          loading: false,
        }));
      } catch (error) {
        if (id !== latest.current) return;
        setState((s) => ({ ...s, loading: false, error: toApiError(error) }));
      }
    },
    [filters, radiusM],
  );

  useEffect(() => {
    if (point && askedKeyOf(point, filters, radiusM) !== asked.current) void load(point);
  }, [point, load, filters, radiusM]);

  const widen = useCallback(() => {
    setState((s) => ({ ...s, radiusM: radiusSteps.find((r) => r > s.radiusM) ?? s.radiusM }));
  }, []);

  return { ...state, load, widen };
}
