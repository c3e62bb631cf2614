import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../services/errors';

/** One page as the server answered it: possibly short or empty, with a cursor while more remain. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

interface PagedListOptions {
  /** The list's identity (filter, search, tab): a new key starts over from an empty first page. */
  key: string;
  /** Off: no load, no rows (e.g. the page's role gate has not opened). */
  enabled?: boolean;
}

export interface PagedList<T> {
  items: T[];
  /** The first page is loading (on a reload the rows shown so far stay). */
  loading: boolean;
  /** A later page is loading (the list stays). */
  loadingMore: boolean;
  error: ApiError | null;
  /**
   * 重试 after `error`: a failed later page is fetched again from its cursor (the rows above stay;
   * starting over would drop them), a failed first page is loaded again.
   */
  retry: () => void;
  /** The server handed back a cursor: 加载更多 fetches the next page. */
  hasMore: boolean;
  loadMore: () => void;
  /** Loads the first page again, keeping the rows on screen until it arrives. */
  reload: () => void;
  /** Puts an item changed on this page (verified, paused) in place. */
  replace: (item: T) => void;
  /** Takes an item out (e.g. a report moved to another queue). */
  remove: (id: string) => void;
}

interface Loaded<T> {
  items: T[];
  cursor: string | undefined;
  loading: boolean;
  loadingMore: boolean;
  error: ApiError | null;
  moreFailed: boolean;
}

const fresh = <T>(loading: boolean): Loaded<T> => ({
  items: [],
  cursor: undefined,
  loading,
  loadingMore: false,
  error: null,
  moreFailed: false,
});

/**
 * A cursor-paged list: the first page when the key changes or on `reload`, one more page per
 * `loadMore`, answers that arrive after a newer load started (or after unmount) dropped.
 *
 * One request per page, never a loop: the server bounds its own work per page, so a short or empty
 * page with a cursor is shown as it is, with 加载更多 under it.
 */
export function usePagedList<T extends { id: string }>(
  fetchPage: (cursor?: string) => Promise<Page<T>>,
  { key, enabled = true }: PagedListOptions,
): PagedList<T> {
  const [state, setState] = useState<Loaded<T>>(() => fresh(enabled));
  const [attempt, setAttempt] = useState(0);
  const generation = useRef(0);
  // The key whose rows are on screen: a reload keeps them, a new key clears them.
  const shownKey = useRef<string | null>(null);
  // Set synchronously, so two taps (or a tap and the reach-bottom event) fetch the next page once.
  const moreInFlight = useRef<object | null>(null);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const stateRef = useRef(state);
  stateRef.current = state;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is a trigger.
  useEffect(() => {
    const id = ++generation.current;
    moreInFlight.current = null;
    if (!enabled) {
      shownKey.current = null;
      setState(fresh(false));
      return;
    }
    const sameKey = shownKey.current === key;
    shownKey.current = key;
    setState((current) => ({
      ...(sameKey ? current : fresh<T>(true)),
      loading: true,
      error: null,
      moreFailed: false,
    }));
    fetchRef.current().then(
      (page) => {
        if (id !== generation.current) return;
        setState({
          items: page.items,
          cursor: page.nextCursor,
          loading: false,
          loadingMore: false,
          error: null,
          moreFailed: false,
        });
      },
      (failure: unknown) => {
        if (id !== generation.current) return;
        setState((current) => ({
          ...current,
          loading: false,
          loadingMore: false,
          error: toApiError(failure),
          moreFailed: false,
        }));
      },
    );
    return () => {
      // A newer load or an unmount makes this answer stale.
      if (generation.current === id) generation.current++;
    };
  }, [key, enabled, attempt]);

  const loadMore = useCallback(() => {
    const { cursor, loading } = stateRef.current;
    if (!cursor || loading || moreInFlight.current) return;
    const id = generation.current;
    const token = {};
    moreInFlight.current = token;
    setState((current) => ({ ...current, loadingMore: true, error: null, moreFailed: false }));
    const settle = (update: (current: Loaded<T>) => Loaded<T>) => {
      if (moreInFlight.current === token) moreInFlight.current = null;
      if (id === generation.current) setState(update);
    };
    fetchRef.current(cursor).then(
      (page) =>
        settle((current) => ({
          ...current,
          items: [...current.items, ...page.items],
          cursor: page.nextCursor,
          loadingMore: false,
        })),
      (failure: unknown) =>
        settle((current) => ({
          ...current,
          loadingMore: false,
          error: toApiError(failure),
          moreFailed: true,
        })),
    );
  }, []);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const retry = useCallback(() => (stateRef.current.moreFailed ? loadMore() : reload()), [loadMore, reload]);
  const replace = useCallback((item: T) => {
    setState((current) => ({ ...current, items: current.items.map((i) => (i.id === item.id ? item : i)) }));
  }, []);
  const remove = useCallback((id: string) => {
    setState((current) => ({ ...current, items: current.items.filter((i) => i.id !== id) }));
  }, []);

  return {
    items: state.items,
    loading: state.loading,
    loadingMore: state.loadingMore,
    error: state.error,
    retry,
    hasMore: state.cursor !== undefined,
    loadMore,
    reload,
    replace,
    remove,
  };
}
