import { type Campaign, type DateRange, shanghaiDate } from '@ankang/shared';

// Campaign dates are Shanghai calendar dates (YYYY-MM-DD). China keeps UTC+8 all year, so a date
// is handled as that day's midnight in UTC: adding days and naming weekdays never meets a zone.
const DAY_MS = 86_400_000;
const weekdays = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

const dayMs = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** Today's date in China, whatever the phone's time zone. */
export function todayInShanghai(now = new Date()): string {
  return shanghaiDate(now);
}

export function addDays(date: string, days: number): string {
  return new Date(dayMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 周四 */
export function weekdayOf(date: string): string {
  return weekdays[new Date(dayMs(date)).getUTCDay()] ?? '';
}

/** 7月3日 */
export function monthDay(date: string): string {
  const [, month, day] = date.split('-').map(Number);
  return `${month}月${day}日`;
}

/** 1月25日, or 2027年1月25日 when it is not this year (a sign-up window may cross New Year). */
export function monthDayWithYear(date: string, today: Date = new Date()): string {
  const year = Number(date.slice(0, 4));
  return year === Number(todayInShanghai(today).slice(0, 4)) ? monthDay(date) : `${year}年${monthDay(date)}`;
}

/** 7月3日 周四 */
export function dateLabel(date: string): string {
  return `${monthDay(date)} ${weekdayOf(date)}`;
}

/** 2026年6月15日 至 9月15日 (the year once, or twice when the range crosses one). */
export function rangeLabel(range: DateRange): string {
  const [fromYear] = range.from.split('-');
  const [toYear] = range.to.split('-');
  const to = fromYear === toYear ? monthDay(range.to) : `${toYear}年${monthDay(range.to)}`;
  return `${fromYear}年${monthDay(range.from)} 至 ${to}`;
}

/**
 * The season's dates someone can still choose: from today (or the season's start, if later) to
 * its end; at most `max` of them, so a bad season cannot build an endless grid.
 */
export function upcomingDates(season: DateRange, today: string, max = 200): string[] {
  const dates: string[] = [];
  let date = season.from > today ? season.from : today;
  while (date <= season.to && dates.length < max) {
    dates.push(date);
    date = addDays(date, 1);
  }
  return dates;
}

/** Splits dates into pages of a week each (the grid shows one at a time, big enough to tap). */
export function weeksOf(dates: string[]): string[][] {
  const weeks: string[][] = [];
  for (let i = 0; i < dates.length; i += 7) weeks.push(dates.slice(i, i + 7));
  return weeks;
}

/** Where today stands against the sign-up window: before it, in it, or after it. */
export function signupWindowState(signup: DateRange, today: string): 'upcoming' | 'open' | 'ended' {
  if (today < signup.from) return 'upcoming';
  return today > signup.to ? 'ended' : 'open';
}

/** Why a campaign takes no sign-ups today (its status, or its window), or null when it does. */
export function signupClosedReason(
  campaign: Pick<Campaign, 'status' | 'signup'>,
  today: string,
): string | null {
  if (campaign.status === 'draft') return '尚未开始报名';
  if (campaign.status === 'archived') return '活动已结束';
  if (campaign.status === 'closed') return '报名已结束';
  const window = signupWindowState(campaign.signup, today);
  if (window === 'upcoming') return `报名将于 ${monthDay(campaign.signup.from)} 开始`;
  return window === 'ended' ? '报名已结束' : null;
}
