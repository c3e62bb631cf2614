/**
 * Density-adaptive geohash covers for the nearby search: cells of mixed precision (coarse inside the
 * circle, fine along its edge), minus what earlier reads already hold, grouped into key ranges whose
 * gaps are merged only where reading the gap is cheaper than another query.
 */
import { distanceMeters, EARTH_RADIUS_M } from './distance';
import { boundedGeohashCover, type CoverLimits, geohashBounds, geohashCellDistance } from './geohash';

const BASE32 = '0123456789bcdefghjkmnpqrstuvwxyz';
/** Slack for rounding when comparing a distance with the radius, as in `geohashCover`. */
const SLACK_M = 1e-6;
/** z-order positions are counted in cells of this precision: 32^8 ≈ 1.1e12, exact in a double. */
const UNIT_PRECISION = 8;

/** A cell's first and last position in z-order, in cells of UNIT_PRECISION (finer cells are cut). */
export function geohashSpan(cell: string): { first: number; last: number } {
  if (cell.length === 0 || cell.length > UNIT_PRECISION) {
    throw new RangeError(`geohash cell must have 1 to ${UNIT_PRECISION} characters, got ${cell}`);
  }
  let first = 0;
  for (const char of cell) {
    const value = BASE32.indexOf(char);
    if (value < 0) throw new RangeError(`not a geohash: ${cell}`);
    first = first * 32 + value;
  }
  const below = 32 ** (UNIT_PRECISION - cell.length);
  return { first: first * below, last: first * below + below - 1 };
}

/** The z-order positions a read took whole; answers how much of any cell it holds. */
export interface GeohashReadSet {
  /**
   * Records that every station from `from`'s first position to `to`'s last was read, or only up to
   * `unreadFrom` (a geohash of the unit precision: the read stopped inside that cell).
   */
  add(from: string, to: string, unreadFrom?: string): void;
  /** Whether reads hold all of a cell, some of it, or none. */
  state(cell: string): 'all' | 'some' | 'none';
  /** How many unit positions from `first` to `last` (inclusive) no read holds. */
  unread(first: number, last: number): number;
}

export function geohashReadSet(): GeohashReadSet {
  // Sorted, disjoint and never touching (an add joins what it meets): a cell's state is one binary
  // search, with no sorting per call.
  let spans: { first: number; last: number }[] = [];
  /** The index of the first span ending at or after `position`. */
  const firstEndingFrom = (position: number): number => {
    let [lo, hi] = [0, spans.length];
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid]!.last < position) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return {
    add(from, to, unreadFrom) {
      const last = unreadFrom === undefined ? geohashSpan(to).last : geohashSpan(unreadFrom).first - 1;
      let first = geohashSpan(from).first;
      if (first > last) return;
      const start = firstEndingFrom(first - 1);
      let end = start;
      let upTo = last;
      while (end < spans.length && spans[end]!.first <= last + 1) {
        first = Math.min(first, spans[end]!.first);
        upTo = Math.max(upTo, spans[end]!.last);
        end++;
      }
      spans = [...spans.slice(0, start), { first, last: upTo }, ...spans.slice(end)];
    },
    state(cell) {
      const { first, last } = geohashSpan(cell);
      const span = spans[firstEndingFrom(first)];
      if (!span || span.first > last) return 'none';
      return span.first <= first && span.last >= last ? 'all' : 'some';
    },
    unread(first, last) {
      let count = last - first + 1;
      for (let i = firstEndingFrom(first); i < spans.length && spans[i]!.first <= last; i++) {
        count -= Math.min(last, spans[i]!.last) - Math.max(first, spans[i]!.first) + 1;
      }
      return count;
    },
  };
}

/** Metres from a point to the farthest corner of a cell: for a small cell, its farthest point. */
function farthestCorner(point: { lng: number; lat: number }, cell: string): number {
  const { minLat, minLng, maxLat, maxLng } = geohashBounds(cell);
  return Math.max(
    distanceMeters(point, { lng: minLng, lat: minLat }),
    distanceMeters(point, { lng: minLng, lat: maxLat }),
    distanceMeters(point, { lng: maxLng, lat: minLat }),
    distanceMeters(point, { lng: maxLng, lat: maxLat }),
  );
}

export interface AdaptiveCoverLimits extends CoverLimits {
  /** The uniform cover to start from: the finest with at most this many cells (≤ `maxCells`). */
  seedCells: number;
}

export interface AdaptiveCover {
  /** Sorted, disjoint, of mixed precision; at most `maxCells`, in at most `maxPartitions` partitions. */
  cells: string[];
  /** The radius the cells cover: the one asked for, unless the limits forced a smaller one. */
  radiusM: number;
}

/**
 * Every part of the circle that `read` does not hold yet, as cells of mixed precision: it starts
 * from the finest uniform cover with at most `seedCells` cells (`boundedGeohashCover`, so near a
 * pole the radius may shrink and says so), drops cells read whole, and then, coarsest first, splits
 * each cell read in part (so less is read twice) and each cell on the circle's edge (so little
 * outside the circle is read) into its children that touch the circle and are not read whole,
 * while the cells stay within `maxCells` (a cell read in part that does not fit is read again: the
 * caller keeps one copy of each station). Complete: every point within `radiusM` not held by `read`
 * lies in a cell. A split cell's children lie in its partition, so partitions never grow. At most
 * 32 × `maxCells` children are tried per precision, so the work is bounded by the limits.
 */
export function adaptiveGeohashCover(
  center: { lng: number; lat: number },
  radiusM: number,
  limits: AdaptiveCoverLimits,
  read: GeohashReadSet = geohashReadSet(),
): AdaptiveCover {
  const maxPrecision = Math.min(limits.maxPrecision, UNIT_PRECISION);
  const seed = boundedGeohashCover(center, radiusM, {
    ...limits,
    maxPrecision,
    maxCells: Math.min(limits.seedCells, limits.maxCells),
  });
  const radius = seed.radiusM;
  let cells = seed.cells.filter((cell) => read.state(cell) !== 'all');
  for (
    let precision = seed.precision;
    precision < maxPrecision && cells.length < limits.maxCells;
    precision++
  ) {
    // Cells read in part first (splitting them saves reading a station twice), then the edge cells
    // lying most outside the circle (farthest nearest point): they waste the most.
    const wanted = cells
      .filter((cell) => cell.length === precision)
      .map((cell) => ({ cell, partly: read.state(cell) === 'some' }))
      .filter(({ cell, partly }) => partly || farthestCorner(center, cell) > radius)
      .map(({ cell, partly }) => ({
        cell,
        priority: partly ? Number.POSITIVE_INFINITY : geohashCellDistance(center, cell),
      }))
      .sort((a, b) => b.priority - a.priority);
    const split = new Map<string, string[]>();
    let count = cells.length;
    for (const { cell } of wanted) {
      if (count >= limits.maxCells) break;
      const children = [...BASE32]
        .map((char) => cell + char)
        .filter(
          (child) => geohashCellDistance(center, child) <= radius + SLACK_M && read.state(child) !== 'all',
        );
      if (count - 1 + children.length > limits.maxCells) continue;
      count += children.length - 1;
      split.set(cell, children);
    }
    if (split.size === 0) break;
    cells = cells.flatMap((cell) => split.get(cell) ?? [cell]);
  }
  return { cells: cells.sort(), radiusM: radius };
}

/** Cells `from`…`to` in z-order inside one partition (the cells' common prefix): one key range. */
export interface GeohashRange {
  partition: string;
  from: string;
  to: string;
}

/** A key range and the cover cells it was made for (the rest of the range is merged gap). */
export interface GeohashCellRange extends GeohashRange {
  cells: string[];
}

/**
 * Groups disjoint cells of mixed precision (at most UNIT_PRECISION) into key ranges: cells
 * consecutive in z-order always share one; a gap between two ranges of a partition (unit positions
 * `first`…`last`) is read too when `gapStations` says it should hold at most `readGapsUpTo`
 * stations, and then the cheapest gaps (fewest stations, or without an estimate the smallest) go
 * until at most `maxRanges` are left. Cells in more than `maxRanges`
 * partitions are refused (a RangeError): the cover must fit the partitions first.
 */
export function geohashCellRanges(
  cells: string[],
  options: {
    partitionPrecision: number;
    maxRanges: number;
    gapStations?: (first: number, last: number) => number;
    readGapsUpTo?: number;
  },
): GeohashCellRange[] {
  type Run = GeohashCellRange & { first: number; last: number };
  const runs: Run[] = [];
  let partitions = 0;
  for (const cell of [...new Set(cells)].sort()) {
    if (cell.length < options.partitionPrecision) {
      throw new RangeError(
        `cell ${cell} is coarser than the partition precision ${options.partitionPrecision}`,
      );
    }
    const partition = cell.slice(0, options.partitionPrecision);
    const { first, last } = geohashSpan(cell);
    const previous = runs.at(-1);
    if (partition !== previous?.partition && ++partitions > options.maxRanges) {
      throw new RangeError(`cells in more than ${options.maxRanges} partitions need more ranges`);
    }
    if (previous && first <= previous.last) throw new RangeError(`cells overlap: ${previous.to} and ${cell}`);
    if (previous && previous.partition === partition && previous.last + 1 === first) {
      Object.assign(previous, { to: cell, last, cells: [...previous.cells, cell] });
    } else runs.push({ partition, from: cell, to: cell, cells: [cell], first, last });
  }
  // What reading the gap after run i costs: the stations it should hold, or (without an estimate)
  // its size; never across partitions.
  const gapAfter = (i: number): number => {
    if (!(i + 1 < runs.length && runs[i]!.partition === runs[i + 1]!.partition))
      return Number.POSITIVE_INFINITY;
    const [first, last] = [runs[i]!.last + 1, runs[i + 1]!.first - 1];
    return options.gapStations ? options.gapStations(first, last) : last - first + 1;
  };
  const join = (i: number) => {
    const [left, right] = [runs[i]!, runs[i + 1]!];
    runs.splice(i, 2, { ...left, to: right.to, last: right.last, cells: [...left.cells, ...right.cells] });
  };
  if (options.gapStations && options.readGapsUpTo !== undefined) {
    for (let i = 0; i + 1 < runs.length; ) {
      if (gapAfter(i) <= options.readGapsUpTo) join(i);
      else i++;
    }
  }
  while (runs.length > options.maxRanges) {
    let best = 0;
    for (let i = 1; i + 1 < runs.length; i++) if (gapAfter(i) < gapAfter(best)) best = i;
    join(best);
  }
  return runs.map(({ partition, from, to, cells: held }) => ({ partition, from, to, cells: held }));
}

/** Square metres of a cell of UNIT_PRECISION at a latitude: what one unit of gap costs to read. */
export function geohashUnitAreaM2(point: { lng: number; lat: number }): number {
  const cell = 'zzzzzzzz'.slice(0, UNIT_PRECISION);
  const { minLat, minLng, maxLat, maxLng } = geohashBounds(cell);
  const metresPerDegree = (Math.PI / 180) * EARTH_RADIUS_M;
  return (
    (maxLat - minLat) *
    metresPerDegree *
    (maxLng - minLng) *
    metresPerDegree *
    Math.cos((Math.abs(point.lat) * Math.PI) / 180)
  );
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
