import { useCallback, useEffect, useRef, useState } from 'react';
import { LocationError, type LocationFailure, locateFromTap } from '../platform';

export type DeliveryPosition =
  | { kind: 'off' }
  | { kind: 'locating' }
  | { kind: 'located'; lat: number; lng: number; accuracy: number }
  | { kind: 'failed'; reason: LocationFailure };

/** Worse than this, the record is flagged and the form says so (the server flags it too). */
export const POOR_ACCURACY_M = 100;

/**
 * Where the volunteer stands when recording (GCJ-02, with the device's accuracy), asked once when
 * `enabled` and on 重新定位. A refusal leaves the form usable: the record goes without a position.
 */
export function useDeliveryPosition(enabled: boolean) {
  const [position, setPosition] = useState<DeliveryPosition>({ kind: enabled ? 'locating' : 'off' });
  const latest = useRef(0);

  // `last`: the failure shown when the volunteer asked again (a refusal opens WeChat's settings first).
  const locate = useCallback(async (last: LocationFailure | null) => {
    const id = ++latest.current;
    setPosition({ kind: 'locating' });
    try {
      const fix = await locateFromTap(last);
      if (id === latest.current)
        setPosition({ kind: 'located', lat: fix.latitude, lng: fix.longitude, accuracy: fix.accuracy });
    } catch (error) {
      const reason = error instanceof LocationError ? error.reason : 'unavailable';
      if (id === latest.current) setPosition({ kind: 'failed', reason });
    }
  }, []);

  useEffect(() => {
    if (enabled) void locate(null);
  }, [enabled, locate]);

  /** 重新定位 from a tap: after a refusal WeChat's settings open first. */
  const relocate = useCallback(
    () => locate(position.kind === 'failed' ? position.reason : null),
    [position, locate],
  );

  return { position, relocate };
}
