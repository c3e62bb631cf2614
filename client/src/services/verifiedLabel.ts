const DAY_MS = 86_400_000;

/** 今天核实 · 3 天前核实 · 从未核实, counted in whole days (Asia/Shanghai). */
export function verifiedLabel(lastVerifiedAt: string | null, now: Date = new Date()): string {
  if (!lastVerifiedAt) return '从未核实';
  const shanghaiDay = (ms: number) => Math.floor((ms + 8 * 3_600_000) / DAY_MS);
  const days = shanghaiDay(now.getTime()) - shanghaiDay(Date.parse(lastVerifiedAt));
  if (days <= 0) return '今天核实';
  return `${days} 天前核实`;
}

/** A station counts as 久未核实 after this many days (or never checked). */
export function isStale(lastVerifiedAt: string | null, days: number, now: Date = new Date()): boolean {
  return !lastVerifiedAt || now.getTime() - Date.parse(lastVerifiedAt) > days * DAY_MS;
}
