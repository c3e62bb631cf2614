import { distanceMeters } from '@ankang/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type GeoPoint, LocationError, type LocationFailure, locateFromTap } from '../platform';

export type LocationState =
  | { kind: 'locating' }
  | { kind: 'located'; point: GeoPoint }
  | { kind: 'failed'; reason: LocationFailure };

/** A fix within 50 m of the last is the same place: no new state, so no second load of the list. */
function movedFrom(current: LocationState, point: GeoPoint): boolean {
  if (current.kind !== 'located') return true;
  const { latitude, longitude } = current.point;
  return (
    distanceMeters({ lat: latitude, lng: longitude }, { lat: point.latitude, lng: point.longitude }) > 50
  );
}

/** The worker's position (GCJ-02), asked once on open and again on `relocate` (重新定位, refresh). */
export function useLocation() {
  const [state, setState] = useState<LocationState>({ kind: 'locating' });
  const latest = useRef(0);

  // `last`: the failure shown when the worker asked again (a refusal opens WeChat's settings first).
  const locate = useCallback(async (last: LocationFailure | null): Promise<GeoPoint | null> => {
    const id = ++latest.current;
    setState((current) => (current.kind === 'located' ? current : { kind: 'locating' }));
    try {
      const point = await locateFromTap(last);
      if (id === latest.current)
        setState((current) => (movedFrom(current, point) ? { kind: 'located', point } : current));
      return point;
    } catch (error) {
      const reason = error instanceof LocationError ? error.reason : 'unavailable';
      // A failed re-check keeps the position we had: the list stays useful.
      if (id === latest.current)
        setState((current) => (current.kind === 'located' ? current : { kind: 'failed', reason }));
      return null;
    }
  }, []);

  const relocate = useCallback(() => locate(null), [locate]);
  useEffect(() => {
    void relocate();
  }, [relocate]);

  /** 重新定位 from a tap: after a refusal WeChat's settings open first. */
  const askAgain = useCallback(() => locate(state.kind === 'failed' ? state.reason : null), [state, locate]);

  return { location: state, relocate, askAgain };
}
