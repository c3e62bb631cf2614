import { platform } from './current';
import type { GeoPoint, LocationFailure } from './types';

/**
 * A position asked for again from a tap (重新定位, 我就在这里). After a refusal (`last` is `denied`)
 * WeChat never asks a second time by itself, so its settings open first — which must happen from
 * the tap; a browser has no such page and asks (or refuses) as before. Rejects with a LocationError.
 */
export async function locateFromTap(last: LocationFailure | null): Promise<GeoPoint> {
  if (last === 'denied') await platform.openLocationSettings();
  return platform.getLocation();
}
