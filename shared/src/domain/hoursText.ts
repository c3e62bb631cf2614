import {
  type HoursException,
  type OpeningHours,
  type OpeningHoursInput,
  openingHoursSchema,
  type Period,
  type Season,
  type WeeklyPeriod,
} from '../schemas/hours';

/**
 * Opening hours as text people type: in an import file's 开放时间 / 例外日期 / 开放季节 columns and
 * in the staff edit form. `formatHoursText` writes the canonical form; `parseHoursText` reads it
 * back (a round trip gives the same hours) and also reads the looser ways people write it.
 *
 * Weekly (开放时间), segments separated by ；or a new line, each `<days> <periods>`:
 *   24小时 · 每天 08:00-18:00 · 周一至周五 08:00-12:00，14:00-18:00；周六、周日 休息 ·
 *   工作日 07:00-19:00；周末 09:00-17:00 · 周五 18:00-次日02:00
 * Days: 每天/每日, 工作日 (Mon–Fri), 周末 (Sat–Sun), 周一…周日 (also 星期一, 礼拜一; 周日 = 周天),
 * ranges with 至/到/-/~ (周一至五, wrapping 周五至周一 too), lists with 、or ,. Periods `H:MM-H:MM`
 * separated by ，、 or spaces; `次日` before the close marks a period past midnight (18:00-02:00
 * means the same); 24:00 is a close; `休息` means closed; `24小时` means 00:00-24:00. A segment
 * without days means every day; a day list right after periods starts a new segment. A later
 * segment replaces earlier ones for its days (`每天 08:00-18:00；周日 休息`); days never mentioned
 * are closed.
 * Exceptions (例外日期): `2026-10-01 休息；2026-10-02 09:00-17:00；2026-10-03至2026-10-07 休息（国庆节）`
 * (dates also as 2026/10/1 or 2026年10月1日; a range end may omit the year; later entries win).
 * Season (开放季节): `06-01至09-30` (also 6月1日至9月30日), may wrap the new year.
 * Full-width and half-width punctuation are alike; spaces are optional.
 */
export interface HoursText {
  weekly: string;
  exceptions: string;
  season: string;
}

export type HoursTextField = keyof HoursText;

/** What `parseHoursText` reads: exceptions and season may be left out (none). */
export type HoursTextInput = Pick<HoursText, 'weekly'> & Partial<Omit<HoursText, 'weekly'>>;

export type HoursTextResult =
  | { ok: true; hours: OpeningHours }
  | { ok: false; field: HoursTextField; message: string };

const WEEKLY_EXAMPLE = '例如“周一至周五 08:00-18:00；周六、周日 09:00-17:00”或“24小时”';
const EXCEPTION_EXAMPLE = '例如“2026-10-01至2026-10-07 休息（国庆节）；2026-10-08 09:00-17:00”';
const SEASON_EXAMPLE = '例如“06-01至09-30”';
const MAX_PERIODS_PER_DAY = 6;
const MAX_EXCEPTIONS = 366;
const MAX_NOTE = 30;
const DAY_MINUTES = 1440;
const DAY_NAMES = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

class HoursTextError extends Error {
  constructor(
    readonly field: HoursTextField,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Half-width punctuation, one kind of dash, single spaces. NFKC folds
 * full-width letters, digits and ：；，（） to their ASCII forms.
 */
function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[~〜–—―−‐‑‒﹣]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Entries of a list written with ；, ; , 。 or line breaks. */
function entries(text: string): string[] {
  return text
    .split(/[;；。\n\r]+/)
    .map((entry) => entry.trim())
    .filter(Boolean);
}

const pad = (n: number) => String(n).padStart(2, '0');
const toMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
/** A period's span in minutes from its day's 00:00; a close not after the open is the next day's. */
function span(period: Period): [number, number] {
  const open = toMinutes(period.open);
  const close = toMinutes(period.close);
  return [open, close > open ? close : close + DAY_MINUTES];
}
const isAllDay = (periods: Period[]) =>
  periods.length === 1 && periods[0]!.open === '00:00' && periods[0]!.close === '24:00';
const byOpen = (a: Period, b: Period) => a.open.localeCompare(b.open) || a.close.localeCompare(b.close);

// ───────────────────────────── periods ─────────────────────────────

const CLOSED_WORDS = /^(休息|休|关闭|闭馆|不开放|停业|暂停开放|暂停)$/;
const ALL_DAY_WORDS = /^(全天)?(24小时|24h)(开放|营业)?$|^全天(开放|营业)?$/i;
const PERIOD = /^(\d{1,2}):(\d{2})(?:-|至|到)(次日|翌日)?(\d{1,2}):(\d{2})$/;

function parseTime(hour: string, minute: string, field: HoursTextField, text: string): string {
  const h = Number(hour);
  const m = Number(minute);
  if (h > 24 || m > 59 || (h === 24 && m !== 0)) {
    throw new HoursTextError(field, `时间“${text}”不正确，应在 00:00 到 24:00 之间`);
  }
  return `${pad(h)}:${pad(m)}`;
}

function parsePeriod(text: string, field: HoursTextField, example: string): Period {
  const match = PERIOD.exec(text);
  if (!match) throw new HoursTextError(field, `无法识别时段“${text}”，时段应写作“08:00-18:00”，${example}`);
  const [, oh, om, nextDay, ch, cm] = match;
  const open = parseTime(oh!, om!, field, text);
  let close = parseTime(ch!, cm!, field, text);
  if (open === '24:00') throw new HoursTextError(field, `时段“${text}”的开门时间不能是 24:00`);
  if (nextDay) {
    if (close === '24:00' || toMinutes(close) > toMinutes(open)) {
      throw new HoursTextError(field, `时段“${text}”超过 24 小时，请检查“次日”的时间`);
    }
  }
  // 18:00-00:00 ends at midnight: the same as 18:00-24:00, written one way.
  if (close === '00:00') close = '24:00';
  return { open, close };
}

/** The periods after the days: 休息, 24小时, or a list of `H:MM-H:MM`. */
function parsePeriods(text: string, field: HoursTextField, example: string): Period[] {
  if (CLOSED_WORDS.test(text)) return [];
  if (ALL_DAY_WORDS.test(text.replace(/ /g, ''))) return [{ open: '00:00', close: '24:00' }];
  const compact = text.replace(/ ?(-|至|到) ?/g, '$1').replace(/(次日|翌日) /g, '$1');
  return compact
    .split(/[,、 ]+/)
    .filter(Boolean)
    .map((part) => parsePeriod(part, field, example));
}

/** One day's periods sorted, at most six, none overlapping another. */
function checkDay(periods: Period[], label: string, field: HoursTextField): Period[] {
  const sorted = [...periods].sort(byOpen);
  if (sorted.length > MAX_PERIODS_PER_DAY) {
    throw new HoursTextError(field, `${label}的时段超过 ${MAX_PERIODS_PER_DAY} 个，请合并`);
  }
  for (let i = 1; i < sorted.length; i += 1) {
    const previous = sorted[i - 1]!;
    const current = sorted[i]!;
    if (span(current)[0] < span(previous)[1]) {
      throw new HoursTextError(
        field,
        `${label}的时段 ${formatPeriod(previous)} 与 ${formatPeriod(current)} 重叠，请合并或修改`,
      );
    }
  }
  return sorted;
}

// ───────────────────────────── weekly ─────────────────────────────

const DAY_OF: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, 七: 7 };
const DAY_WORD = '(?:周|星期|礼拜)';
const DAY_ITEM = `(?:每天|每日|天天|工作日|周末|双休日|${DAY_WORD}[一二三四五六日天七](?: ?(?:-|至|到) ?${DAY_WORD}?[一二三四五六日天七])?)`;
const DAYS_PREFIX = new RegExp(`^(${DAY_ITEM}(?: ?[、,/和及与]? ?${DAY_ITEM})*) ?:? ?`);
const DAY_ITEMS = new RegExp(DAY_ITEM, 'g');

function expandDayItem(item: string): number[] {
  if (/^(每天|每日|天天)$/.test(item)) return [1, 2, 3, 4, 5, 6, 7];
  if (item === '工作日') return [1, 2, 3, 4, 5];
  if (item === '周末' || item === '双休日') return [6, 7];
  const days = [...item.matchAll(/[一二三四五六日天七]/g)].map((m) => DAY_OF[m[0]]!);
  if (days.length === 1) return days;
  const [from, to] = days as [number, number];
  const result: number[] = [];
  // 周五至周一 wraps over the weekend.
  for (let day = from; ; day = (day % 7) + 1) {
    result.push(day);
    if (day === to) return result;
  }
}

/** A day list right after a time or 休息 starts a new segment: `周一至周五 08:00-18:00 周六 休息`. */
const UNSEPARATED_DAYS = /(\d|休息|小时|关闭|闭馆|停业) ?(?=每天|每日|天天|工作日|周末|双休日|周|星期|礼拜)/g;

function parseWeekly(text: string): Pick<OpeningHours, 'alwaysOpen' | 'weekly'> {
  const segments = entries(text).flatMap((entry) => entries(entry.replace(UNSEPARATED_DAYS, '$1;')));
  if (segments.length === 0) throw new HoursTextError('weekly', `请填写开放时间，${WEEKLY_EXAMPLE}`);
  const byDay: Period[][] = [[], [], [], [], [], [], []];
  for (const raw of segments) {
    const segment = normalise(raw);
    const prefix = DAYS_PREFIX.exec(segment);
    const days = prefix
      ? [...prefix[1]!.matchAll(DAY_ITEMS)].flatMap((m) => expandDayItem(m[0]))
      : [1, 2, 3, 4, 5, 6, 7];
    const rest = segment.slice(prefix ? prefix[0].length : 0).trim();
    if (!rest) {
      throw new HoursTextError(
        'weekly',
        `“${raw}”缺少时段，应写作“${prefix ? prefix[1] : '周一至周五'} 08:00-18:00”，不开放请写“休息”`,
      );
    }
    if (
      !prefix &&
      !/^\d/.test(rest) &&
      !CLOSED_WORDS.test(rest) &&
      !ALL_DAY_WORDS.test(rest.replace(/ /g, ''))
    ) {
      throw new HoursTextError('weekly', `无法识别“${raw}”，${WEEKLY_EXAMPLE}`);
    }
    const periods = parsePeriods(rest, 'weekly', WEEKLY_EXAMPLE);
    for (const day of days) byDay[day - 1] = periods;
  }
  const checked = byDay.map((periods, i) => checkDay(periods, DAY_NAMES[i]!, 'weekly'));
  if (checked.every(isAllDay)) return { alwaysOpen: true, weekly: [] };
  const weekly: WeeklyPeriod[] = checked.flatMap((periods, i) => periods.map((p) => ({ day: i + 1, ...p })));
  return { alwaysOpen: false, weekly };
}

// ───────────────────────────── exceptions ─────────────────────────────

const DATE = '(\\d{4})[-/.年](\\d{1,2})[-/.月](\\d{1,2})日?';
const END_DATE = '(?:(\\d{4})[-/.年])?(\\d{1,2})[-/.月](\\d{1,2})日?';
const EXCEPTION_HEAD = new RegExp(`^${DATE}(?: ?(?:-|至|到) ?${END_DATE})? ?:? ?`);
const NOTE = /[（(【[]([^（）()【】[\]]*)[）)】\]]\s*$/;

/** Days since 1970-01-01 of a real calendar date, or null. */
function dayNumber(year: number, month: number, day: number): number | null {
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return ms / 86_400_000;
}

function isoDate(days: number): string {
  return new Date(days * 86_400_000).toISOString().slice(0, 10);
}

function parseExceptionEntry(raw: string): HoursException[] {
  const noteMatch = NOTE.exec(raw);
  const note = noteMatch ? noteMatch[1]!.trim() : '';
  if (note.length > MAX_NOTE) {
    throw new HoursTextError('exceptions', `备注“${note}”太长，最多 ${MAX_NOTE} 个字`);
  }
  const text = normalise(noteMatch ? raw.slice(0, noteMatch.index) : raw);
  const head = EXCEPTION_HEAD.exec(text);
  if (!head) throw new HoursTextError('exceptions', `无法识别“${raw}”，${EXCEPTION_EXAMPLE}`);
  const [, y, m, d, endY, endM, endD] = head;
  const start = dayNumber(Number(y), Number(m), Number(d));
  if (start === null) throw new HoursTextError('exceptions', `日期“${y}-${m}-${d}”不存在，请检查`);
  let end = start;
  if (endM) {
    const year = endY ? Number(endY) : Number(y);
    let found = dayNumber(year, Number(endM), Number(endD));
    if (found === null) throw new HoursTextError('exceptions', `日期“${year}-${endM}-${endD}”不存在，请检查`);
    // 2026-12-30至01-02: a range end without a year runs into the next one.
    if (!endY && found < start) found = dayNumber(year + 1, Number(endM), Number(endD));
    if (found === null || found < start) {
      throw new HoursTextError('exceptions', `“${raw}”的结束日期早于开始日期`);
    }
    end = found;
  }
  if (end - start >= MAX_EXCEPTIONS) {
    throw new HoursTextError('exceptions', `“${raw}”跨度太长，一段最多 ${MAX_EXCEPTIONS} 天`);
  }
  const rest = text.slice(head[0].length).trim();
  if (!rest) {
    throw new HoursTextError('exceptions', `“${raw}”缺少开放情况，请写“休息”或时段，${EXCEPTION_EXAMPLE}`);
  }
  const periods = checkDay(parsePeriods(rest, 'exceptions', EXCEPTION_EXAMPLE), isoDate(start), 'exceptions');
  const result: HoursException[] = [];
  for (let day = start; day <= end; day += 1) {
    result.push({
      date: isoDate(day),
      closed: periods.length === 0,
      periods,
      ...(note ? { note } : {}),
    });
  }
  return result;
}

function parseExceptions(text: string): HoursException[] {
  const byDate = new Map<string, HoursException>();
  for (const raw of entries(text)) {
    for (const exception of parseExceptionEntry(raw)) {
      // A later entry wins: `…至… 休息；2026-10-03 09:00-12:00` opens one day of a closed week.
      byDate.delete(exception.date);
      byDate.set(exception.date, exception);
    }
  }
  if (byDate.size > MAX_EXCEPTIONS) {
    throw new HoursTextError('exceptions', `例外日期最多 ${MAX_EXCEPTIONS} 天，当前 ${byDate.size} 天`);
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

// ───────────────────────────── season ─────────────────────────────

const MONTH_DAY = '(\\d{1,2})[-/.月](\\d{1,2})日?';
const SEASON = new RegExp(`^(?:每年)? ?${MONTH_DAY} ?(?:-|至|到) ?${MONTH_DAY}$`);

function monthDay(month: string, day: string, raw: string): string {
  // 2024 is a leap year: 02-29 is a valid bound.
  if (dayNumber(2024, Number(month), Number(day)) === null) {
    throw new HoursTextError('season', `开放季节“${raw}”中的日期不存在，${SEASON_EXAMPLE}`);
  }
  return `${pad(Number(month))}-${pad(Number(day))}`;
}

function parseSeason(text: string): Season | undefined {
  const normalised = normalise(text);
  if (!normalised) return undefined;
  const match = SEASON.exec(normalised);
  if (!match) throw new HoursTextError('season', `无法识别开放季节“${text.trim()}”，${SEASON_EXAMPLE}`);
  const [, fm, fd, tm, td] = match;
  return { from: monthDay(fm!, fd!, text.trim()), to: monthDay(tm!, td!, text.trim()) };
}

/** The text a schema issue of the hours belongs to. */
function fieldOfPath(path: readonly PropertyKey[]): HoursTextField {
  if (path[0] === 'exceptions') return 'exceptions';
  if (path[0] === 'season') return 'season';
  return 'weekly';
}

/**
 * Reads opening hours from text (see the grammar above). Never throws: a problem comes back as the
 * field it is in and a Chinese message with an example of the right form.
 */
export function parseHoursText(text: HoursTextInput): HoursTextResult {
  try {
    const { alwaysOpen, weekly } = parseWeekly(text.weekly);
    const exceptions = parseExceptions(text.exceptions ?? '');
    const season = parseSeason(text.season ?? '');
    const hours: OpeningHours = { alwaysOpen, weekly, exceptions, ...(season ? { season } : {}) };
    // The grammar keeps within the schema; the schema is the net under it, and what the form, the
    // importer and the API all store is what it gives back.
    const checked = openingHoursSchema.safeParse(hours);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      return { ok: false, field: fieldOfPath(issue.path), message: issue.message };
    }
    return { ok: true, hours: checked.data };
  } catch (error) {
    if (error instanceof HoursTextError) return { ok: false, field: error.field, message: error.message };
    throw error;
  }
}

// ───────────────────────────── formatting ─────────────────────────────

function formatPeriod(period: Period): string {
  const [, close] = span(period);
  if (close > DAY_MINUTES) return `${period.open}-次日${period.close}`;
  return `${period.open}-${close === DAY_MINUTES ? '24:00' : period.close}`;
}

function formatPeriods(periods: Period[]): string {
  if (periods.length === 0) return '休息';
  if (isAllDay(periods)) return '24小时';
  return [...periods].sort(byOpen).map(formatPeriod).join('，');
}

/** 每天, or runs of three or more as 周一至周五 and the rest listed: 周一至周三、周五、周日. */
function formatDays(days: number[]): string {
  if (days.length === 7) return '每天';
  const runs: number[][] = [];
  for (const day of days) {
    const run = runs.at(-1);
    if (run && run.at(-1) === day - 1) run.push(day);
    else runs.push([day]);
  }
  return runs
    .flatMap((run) =>
      run.length >= 3
        ? [`${DAY_NAMES[run[0]! - 1]}至${DAY_NAMES[run.at(-1)! - 1]}`]
        : run.map((d) => DAY_NAMES[d - 1]!),
    )
    .join('、');
}

function formatWeekly(hours: OpeningHoursInput): string {
  if (hours.alwaysOpen) return '24小时';
  const groups = new Map<string, number[]>();
  for (let day = 1; day <= 7; day += 1) {
    const text = formatPeriods((hours.weekly ?? []).filter((p) => p.day === day));
    groups.set(text, [...(groups.get(text) ?? []), day]);
  }
  return [...groups].map(([periods, days]) => `${formatDays(days)} ${periods}`).join('；');
}

/** Characters a note cannot hold without breaking the list it sits in. */
const cleanNote = (note: string | undefined) => (note ?? '').replace(/[;；。()（）【】[\]\r\n]/g, ' ').trim();

function formatExceptions(exceptions: OpeningHoursInput['exceptions']): string {
  // The first entry for a date is the one that counts, as when the hours are evaluated.
  const firstPerDate = new Map<string, NonNullable<OpeningHoursInput['exceptions']>[number]>();
  for (const e of exceptions ?? []) if (!firstPerDate.has(e.date)) firstPerDate.set(e.date, e);
  const days = [...firstPerDate.values()]
    .map((e) => {
      const [year, month, day] = e.date.split('-').map(Number) as [number, number, number];
      const status = e.closed ? '休息' : formatPeriods(e.periods ?? []);
      const note = cleanNote(e.note);
      return {
        day: dayNumber(year, month, day) ?? 0,
        date: e.date,
        text: `${status}${note ? `（${note}）` : ''}`,
      };
    })
    .sort((a, b) => a.day - b.day);
  const ranges: Array<{ from: string; to: string; lastDay: number; text: string }> = [];
  for (const entry of days) {
    const last = ranges.at(-1);
    if (last && last.text === entry.text && last.lastDay === entry.day - 1) {
      last.to = entry.date;
      last.lastDay = entry.day;
    } else {
      ranges.push({ from: entry.date, to: entry.date, lastDay: entry.day, text: entry.text });
    }
  }
  return ranges.map((r) => `${r.from}${r.to === r.from ? '' : `至${r.to}`} ${r.text}`).join('；');
}

/**
 * Opening hours as the three texts `parseHoursText` reads (weekly is never empty: a week without
 * periods is `每天 休息`). Consecutive exception dates alike are written as one range.
 */
export function formatHoursText(hours: OpeningHoursInput): HoursText {
  return {
    weekly: formatWeekly(hours),
    exceptions: formatExceptions(hours.exceptions),
    season: hours.season ? `${hours.season.from}至${hours.season.to}` : '',
  };
}
