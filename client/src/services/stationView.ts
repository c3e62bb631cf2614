import { type AmenityCode, type StationStatus, shanghaiDateTime } from '@ankang/shared';

/**
 * Walking is slower than the straight line suggests: streets bend, crossings wait. A detour factor
 * of 1.3 (typical of Chinese city grids: route length over straight-line distance is 1.2–1.4) and
 * 70 m a minute (4.2 km/h, an older worker's unhurried pace in the heat, below the usual 5 km/h)
 * give an estimate that errs long rather than short.
 */
export const WALK_DETOUR = 1.3;
export const WALK_METRES_PER_MINUTE = 70;
/** Beyond this a walking time misleads more than it helps (an hour and a half and more). */
export const WALK_MAX_METRES = 5000;

/** Whole minutes to walk a straight-line distance (at least 1), or null when too far to walk. */
export function walkingMinutes(distanceM: number): number | null {
  if (!Number.isFinite(distanceM) || distanceM < 0 || distanceM > WALK_MAX_METRES) return null;
  return Math.max(1, Math.ceil((distanceM * WALK_DETOUR) / WALK_METRES_PER_MINUTE));
}

/** 步行约 12 分钟 · 步行约 1 小时 5 分钟 · 较远，建议乘车 */
export function walkingLabel(distanceM: number): string {
  const minutes = walkingMinutes(distanceM);
  if (minutes === null) return '较远，建议乘车';
  if (minutes < 60) return `步行约 ${minutes} 分钟`;
  const rest = minutes % 60;
  return `步行约 ${Math.floor(minutes / 60)} 小时${rest ? ` ${rest} 分钟` : ''}`;
}

/**
 * A station's amenities with those the worker filtered by first (in the filter's order), then the
 * rest in the station's order: a row that shows a few chips shows the ones that were asked for.
 */
export function amenitiesFirst(codes: readonly AmenityCode[], wanted: readonly AmenityCode[]): AmenityCode[] {
  const matched = wanted.filter((code) => codes.includes(code));
  return [...matched, ...codes.filter((code) => !matched.includes(code))];
}

/** How many chips a row shows: the usual few, but never fewer than the matched ones plus the count. */
export function rowChipLimit(matched: number, usual = 6): number {
  return Math.max(usual, matched + 1);
}

export type PauseNotice = { title: string; reason?: string; resume?: string };

/**
 * What a paused or closed station says first on its page: 暂停开放, why, and 预计 7月3日 08:00 恢复
 * when staff gave a reopen time still ahead. Null for an open station (or a pause already over).
 */
export function pauseNotice(status: StationStatus, now: Date): PauseNotice | null {
  if (status.state === 'closed')
    return { title: '已停用', ...(status.reason ? { reason: status.reason } : {}) };
  if (status.state !== 'temporarilyClosed') return null;
  const until = status.until === undefined ? Number.NaN : Date.parse(status.until);
  if (!Number.isNaN(until) && until <= now.getTime()) return null;
  return {
    title: '暂停开放',
    reason: status.reason,
    ...(Number.isNaN(until) ? {} : { resume: `预计 ${shanghaiDateTime(new Date(until))} 恢复` }),
  };
}
