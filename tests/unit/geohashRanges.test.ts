import { geohashCells, geohashCover, geohashRanges } from '@ankang/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('Domain: geohashRanges', () => {
  it('joins cells that are consecutive in z-order into one range', () => {
    expect(
      geohashRanges(['wm3yrs', 'wm3yrt', 'wm3yru', 'wm3yrw'], { partitionPrecision: 4, maxRanges: 10 }),
    ).toStrictEqual([
      { partition: 'wm3y', from: 'wm3yrs', to: 'wm3yru' },
      { partition: 'wm3y', from: 'wm3yrw', to: 'wm3yrw' },
    ]);
  });

  it('merges the smallest gaps first to stay within maxRanges, never across partitions', () => {
    const ranges = geohashRanges(['wm3yr0', 'wm3yr2', 'wm3yrz', 'wm6n20'], {
      partitionPrecision: 4,
      maxRanges: 2,
    });
    expect(ranges).toStrictEqual([
      { partition: 'wm3y', from: 'wm3yr0', to: 'wm3yrz' },
      { partition: 'wm6n', from: 'wm6n20', to: 'wm6n20' },
    ]);
    expect(geohashRanges(['wm3y0', 'wm6n0'], { partitionPrecision: 4, maxRanges: 1 }).length).toBe(2);
  });

  it('lists the cells of a range in z-order', () => {
    expect(geohashCells('wm3yrs', 'wm3yru')).toStrictEqual(['wm3yrs', 'wm3yrt', 'wm3yru']);
    expect(geohashCells('wm3yz', 'wm3z0')).toStrictEqual(['wm3yz', 'wm3z0']);
  });

  it('puts every cell of a real cover in exactly one range', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 73_500, max: 134_000 }),
        fc.integer({ min: 18_500, max: 53_000 }),
        fc.integer({ min: 200, max: 5000 }),
        fc.integer({ min: 1, max: 16 }),
        (lng, lat, radius, maxRanges) => {
          const cells = geohashCover({ lng: lng / 1000, lat: lat / 1000 }, radius, 6);
          const ranges = geohashRanges(cells, { partitionPrecision: 4, maxRanges });
          const partitions = new Set(cells.map((cell) => cell.slice(0, 4))).size;
          expect(ranges.length).toBeLessThanOrEqual(Math.max(maxRanges, partitions));
          for (const cell of cells) {
            expect(ranges.filter((r) => r.from <= cell && cell <= r.to).length).toBe(1);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
