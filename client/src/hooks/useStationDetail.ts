import { useCallback, useMemo } from 'react';
import { fetchStation } from '../services/stations';
import { type CachedSummary, cachedSummary } from '../services/stationsCache';
import { useRequest } from './useRequest';

/**
 * The detail page's station; `retry` after a rating changes its summary. With no network, `saved`
 * is the station as a list last showed it (opened from it, or in the stored nearby list), for the
 * page to show with a notice instead of only an error.
 */
export function useStationDetail(id: string | undefined) {
  const load = useCallback(() => fetchStation(id ?? ''), [id]);
  const request = useRequest(load, { enabled: Boolean(id), key: id });
  const offline = request.error?.code === 'NETWORK' && !request.data;
  const saved = useMemo<CachedSummary | null>(
    () => (offline && id ? cachedSummary(id) : null),
    [offline, id],
  );
  return { ...request, saved };
}
