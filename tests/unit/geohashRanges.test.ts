import {
  geohashCells,
  geohashCellsFrom,
  geohashCover,
  geohashRangeHolds,
  geohashRanges,
} from '@ankang/shared';
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
  });

  it('refuses cells in more partitions than maxRanges rather than answer with more ranges', () => {
    expect(() => geohashRanges(['wm3y0', 'wm6n0'], { partitionPrecision: 4, maxRanges: 1 })).toThrow(
      RangeError,
    );
    expect(geohashRanges(['wm3y0', 'wm6n0'], { partitionPrecision: 4, maxRanges: 2 })).toHaveLength(2);
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
          const partitions = new Set(cells.map((cell) => cell.slice(0, 4))).size;
          fc.pre(partitions <= maxRanges);
          const ranges = geohashRanges(cells, { partitionPrecision: 4, maxRanges });
          expect(ranges.length).toBeLessThanOrEqual(maxRanges);
          for (const cell of cells) {
            expect(ranges.filter((r) => r.from <= cell && cell <= r.to).length).toBe(1);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('knows which cells of any precision a range holds whole', () => {
    const cell = fc
      .tuple(fc.integer({ min: 5, max: 6 }), fc.constantFrom('wm3y', 'wm3z'))
      .chain(([precision, partition]) =>
        fc
          .array(fc.constantFrom(...'0123456789bcdefghjkmnpqrstuvwxyz'), {
            minLength: precision - 4,
            maxLength: precision - 4,
          })
          .map((chars) => partition + chars.join('')),
      );
    fc.assert(
      fc.property(cell, cell, cell, (a, b, probe) => {
        fc.pre(a.length === b.length);
        const [from, to] = a < b ? [a, b] : [b, a];
        fc.pre(from.slice(0, 4) === to.slice(0, 4));
        const range = { partition: from.slice(0, 4), from, to };
        // By enumeration: the probe's cells at the range's precision, or the probe's ancestor there.
        const inside = new Set(geohashCells(from, to));
        const covering =
          probe.length >= from.length
            ? [probe.slice(0, from.length)]
            : geohashCells(probe.padEnd(from.length, '0'), probe.padEnd(from.length, 'z'));
        expect(geohashRangeHolds(range, probe)).toBe(covering.every((c) => inside.has(c)));
      }),
      { numRuns: 300 },
    );
    expect(geohashRangeHolds({ partition: 'wm3y', from: 'wm3y00', to: 'wm3yzz' }, 'wm3y')).toBe(true);
    expect(geohashRangeHolds({ partition: 'wm3y', from: 'wm3y01', to: 'wm3yzz' }, 'wm3y')).toBe(false);
  });

  it('splits the rest of a cell from a hash on into whole cells, none outside it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...'0123456789bcdefghjkmnpqrstuvwxyz'), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 1, max: 2 }),
        (chars, depth) => {
          const hash = `wm3y${chars.join('')}`;
          const cell = hash.slice(0, 4 + depth);
          const expected = geohashCells(hash, cell.padEnd(hash.length, 'z'));

          const parts = geohashCellsFrom(cell, hash);

          const cells = parts.flatMap((part) =>
            geohashCells(part.padEnd(hash.length, '0'), part.padEnd(hash.length, 'z')),
          );
          expect(cells.sort()).toStrictEqual(expected);
          expect(parts.length).toBeLessThanOrEqual(1 + 31 * (hash.length - cell.length));
        },
      ),
      { numRuns: 200 },
    );
    expect(geohashCellsFrom('wm3y', 'wm3yz')).toStrictEqual(['wm3yz']);
    expect(() => geohashCellsFrom('wm3y', 'wm3zz')).toThrow(RangeError);
  });
});
