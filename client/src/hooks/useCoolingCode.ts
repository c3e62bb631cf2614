import { useDidHide, useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../services/errors';
import { type CoolingCodeView, fetchCoolingCode } from '../services/workerCoolingCode';

/** Retry after a failed fetch (no signal): soon, but not in a tight loop. */
const RETRY_MS = 15_000;

export interface CoolingCodeState {
  code: CoolingCodeView | null;
  /** The current code has expired (shown faded until a new one arrives). */
  expired: boolean;
  error: ApiError | null;
  loading: boolean;
  refresh: () => void;
}

/**
 * The worker's 清凉码, fetched when the page shows and again at its `refreshAt` (two minutes before
 * it expires), so the code on screen is always one a volunteer can still scan. Stops while the page
 * is hidden; a failed fetch keeps the last code while it is valid and tries again shortly.
 */
export function useCoolingCode(enabled: boolean): CoolingCodeState {
  const [code, setCode] = useState<CoolingCodeView | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const visible = useRef(true);
  const inFlight = useRef(false);

  const stop = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  }, []);

  const load = useCallback(async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    stop();
    setLoading(true);
    try {
      const next = await fetchCoolingCode();
      setCode(next);
      setError(null);
      setNow(Date.now());
      if (visible.current) {
        const wait = Math.max(5_000, Date.parse(next.refreshAt) - Date.now());
        timer.current = setTimeout(() => void load(), wait);
      }
    } catch (failure) {
      setError(toApiError(failure));
      setNow(Date.now());
      if (visible.current) timer.current = setTimeout(() => void load(), RETRY_MS);
    } finally {
      inFlight.current = false;
      setLoading(false);
    }
  }, [stop]);

  useEffect(() => {
    if (enabled) void load();
    return stop;
  }, [enabled, load, stop]);

  useDidShow(() => {
    visible.current = true;
    if (enabled && !timer.current) void load();
  });
  useDidHide(() => {
    visible.current = false;
    stop();
  });

  const expired = code !== null && Date.parse(code.expiresAt) <= now;
  return { code, expired, error, loading, refresh: () => void load() };
}
