import { isDeepStrictEqual } from 'node:util';
import type { Station } from '@ankang/shared';
import { backfillStation, stationsOfProvince, storedSearchEntries } from '../db/stationBackfill';
import { searchEntriesOf } from '../db/stationSearchItems';
import { getStationById } from '../db/stations';
import { childrenOf, stationPlaceOf } from '../lib/places';

/** Where the scan of the org index stands: the province (its partition) and the key to read on from. */
export interface BackfillPosition {
  province: string;
  startKey?: Record<string, unknown>;
}

/**
 * What a run leaves for the next: where the scan reads on (null once every province is read), and
 * the stations that kept changing under it, tried again by id at the end of each run that finishes
 * the scan (the scan, resumed, never passes them again).
 */
export interface BackfillProgress {
  at: BackfillPosition | null;
  skippedStations: string[];
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

/** Brings one station up to date; false when it changed under the write three times running. */
async function backfillOne(read: Station, counts: BackfillCounts): Promise<boolean> {
  let station: Station | null = read;
  for (let attempt = 0; attempt < TRIES && station; attempt++) {
    const place = station.place ?? stationPlaceOf(station);
    const stored = await storedSearchEntries(station.id);
    // A rerun's common case: nothing to write, and no write capacity taken from the live app.
    if ((station.place || !place) && entriesCurrent(station, stored)) {
      counts.unchanged += 1;
      if (!place) counts.unplaced += 1;
      return true;
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
      return true;
    }
    station = await getStationById(station.id, { consistent: true });
  }
  // Gone meanwhile: nothing left to index.
  return !station;
}

const zeroCounts = (): BackfillCounts => ({ stations: 0, placed: 0, unplaced: 0, indexed: 0, unchanged: 0 });

/**
 * Brings the stations of `ids` up to date, each read afresh (a consistent read) and handled as
 * the scan handles it: the backfill's left-over stations, and the demo seed's stations. Answers
 * the ids that still changed under it three times running. One after another, as the scan.
 */
export async function backfillStationsById(
  ids: readonly string[],
  counts: BackfillCounts = zeroCounts(),
): Promise<{ counts: BackfillCounts; left: string[] }> {
  const left: string[] = [];
  for (const id of ids) {
    const station = await getStationById(id, { consistent: true });
    if (!station) continue;
    counts.stations += 1;
    if (!(await backfillOne(station, counts))) left.push(id);
  }
  return { counts, left };
}

/**
 * Brings every station's place codes and search entries up to what the API writes today, for
 * stations stored before places and search existed (or by an older writer). Idempotent: a station
 * already right is only read (its entries compared with the built ones). Resumable: it goes
 * province by province, page by page, and calls `onPage` with the progress after each page (left
 * over ids included), from which a later run carries on; once the scan is done it tries the
 * left-over stations again by id. `maxPages` stops it early (a trial run, and tests): the answer's
 * `progress.at` is then where it stopped. Everything done: `progress` is null.
 */
export async function backfillStations(options: {
  from?: BackfillProgress;
  provinces?: string[];
  pageSize?: number;
  maxPages?: number;
  onPage?: (progress: BackfillProgress, counts: BackfillCounts) => Promise<void> | void;
}): Promise<{ counts: BackfillCounts; progress: BackfillProgress | null }> {
  const provinces = options.provinces ?? backfillProvinces();
  const counts = zeroCounts();
  const skipped = new Set(options.from?.skippedStations ?? []);
  const at = options.from ? options.from.at : { province: provinces[0]! };
  let index = at ? provinces.indexOf(at.province) : provinces.length;
  if (index < 0) throw new RangeError(`unknown province ${at?.province}`);
  let startKey = at?.startKey;
  let pages = 0;
  const position = () =>
    index < provinces.length ? { province: provinces[index]!, ...(startKey ? { startKey } : {}) } : null;
  while (index < provinces.length) {
    if (options.maxPages !== undefined && pages >= options.maxPages) {
      return { counts, progress: { at: position(), skippedStations: [...skipped] } };
    }
    const page = await stationsOfProvince(provinces[index]!, startKey, options.pageSize ?? PAGE);
    pages += 1;
    // One station after another: a deployed table's write capacity is shared with the live app.
    for (const station of page.stations) {
      counts.stations += 1;
      if (await backfillOne(station, counts)) skipped.delete(station.id);
      else skipped.add(station.id);
    }
    startKey = page.nextKey;
    if (!startKey) index += 1;
    await options.onPage?.({ at: position(), skippedStations: [...skipped] }, counts);
  }
  const { left } = await backfillStationsById([...skipped], counts);
  return { counts, progress: left.length > 0 ? { at: null, skippedStations: left } : null };
}
