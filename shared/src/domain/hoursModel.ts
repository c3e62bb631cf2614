import type { OpeningHoursInput } from '../schemas/hours';
import { civilFromDays, daysFromCivil, daysInMonth, isoWeekday, MINUTES_PER_DAY } from './shanghaiTime';

/**
 * The periods of one day as a flat `[open, close, open, close, …]` list of minutes from that day's
 * 00:00, sorted and merged; a close past 1440 runs into the next day (at most to 2879).
 */
export type DayPeriods = readonly number[];

type RawPeriod = { open: string; close: string };
type RawException = NonNullable<OpeningHoursInput['exceptions']>[number];

interface Season {
  fromMonth: number;
  fromDay: number;
  toMonth: number;
  toDay: number;
  /** MM-DD as month * 100 + day. */
  from: number;
  to: number;
  wraps: boolean;
}

const NONE: DayPeriods = [];
const ALL_DAY: DayPeriods = [0, MINUTES_PER_DAY];

// The strings were validated by the schema (HH:MM, YYYY-MM-DD, MM-DD): read digits directly, as
// this runs for every candidate station of a nearby search.
const digit = (s: string, i: number): number => s.charCodeAt(i) - 48;
const twoDigits = (s: string, i: number): number => digit(s, i) * 10 + digit(s, i + 1);
/** Minutes of `HH:MM` (`24:00` = 1440). */
const parseTime = (time: string): number => twoDigits(time, 0) * 60 + twoDigits(time, 3);
const parseDate = (date: string): number =>
  daysFromCivil(twoDigits(date, 0) * 100 + twoDigits(date, 2), twoDigits(date, 5), twoDigits(date, 8));

/** Appends a period; a close not after its open means the next day. */
function pushPeriod(flat: number[], period: RawPeriod): void {
  const open = parseTime(period.open);
  const close = parseTime(period.close);
  flat.push(open, close > open ? close : close + MINUTES_PER_DAY);
}

/** Sorts the flat pairs by open (few, so insertion sort) and merges touching ones, in place. */
function normalize(flat: number[]): DayPeriods {
  if (flat.length === 0) return NONE;
  for (let i = 2; i < flat.length; i += 2) {
    const open = flat[i]!;
    const close = flat[i + 1]!;
    let j = i - 2;
    for (; j >= 0 && flat[j]! > open; j -= 2) {
      flat[j + 2] = flat[j]!;
      flat[j + 3] = flat[j + 1]!;
    }
    flat[j + 2] = open;
    flat[j + 3] = close;
  }
  let kept = 0;
  for (let i = 0; i < flat.length; i += 2) {
    if (kept > 0 && flat[i]! <= flat[kept - 1]!) flat[kept - 1] = Math.max(flat[kept - 1]!, flat[i + 1]!);
    else {
      flat[kept] = flat[i]!;
      flat[kept + 1] = flat[i + 1]!;
      kept += 2;
    }
  }
  flat.length = kept;
  return flat;
}

function parseSeason(season: { from: string; to: string }): Season {
  const fromMonth = twoDigits(season.from, 0);
  const fromDay = twoDigits(season.from, 3);
  const toMonth = twoDigits(season.to, 0);
  const toDay = twoDigits(season.to, 3);
  const from = fromMonth * 100 + fromDay;
  const to = toMonth * 100 + toDay;
  return { fromMonth, fromDay, toMonth, toDay, from, to, wraps: from > to };
}

interface ExceptionEntry {
  raw: RawException;
  periods?: DayPeriods;
}

/**
 * Opening hours prepared for evaluation. Parsing is lazy (a weekday's or an exception's periods on
 * first use), because a status check usually looks at two or three days of a fresh object.
 */
export class CompiledHours {
  /** Whether any ordinary day has periods (false: only exceptions can open the place). */
  readonly hasRegular: boolean;
  readonly season: Season | undefined;
  private readonly weeklyByDay: Array<DayPeriods | undefined> = [];
  private readonly exceptions = new Map<number, ExceptionEntry>();
  private exceptionDaysSorted: number[] | undefined;
  private coversWeek: boolean | undefined;

  constructor(private readonly hours: OpeningHoursInput) {
    this.hasRegular = hours.alwaysOpen === true || (hours.weekly?.length ?? 0) > 0;
    this.season = hours.season ? parseSeason(hours.season) : undefined;
    for (const raw of hours.exceptions ?? []) {
      const day = parseDate(raw.date);
      // The first entry for a date wins; the schema does not forbid duplicates.
      if (!this.exceptions.has(day)) this.exceptions.set(day, { raw });
    }
  }

  /** The periods of an ISO weekday (1 = Monday) on an ordinary day. */
  weekday(weekday: number): DayPeriods {
    const cached = this.weeklyByDay[weekday];
    if (cached) return cached;
    let periods = ALL_DAY;
    if (!this.hours.alwaysOpen) {
      const flat: number[] = [];
      for (const period of this.hours.weekly ?? []) if (period.day === weekday) pushPeriod(flat, period);
      periods = normalize(flat);
    }
    this.weeklyByDay[weekday] = periods;
    return periods;
  }

  /** The exception on a day, if any: its periods (none when closed) and note. */
  exception(days: number): { periods: DayPeriods; note: string | undefined } | undefined {
    if (this.exceptions.size === 0) return undefined;
    const entry = this.exceptions.get(days);
    if (!entry) return undefined;
    if (!entry.periods) {
      const flat: number[] = [];
      if (!entry.raw.closed) for (const period of entry.raw.periods ?? []) pushPeriod(flat, period);
      entry.periods = normalize(flat);
    }
    return { periods: entry.periods, note: entry.raw.note };
  }

  hasException(days: number): boolean {
    return this.exceptions.size > 0 && this.exceptions.has(days);
  }

  /** Day counts of the exceptions, ascending. */
  exceptionDays(): readonly number[] {
    this.exceptionDaysSorted ??= [...this.exceptions.keys()].sort((a, b) => a - b);
    return this.exceptionDaysSorted;
  }

  /** Whether the weekly periods cover the whole week, Sunday running into Monday, without a gap. */
  get fullWeek(): boolean {
    this.coversWeek ??= this.computeFullWeek();
    return this.coversWeek;
  }

  private computeFullWeek(): boolean {
    if (this.hours.alwaysOpen) return true;
    const week = 7 * MINUTES_PER_DAY;
    const spans: number[] = [];
    for (let weekday = 1; weekday <= 7; weekday++) {
      const periods = this.weekday(weekday);
      // A day without periods of its own cannot be covered: a period ends within the next day.
      if (periods.length === 0) return false;
      for (let i = 0; i < periods.length; i += 2) {
        const open = (weekday - 1) * MINUTES_PER_DAY + periods[i]!;
        const close = (weekday - 1) * MINUTES_PER_DAY + periods[i + 1]!;
        spans.push(open, close);
        if (close > week) spans.push(0, close - week);
      }
    }
    const merged = normalize(spans);
    return merged.length === 2 && merged[0] === 0 && merged[1]! >= week;
  }
}

export function compileHours(hours: OpeningHoursInput): CompiledHours {
  return new CompiledHours(hours);
}

function inSeason(season: Season, days: number): boolean {
  const { month, day } = civilFromDays(days);
  const md = month * 100 + day;
  return season.wraps ? md >= season.from || md <= season.to : md >= season.from && md <= season.to;
}

/** The periods a day starts: its exception's, else (in season) its weekday's. */
export function periodsOfDay(hours: CompiledHours, days: number): DayPeriods {
  const exception = hours.exception(days);
  if (exception) return exception.periods;
  if (!hours.hasRegular || (hours.season && !inSeason(hours.season, days))) return NONE;
  return hours.weekday(isoWeekday(days));
}

/** Whether the weekly rule applies to this day (no exception, in season). */
export function isOrdinaryDay(hours: CompiledHours, days: number): boolean {
  return !hours.hasException(days) && (!hours.season || inSeason(hours.season, days));
}

/** The first exception day at or after `days`, or Infinity. */
export function nextExceptionDay(hours: CompiledHours, days: number): number {
  const list = hours.exceptionDays();
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < days) lo = mid + 1;
    else hi = mid;
  }
  return lo < list.length ? list[lo]! : Number.POSITIVE_INFINITY;
}

/**
 * The day a stretch of days starting at `days` stops being ordinary, never later than the truth
 * (an early answer only makes the caller look again): the next exception or the season's end.
 */
export function nextUnordinaryDay(hours: CompiledHours, days: number): number {
  const exception = nextExceptionDay(hours, days + 1);
  const season = hours.season;
  if (!season) return exception;
  const { year, month, day } = civilFromDays(days);
  const y = season.wraps && month * 100 + day >= season.from ? year + 1 : year;
  const end =
    season.toDay >= daysInMonth(y, season.toMonth)
      ? daysFromCivil(y, season.toMonth + 1, 1)
      : daysFromCivil(y, season.toMonth, season.toDay + 1);
  return Math.min(exception, end);
}

/**
 * The next day at or after `days` that may have periods, never later than the truth: `days`
 * itself unless it is an ordinary day without any (out of season, or no weekly periods at all).
 */
export function nextDayWithPeriods(hours: CompiledHours, days: number): number {
  if (hours.hasException(days)) return days;
  if (!hours.hasRegular) return nextExceptionDay(hours, days);
  const season = hours.season;
  if (!season || inSeason(season, days)) return days;
  const { year, month, day } = civilFromDays(days);
  const y = !season.wraps && month * 100 + day > season.to ? year + 1 : year;
  const start =
    season.fromDay > daysInMonth(y, season.fromMonth)
      ? daysFromCivil(y, season.fromMonth + 1, 1)
      : daysFromCivil(y, season.fromMonth, season.fromDay);
  return Math.min(nextExceptionDay(hours, days), start);
}
