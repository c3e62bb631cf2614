import { type NearbyStation, nearbyStationSchema } from '@ankang/shared';
import { z } from 'zod';
import { platform } from '../platform';

const storageKey = 'ankang.nearbyStations';

const cachedSchema = z.object({
  stations: z.array(nearbyStationSchema),
  /** Server time of the answer (ISO). */
  at: z.string(),
  /** Which query it answered, so a different filter is not served a stale list. */
  queryKey: z.string(),
});
export type CachedNearby = z.infer<typeof cachedSchema>;

/** The last nearby answer, for a worker who opens the app with no signal. */
export function loadCachedNearby(): CachedNearby | null {
  const raw = platform.storage.get(storageKey);
  if (!raw) return null;
  try {
    const parsed = cachedSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveCachedNearby(stations: NearbyStation[], at: string, queryKey: string): void {
  platform.storage.set(storageKey, JSON.stringify({ stations, at, queryKey } satisfies CachedNearby));
}
