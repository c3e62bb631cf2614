import { shanghaiDaysBetween } from '@ankang/shared';

const DAY_MS = 86_400_000;

/** 今天核实 · 3 天前核实 · 从未核实, counted in whole days (Asia/Shanghai). */
export function verifiedLabel(lastVerifiedAt: string | null, now: Date = new Date()): string {
  if (!lastVerifiedAt) return '从未核实';
  const days = shanghaiDaysBetween(new Date(lastVerifiedAt), now);
  return days <= 0 ? '今天核实' : `${days} 天前核实`;
}

/** A station counts as 久未核实 after this many days (or never checked). */
export function isStale(lastVerifiedAt: string | null, days: number, now: Date = new Date()): boolean {
  return !lastVerifiedAt || now.getTime() - Date.parse(lastVerifiedAt) > days * DAY_MS;
}
