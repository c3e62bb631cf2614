import { z } from 'zod';

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

export const localDateSchema = z.iso.date('日期格式应为 YYYY-MM-DD');

/** One date handled differently: closed all day, or other periods (e.g. 国庆, a repair day). */
export const hoursExceptionSchema = z.object({
  date: localDateSchema,
  closed: z.boolean().default(false),
  periods: z.array(periodSchema).max(6).default([]),
  /** Why, shown to workers: 国庆节, 设备检修 … */
  note: z.string().max(30).optional(),
});
export type HoursException = z.infer<typeof hoursExceptionSchema>;

/** A yearly window (inclusive, MM-DD), which may wrap the new year (11-01 → 03-31). */
export const seasonSchema = z.object({
  from: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 MM-DD'),
  to: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 MM-DD'),
});
export type Season = z.infer<typeof seasonSchema>;

export const openingHoursSchema = z.object({
  /** 24 小时开放: every day 00:00–24:00 (exceptions and season still apply). */
  alwaysOpen: z.boolean().default(false),
  weekly: z.array(weeklyPeriodSchema).max(42).default([]),
  exceptions: z.array(hoursExceptionSchema).max(366).default([]),
  season: seasonSchema.optional(),
});
export type OpeningHours = z.infer<typeof openingHoursSchema>;
export type OpeningHoursInput = z.input<typeof openingHoursSchema>;
