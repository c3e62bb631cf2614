import type { ManagedStation } from '@ankang/shared';
import { useCallback } from 'react';
import { fetchManagedStations, type StationFilter, stationFilterQueries } from '../services/staffStations';
import { type PagedList, usePagedList } from './usePagedList';

/** 我的驿站: the stations for a filter and search, a page at a time. */
export function useManagedStations(
  filter: StationFilter,
  q: string,
  enabled: boolean,
): PagedList<ManagedStation> {
  const fetchPage = useCallback(
    async (cursor?: string) => {
      const page = await fetchManagedStations({
        ...stationFilterQueries[filter],
        q: q.trim() || undefined,
        cursor,
      });
      return { items: page.stations, nextCursor: page.nextCursor };
    },
    [filter, q],
  );
  return usePagedList(fetchPage, { key: JSON.stringify([filter, q.trim()]), enabled });
}
