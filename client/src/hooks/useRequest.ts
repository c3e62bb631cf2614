import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../services/errors';

export interface RequestState<T> {
  /** True while a load is in flight (also during a reload that keeps showing old data). */
  loading: boolean;
  data: T | undefined;
  error: ApiError | null;
  /** Runs the load again (the 重试 button). */
  retry: () => void;
}

/**
 * One screen's data: loads when `enabled`, keeps the last good data while reloading, and drops
 * answers that arrive after a newer load started (a fast tap on 重试, a page shown again).
 */
export interface RequestOptions {
  /** Off: no load, no data (e.g. nobody is signed in). */
  enabled?: boolean;
  /** Loads again when this changes (e.g. another user signed in). */
  key?: unknown;
}

export function useRequest<T>(load: () => Promise<T>, options: RequestOptions = {}): RequestState<T> {
  const enabled = options.enabled ?? true;
  const { key } = options;
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(enabled);
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` and `key` are triggers.
  useEffect(() => {
    if (!enabled) {
      setLoading(false);
      setData(undefined);
      setError(null);
      return;
    }
    const id = ++latest.current;
    setLoading(true);
    setError(null);
    loadRef.current().then(
      (value) => {
        if (id !== latest.current) return;
        setData(value);
        setLoading(false);
      },
      (failure: unknown) => {
        if (id !== latest.current) return;
        setError(toApiError(failure));
        setLoading(false);
      },
    );
    return () => {
      // A newer load or an unmount makes this answer stale.
      if (latest.current === id) latest.current++;
    };
  }, [enabled, attempt, key]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { loading, data, error, retry };
}
