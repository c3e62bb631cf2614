import {
  type NearbyStation,
  nearbyStations,
  placeSchema,
  type StationSummary,
  stationSummarySchema,
} from '@ankang/shared';
import { z } from 'zod';
import { platform } from '../platform';

const storageKey = 'ankang.nearbyStations';
const pointKey = 'ankang.lastPoint';
const placeKey = 'ankang.lastPlace';
const openedKey = 'ankang.openedStations';

function readStored<T>(key: string, schema: z.ZodType<T>): T | null {
  const raw = platform.storage.get(key);
  if (!raw) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The nearby answer as the contract shapes it, plus which query it answered (another filter must not get it). */
const cachedSchema = nearbyStations.output.extend({ queryKey: z.string() });
export type CachedNearby = z.infer<typeof cachedSchema>;

/** The last nearby answer, for a worker who opens the app with no signal. */
export function loadCachedNearby(): CachedNearby | null {
  return readStored(storageKey, cachedSchema);
}

export function saveCachedNearby(stations: NearbyStation[], at: string, queryKey: string): void {
  platform.storage.set(storageKey, JSON.stringify({ stations, at, queryKey } satisfies CachedNearby));
}

/** Forgets the last nearby answer: it shows where its owner was, so it goes at sign-out. */
export function clearCachedNearby(): void {
  platform.storage.remove(storageKey);
  platform.storage.remove(pointKey);
  platform.storage.remove(openedKey);
}

/** Stations opened last, kept at most (oldest dropped): storage stays small. */
const MAX_OPENED = 20;
const openedSchema = z.array(z.object({ station: stationSummarySchema, at: z.string() }));

/** A station as a list showed it, and the server time of that list (ISO). */
export interface CachedSummary {
  station: StationSummary;
  at: string;
}

/**
 * Keeps the summary of a station the worker opens from a list: with no signal the detail page
 * cannot load, and shows this instead (marked as saved) rather than nothing.
 */
export function rememberOpened(station: StationSummary, at: string): void {
  const others = (readStored(openedKey, openedSchema) ?? []).filter((o) => o.station.id !== station.id);
  // Only the summary's own fields: a list row may carry more (distance, match).
  const summary = stationSummarySchema.safeParse(station);
  if (!summary.success) return;
  const next = [...others, { station: summary.data, at }].slice(-MAX_OPENED);
  platform.storage.set(openedKey, JSON.stringify(next));
}

/** The saved summary of a station: the one opened last, else the row in the stored nearby list. */
export function cachedSummary(id: string): CachedSummary | null {
  const opened = readStored(openedKey, openedSchema)?.find((o) => o.station.id === id);
  if (opened) return opened;
  const nearby = loadCachedNearby();
  const row = nearby?.stations.find((station) => station.id === id);
  return row && nearby ? { station: row, at: nearby.at } : null;
}

const lastPointSchema = z.object({ latitude: z.number(), longitude: z.number(), at: z.number() });
export type LastPoint = z.infer<typeof lastPointSchema>;

/**
 * The worker's last fix (GCJ-02) and when it was taken, for the detail page's distance and for
 * ranking a search; kept with the nearby answer and forgotten with it at sign-out.
 */
export function saveLastPoint(point: { latitude: number; longitude: number }, at = Date.now()): void {
  const { latitude, longitude } = point;
  platform.storage.set(pointKey, JSON.stringify({ latitude, longitude, at } satisfies LastPoint));
}

/** The last fix if it is younger than `maxAgeMs` (a worker on the move is elsewhere an hour later). */
export function loadLastPoint(maxAgeMs: number, now = Date.now()): LastPoint | null {
  const point = readStored(pointKey, lastPointSchema);
  return point && now - point.at <= maxAgeMs && point.at <= now ? point : null;
}

const lastPlaceSchema = placeSchema.pick({ code: true, name: true, fullName: true });
export type PickedPlace = z.infer<typeof lastPlaceSchema>;

/** The place last picked in the search (a town, not a person's position): offered again next time. */
export function loadLastPlace(): PickedPlace | null {
  return readStored(placeKey, lastPlaceSchema);
}

export function saveLastPlace(place: PickedPlace | null): void {
  if (place) platform.storage.set(placeKey, JSON.stringify(place));
  else platform.storage.remove(placeKey);
}
