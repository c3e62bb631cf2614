import { monthDay, monthDayWithYear } from './outreachDates';
import { yuanAmount } from './staffDeliveryFormat';

/** ¥1,095 / ¥1,095.50 (no Intl: WeChat's engines differ). */
export const rmb = (fen: number) => (fen < 0 ? `-¥${yuanAmount(-fen)}` : `¥${yuanAmount(fen)}`);

/** 人均月收入 as a row shows it: ¥1,095/月. */
export const perMonth = (fen: number) => `${rmb(fen)}/月`;

/** Where a per-capita figure stands against the 低保 line in force (the standards unions file by). */
export type LineStanding = 'below' | 'belowDouble' | 'above';

export function lineStanding(perCapitaFen: number, lineFen: number): LineStanding {
  if (perCapitaFen < lineFen) return 'below';
  if (perCapitaFen < 2 * lineFen) return 'belowDouble';
  return 'above';
}

export const lineStandingLabels: Record<LineStanding, string> = {
  below: '低于低保标准',
  belowDouble: '低于 2 倍低保标准',
  above: '高于 2 倍低保标准',
};

/** 低于低保标准（¥1,095/月） */
export function lineComparison(perCapitaFen: number, lineFen: number): string {
  return `${lineStandingLabels[lineStanding(perCapitaFen, lineFen)]}（低保 ${perMonth(lineFen)}）`;
}

/** 3月5日, or 2025年3月5日 in another year. */
export const dayText = (date: string) => monthDayWithYear(date);

/** 更正了 3月5日 的记录 */
export const correctsText = (visitedOn: string) => `更正了 ${monthDay(visitedOn)} 的记录`;

/** An ISO time as 3月5日 14:20 in China time. */
export function momentText(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  const shanghai = new Date(ms + 8 * 3_600_000).toISOString();
  return `${monthDayWithYear(shanghai.slice(0, 10))} ${shanghai.slice(11, 16)}`;
}
