import type { OpeningHoursInput } from '../schemas/hours';
import type { OpeningStatus } from './hours';
import { compileHours, type DayPeriods, periodsOfDay } from './hoursModel';
import {
  civilFromDays,
  DAY_MS,
  formatDay,
  formatMinutes,
  isoWeekday,
  localDay,
  localMs,
  MINUTE_MS,
  MINUTES_PER_DAY,
} from './shanghaiTime';

export const weekdayLabels = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

/**
 * Short Chinese label for lists, in Asia/Shanghai time: 24小时 · 营业至 22:00 · 营业至 明天 02:00 ·
 * 营业至 10月8日 00:00 · 今天 18:00 开门 · 明天 08:00 开门 · 周三 08:00 开门 (within 6 days) ·
 * 10月8日 08:00 开门 · 暂停开放 (no opening ahead). Closing at midnight tonight reads 营业至 24:00.
 */
export function openingLabel(status: OpeningStatus, at: Date): string {
  const { open, changesAt } = status;
  if (!changesAt) return open ? '24小时' : '暂停开放';
  const now = localMs(at);
  const when = localMs(changesAt);
  if (open && when - now > 7 * DAY_MS) return '24小时';
  const whenDay = localDay(when);
  const days = whenDay - localDay(now);
  const minutes = Math.floor((when - whenDay * DAY_MS) / MINUTE_MS);
  const time = formatMinutes(minutes);
  const date = (): string => {
    const { month, day } = civilFromDays(whenDay);
    return `${month}月${day}日`;
  };
  if (open) {
    if (days <= 0) return `营业至 ${time}`;
    if (days === 1) return minutes === 0 ? '营业至 24:00' : `营业至 明天 ${time}`;
    return `营业至 ${date()} ${time}`;
  }
  if (days <= 0) return `今天 ${time} 开门`;
  if (days === 1) return `明天 ${time} 开门`;
  if (days <= 6) return `${weekdayLabels[isoWeekday(whenDay) - 1]} ${time} 开门`;
  return `${date()} ${time} 开门`;
}

/** 08:00–12:00，14:00–22:00 · 24小时 · 休息 · 18:00–次日02:00 */
function periodsText(periods: DayPeriods): string {
  if (periods.length === 0) return '休息';
  if (periods.length === 2 && periods[0] === 0 && periods[1]! >= MINUTES_PER_DAY) return '24小时';
  const parts: string[] = [];
  for (let i = 0; i < periods.length; i += 2) {
    const close = periods[i + 1]!;
    const closeText =
      close > MINUTES_PER_DAY ? `次日${formatMinutes(close - MINUTES_PER_DAY)}` : formatMinutes(close);
    parts.push(`${formatMinutes(periods[i]!)}–${closeText}`);
  }
  return parts.join('，');
}

export interface ScheduleDay {
  /** YYYY-MM-DD */
  date: string;
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  weekdayLabel: string;
  isToday: boolean;
  text: string;
  /** The exception's note, e.g. 国庆节. */
  note?: string;
  isException: boolean;
}

/** The periods each of the 7 days starting at `at`'s Shanghai date starts, for the detail page. */
export function weekSchedule(hours: OpeningHoursInput, at: Date): ScheduleDay[] {
  const compiled = compileHours(hours);
  const today = localDay(localMs(at));
  return Array.from({ length: 7 }, (_, i): ScheduleDay => {
    const day = today + i;
    const weekday = isoWeekday(day);
    const exception = compiled.exception(day);
    const entry: ScheduleDay = {
      date: formatDay(day),
      weekday,
      weekdayLabel: weekdayLabels[weekday - 1]!,
      isToday: i === 0,
      text: periodsText(periodsOfDay(compiled, day)),
      isException: exception !== undefined,
    };
    if (exception?.note) entry.note = exception.note;
    return entry;
  });
}
