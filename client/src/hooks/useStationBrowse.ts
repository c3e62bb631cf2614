import { useCallback, useState } from 'react';
import { fetchDistrictStations, fetchDistricts } from '../services/stations';
import { usePagedList } from './usePagedList';
import { useRequest } from './useRequest';

/**
 * For workers who do not share their location: pick a district (工会组织), optionally search by
 * name or address, page through the results.
 */
export function useStationBrowse(enabled: boolean) {
  const districts = useRequest(fetchDistricts, { enabled });
  const [org, setOrg] = useState<string | null>(null);
  // What is typed, and what was searched: typing does not search on every key, 搜索 does.
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState('');

  const fetchPage = useCallback(
    async (cursor?: string) => {
      if (!org) return { items: [] };
      const page = await fetchDistrictStations({ org, q: searched || undefined, cursor });
      return { items: page.stations, nextCursor: page.nextCursor };
    },
    [org, searched],
  );
  const list = usePagedList(fetchPage, {
    key: JSON.stringify([org, searched]),
    enabled: enabled && org !== null,
  });
  const { reload } = list;

  // A newly picked district is searched with what is typed already.
  const pickOrg = useCallback(
    (path: string) => {
      setOrg(path);
      setSearched(query.trim());
    },
    [query],
  );
  const search = useCallback(() => {
    const q = query.trim();
    // The same search again (a second tap on 搜索) asks the server again.
    if (q === searched) reload();
    else setSearched(q);
  }, [query, searched, reload]);

  return { districts, org, pickOrg, query, searched, setQuery, search, list };
}
