import { civilFromDays, DAY_MS, formatMinutes, localDay, localMs, MINUTE_MS } from './shanghaiTime';

/** Minutes since Shanghai midnight of an instant. */
function minuteOfDay(ms: number): number {
  return Math.floor((ms - localDay(ms) * DAY_MS) / MINUTE_MS);
}

/** `HH:MM` of an instant in Asia/Shanghai, whatever the device's time zone. */
export function shanghaiClock(at: Date): string {
  return formatMinutes(minuteOfDay(localMs(at)));
}

/** `11月21日 14:05` of an instant in Asia/Shanghai. */
export function shanghaiDateTime(at: Date): string {
  const ms = localMs(at);
  const { month, day } = civilFromDays(localDay(ms));
  return `${month}月${day}日 ${formatMinutes(minuteOfDay(ms))}`;
}

/** Whole calendar days (Asia/Shanghai) from `from` to `to`: 0 on the same date, 1 for yesterday → today. */
export function shanghaiDaysBetween(from: Date, to: Date): number {
  return localDay(localMs(to)) - localDay(localMs(from));
}
