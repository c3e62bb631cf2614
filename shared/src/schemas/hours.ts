import { z } from 'zod';
import { safeText } from './text';

/**
 * Opening hours, always meant in Asia/Shanghai local time (UTC+8, no daylight saving).
 *
 * Model (one rule, no special cases): a day's periods come from its dated exception if it has one,
 * otherwise from the weekly periods of that weekday (every day 00:00–24:00 when `alwaysOpen`),
 * and none outside the season. A period whose close is not after its open crosses midnight and
 * ends on the next day; a period spilling past midnight keeps its own day's rule, so a Sept 30
 * 18:00–02:00 period still runs to 02:00 on a closed Oct 1. Touching periods merge.
 */
export const timeOfDaySchema = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, '时间格式应为 HH:MM，例如 08:30');

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const weekdaySchema = z.number().int().min(1).max(7);

export const periodSchema = z
  .object({ open: timeOfDaySchema, close: timeOfDaySchema })
  .refine((p) => p.open !== '24:00', { message: '开门时间不能是 24:00', path: ['open'] });
export type Period = z.infer<typeof periodSchema>;

export const weeklyPeriodSchema = periodSchema.and(z.object({ day: weekdaySchema }));
export type WeeklyPeriod = z.infer<typeof weeklyPeriodSchema>;

export const localDateSchema = z.iso.date('日期不存在或格式不正确，应为 YYYY-MM-DD');

/** One date handled differently: closed all day, or other periods (e.g. 国庆, a repair day). */
export const hoursExceptionSchema = z.object({
  date: localDateSchema,
  closed: z.boolean().default(false),
  periods: z.array(periodSchema).max(6).default([]),
  /** Why, shown to workers: 国庆节, 设备检修 … */
  note: safeText({ label: '例外日期的说明', max: 30 }).optional(),
});
export type HoursException = z.infer<typeof hoursExceptionSchema>;

/** Days in each month of a leap year: a season bound may be 02-29, never 02-30 or 04-31. */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** A day of the year as MM-DD that exists in some year (02-29 does, 02-31 does not). */
export const monthDaySchema = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: '日期格式应为 MM-DD', abort: true })
  .refine((text) => Number(text.slice(3)) <= MONTH_DAYS[Number(text.slice(0, 2)) - 1]!, {
    message: '日期不存在，请检查月份和日期',
  });

/** A yearly window (inclusive, MM-DD), which may wrap the new year (11-01 → 03-31). */
export const seasonSchema = z.object({ from: monthDaySchema, to: monthDaySchema });
export type Season = z.infer<typeof seasonSchema>;

export const openingHoursSchema = z.object({
  /** 24 小时开放: every day 00:00–24:00 (exceptions and season still apply). */
  alwaysOpen: z.boolean().default(false),
  weekly: z.array(weeklyPeriodSchema).max(42).default([]),
  /** At most one entry per date: which of two would count is not for a reader to guess. */
  exceptions: z
    .array(hoursExceptionSchema)
    .max(366, '例外日期最多 366 天')
    .superRefine((exceptions, ctx) => {
      const seen = new Set<string>();
      exceptions.forEach((exception, index) => {
        if (seen.has(exception.date)) {
          ctx.addIssue({
            code: 'custom',
            message: `例外日期 ${exception.date} 重复，同一天只能写一次`,
            path: [index, 'date'],
            input: exception.date,
          });
        }
        seen.add(exception.date);
      });
    })
    .default([]),
  season: seasonSchema.optional(),
});
export type OpeningHours = z.infer<typeof openingHoursSchema>;
export type OpeningHoursInput = z.input<typeof openingHoursSchema>;
