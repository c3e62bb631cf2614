import type { OpeningHoursInput } from '../schemas/hours';
import type { StationStatus } from '../schemas/station';
import {
  type CompiledHours,
  compileHours,
  isOrdinaryDay,
  nextDayWithPeriods,
  nextUnordinaryDay,
  periodsOfDay,
} from './hoursModel';
import { DAY_MS, localDay, localMs, MINUTE_MS, SHANGHAI_OFFSET_MS } from './shanghaiTime';

export { shanghaiDate } from './shanghaiTime';

export interface OpeningStatus {
  open: boolean;
  changesAt?: Date;
}

/** How many days ahead a change is looked for; beyond it the status counts as permanent. */
export const HOURS_HORIZON_DAYS = 400;

const instant = (local: number): Date => new Date(local - SHANGHAI_OFFSET_MS);

/**
 * Sweeps the days' periods in start order from the day before `t` (whose periods may run past
 * midnight), keeping `end` = how far the place stays open from `t` on. The first period starting
 * after `end` is the change. Runs of days that cannot change anything are jumped over.
 */
function statusAtLocal(hours: CompiledHours, t: number): OpeningStatus {
  if (!Number.isFinite(t)) throw new RangeError('opening status of an invalid date');
  const last = localDay(t) + HOURS_HORIZON_DAYS;
  let end = t;
  let day = localDay(t) - 1;
  while (day <= last) {
    const periods = periodsOfDay(hours, day);
    const base = day * DAY_MS;
    for (let i = 0; i < periods.length; i += 2) {
      const start = base + periods[i]! * MINUTE_MS;
      if (start > end)
        return end > t ? { open: true, changesAt: instant(end) } : { open: false, changesAt: instant(start) };
      const stop = base + periods[i + 1]! * MINUTE_MS;
      if (stop > end) end = stop;
    }
    const next = day + 1;
    if (
      end > t &&
      end >= next * DAY_MS &&
      hours.fullWeek &&
      isOrdinaryDay(hours, day) &&
      isOrdinaryDay(hours, next)
    ) {
      // Open into an ordinary stretch of a week with no gap: open until the stretch ends. Resume
      // two days before its end, whose periods may run into the last day and beyond.
      const stretchEnd = nextUnordinaryDay(hours, next);
      if (stretchEnd > last) return { open: true };
      if (stretchEnd - 2 > next) {
        end = Math.max(end, (stretchEnd - 1) * DAY_MS);
        day = stretchEnd - 2;
        continue;
      }
    }
    day = nextDayWithPeriods(hours, next);
  }
  if (end === t) return { open: false };
  return end < (last + 1) * DAY_MS ? { open: true, changesAt: instant(end) } : { open: true };
}

/**
 * Whether the place is open at `at`, and when that next changes (absent: no change within
 * {@link HOURS_HORIZON_DAYS} days, e.g. 24 h with no exception ahead, or no periods at all).
 * Evaluated in Asia/Shanghai whatever the machine's time zone.
 */
export function openingStatus(hours: OpeningHoursInput, at: Date): OpeningStatus {
  return statusAtLocal(compileHours(hours), localMs(at));
}

/**
 * A station's status combined with its hours: closed → closed for good; temporarily closed until a
 * future time → closed, changing at the first moment from then on that the hours say open;
 * temporarily closed with no end → closed; otherwise (incl. a closure that has ended) the hours.
 */
export function stationOpeningStatus(
  station: { status: StationStatus; hours: OpeningHoursInput },
  at: Date,
): OpeningStatus {
  const { status } = station;
  if (status.state === 'closed') return { open: false };
  if (status.state === 'temporarilyClosed') {
    const until = status.until === undefined ? Number.NaN : Date.parse(status.until);
    if (Number.isNaN(until)) return { open: false };
    if (until > at.getTime()) {
      const after = statusAtLocal(compileHours(station.hours), until + SHANGHAI_OFFSET_MS);
      if (after.open) return { open: false, changesAt: new Date(until) };
      return after.changesAt ? { open: false, changesAt: after.changesAt } : { open: false };
    }
  }
  return openingStatus(station.hours, at);
}
