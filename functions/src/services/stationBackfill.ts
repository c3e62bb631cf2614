import { isDeepStrictEqual } from 'node:util';
import type { Station } from '@ankang/shared';
import { backfillStation, stationsOfProvince, storedSearchEntries } from '../db/stationBackfill';
import { searchEntriesOf } from '../db/stationSearchItems';
import { getStationById } from '../db/stations';
import { childrenOf, stationPlaceOf } from '../lib/places';

/** Where a backfill stands: the province (its org index partition) and the key to read on from. */
export interface BackfillPosition {
  province: string;
  startKey?: Record<string, unknown>;
}

export interface BackfillCounts {
  /** Stations read. */
  stations: number;
  /** Stations given a place they did not have. */
  placed: number;
  /** Stations whose place could not be derived (their 区县 names no county): searchable by words only. */
  unplaced: number;
  /** Stations the API's writer was run for. */
  indexed: number;
  /** Stations that had their place and exactly the entries the writer would put: only read. */
  unchanged: number;
  /** Stations that changed under the backfill three times running: left for the next run. */
  skipped: number;
  /** Their ids. */
  skippedStations: string[];
}

/** Stations read per page of the org index. */
const PAGE = 100;
/** Tries per station when it changes between the read and the write (an edit in flight). */
const TRIES = 3;

/** Org index partitions (`STN_ORG#<province org code>`): one per province, `320000` for 江苏. */
export function backfillProvinces(): string[] {
  return childrenOf().map((province) => `${province.code}0000`);
}

/**
 * Whether the station's stored entries are exactly those the writer builds for it (as they come
 * back from the table: a JSON round trip drops the attributes the writer leaves undefined).
 */
function entriesCurrent(station: Station, stored: readonly Record<string, unknown>[]): boolean {
  const built = searchEntriesOf(station).map((entry) => JSON.parse(JSON.stringify(entry)) as unknown);
  if (built.length !== stored.length) return false;
  const bySk = new Map(stored.map((entry) => [String(entry.sk), entry]));
  return built.every((entry) => isDeepStrictEqual(entry, bySk.get(String((entry as { sk: unknown }).sk))));
}

async function backfillOne(read: Station, counts: BackfillCounts): Promise<void> {
  let station: Station | null = read;
  for (let attempt = 0; attempt < TRIES && station; attempt++) {
    const place = station.place ?? stationPlaceOf(station);
    const stored = await storedSearchEntries(station.id);
    // A rerun's common case: nothing to write, and no write capacity taken from the live app.
    if ((station.place || !place) && entriesCurrent(station, stored)) {
      counts.unchanged += 1;
      if (!place) counts.unplaced += 1;
      return;
    }
    const outcome = await backfillStation(
      station,
      place,
      stored.map((entry) => String(entry.sk)),
    );
    if (outcome === 'saved') {
      counts.indexed += 1;
      if (!station.place && place) counts.placed += 1;
      if (!place) counts.unplaced += 1;
      return;
    }
    station = await getStationById(station.id);
  }
  if (!station) return;
  counts.skipped += 1;
  counts.skippedStations.push(station.id);
}

/**
 * Brings every station's place codes and search entries up to what the API writes today, for
 * stations stored before places and search existed (or by an older writer). Idempotent: a station
 * already right is only read (its entries compared with the built ones). Resumable: it goes province by province, page by page,
 * and calls `onPage` with the position after each page, from which a later run carries on.
 * `maxPages` stops it early (for a trial run, and tests).
 */
export async function backfillStations(options: {
  from?: BackfillPosition;
  provinces?: string[];
  pageSize?: number;
  maxPages?: number;
  onPage?: (next: BackfillPosition | null, counts: BackfillCounts) => Promise<void> | void;
}): Promise<{ counts: BackfillCounts; next: BackfillPosition | null }> {
  const provinces = options.provinces ?? backfillProvinces();
  const counts: BackfillCounts = {
    stations: 0,
    placed: 0,
    unplaced: 0,
    indexed: 0,
    unchanged: 0,
    skipped: 0,
    skippedStations: [],
  };
  let index = options.from ? provinces.indexOf(options.from.province) : 0;
  if (index < 0) throw new RangeError(`unknown province ${options.from?.province}`);
  let startKey = options.from?.startKey;
  let pages = 0;
  while (index < provinces.length) {
    if (options.maxPages !== undefined && pages >= options.maxPages) {
      return { counts, next: { province: provinces[index]!, ...(startKey ? { startKey } : {}) } };
    }
    const page = await stationsOfProvince(provinces[index]!, startKey, options.pageSize ?? PAGE);
    pages += 1;
    // One station after another: a deployed table's write capacity is shared with the live app.
    for (const station of page.stations) {
      counts.stations += 1;
      await backfillOne(station, counts);
    }
    startKey = page.nextKey;
    if (!startKey) index += 1;
    const next =
      index < provinces.length ? { province: provinces[index]!, ...(startKey ? { startKey } : {}) } : null;
    await options.onPage?.(next, counts);
  }
  return { counts, next: null };
}
