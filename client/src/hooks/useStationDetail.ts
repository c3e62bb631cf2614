import { useCallback, useMemo, useState } from 'react';
import type { ApiError } from '../services/errors';
import { fetchStation } from '../services/stations';
import { type CachedSummary, cachedSummary } from '../services/stationsCache';
import { useRequest } from './useRequest';

/**
 * The detail page's station; `retry` after a rating changes its summary. With no network, `saved`
 * is the station as a list last showed it (opened from it, or in the stored nearby list), for the
 * page to show with a notice instead of only an error. It stays shown while a 重试 loads (a load
 * clears the error until it answers), so the worker keeps the address and 导航 on screen.
 */
export function useStationDetail(id: string | undefined) {
  const load = useCallback(() => fetchStation(id ?? ''), [id]);
  const request = useRequest(load, { enabled: Boolean(id), key: id });
  // How the last finished load ended (React's "state from the previous render" pattern).
  const [settled, setSettled] = useState<ApiError | null>(null);
  if (!request.loading && request.error !== settled) setSettled(request.error);
  const offline = (request.loading ? settled : request.error)?.code === 'NETWORK' && !request.data;
  const saved = useMemo<CachedSummary | null>(
    () => (offline && id ? cachedSummary(id) : null),
    [offline, id],
  );
  return { ...request, saved };
}
