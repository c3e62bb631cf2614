import {
  adaptiveGeohashCover,
  geohashCellRanges,
  geohashCellsFrom,
  geohashCover,
  geohashReadSet,
} from '@ankang/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// The test's own z-order numbering: a base32 cell's first and last cell of precision 8.
const ALPHABET = '0123456789bcdefghjkmnpqrstuvwxyz';
function span(cell: string): [number, number] {
  let n = 0;
  for (const char of cell) n = n * 32 + ALPHABET.indexOf(char);
  const size = 32 ** (8 - cell.length);
  return [n * size, n * size + size - 1];
}
/** A cell inside `wtw3` (Shanghai's partition) of precision 5 to 7. */
const cellArb = fc
  .array(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength: 3 })
  .map((chars) => `wtw3${chars.join('')}`);

describe('Domain: geohashReadSet', () => {
  it('says all, some or none, and how much is unread, exactly as counting the read positions does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(cellArb, cellArb), { maxLength: 5 }),
        fc.array(fc.constantFrom(...ALPHABET), { minLength: 2, maxLength: 3 }),
        (reads, probeChars) => {
          const probe = `wtw3${probeChars.join('')}`;
          const set = geohashReadSet();
          const spans: [number, number][] = [];
          for (const [a, b] of reads) {
            const [from, to] = a <= b ? [a, b] : [b, a];
            set.add(from, to);
            spans.push([span(from)[0], span(to)[1]]);
          }
          const [first, last] = span(probe);
          let held = 0;
          for (let unit = first; unit <= last; unit++) {
            if (spans.some(([lo, hi]) => lo <= unit && unit <= hi)) held++;
          }
          const expected = held === 0 ? 'none' : held === last - first + 1 ? 'all' : 'some';
          expect(set.state(probe)).toBe(expected);
          expect(set.unread(first, last)).toBe(last - first + 1 - held);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('holds only what came before the station a read stopped at', () => {
    const set = geohashReadSet();
    set.add('wtw3s', 'wtw3u', 'wtw3t5k0');
    expect(set.state('wtw3s')).toBe('all');
    expect(set.state('wtw3t4')).toBe('all');
    expect(set.state('wtw3t5')).toBe('some');
    expect(set.state('wtw3t5k0')).toBe('none');
    expect(set.state('wtw3u')).toBe('none');
  });
});

/** Every cell of `length` characters from `from`'s first to `to`'s last, by the test's own numbering. */
function cellsBetween(from: string, to: string, length: number): string[] {
  const cells: string[] = [];
  const size = 32 ** (8 - length);
  for (let n = span(from)[0] / size; n <= span(to)[1] / size; n++) {
    let cell = '';
    for (let rest = n, i = 0; i < length; i++, rest = Math.floor(rest / 32))
      cell = ALPHABET[rest % 32] + cell;
    cells.push(cell);
  }
  return cells;
}

describe('Domain: geohashCellsFrom', () => {
  it('splits the rest of a cell from a hash on into whole cells, none outside it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...ALPHABET), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 1, max: 2 }),
        (chars, depth) => {
          const hash = `wm3y${chars.join('')}`;
          const cell = hash.slice(0, 4 + depth);
          const expected = cellsBetween(hash, cell, hash.length);

          const parts = geohashCellsFrom(cell, hash);

          const cells = parts.flatMap((part) => cellsBetween(part, part, hash.length));
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

describe('Domain: geohashCellRanges', () => {
  it('puts every cell in exactly one range, joins neighbours, merges as told, within maxRanges', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(cellArb, { maxLength: 40 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 40_000 }),
        (raw, maxRanges, mergeBelow) => {
          // Disjoint cells: drop any cell inside another.
          const cells = raw.filter((c) => !raw.some((o) => o !== c && c.startsWith(o)));
          const ranges = geohashCellRanges(cells, {
            partitionPrecision: 4,
            maxRanges,
            gapStations: (first, last) => last - first + 1,
            readGapsUpTo: mergeBelow,
          });
          for (const cell of cells) {
            expect(ranges.filter((r) => r.cells.includes(cell))).toHaveLength(1);
          }
          expect(ranges.length).toBeLessThanOrEqual(Math.max(1, maxRanges));
          // The runs and gaps by the test's own numbering: a gap stays only when it is larger than
          // mergeBelow (or there is nothing at all).
          const sorted = cells.map(span).sort((a, b) => a[0] - b[0]);
          const gaps = sorted.slice(1).map((s, i) => s[0] - sorted[i]![1] - 1);
          const kept = gaps.filter((gap) => gap > mergeBelow).length;
          expect(ranges.length).toBe(cells.length === 0 ? 0 : Math.min(kept + 1, maxRanges));
          for (const range of ranges) {
            expect(span(range.from)[0]).toBe(Math.min(...range.cells.map((c) => span(c)[0])));
            expect(span(range.to)[1]).toBe(Math.max(...range.cells.map((c) => span(c)[1])));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('merges the gap said to hold the fewest stations first, not the smallest', () => {
    // Two gaps: wtw3s1…wtw3s2 (small) and wtw3s4…wtw3s9 (large); the small one holds many stations.
    const cells = ['wtw3s0', 'wtw3s3', 'wtw3sb'];
    const small = span('wtw3s1')[0];
    const ranges = geohashCellRanges(cells, {
      partitionPrecision: 4,
      maxRanges: 2,
      gapStations: (first) => (first === small ? 50 : 3),
    });
    expect(ranges.map(({ from, to }) => [from, to])).toStrictEqual([
      ['wtw3s0', 'wtw3s0'],
      ['wtw3s3', 'wtw3sb'],
    ]);
  });

  it('refuses overlapping cells and cells in more partitions than ranges', () => {
    expect(() => geohashCellRanges(['wtw3s', 'wtw3sk'], { partitionPrecision: 4, maxRanges: 4 })).toThrow(
      RangeError,
    );
    expect(() => geohashCellRanges(['wtw3s', 'wtw6s'], { partitionPrecision: 4, maxRanges: 1 })).toThrow(
      RangeError,
    );
  });
});

describe('Domain: adaptiveGeohashCover', () => {
  const limits = { partitionPrecision: 4, maxPrecision: 8, maxCells: 256, maxPartitions: 12, seedCells: 16 };
  const area = (cell: string) => 32 ** (8 - cell.length);

  it('reads less outside the circle than the finest uniform cover of as many cells', () => {
    const shanghai = { lng: 121.4737, lat: 31.2304 };
    for (const radius of [300, 800, 3000]) {
      const adaptive = adaptiveGeohashCover(shanghai, radius, limits);
      // The finest uniform cover within 256 cells, from the plain cover (not the module's choice).
      const uniform = [8, 7, 6, 5]
        .map((p) => geohashCover(shanghai, radius, p))
        .find((cells) => cells.length <= 256)!;
      const units = (cells: string[]) => cells.reduce((sum, cell) => sum + area(cell), 0);
      expect(units(adaptive.cells), String(radius)).toBeLessThan(units(uniform));
      expect(new Set(adaptive.cells.map((c) => c.length)).size, String(radius)).toBeGreaterThan(1);
    }
  });

  it('never covers again a cell read whole, whatever the budget left', () => {
    for (const [point, inner, outer] of [
      [{ lng: 121.4737, lat: 31.2304 }, 500, 1500],
      [{ lng: 104.06, lat: 30.66 }, 800, 1600],
      [{ lng: 116.4, lat: 39.9 }, 1265, 5060],
    ] as const) {
      const read = geohashReadSet();
      const first = adaptiveGeohashCover(point, inner, limits);
      for (const cell of first.cells) read.add(cell, cell);
      const second = adaptiveGeohashCover(point, outer, limits, read);
      for (const cell of second.cells) {
        expect(
          first.cells.some((c) => cell.startsWith(c)),
          cell,
        ).toBe(false);
      }
    }
  });

  it('splits a cell read in part, leaving out the part read', () => {
    const point = { lng: 121.4737, lat: 31.2304 };
    // The ≈ 150 m cell holding the point was read; the 200 m circle starts from coarser cells.
    const readCell = 'wtw3sjq';
    const read = geohashReadSet();
    read.add(readCell, readCell);
    const cover = adaptiveGeohashCover(point, 200, limits, read);
    expect(cover.cells.some((cell) => readCell.startsWith(cell) || cell.startsWith(readCell))).toBe(false);
    // …and still every other ≈ 150 m cell near the point is covered.
    const near = geohashCover(point, 200, 7).filter((cell) => cell !== readCell);
    for (const cell of near) {
      expect(
        cover.cells.some((c) => cell.startsWith(c) || c.startsWith(cell)),
        cell,
      ).toBe(true);
    }
  });
});
