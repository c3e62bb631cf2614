import type { ManagedStation } from '@ankang/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../services/errors';
import { fetchManagedStations, type StationFilter, type StationPage } from '../services/staffStations';

export interface ManagedStationsState {
  stations: ManagedStation[];
  loading: boolean;
  /** A later page is loading (the list stays). */
  loadingMore: boolean;
  error: ApiError | null;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
  /** Puts a station changed on this page (verified, paused) in place. */
  replace: (station: ManagedStation) => void;
}

/** Pages fetched in a row at most when filtered pages come back empty (the filter runs after the page limit). */
const MAX_EMPTY_PAGES = 8;

/**
 * A page with rows, or the last one: a search or filter can answer empty pages that still have a
 * cursor, and an empty screen with more behind it would mislead.
 */
async function fetchFilledPage(filter: StationFilter, q: string, cursor?: string): Promise<StationPage> {
  let page = await fetchManagedStations({ filter, q, cursor });
  for (let i = 1; i < MAX_EMPTY_PAGES && page.stations.length === 0 && page.nextCursor; i += 1) {
    page = await fetchManagedStations({ filter, q, cursor: page.nextCursor });
  }
  return page;
}

/** 我的驿站: the first page for a filter and search, more on demand, stale answers dropped. */
export function useManagedStations(filter: StationFilter, q: string, enabled: boolean): ManagedStationsState {
  const [stations, setStations] = useState<ManagedStation[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [loading, setLoading] = useState(enabled);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is a trigger.
  useEffect(() => {
    if (!enabled) return;
    const id = ++latest.current;
    setLoading(true);
    setError(null);
    fetchFilledPage(filter, q).then(
      (page) => {
        if (id !== latest.current) return;
        setStations(page.stations);
        setCursor(page.nextCursor);
        setLoading(false);
      },
      (failure: unknown) => {
        if (id !== latest.current) return;
        setError(toApiError(failure));
        setLoading(false);
      },
    );
  }, [filter, q, enabled, attempt]);

  const loadMore = useCallback(() => {
    if (!cursor || loadingMore || loading) return;
    const id = latest.current;
    setLoadingMore(true);
    fetchFilledPage(filter, q, cursor).then(
      (page) => {
        setLoadingMore(false);
        if (id !== latest.current) return;
        setStations((current) => [...current, ...page.stations]);
        setCursor(page.nextCursor);
      },
      (failure: unknown) => {
        setLoadingMore(false);
        if (id === latest.current) setError(toApiError(failure));
      },
    );
  }, [cursor, loadingMore, loading, filter, q]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const replace = useCallback((station: ManagedStation) => {
    setStations((current) => current.map((s) => (s.id === station.id ? station : s)));
  }, []);

  return { stations, loading, loadingMore, error, hasMore: cursor !== undefined, loadMore, reload, replace };
}
