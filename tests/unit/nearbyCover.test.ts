import {
  adaptiveGeohashCover,
  boundedGeohashCover,
  distanceMeters,
  type GeohashRange,
  geohashCellRanges,
  geohashCover,
  geohashEncode,
  geohashReadSet,
  inServiceArea,
  nearbyStations,
  SERVICE_AREA,
  SERVICE_AREA_MESSAGE,
} from '@ankang/shared';
import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The geo index, faked: every range read is recorded; it answers empty (so both rings are searched)
// or, with `endless`, as a range too crowded to finish: it reads pages for as long as it may.
const index = vi.hoisted(() => ({ reads: [] as GeohashRange[], requests: 0, endless: false }));
vi.mock('../../functions/src/db/stations', () => ({
  listStationsInGeoRange: async (range: GeohashRange, bounds: { mayReadMore: () => boolean }) => {
    index.reads.push(range);
    let requests = 1;
    while (index.endless && requests < 1000 && bounds.mayReadMore()) requests++;
    index.requests += requests;
    return {
      stations: [],
      itemsRead: 0,
      requests,
      ...(index.endless ? { unreadFrom: range.from.padEnd(8, '0') } : {}),
    };
  },
}));

const {
  findNearbyStations,
  MAX_QUERIES_PER_SEARCH,
  MAX_REQUESTS_PER_SEARCH,
  NEARBY_BOUNDS,
  nearbyCoverLimits,
} = await import('../../functions/src/services/nearby');

type Point = { lng: number; lat: number };
const R = 6_371_000;
const rad = Math.PI / 180;
const limits = nearbyCoverLimits();

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

const { minLng, maxLng, minLat, maxLat } = SERVICE_AREA;
const midLng = (minLng + maxLng) / 2;
const midLat = (minLat + maxLat) / 2;
/** The corners and edge midpoints of the service area, and points just inside its corners. */
const areaEdges: Point[] = [
  ...[minLat, midLat, maxLat].flatMap((lat) => [minLng, midLng, maxLng].map((lng) => ({ lng, lat }))),
  { lng: 135.99, lat: 53.99 },
  { lng: 73.01, lat: 3.01 },
  { lng: 73.01, lat: 53.99 },
  { lng: 135.99, lat: 3.01 },
];
/** Outside the service area: what the old search was slowest on (the contract refuses these now). */
const beyondArea: Point[] = [
  { lng: 0, lat: 89.9 },
  { lng: 179.999, lat: -89.999 },
  { lng: 10, lat: 90 },
  { lng: -180, lat: -90 },
  { lng: 179.9999, lat: 0 },
  { lng: -180, lat: 60 },
];
const inArea = fc.record({
  lng: fc.double({ min: minLng, max: maxLng, noNaN: true }),
  lat: fc.double({ min: minLat, max: maxLat, noNaN: true }),
});
/** Anywhere, with extra weight on the poles and the antimeridian, where cells are tiny or wrap. */
const anywhere = fc.oneof(
  fc.record({
    lng: fc.double({ min: -180, max: 180, noNaN: true }),
    lat: fc.double({ min: -90, max: 90, noNaN: true }),
  }),
  fc.record({
    lng: fc.double({ min: -180, max: 180, noNaN: true }),
    lat: fc.oneof(
      fc.double({ min: 85, max: 90, noNaN: true }),
      fc.double({ min: -90, max: -85, noNaN: true }),
    ),
  }),
  fc.record({
    lng: fc.oneof(
      fc.double({ min: 179, max: 180, noNaN: true }),
      fc.double({ min: -180, max: -179, noNaN: true }),
    ),
    lat: fc.double({ min: -90, max: 90, noNaN: true }),
  }),
);
const radiusArb = fc.oneof(fc.constantFrom(1000, 20_000), fc.double({ min: 1, max: 20_000, noNaN: true }));

/** Asserts a ring's cover and its key ranges are within the search's bounds. */
function expectWithinBounds(cells: string[]): void {
  const partitions = new Set(cells.map((cell) => cell.slice(0, limits.partitionPrecision)));
  expect(cells.length).toBeLessThanOrEqual(NEARBY_BOUNDS.coverCells);
  expect(partitions.size).toBeLessThanOrEqual(NEARBY_BOUNDS.rangesPerRing);
  const ranges = geohashCellRanges(cells, {
    partitionPrecision: limits.partitionPrecision,
    maxRanges: NEARBY_BOUNDS.rangesPerRing,
  });
  expect(ranges.length).toBeLessThanOrEqual(NEARBY_BOUNDS.rangesPerRing);
}

describe('Domain: the nearby cover is bounded', () => {
  it('needed over a thousand partitions for 20 km near a pole (the unbounded cover)', () => {
    expect(geohashCover({ lng: 0, lat: 89.9 }, 20_000, 4).length).toBeGreaterThan(1000);
  });

  it('covers 20 km at the corners and edges of the service area within the bounds, whole', () => {
    for (const center of areaEdges) {
      for (const radius of [1000, 20_000]) {
        const cover = boundedGeohashCover(center, radius, limits);
        expect(cover.radiusM, JSON.stringify(center)).toBe(radius);
        expectWithinBounds(cover.cells);
      }
    }
  });

  it('covers any radius up to 20 km anywhere in the service area within the bounds, whole', () => {
    fc.assert(
      fc.property(inArea, radiusArb, (center, radius) => {
        const cover = boundedGeohashCover(center, radius, limits);
        expect(cover.radiusM).toBe(radius);
        expectWithinBounds(cover.cells);
      }),
      { numRuns: 300 },
    );
  });

  it('stays within the bounds anywhere on Earth, complete for the radius it reports', () => {
    fc.assert(
      fc.property(
        fc.oneof(anywhere, fc.constantFrom(...beyondArea)),
        radiusArb,
        fc.array(
          fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 360, noNaN: true })),
          {
            minLength: 8,
            maxLength: 8,
          },
        ),
        (center, radius, offsets) => {
          const cover = boundedGeohashCover(center, radius, limits);
          expectWithinBounds(cover.cells);
          expect(cover.radiusM).toBeLessThanOrEqual(radius);
          // Exactly on a pole every cell of a row touches the centre: it gets its own cell, radius 0.
          if (Math.abs(center.lat) === 90) {
            expect(cover.radiusM).toBe(0);
            return;
          }
          const cells = new Set(cover.cells);
          for (const [fraction, bearing] of offsets) {
            const point = destination(center, fraction * cover.radiusM * 0.999999, bearing);
            // Rounding may move a point a few micrometres; only points within the radius count.
            if (distanceMeters(center, point) > cover.radiusM) continue;
            expect(cells.has(geohashEncode(point, cover.precision)), JSON.stringify(point)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('Domain: the adaptive nearby cover is bounded and complete', () => {
  it('holds every point within the radius, in at most 256 cells and 12 ranges, anywhere', () => {
    fc.assert(
      fc.property(
        fc.oneof(inArea, anywhere),
        radiusArb,
        fc.array(
          fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 360, noNaN: true })),
          { minLength: 8, maxLength: 8 },
        ),
        (center, radius, offsets) => {
          const cover = adaptiveGeohashCover(center, radius, limits);
          const ranges = geohashCellRanges(cover.cells, {
            partitionPrecision: limits.partitionPrecision,
            maxRanges: NEARBY_BOUNDS.rangesPerRing,
          });
          expect(cover.cells.length).toBeLessThanOrEqual(NEARBY_BOUNDS.coverCells);
          expect(ranges.length).toBeLessThanOrEqual(NEARBY_BOUNDS.rangesPerRing);
          expect(cover.radiusM).toBeLessThanOrEqual(radius);
          if (Math.abs(center.lat) === 90) return;
          for (const [fraction, bearing] of offsets) {
            const point = destination(center, fraction * cover.radiusM * 0.999999, bearing);
            if (distanceMeters(center, point) > cover.radiusM) continue;
            const hash = geohashEncode(point, 8);
            // Exactly one cell holds the point (the cells are disjoint), and one range holds that cell.
            const holders = cover.cells.filter((cell) => hash.startsWith(cell));
            expect(holders, JSON.stringify(point)).toHaveLength(1);
            expect(ranges.filter((r) => r.cells.includes(holders[0]!))).toHaveLength(1);
          }
        },
      ),
      { numRuns: 200 },
    );
  }, 60_000);

  it('leaves out what an earlier ring read whole, and still holds every point it did not', () => {
    fc.assert(
      fc.property(
        inArea,
        fc.double({ min: 100, max: 2000, noNaN: true }),
        fc.double({ min: 1.2, max: 4, noNaN: true }),
        (center, inner, growth) => {
          const read = geohashReadSet();
          const first = adaptiveGeohashCover(center, inner, limits, read);
          const firstRanges = geohashCellRanges(first.cells, { partitionPrecision: 4, maxRanges: 12 });
          for (const range of firstRanges) read.add(range.from, range.to);
          const second = adaptiveGeohashCover(center, inner * growth, limits, read);

          const inRange = (r: { from: string; to: string }, hash: string) =>
            r.from <= hash.slice(0, r.from.length) && hash.slice(0, r.to.length) <= r.to;
          const firstRead = (hash: string) => firstRanges.some((r) => inRange(r, hash));
          // Nothing in the second ring was read whole by the first (one range holds both its ends:
          // ranges of one partition never touch, else they would be one).
          const readWhole = (cell: string) =>
            firstRanges.some((r) => inRange(r, cell.padEnd(8, '0')) && inRange(r, cell.padEnd(8, 'z')));
          for (const cell of second.cells) expect(readWhole(cell), cell).toBe(false);
          // Every point of the larger circle is in the first ring's ranges or in a second-ring cell.
          for (let i = 0; i < 24; i++) {
            const point = destination(center, ((i % 8) / 8 + 1 / 16) * inner * growth, i * 15);
            const hash = geohashEncode(point, 8);
            expect(
              firstRead(hash) || second.cells.some((cell) => hash.startsWith(cell)),
              JSON.stringify(point),
            ).toBe(true);
          }
        },
      ),
      { numRuns: 100 },
    );
  }, 60_000);
});

describe('Service: findNearbyStations query count (fake geo index)', () => {
  beforeEach(() => {
    index.reads = [];
    index.requests = 0;
    index.endless = false;
  });

  const search = async (center: Point, endless: boolean) => {
    index.reads = [];
    index.requests = 0;
    index.endless = endless;
    const { stats } = await findNearbyStations(
      { ...center, radius: 20_000, limit: 50, amenities: [], openNow: false },
      new Date('2026-07-15T12:00:00+08:00'),
    );
    expect(index.reads.length).toBe(stats.cellQueries);
    expect(index.requests).toBe(stats.requests);
    return stats;
  };

  it('makes at most 48 range queries and 72 requests at the edges of the service area and beyond', async () => {
    expect([MAX_QUERIES_PER_SEARCH, MAX_REQUESTS_PER_SEARCH]).toStrictEqual([48, 72]);
    for (const endless of [false, true]) {
      for (const center of [...areaEdges, ...beyondArea]) {
        const stats = await search(center, endless);

        expect(stats.cellQueries, JSON.stringify(center)).toBeLessThanOrEqual(MAX_QUERIES_PER_SEARCH);
        expect(stats.requests, JSON.stringify(center)).toBeLessThanOrEqual(MAX_REQUESTS_PER_SEARCH);
        expect(stats.radii.length).toBeLessThanOrEqual(4);
        if (inServiceArea(center)) {
          // Nothing found: 1,000 m × √(50 / 20), then four times as far, then (16 × 1,581 m being
          // beyond it) the full radius; a ring cut short at once is searched again at its radius,
          // up to the last ring, which is the full radius.
          const r1 = 1000 * Math.sqrt(50 / 20);
          expect(stats.radii).toStrictEqual(endless ? [r1, r1, r1, 20_000] : [r1, 4 * r1, 20_000]);
          expect(stats.completeWithinM < 20_000).toBe(endless);
        }
      }
    }
  });

  it('makes at most 48 range queries and 72 requests from any point on Earth', async () => {
    await fc.assert(
      fc.asyncProperty(anywhere, fc.boolean(), async (center, endless) => {
        const stats = await search(center, endless);

        expect(stats.cellQueries).toBeLessThanOrEqual(MAX_QUERIES_PER_SEARCH);
        expect(stats.requests).toBeLessThanOrEqual(MAX_REQUESTS_PER_SEARCH);
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});

describe('Contract: nearbyStations query', () => {
  const edge = (bound: number) =>
    fc.constantFrom(bound, bound - 1e-9, bound + 1e-9, bound - 0.5, bound + 0.5);
  const coordinate = (min: number, max: number, lo: number, hi: number) =>
    fc.oneof(fc.double({ min, max, noNaN: true }), edge(lo), edge(hi));

  it('accepts exactly the points in the service area and refuses the rest with its message', () => {
    fc.assert(
      fc.property(coordinate(-90, 90, minLat, maxLat), coordinate(-180, 180, minLng, maxLng), (lat, lng) => {
        const parsed = nearbyStations.query.safeParse({ lat: String(lat), lng: String(lng) });

        // Literal bounds, not the constant the contract is built from.
        expect(parsed.success).toBe(lng >= 73 && lng <= 136 && lat >= 3 && lat <= 54);
        for (const issue of parsed.error?.issues ?? []) {
          expect(issue).toMatchObject({ message: SERVICE_AREA_MESSAGE });
          expect(['lat', 'lng']).toContain(issue.path[0]);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('refuses the poles and the antimeridian that made the old search slow', () => {
    for (const { lat, lng } of beyondArea) {
      const parsed = nearbyStations.query.safeParse({ lat: String(lat), lng: String(lng), radius: '20000' });
      expect(parsed.success).toBe(false);
    }
  });
});
