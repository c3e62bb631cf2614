import type { StationSummary } from '@ankang/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../services/errors';
import { fetchDistrictStations, fetchDistricts } from '../services/stations';
import { useRequest } from './useRequest';

interface BrowseList {
  stations: StationSummary[];
  nextCursor?: string;
  loading: boolean;
  error: ApiError | null;
}

const emptyList: BrowseList = { stations: [], loading: false, error: null };

/**
 * For workers who do not share their location: pick a district (工会组织), optionally search by
 * name or address, page through the results.
 */
export function useStationBrowse(enabled: boolean) {
  const districts = useRequest(fetchDistricts, { enabled });
  const [org, setOrg] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [list, setList] = useState<BrowseList>(emptyList);
  const latest = useRef(0);

  const loadPage = useCallback(async (district: string, q: string, cursor?: string) => {
    const id = ++latest.current;
    setList((l) => ({ ...(cursor ? l : emptyList), loading: true, error: null }));
    try {
      const page = await fetchDistrictStations(district, q, cursor);
      if (id !== latest.current) return;
      setList((l) => ({
        stations: cursor ? [...l.stations, ...page.stations] : page.stations,
        nextCursor: page.nextCursor,
        loading: false,
        error: null,
      }));
    } catch (error) {
      if (id !== latest.current) return;
      setList((l) => ({ ...l, loading: false, error: toApiError(error) }));
    }
  }, []);

  // Typing does not search on every key; `search` (the 搜索 button) does.
  const queryRef = useRef(query);
  queryRef.current = query;
  useEffect(() => {
    if (enabled && org) void loadPage(org, queryRef.current);
  }, [enabled, org, loadPage]);

  const search = useCallback(() => {
    if (org) void loadPage(org, query);
  }, [org, query, loadPage]);
  const loadMore = useCallback(() => {
    if (org && list.nextCursor && !list.loading) void loadPage(org, query, list.nextCursor);
  }, [org, query, list.nextCursor, list.loading, loadPage]);
  const retry = useCallback(() => {
    if (org) void loadPage(org, query);
  }, [org, query, loadPage]);

  return { districts, org, pickOrg: setOrg, query, setQuery, search, list, loadMore, retry };
}
