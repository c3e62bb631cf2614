import { type NearbyStation, nearbyStations } from '@ankang/shared';
import { z } from 'zod';
import { platform } from '../platform';

const storageKey = 'ankang.nearbyStations';

/** The nearby answer as the contract shapes it, plus which query it answered (another filter must not get it). */
const cachedSchema = nearbyStations.output.extend({ queryKey: z.string() });
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

/** Forgets the last nearby answer: it shows where its owner was, so it goes at sign-out. */
export function clearCachedNearby(): void {
  platform.storage.remove(storageKey);
}
