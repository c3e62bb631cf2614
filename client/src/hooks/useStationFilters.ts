import type { AmenityCode, ContractParsedInput, nearbyStations } from '@ankang/shared';
import { useCallback, useMemo, useState } from 'react';

/** The filters as the server reads them (nearby and search take the same two). */
export type StationFilters = Pick<
  ContractParsedInput<typeof nearbyStations>['query'],
  'amenities' | 'openNow'
>;

export const noFilters: StationFilters = { amenities: [], openNow: false };

/** The filters as query-string text, for nearby and search alike. */
export function filterQuery(filters: StationFilters): { amenities?: string; openNow?: 'true' } {
  return {
    ...(filters.amenities.length ? { amenities: filters.amenities.join(',') } : {}),
    ...(filters.openNow ? { openNow: 'true' as const } : {}),
  };
}

/** 营业中 and the amenities a worker needs; one set for the nearby list and the search. */
export function useStationFilters() {
  const [filters, setFilters] = useState<StationFilters>(noFilters);
  const toggleAmenity = useCallback((code: AmenityCode) => {
    setFilters((current) => {
      const has = current.amenities.includes(code);
      const amenities = has ? current.amenities.filter((a) => a !== code) : [...current.amenities, code];
      return { ...current, amenities };
    });
  }, []);
  const setOpenNow = useCallback(
    (openNow: boolean) => setFilters((current) => ({ ...current, openNow })),
    [],
  );
  const clear = useCallback(() => setFilters(noFilters), []);
  const active = filters.openNow || filters.amenities.length > 0;
  return useMemo(
    () => ({ filters, active, toggleAmenity, setOpenNow, clear }),
    [filters, active, toggleAmenity, setOpenNow, clear],
  );
}
