import { describe, expect, it } from 'vitest';
import { haversineM } from '../support/searchOracle';
import {
  gridPlace,
  offsetFrom,
  PLACE_CLEARANCE_M,
  PLACE_SPREAD_M,
  placedFiles,
  placeOfFile,
} from '../support/testPlaces';

/**
 * The API and e2e test files' places (tests/support/testPlaces.ts) are far enough apart that no
 * file's stations (within PLACE_SPREAD_M of its place) fall in a search (≤ 20 km) made from anywhere
 * another file may stand, and they keep clear of the points still picked by hand.
 */

// Two files' spreads plus the widest search: the least distance two places may have.
const LEAST_APART_M = 2 * PLACE_SPREAD_M + PLACE_CLEARANCE_M;

/** Points other stations and searches of the API and e2e tiers use, by hand. */
const handPicked = [
  { what: '张家港 demo stations', lng: 120.55, lat: 31.87 },
  { what: '园区 demo stations', lng: 120.72, lat: 31.32 },
  { what: 'api/suggestions.test.ts (79.5° E, 32–35.5° N), south end', lng: 79.5, lat: 32 },
  { what: 'api/suggestions.test.ts, north end', lng: 79.5, lat: 35.5 },
  { what: 'e2e/suggestions.test.ts (its spot in 张家港)', lng: 120.58, lat: 32.01 },
];

describe('Test support: a place of its own per API/e2e test file', () => {
  const files = placedFiles();
  const places = files.map((file, index) => ({ file, ...gridPlace(index) }));

  it('numbers the API and e2e test files and gives each one a different place', () => {
    expect(files.length).toBeGreaterThan(30);
    expect(files.every((file) => /^(api|e2e)\/[\w.-]+\.test\.ts$/.test(file))).toBe(true);
    expect(new Set(places.map((p) => `${p.lng},${p.lat}`)).size).toBe(files.length);
  });

  it('keeps every two places, and every place and a hand-picked point, farther apart than two spreads and a search', () => {
    for (const [i, a] of places.entries()) {
      for (const b of places.slice(i + 1)) {
        expect({ a: a.file, b: b.file, far: haversineM(a, b) > LEAST_APART_M }).toStrictEqual({
          a: a.file,
          b: b.file,
          far: true,
        });
      }
      for (const point of handPicked) {
        expect({ a: a.file, b: point.what, far: haversineM(a, point) > LEAST_APART_M }).toStrictEqual({
          a: a.file,
          b: point.what,
          far: true,
        });
      }
    }
  });

  it('finds a file by its URL, and refuses a file outside the two tiers', () => {
    const index = files.indexOf('api/stations.test.ts');
    expect(index).toBeGreaterThanOrEqual(0);
    const url = new URL('../api/stations.test.ts', import.meta.url).href;
    expect(placeOfFile(url)).toStrictEqual(gridPlace(index));
    expect(() => placeOfFile(import.meta.url)).toThrow(
      'unit/testPlaces.test.ts is not an API or e2e test file',
    );
    expect(() => gridPlace(19 * 8)).toThrow('no place 152');
  });

  it('offsets a point by metres on the sphere, and not past the spread', () => {
    const from = gridPlace(40);
    const north = offsetFrom(from, { northM: 2000 });
    const east = offsetFrom(from, { eastM: 3000 });
    expect(Math.abs(haversineM(from, north) - 2000)).toBeLessThan(1);
    expect(Math.abs(haversineM(from, east) - 3000)).toBeLessThan(1);
    expect(north.lng).toBe(from.lng);
    expect(east.lat).toBe(from.lat);
    expect(() => offsetFrom(from, { northM: 8000, eastM: 8000 })).toThrow('within 10000 m');
  });
});
