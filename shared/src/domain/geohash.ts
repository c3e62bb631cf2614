import { distanceMeters, EARTH_RADIUS_M } from './distance';

/**
 * Standard base32 geohash, computed on the integer grid of cells (row = latitude band, column =
 * longitude band) so encoding and covering agree exactly. Cells are half-open: a point on a
 * border belongs to the cell to its north/east. Longitudes wrap (180 is -180); latitudes clamp.
 */
const BASE32 = '0123456789bcdefghjkmnpqrstuvwxyz';
const RAD = Math.PI / 180;
/** Slack for rounding when comparing a distance with the radius: a micrometre. */
const SLACK_M = 1e-6;

interface Grid {
  precision: number;
  lngBits: number;
  latBits: number;
  cols: number;
  rows: number;
  cellLng: number;
  cellLat: number;
}

function gridOf(precision: number): Grid {
  if (!Number.isInteger(precision) || precision < 1 || precision > 12) {
    throw new RangeError(`geohash precision must be an integer from 1 to 12, got ${precision}`);
  }
  const bits = 5 * precision;
  const lngBits = Math.ceil(bits / 2);
  const latBits = bits - lngBits;
  const cols = 2 ** lngBits;
  const rows = 2 ** latBits;
  return { precision, lngBits, latBits, cols, rows, cellLng: 360 / cols, cellLat: 180 / rows };
}

const wrapLng = (lng: number): number =>
  lng >= -180 && lng < 180 ? lng : ((((lng + 180) % 360) + 360) % 360) - 180;
const clampLat = (lat: number): number => Math.max(-90, Math.min(90, lat));

function hashOf(grid: Grid, row: number, col: number): string {
  let hash = '';
  let bit = 0;
  for (let c = 0; c < grid.precision; c++) {
    let value = 0;
    for (let j = 0; j < 5; j++, bit++) {
      const source =
        bit % 2 === 0 ? col >>> (grid.lngBits - 1 - bit / 2) : row >>> (grid.latBits - 1 - (bit - 1) / 2);
      value = (value << 1) | (source & 1);
    }
    hash += BASE32[value];
  }
  return hash;
}

/**
 * The band of `value` among 2^bits equal bands of [min, max], by bisection: every midpoint is a
 * dyadic fraction held exactly in a double, so a point is never pushed over a border by rounding.
 */
function bandOf(value: number, min: number, max: number, bits: number): number {
  let lo = min;
  let hi = max;
  let band = 0;
  for (let i = 0; i < bits; i++) {
    const mid = (lo + hi) / 2;
    band *= 2;
    if (value >= mid) {
      band += 1;
      lo = mid;
    } else hi = mid;
  }
  return band;
}

const rowOf = (grid: Grid, lat: number): number => bandOf(clampLat(lat), -90, 90, grid.latBits);
const colOf = (grid: Grid, lng: number): number => bandOf(wrapLng(lng), -180, 180, grid.lngBits);

export function geohashEncode(point: { lng: number; lat: number }, precision: number): string {
  if (!Number.isFinite(point.lng) || !Number.isFinite(point.lat)) {
    throw new RangeError(`cannot geohash (${point.lng}, ${point.lat})`);
  }
  const grid = gridOf(precision);
  return hashOf(grid, rowOf(grid, point.lat), colOf(grid, point.lng));
}

/** The grid, row and column of a geohash cell. */
function cellOf(hash: string): { grid: Grid; row: number; col: number } {
  const grid = gridOf(hash.length);
  let row = 0;
  let col = 0;
  let bit = 0;
  for (const char of hash.toLowerCase()) {
    const value = BASE32.indexOf(char);
    if (value < 0) throw new RangeError(`not a geohash: ${hash}`);
    for (let j = 4; j >= 0; j--, bit++) {
      if (bit % 2 === 0) col = col * 2 + ((value >> j) & 1);
      else row = row * 2 + ((value >> j) & 1);
    }
  }
  return { grid, row, col };
}

export function geohashBounds(hash: string): {
  minLat: number;
  minLng: number;
  maxLat: number;
  maxLng: number;
} {
  const { grid, row, col } = cellOf(hash);
  const minLat = row * grid.cellLat - 90;
  const minLng = col * grid.cellLng - 180;
  return { minLat, minLng, maxLat: minLat + grid.cellLat, maxLng: minLng + grid.cellLng };
}

/** Metres from the centre to the nearest point of a latitude band (0 inside it). */
function rowDistance(grid: Grid, lat: number, row: number): number {
  const minLat = row * grid.cellLat - 90;
  const gap = Math.max(0, minLat - lat, lat - (minLat + grid.cellLat));
  return gap * RAD * EARTH_RADIUS_M;
}

/**
 * Metres from the centre to the nearest point of a cell. Off the cell's longitudes that point lies on
 * its nearer meridian edge, where cos(distance) = sin φ sin φc + cos φ cos φc cos Δλ peaks at
 * φ = atan2(sin φc, cos φc cos Δλ) or else at an end of the edge.
 */
function cellDistance(grid: Grid, center: { lng: number; lat: number }, row: number, col: number): number {
  const minLng = col * grid.cellLng - 180;
  const east = (((minLng - center.lng) % 360) + 360) % 360;
  if (east === 0 || east + grid.cellLng >= 360) return rowDistance(grid, center.lat, row);
  const dLng = Math.min(east, 360 - east - grid.cellLng);
  const minLat = row * grid.cellLat - 90;
  const maxLat = minLat + grid.cellLat;
  const edgeLng = center.lng + dLng;
  let best = Math.min(
    distanceMeters(center, { lng: edgeLng, lat: minLat }),
    distanceMeters(center, { lng: edgeLng, lat: maxLat }),
  );
  const peak =
    Math.atan2(Math.sin(center.lat * RAD), Math.cos(center.lat * RAD) * Math.cos(dLng * RAD)) / RAD;
  if (peak > minLat && peak < maxLat)
    best = Math.min(best, distanceMeters(center, { lng: edgeLng, lat: peak }));
  return best;
}

/**
 * Visits every cell within `radiusM` of the centre, row by row outwards from the centre's cell: along
 * a row, and from row to row, the distance only grows away from the centre, so each walk stops at
 * the first cell too far. `visit` returns false to stop early.
 */
function walkCover(
  center: { lng: number; lat: number },
  radiusM: number,
  grid: Grid,
  visit: (row: number, col: number) => boolean,
): void {
  const c = { lng: wrapLng(center.lng), lat: clampLat(center.lat) };
  const limit = radiusM + SLACK_M;
  const centerRow = rowOf(grid, c.lat);
  const centerCol = colOf(grid, c.lng);
  const walkRow = (row: number): boolean => {
    if (!visit(row, centerCol)) return false;
    let east = 0;
    while (east + 1 < grid.cols && cellDistance(grid, c, row, (centerCol + east + 1) % grid.cols) <= limit) {
      east++;
      if (!visit(row, (centerCol + east) % grid.cols)) return false;
    }
    for (let west = 1; east + west < grid.cols; west++) {
      const col = (centerCol - west + grid.cols) % grid.cols;
      if (cellDistance(grid, c, row, col) > limit) break;
      if (!visit(row, col)) return false;
    }
    return true;
  };
  if (!walkRow(centerRow)) return;
  for (let row = centerRow + 1; row < grid.rows && rowDistance(grid, c.lat, row) <= limit; row++) {
    if (!walkRow(row)) return;
  }
  for (let row = centerRow - 1; row >= 0 && rowDistance(grid, c.lat, row) <= limit; row--) {
    if (!walkRow(row)) return;
  }
}

/**
 * Every cell of `precision` that intersects the circle, sorted: complete (any point within
 * `radiusM` of the centre lies in one of them) and with no cell whose nearest point is farther.
 * Longitudes wrap across the antimeridian; near a pole whole rows are taken. As many cells as the
 * circle needs, which near a pole is very many: a request path uses `boundedGeohashCover`.
 */
export function geohashCover(
  center: { lng: number; lat: number },
  radiusM: number,
  precision: number,
): string[] {
  const grid = gridOf(precision);
  const cells: string[] = [];
  walkCover(center, radiusM, grid, (row, col) => {
    cells.push(hashOf(grid, row, col));
    return true;
  });
  return cells.sort();
}

/** Metres from a point to the nearest point of a geohash cell (0 inside it). */
export function geohashCellDistance(point: { lng: number; lat: number }, hash: string): number {
  const { grid, row, col } = cellOf(hash);
  return cellDistance(grid, { lng: wrapLng(point.lng), lat: clampLat(point.lat) }, row, col);
}

/** What a cover may cost: each cell read is a key range, each partition at least one query. */
export interface CoverLimits {
  /** The coarsest precision: the geo index's partition (a key range never spans two). */
  partitionPrecision: number;
  /** The finest precision worth using. */
  maxPrecision: number;
  /** The most cells the cover may hold. */
  maxCells: number;
  /** The most partitions (cells of `partitionPrecision`) the cover may touch; at most `maxCells`. */
  maxPartitions: number;
}

export interface BoundedCover {
  /** Sorted; never more than `maxCells`, touching never more than `maxPartitions` partitions. */
  cells: string[];
  precision: number;
  /** The radius the cells cover: the one asked for, unless the limits forced a smaller one. */
  radiusM: number;
}

/** Bisection stops when the radius that fits is known to within this. */
const SHRINK_TOLERANCE_M = 1;

/**
 * The cover at `grid`, or null as soon as it holds more cells or touches more partitions than the
 * limits allow: the walk stops there, so the work is bounded by the limits, not by the circle.
 */
function cappedCover(
  center: { lng: number; lat: number },
  radiusM: number,
  grid: Grid,
  limits: CoverLimits,
): string[] | null {
  const cells: string[] = [];
  const partitions = new Set<string>();
  let fits = true;
  walkCover(center, radiusM, grid, (row, col) => {
    const cell = hashOf(grid, row, col);
    cells.push(cell);
    partitions.add(cell.slice(0, limits.partitionPrecision));
    fits = cells.length <= limits.maxCells && partitions.size <= limits.maxPartitions;
    return fits;
  });
  return fits ? cells.sort() : null;
}

/**
 * The cover of the circle at the finest precision (from `partitionPrecision` to `maxPrecision`)
 * whose cells fit the limits. Cover sizes only grow with precision, so it tries finer precisions
 * until one is too big.
 *
 * The partition cells are ≈ 39 km × 19.5 km at the equator but narrow with cos(latitude), so near a
 * pole (or for a huge radius) even they may not fit: a circle around the pole touches every one of
 * a row's 1,024. Then the radius shrinks, by bisection, to the largest that fits (to within a metre)
 * and `radiusM` says so: the cover stays complete for the radius it reports, and the cost stays
 * within the limits whatever the input. (A centre exactly on a pole touches a whole row at any
 * radius; it gets its own cell only, with radius 0.)
 */
export function boundedGeohashCover(
  center: { lng: number; lat: number },
  radiusM: number,
  limits: CoverLimits,
): BoundedCover {
  const { partitionPrecision, maxPrecision, maxCells, maxPartitions } = limits;
  if (!(maxPartitions >= 1 && maxCells >= maxPartitions && partitionPrecision <= maxPrecision)) {
    throw new RangeError(`inconsistent cover limits ${JSON.stringify(limits)}`);
  }
  const coarse = gridOf(partitionPrecision);
  let radius = Math.max(0, radiusM);
  let cells = cappedCover(center, radius, coarse, limits);
  if (!cells) {
    let [fits, tooBig] = [0, radius];
    cells = cappedCover(center, 0, coarse, limits) ?? [geohashEncode(center, partitionPrecision)];
    while (tooBig - fits > SHRINK_TOLERANCE_M) {
      const mid = (fits + tooBig) / 2;
      const smaller = cappedCover(center, mid, coarse, limits);
      if (smaller) [fits, cells] = [mid, smaller];
      else tooBig = mid;
    }
    radius = fits;
  }
  let precision = partitionPrecision;
  while (precision < maxPrecision) {
    const finer = cappedCover(center, radius, gridOf(precision + 1), limits);
    if (!finer) break;
    [precision, cells] = [precision + 1, finer];
  }
  return { cells, precision, radiusM: radius };
}
