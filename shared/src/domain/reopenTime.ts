import { DAY_MS } from './shanghaiTime';

/** A pause is for repairs and seasons, not for ever: staff give a reopen time within a year. */
export const REOPEN_MAX_DAYS = 366;

export const REOPEN_IN_PAST_MESSAGE = '预计恢复时间不能早于现在';
export const REOPEN_TOO_FAR_MESSAGE = '预计恢复时间须在一年以内';

/**
 * Why a paused station's reopen time (ISO with offset) cannot be taken at `now`, or null when it
 * can: it must lie ahead (a time already past would read as 已恢复 at once) and within a year.
 * One rule for the staff dialog and the setStationStatus contract.
 */
export function reopenTimeProblem(until: string, now: Date): string | null {
  const at = Date.parse(until);
  if (Number.isNaN(at)) return null;
  if (at <= now.getTime()) return REOPEN_IN_PAST_MESSAGE;
  if (at > now.getTime() + REOPEN_MAX_DAYS * DAY_MS) return REOPEN_TOO_FAR_MESSAGE;
  return null;
}
