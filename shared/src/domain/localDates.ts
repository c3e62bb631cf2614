import { civilFromDays, daysFromCivil, daysInMonth, formatDay } from './shanghaiTime';

/**
 * Arithmetic on calendar dates (YYYY-MM-DD, Asia/Shanghai), as whole days since 1970-01-01 so it
 * never meets a time zone.
 */

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
export function dayOfDate(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return daysFromCivil(year, month, day);
}

/** The YYYY-MM-DD date `days` after `date` (before it when negative). */
export function shiftDateByDays(date: string, days: number): string {
  return formatDay(dayOfDate(date) + days);
}

/** Whole days from `from` to `to`: 0 on the same date, negative when `to` is earlier. */
export function daysBetweenDates(from: string, to: string): number {
  return dayOfDate(to) - dayOfDate(from);
}

/** The same day `months` later; a day the target month lacks becomes its last (01-31 + 1 → 02-28). */
export function shiftDateByMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  const first = daysFromCivil(targetYear, targetMonth, 1);
  const { year: y, month: m } = civilFromDays(first);
  return formatDay(first + Math.min(day, daysInMonth(y, m)) - 1);
}
