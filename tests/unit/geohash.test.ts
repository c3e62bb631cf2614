import {
  boundedGeohashCover,
  distanceMeters,
  geohashBounds,
  geohashCellDistance,
  geohashCover,
  geohashEncode,
} from '@ankang/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

type Point = { lng: number; lat: number };
const R = 6_371_000;
const rad = Math.PI / 180;

/** The point `distance` metres from `from` on `bearing` degrees (spherical destination formula). */
function destination(from: Point, distance: number, bearing: number): Point {
  const d = distance / R;
  const th = bearing * rad;
  const p1 = from.lat * rad;
  const p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(th));
  const l2 =
    from.lng * rad +
    Math.atan2(Math.sin(th) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
  return { lng: ((((l2 / rad + 180) % 360) + 360) % 360) - 180, lat: p2 / rad };
}

/**
 * Nearest distance from `center` to a cell, by brute force: 0 inside, else the closest of many
 * points along its border (an overestimate by at most half a sampling step).
 */
function sampledDistance(center: Point, hash: string, steps = 200): number {
  const b = geohashBounds(hash);
  const lngIn = (((center.lng - b.minLng) % 360) + 360) % 360 <= b.maxLng - b.minLng;
  if (lngIn && center.lat >= b.minLat && center.lat <= b.maxLat) return 0;
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i <= steps; i++) {
    const f = i / steps;
    const lat = b.minLat + f * (b.maxLat - b.minLat);
    const lng = b.minLng + f * (b.maxLng - b.minLng);
    for (const p of [
      { lng: b.minLng, lat },
      { lng: b.maxLng, lat },
      { lng, lat: b.minLat },
      { lng, lat: b.maxLat },
    ]) {
      best = Math.min(best, distanceMeters(center, p));
    }
  }
  return best;
}

/** Half the sampling step along the longest edge of a cell, in metres. */
function samplingSlack(hash: string, steps = 200): number {
  const b = geohashBounds(hash);
  return (Math.max(b.maxLng - b.minLng, b.maxLat - b.minLat) * rad * R) / steps / 2;
}

const inChina = fc.record({
  lng: fc.double({ min: 73, max: 135, noNaN: true }),
  lat: fc.double({ min: 18, max: 53, noNaN: true }),
});
const suzhou = { lng: 120.585, lat: 31.299 };
const circleArb = fc.record({
  center: inChina,
  radius: fc.double({ min: 50, max: 20_000, noNaN: true }),
});

describe('Domain: geohashEncode / geohashBounds', () => {
  it.each([
    [{ lat: 57.64911, lng: 10.40744 }, 11, 'u4pruydqqvj'],
    [{ lat: 42.6, lng: -5.6 }, 5, 'ezs42'],
  ])('encodes %o at precision %i as %s', (point, precision, expected) => {
    expect(geohashEncode(point, precision)).toBe(expected);
  });

  it('decodes ezs42 to the published box around (42.605, −5.603)', () => {
    const b = geohashBounds('ezs42');

    expect((b.minLat + b.maxLat) / 2).toBeCloseTo(42.605, 3);
    expect((b.minLng + b.maxLng) / 2).toBeCloseTo(-5.603, 3);
    expect([b.maxLat - b.minLat, b.maxLng - b.minLng]).toStrictEqual([180 / 2 ** 12, 360 / 2 ** 13]);
  });

  it('puts every point inside the box of its hash, and coarser hashes are prefixes', () => {
    const anywhere = fc.record({
      lng: fc.double({ min: -180, max: 180, maxExcluded: true, noNaN: true }),
      lat: fc.double({ min: -90, max: 90, noNaN: true }),
    });
    fc.assert(
      fc.property(anywhere, fc.integer({ min: 1, max: 12 }), (point, precision) => {
        const hash = geohashEncode(point, precision);
        const b = geohashBounds(hash);
        expect(hash).toHaveLength(precision);
        expect(point.lat).toBeGreaterThanOrEqual(b.minLat);
        expect(point.lat).toBeLessThanOrEqual(b.maxLat);
        expect(point.lng).toBeGreaterThanOrEqual(b.minLng);
        expect(point.lng).toBeLessThanOrEqual(b.maxLng);
        expect(geohashEncode(point, 12).startsWith(hash)).toBe(true);
        expect(geohashEncode({ lng: b.minLng, lat: b.minLat }, precision)).toBe(hash); // its south-west corner is its own
      }),
    );
  });

  it('wraps longitude 180 to −180 and refuses bad input', () => {
    expect(geohashEncode({ lng: 180, lat: 0 }, 5)).toBe(geohashEncode({ lng: -180, lat: 0 }, 5));
    expect(() => geohashEncode(suzhou, 0)).toThrow(RangeError);
    expect(() => geohashEncode(suzhou, 13)).toThrow(RangeError);
    expect(() => geohashBounds('wtta')).toThrow(RangeError);
    expect(() => geohashEncode({ lng: Number.NaN, lat: 0 }, 5)).toThrow(RangeError);
  });
});

describe('Domain: geohashCover', () => {
  it('is one cell for a small circle in the middle of a cell', () => {
    const b = geohashBounds('wtt9z');
    const center = { lng: (b.minLng + b.maxLng) / 2, lat: (b.minLat + b.maxLat) / 2 };

    expect(geohashCover(center, 100, 5)).toStrictEqual(['wtt9z']);
  });

  it('covers 3 km around 苏州 with the four cells it touches at precision 5', () => {
    expect(geohashCover(suzhou, 3000, 5)).toStrictEqual(['wtt9z', 'wttcb', 'wttdp', 'wttf0']);
  });

  it('contains the cell of every point within the radius (precision from boundedGeohashCover)', () => {
    fc.assert(
      fc.property(
        circleArb,
        fc.array(
          fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 360, noNaN: true })),
          {
            minLength: 20,
            maxLength: 20,
          },
        ),
        ({ center, radius }, offsets) => {
          const { precision, cells, radiusM } = boundedGeohashCover(center, radius, {
            maxCells: 16,
            maxPartitions: 16,
            partitionPrecision: 4,
            maxPrecision: 7,
          });
          expect(radiusM).toBe(radius);
          const cover = new Set(cells);
          // Random points inside, plus points just inside the rim in eight directions.
          const points = [
            ...offsets.map(([f, bearing]) => destination(center, f * radius, bearing)),
            ...[0, 45, 90, 135, 180, 225, 270, 315].map((bearing) =>
              destination(center, radius * 0.999999, bearing),
            ),
          ];
          for (const p of points)
            expect(cover.has(geohashEncode(p, precision)), JSON.stringify(p)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('holds exactly the cells a brute-force search finds near the circle', () => {
    fc.assert(
      fc.property(circleArb, fc.integer({ min: 4, max: 6 }), ({ center, radius }, precision) => {
        fc.pre(radius / 1000 < 2 ** (9 - precision)); // keep the brute force small
        const cover = geohashCover(center, radius, precision);
        // Every cell kept has a point within the radius …
        for (const hash of cover) {
          expect(sampledDistance(center, hash, 100), hash).toBeLessThanOrEqual(
            radius + samplingSlack(hash, 100),
          );
        }
        // … and every cell around the circle that has one is kept.
        const candidates = new Set<string>();
        for (let i = -12; i <= 12; i++) {
          for (let j = -12; j <= 12; j++) {
            candidates.add(
              geohashEncode(
                destination(destination(center, (i / 10) * radius, 0), (j / 10) * radius, 90),
                precision,
              ),
            );
          }
        }
        const kept = new Set(cover);
        for (const hash of candidates) {
          if (sampledDistance(center, hash, 100) <= radius) expect(kept.has(hash), hash).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('wraps across the antimeridian', () => {
    const center = { lng: 179.99, lat: 10 };

    const cover = geohashCover(center, 5000, 5);

    const west = cover.map(geohashBounds).filter((b) => b.minLng < 0);
    const east = cover.map(geohashBounds).filter((b) => b.maxLng > 0);
    expect(west.length).toBeGreaterThan(0);
    expect(east.length).toBeGreaterThan(0);
    for (const bearing of [0, 60, 120, 180, 240, 300]) {
      expect(cover).toContain(geohashEncode(destination(center, 4999, bearing), 5));
    }
  });

  it('takes the whole top row when the circle holds the pole', () => {
    const cover = geohashCover({ lng: 30, lat: 89 }, 200_000, 2);

    expect(cover).toHaveLength(32);
    expect(cover.every((hash) => geohashBounds(hash).maxLat === 90)).toBe(true);
    expect(cover).toContain(geohashEncode({ lng: -150, lat: 89.5 }, 2));
  });
});

describe('Domain: boundedGeohashCover', () => {
  it('picks the finest precision whose cover fits, shrinking the radius only when none does', () => {
    // From 4 cells: a point on a cell corner needs 4 even at radius 0 (below that, see the pole test).
    fc.assert(
      fc.property(circleArb, fc.integer({ min: 4, max: 40 }), ({ center, radius }, maxCells) => {
        const limits = { maxCells, maxPartitions: maxCells, partitionPrecision: 4, maxPrecision: 7 };
        const { precision, cells, radiusM } = boundedGeohashCover(center, radius, limits);
        if (radiusM < radius) {
          // Shrunk only when even the coarsest cells are too many; the smaller circle is covered whole.
          expect(geohashCover(center, radius, 4).length).toBeGreaterThan(maxCells);
          expect(cells).toStrictEqual(geohashCover(center, radiusM, precision));
          expect(cells.length).toBeLessThanOrEqual(maxCells);
          return;
        }
        expect(radiusM).toBe(radius);
        expect(precision).toBeGreaterThanOrEqual(4);
        expect(precision).toBeLessThanOrEqual(7);
        expect(cells).toStrictEqual(geohashCover(center, radius, precision));
        expect(cells.length).toBeLessThanOrEqual(maxCells);
        if (precision < 7)
          expect(geohashCover(center, radius, precision + 1).length).toBeGreaterThan(maxCells);
      }),
      { numRuns: 100 },
    );
  });

  it('shrinks the radius to the largest that fits when even the coarsest cells are too many', () => {
    const limits = { maxCells: 16, maxPartitions: 16, partitionPrecision: 4, maxPrecision: 7 };

    const wide = boundedGeohashCover(suzhou, 500_000, limits);

    expect(wide.precision).toBe(4);
    expect(wide.radiusM).toBeLessThan(500_000);
    expect(wide.cells).toStrictEqual(geohashCover(suzhou, wide.radiusM, 4));
    expect(wide.cells.length).toBeLessThanOrEqual(16);
    expect(geohashCover(suzhou, wide.radiusM + 1, 4).length).toBeGreaterThan(16);
    expect(boundedGeohashCover(suzhou, 3000, limits)).toMatchObject({ precision: 5, radiusM: 3000 });
    expect(boundedGeohashCover(suzhou, 10, limits)).toMatchObject({ precision: 7, radiusM: 10 });
  });

  it('gives a point on the pole only its own cell', () => {
    const limits = { maxCells: 120, maxPartitions: 12, partitionPrecision: 4, maxPrecision: 7 };

    expect(boundedGeohashCover({ lng: 10, lat: 90 }, 20_000, limits)).toStrictEqual({
      cells: [geohashEncode({ lng: 10, lat: 90 }, 4)],
      precision: 4,
      radiusM: 0,
    });
  });
});

describe('Domain: geohashCellDistance', () => {
  it('is 0 inside a cell and the sampled border distance outside it', () => {
    fc.assert(
      fc.property(circleArb, fc.integer({ min: 4, max: 6 }), ({ center, radius }, precision) => {
        fc.pre(radius / 1000 < 2 ** (9 - precision));
        expect(geohashCellDistance(center, geohashEncode(center, precision))).toBe(0);
        for (const hash of geohashCover(center, radius, precision)) {
          const exact = geohashCellDistance(center, hash);
          const sampled = sampledDistance(center, hash, 100);
          expect(exact, hash).toBeLessThanOrEqual(sampled + 1e-6);
          expect(exact, hash).toBeGreaterThanOrEqual(sampled - samplingSlack(hash, 100));
        }
      }),
      { numRuns: 40 },
    );
  });
});
