import { shanghaiDaysBetween } from '@ankang/shared';

const DAY_MS = 86_400_000;

/**
 * Where a station's check stands, as a status (the action is 核实): 已核实 · 今天, 已核实 · 3 天前,
 * 尚未核实. Whole days in Asia/Shanghai.
 */
export function verifiedLabel(lastVerifiedAt: string | null, now: Date = new Date()): string {
  if (!lastVerifiedAt) return '尚未核实';
  const days = shanghaiDaysBetween(new Date(lastVerifiedAt), now);
  return days <= 0 ? '已核实 · 今天' : `已核实 · ${days} 天前`;
}

/** A station counts as 久未核实 after this many days (or never checked). */
export function isStale(lastVerifiedAt: string | null, days: number, now: Date = new Date()): boolean {
  return !lastVerifiedAt || now.getTime() - Date.parse(lastVerifiedAt) > days * DAY_MS;
}
