/**
 * Geohash cells to key ranges. Base32 geohashes sort lexicographically in z-order, so cells that
 * are consecutive in z-order form one contiguous sort-key range: a cover of many fine cells becomes
 * a few `BETWEEN` queries. When there are still too many, the ranges with the smallest gaps between
 * them are merged, trading a few unneeded cells for fewer round trips.
 */
const BASE32 = '0123456789bcdefghjkmnpqrstuvwxyz';

/** Cells `from`…`to` (inclusive, same precision) inside one partition (the cells' common prefix). */
export interface GeohashRange {
  partition: string;
  from: string;
  to: string;
}

function cellNumber(cell: string): number {
  let value = 0;
  for (const char of cell) value = value * 32 + BASE32.indexOf(char);
  return value;
}

/**
 * Groups same-precision cells into at most `maxRanges` ranges. Every input cell lies in exactly one
 * range. A range cannot span two partitions, so cells in more than `maxRanges` partitions are
 * refused (a RangeError) rather than answered with more ranges: the caller picks a cover that fits
 * (`boundedGeohashCover` with `maxPartitions` ≤ `maxRanges`).
 */
export function geohashRanges(
  cells: string[],
  options: { partitionPrecision: number; maxRanges: number },
): GeohashRange[] {
  const runs: Array<GeohashRange & { first: number; last: number }> = [];
  const sorted = [...new Set(cells)].sort();
  let partitions = 0;
  for (const cell of sorted) {
    if (cell.length < options.partitionPrecision) {
      throw new RangeError(
        `cell ${cell} is coarser than the partition precision ${options.partitionPrecision}`,
      );
    }
    const partition = cell.slice(0, options.partitionPrecision);
    if (partition !== runs.at(-1)?.partition && ++partitions > options.maxRanges) {
      throw new RangeError(`cells in more than ${options.maxRanges} partitions need more ranges`);
    }
    const number = cellNumber(cell);
    const last = runs.at(-1);
    if (last && last.partition === partition && last.last + 1 === number) {
      last.to = cell;
      last.last = number;
    } else {
      runs.push({ partition, from: cell, to: cell, first: number, last: number });
    }
  }
  while (runs.length > options.maxRanges) {
    let best = -1;
    for (let i = 0; i + 1 < runs.length; i++) {
      if (runs[i]!.partition !== runs[i + 1]!.partition) continue;
      const gap = runs[i + 1]!.first - runs[i]!.last;
      if (best === -1 || gap < runs[best + 1]!.first - runs[best]!.last) best = i;
    }
    if (best === -1) break; // unreachable: there are no more partitions than maxRanges
    const [left, right] = [runs[best]!, runs[best + 1]!];
    runs.splice(best, 2, { ...left, to: right.to, last: right.last });
  }
  return runs.map(({ partition, from, to }) => ({ partition, from, to }));
}

/**
 * Whether a range holds every point of `cell`, whatever the two precisions: same-length base32
 * strings compare in z-order, so the cell's first and last descendants (or its ancestor) at the
 * range's precision must lie between `from` and `to`.
 */
export function geohashRangeHolds(range: GeohashRange, cell: string): boolean {
  const precision = range.from.length;
  const first = cell.length >= precision ? cell.slice(0, precision) : cell.padEnd(precision, '0');
  const last = cell.length >= precision ? first : cell.padEnd(precision, 'z');
  return range.from <= first && last <= range.to;
}

/**
 * The part of `cell` from `hash` (a finer hash inside it) on, in z-order, as the fewest whole cells:
 * `hash` itself, then at each coarser level up to `cell` the siblings after it. At most
 * 1 + 31 × (hash.length − cell.length) cells.
 */
export function geohashCellsFrom(cell: string, hash: string): string[] {
  if (!hash.startsWith(cell)) throw new RangeError(`${hash} is not inside ${cell}`);
  const cells = [hash];
  for (let length = hash.length; length > cell.length; length--) {
    const parent = hash.slice(0, length - 1);
    for (const char of BASE32.slice(BASE32.indexOf(hash[length - 1]!) + 1)) cells.push(parent + char);
  }
  return cells;
}

/** Every cell from `from` to `to` inclusive, in z-order (same precision). */
export function geohashCells(from: string, to: string): string[] {
  const cells: string[] = [];
  for (let n = cellNumber(from), last = cellNumber(to); n <= last; n++) {
    let cell = '';
    for (let rest = n, i = 0; i < from.length; i++, rest = Math.floor(rest / 32))
      cell = BASE32[rest % 32] + cell;
    cells.push(cell);
  }
  return cells;
}
