import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NEARBY_MAX_RADIUS_M, SUGGESTION_AREA_RADIUS_M } from '@ankang/shared';

/**
 * A place of its own for every API and e2e test file, so the stations one file makes never show in
 * another file's nearby search or suggestion area, whatever order the files run in.
 *
 * The API and e2e tiers each run one shared stack, so every station a test makes is seen by every
 * later test of that tier. Picking points by hand put three files within another's 5 km search (see
 * note11b.md); this hands them out instead:
 * - The files of tests/api and tests/e2e, sorted by path, are numbered 0, 1, 2 …; file n gets cell n
 *   of a grid of whole degrees over the empty north-west (82–100° E, 37–44° N). A file's number,
 *   and so its place, depends only on which files exist, never on which run or in what order.
 * - Cells are 1° apart: at least 80 km east–west at 44° N and 111 km north–south. A file keeps its
 *   stations within `PLACE_SPREAD_M` of its place, and any search reaches 20 km at the most
 *   (NEARBY_MAX_RADIUS_M, SUGGESTION_AREA_RADIUS_M), so two files' stations and searches never meet.
 * - The grid stays clear of the points other files still use: the demo's 苏州/张家港 (120° E) and the
 *   suggestion tests' own strip at 79.5° E (their stations must have no neighbour within 20 km).
 *
 * Locations are GCJ-02 like every station location; the org path, not the location, decides a
 * station's place codes, so a station of 张家港's union may stand here.
 */

/** How far from its place a file may put its stations (the cells leave room for far more). */
export const PLACE_SPREAD_M = 10_000;

const GRID = { westLng: 82, southLat: 37, columns: 19, rows: 8 } as const;
const TIERS = ['api', 'e2e'] as const;
const testsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Metres per degree of latitude on the app's sphere (R = 6,371,000 m): a meridian arc. */
const M_PER_DEG_LAT = (6_371_000 * Math.PI) / 180;

/** Every API and e2e test file, relative to tests/ and sorted: the numbering of the places. */
export function placedFiles(): string[] {
  return TIERS.flatMap((tier) =>
    readdirSync(path.join(testsDir, tier))
      .filter((name) => name.endsWith('.test.ts'))
      .map((name) => `${tier}/${name}`),
  ).sort();
}

/** The centre of grid cell `index` (row by row from the south-west corner). */
export function gridPlace(index: number): { lng: number; lat: number } {
  if (!Number.isInteger(index) || index < 0 || index >= GRID.columns * GRID.rows) {
    throw new Error(
      `no place ${index}: the grid holds ${GRID.columns * GRID.rows}; widen GRID in testPlaces.ts`,
    );
  }
  return {
    lng: GRID.westLng + (index % GRID.columns),
    lat: GRID.southLat + Math.floor(index / GRID.columns),
  };
}

/**
 * The place of the test file whose `import.meta.url` this is: call it at the top of the file,
 * `const here = placeOfFile(import.meta.url);`.
 */
export function placeOfFile(fileUrl: string): { lng: number; lat: number } {
  const relative = path.relative(testsDir, fileURLToPath(fileUrl)).split(path.sep).join('/');
  const index = placedFiles().indexOf(relative);
  if (index < 0) throw new Error(`${relative} is not an API or e2e test file, so it has no place`);
  return gridPlace(index);
}

/**
 * The point `northM` metres north and `eastM` metres east of `from`, on the app's sphere: a
 * meridian arc north, a parallel's arc east. Throws past `PLACE_SPREAD_M`, so a file cannot wander
 * into a neighbour's cell.
 */
export function offsetFrom(
  from: { lng: number; lat: number },
  { northM = 0, eastM = 0 }: { northM?: number; eastM?: number },
): { lng: number; lat: number } {
  if (Math.hypot(northM, eastM) > PLACE_SPREAD_M) {
    throw new Error(`a file keeps its stations within ${PLACE_SPREAD_M} m of its place`);
  }
  const lat = from.lat + northM / M_PER_DEG_LAT;
  return { lat, lng: from.lng + eastM / (M_PER_DEG_LAT * Math.cos((from.lat * Math.PI) / 180)) };
}

/** The room between neighbouring cells' stations, for the unit test that keeps the grid honest. */
export const PLACE_CLEARANCE_M = Math.max(NEARBY_MAX_RADIUS_M, SUGGESTION_AREA_RADIUS_M);
