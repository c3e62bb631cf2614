import type { AmenityCode, ContractParsedInput, NearbyStation, nearbyStations } from '@ankang/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { GeoPoint } from '../platform';
import { type ApiError, toApiError } from '../services/errors';
import { fetchNearbyStations } from '../services/stations';
import { loadCachedNearby, saveCachedNearby } from '../services/stationsCache';

/** The filters as the server reads them (its parsed query), before they become query-string text. */
export type NearbyFilters = Pick<
  ContractParsedInput<typeof nearbyStations>['query'],
  'amenities' | 'openNow'
>;

export const radiusSteps = [3000, 10_000, 20_000] as const;
const noFilters: NearbyFilters = { amenities: [], openNow: false };

const queryKeyOf = (filters: NearbyFilters, radiusM: number) =>
  JSON.stringify({ a: [...filters.amenities].sort(), o: filters.openNow, r: radiusM });

export interface NearbyState {
  stations: NearbyStation[] | null;
  /** Server time of the list shown (ISO). */
  at: string | null;
  /** The list shown is the stored copy from an earlier visit, not a fresh answer. */
  fromCache: boolean;
  loading: boolean;
  /** The last load failed; the list (if any) is older. */
  error: ApiError | null;
  filters: NearbyFilters;
  radiusM: number;
}

/**
 * The nearby list for a known position: reloads when the position, filters or radius change, keeps
 * the last answer in storage and shows it (marked as such) while offline.
 */
export function useNearbyStations(point: GeoPoint | null) {
  const [state, setState] = useState<NearbyState>(() => {
    const cached = loadCachedNearby();
    const usable = cached && cached.queryKey === queryKeyOf(noFilters, radiusSteps[0]);
    return {
      stations: usable ? cached.stations : null,
      at: usable ? cached.at : null,
      fromCache: Boolean(usable),
      loading: false,
      error: null,
      filters: noFilters,
      radiusM: radiusSteps[0],
    };
  });
  const latest = useRef(0);
  const { filters, radiusM } = state;

  const load = useCallback(
    async (at: GeoPoint) => {
      const id = ++latest.current;
      setState((s) => ({ ...s, loading: true, error: null }));
      try {
        const result = await fetchNearbyStations({
          lat: at.latitude,
          lng: at.longitude,
          radius: radiusM,
          amenities: filters.amenities.length ? filters.amenities.join(',') : undefined,
          openNow: filters.openNow ? 'true' : undefined,
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
    if (point) void load(point);
  }, [point, load]);

  const toggleAmenity = useCallback((code: AmenityCode) => {
    setState((s) => {
      const has = s.filters.amenities.includes(code);
      const amenities = has ? s.filters.amenities.filter((a) => a !== code) : [...s.filters.amenities, code];
      return { ...s, filters: { ...s.filters, amenities } };
    });
  }, []);
  const toggleOpenNow = useCallback(() => {
    setState((s) => ({ ...s, filters: { ...s.filters, openNow: !s.filters.openNow } }));
  }, []);
  const clearFilters = useCallback(() => setState((s) => ({ ...s, filters: noFilters })), []);
  const widen = useCallback(() => {
    setState((s) => ({ ...s, radiusM: radiusSteps.find((r) => r > s.radiusM) ?? s.radiusM }));
  }, []);

  return { ...state, load, toggleAmenity, toggleOpenNow, clearFilters, widen };
}
