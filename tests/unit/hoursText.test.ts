import {
  formatHoursText,
  type HoursException,
  type OpeningHours,
  openingHoursSchema,
  type Period,
  parseHoursText,
  type WeeklyPeriod,
} from '@ankang/shared';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const weekdays = (days: number[], periods: Period[]): WeeklyPeriod[] =>
  days.flatMap((day) => periods.map((p) => ({ day, ...p })));
const nineToSix = { open: '09:00', close: '18:00' };
const workweek = [1, 2, 3, 4, 5];
const everyDay = [1, 2, 3, 4, 5, 6, 7];

function hoursOf(weekly: string, exceptions?: string, season?: string): OpeningHours {
  const result = parseHoursText({ weekly, exceptions, season });
  if (!result.ok) throw new Error(`expected ${weekly} to parse, got ${result.message}`);
  return result.hours;
}

const weeklyOnly = (weekly: WeeklyPeriod[]): OpeningHours => ({ alwaysOpen: false, weekly, exceptions: [] });

describe('Domain: parseHoursText (weekly)', () => {
  it.each([
    ['24小时', { alwaysOpen: true, weekly: [], exceptions: [] }],
    ['全天24小时开放', { alwaysOpen: true, weekly: [], exceptions: [] }],
    ['每天 00:00-24:00', { alwaysOpen: true, weekly: [], exceptions: [] }],
    ['每天 09:00-18:00', weeklyOnly(weekdays(everyDay, [nineToSix]))],
    ['09:00-18:00', weeklyOnly(weekdays(everyDay, [nineToSix]))],
    ['每日9:00至18:00', weeklyOnly(weekdays(everyDay, [nineToSix]))],
    ['工作日 09:00-18:00', weeklyOnly(weekdays(workweek, [nineToSix]))],
    ['周一至周五 09:00-18:00', weeklyOnly(weekdays(workweek, [nineToSix]))],
    ['周一至五 9:00～18:00', weeklyOnly(weekdays(workweek, [nineToSix]))],
    ['星期一到星期五：09：00—18：00', weeklyOnly(weekdays(workweek, [nineToSix]))],
    ['周一-周五 09:00 - 18:00', weeklyOnly(weekdays(workweek, [nineToSix]))],
    ['周末 09:00-18:00', weeklyOnly(weekdays([6, 7], [nineToSix]))],
    ['周六、周日 09:00-18:00', weeklyOnly(weekdays([6, 7], [nineToSix]))],
    ['周六周天 09:00-18:00', weeklyOnly(weekdays([6, 7], [nineToSix]))],
    ['周一、周三 09:00-18:00', weeklyOnly(weekdays([1, 3], [nineToSix]))],
    ['礼拜三 09:00-18:00', weeklyOnly(weekdays([3], [nineToSix]))],
    ['周五至周一 09:00-18:00', weeklyOnly(weekdays([1, 5, 6, 7], [nineToSix]))],
    ['周一至周三、周五 09:00-18:00', weeklyOnly(weekdays([1, 2, 3, 5], [nineToSix]))],
  ])('reads the days in %s', (text, expected) => {
    expect(hoursOf(text)).toStrictEqual(expected);
  });

  it.each([
    ['08:00-12:00，14:00-18:00'],
    ['08:00-12:00,14:00-18:00'],
    ['08:00-12:00、14:00-18:00'],
    ['08:00-12:00 14:00-18:00'],
    ['14:00-18:00，8:00-12:00'],
  ])('reads several periods a day in %s, sorted', (periods) => {
    const expected = weekdays(workweek, [
      { open: '08:00', close: '12:00' },
      { open: '14:00', close: '18:00' },
    ]).sort((a, b) => a.day - b.day || a.open.localeCompare(b.open));
    expect(hoursOf(`周一至周五 ${periods}`).weekly).toStrictEqual(expected);
  });

  it.each([['18:00-次日02:00'], ['18:00-02:00'], ['18:00 至 次日 02:00'], ['18:00-翌日2:00']])(
    'reads a period past midnight written as %s',
    (period) => {
      expect(hoursOf(`周五 ${period}`).weekly).toStrictEqual([{ day: 5, open: '18:00', close: '02:00' }]);
    },
  );

  it('reads 24:00 and 00:00 as a close at midnight, written one way', () => {
    expect(hoursOf('周六 18:00-24:00').weekly).toStrictEqual([{ day: 6, open: '18:00', close: '24:00' }]);
    expect(hoursOf('周六 18:00-00:00').weekly).toStrictEqual([{ day: 6, open: '18:00', close: '24:00' }]);
  });

  it('lets a later segment replace earlier ones for its days; unmentioned days are closed', () => {
    expect(hoursOf('每天 09:00-18:00；周日 休息').weekly).toStrictEqual(
      weekdays([1, 2, 3, 4, 5, 6], [nineToSix]),
    );
    expect(hoursOf('周一 09:00-18:00').weekly).toStrictEqual(weekdays([1], [nineToSix]));
    expect(hoursOf('周一至周五 09:00-18:00\n周六 24小时；周日 休息').weekly).toStrictEqual([
      ...weekdays(workweek, [nineToSix]),
      { day: 6, open: '00:00', close: '24:00' },
    ]);
  });

  it('starts a new segment at a day list even without a separator', () => {
    expect(hoursOf('周一至周五 09:00-18:00 周六 09:00-12:00 周日 休息').weekly).toStrictEqual([
      ...weekdays(workweek, [nineToSix]),
      { day: 6, open: '09:00', close: '12:00' },
    ]);
    expect(hoursOf('周一 休息 周二至周日 09:00-18:00').weekly).toStrictEqual(
      weekdays([2, 3, 4, 5, 6, 7], [nineToSix]),
    );
  });

  it('reads a week with no periods', () => {
    expect(hoursOf('每天 休息')).toStrictEqual(weeklyOnly([]));
    expect(hoursOf('休息')).toStrictEqual(weeklyOnly([]));
  });

  it.each([
    ['', '请填写开放时间，例如“周一至周五 08:00-18:00；周六、周日 09:00-17:00”或“24小时”'],
    ['  ；  ', '请填写开放时间，例如“周一至周五 08:00-18:00；周六、周日 09:00-17:00”或“24小时”'],
    ['周一至周五', '“周一至周五”缺少时段，应写作“周一至周五 08:00-18:00”，不开放请写“休息”'],
    [
      '周八 09:00-18:00',
      '无法识别“周八 09:00-18:00”，例如“周一至周五 08:00-18:00；周六、周日 09:00-17:00”或“24小时”',
    ],
    [
      '周一 9点到18点',
      '无法识别时段“9点到18点”，时段应写作“08:00-18:00”，例如“周一至周五 08:00-18:00；周六、周日 09:00-17:00”或“24小时”',
    ],
    ['周一 09:00-25:00', '时间“09:00-25:00”不正确，应在 00:00 到 24:00 之间'],
    ['周一 09:60-18:00', '时间“09:60-18:00”不正确，应在 00:00 到 24:00 之间'],
    ['周一 24:00-02:00', '时段“24:00-02:00”的开门时间不能是 24:00'],
    ['周一 08:00-次日09:00', '时段“08:00-次日09:00”超过 24 小时，请检查“次日”的时间'],
    ['周一 08:00-12:00，11:00-14:00', '周一的时段 08:00-12:00 与 11:00-14:00 重叠，请合并或修改'],
    ['周二 18:00-次日02:00，20:00-21:00', '周二的时段 18:00-次日02:00 与 20:00-21:00 重叠，请合并或修改'],
    [
      '周一 1:00-2:00,3:00-4:00,5:00-6:00,7:00-8:00,9:00-10:00,11:00-12:00,13:00-14:00',
      '周一的时段超过 6 个，请合并',
    ],
  ])('refuses %j with a Chinese reason and an example', (weekly, message) => {
    expect(parseHoursText({ weekly })).toStrictEqual({ ok: false, field: 'weekly', message });
  });
});

describe('Domain: parseHoursText (exceptions and season)', () => {
  const closed = (date: string, note?: string): HoursException => ({
    date,
    closed: true,
    periods: [],
    ...(note ? { note } : {}),
  });

  it('reads closed days, other periods, ranges and notes', () => {
    expect(
      hoursOf('24小时', '2026-10-01至2026-10-03 休息（国庆节）；2026-10-08 09:00-17:00；2026/1/1 休息')
        .exceptions,
    ).toStrictEqual([
      closed('2026-01-01'),
      closed('2026-10-01', '国庆节'),
      closed('2026-10-02', '国庆节'),
      closed('2026-10-03', '国庆节'),
      { date: '2026-10-08', closed: false, periods: [{ open: '09:00', close: '17:00' }] },
    ]);
  });

  it.each([['2026年10月1日 休息'], ['2026.10.1 关闭'], ['2026-10-01：休息'], ['2026-10-01 休息 ()']])(
    'reads the date in %s',
    (text) => {
      expect(hoursOf('24小时', text).exceptions).toStrictEqual([closed('2026-10-01')]);
    },
  );

  it('reads a range end without a year, also across the new year', () => {
    expect(hoursOf('24小时', '2026-12-31至01-01 休息【元旦】').exceptions).toStrictEqual([
      closed('2026-12-31', '元旦'),
      closed('2027-01-01', '元旦'),
    ]);
    expect(hoursOf('24小时', '2026-10-01-10-02 休息').exceptions).toStrictEqual([
      closed('2026-10-01'),
      closed('2026-10-02'),
    ]);
  });

  it('lets a later entry win for a date', () => {
    expect(hoursOf('24小时', '2026-10-01至2026-10-02 休息；2026-10-02 09:00-12:00').exceptions).toStrictEqual(
      [
        closed('2026-10-01'),
        { date: '2026-10-02', closed: false, periods: [{ open: '09:00', close: '12:00' }] },
      ],
    );
  });

  it.each([
    ['2026-02-30 休息', '日期“2026-02-30”不存在，请检查'],
    ['2026-10-07至2026-10-01 休息', '“2026-10-07至2026-10-01 休息”的结束日期早于开始日期'],
    [
      '2026-10-01',
      '“2026-10-01”缺少开放情况，请写“休息”或时段，例如“2026-10-01至2026-10-07 休息（国庆节）；2026-10-08 09:00-17:00”',
    ],
    ['国庆 休息', '无法识别“国庆 休息”，例如“2026-10-01至2026-10-07 休息（国庆节）；2026-10-08 09:00-17:00”'],
    ['2026-01-01至2027-01-02 休息', '“2026-01-01至2027-01-02 休息”跨度太长，一段最多 366 天'],
    [
      '2026-10-01 休息（因设备检修及线路改造施工，本驿站暂停对外开放，恢复时间另行通知，敬请谅解）',
      '备注“因设备检修及线路改造施工，本驿站暂停对外开放，恢复时间另行通知，敬请谅解”太长，最多 30 个字',
    ],
    ['2026-10-01 09:00-12:00，10:00-13:00', '2026-10-01的时段 09:00-12:00 与 10:00-13:00 重叠，请合并或修改'],
  ])('refuses the exception %j', (exceptions, message) => {
    expect(parseHoursText({ weekly: '24小时', exceptions })).toStrictEqual({
      ok: false,
      field: 'exceptions',
      message,
    });
  });

  it('refuses more than 366 exception days', () => {
    const result = parseHoursText({
      weekly: '24小时',
      exceptions: '2026-01-01至2026-12-31 休息；2027-01-01至2027-01-02 休息',
    });
    expect(result).toStrictEqual({
      ok: false,
      field: 'exceptions',
      message: '例外日期最多 366 天，当前 367 天',
    });
  });

  it.each([
    ['06-01至09-30', { from: '06-01', to: '09-30' }],
    ['6月1日至9月30日', { from: '06-01', to: '09-30' }],
    ['每年 6/1 - 9/30', { from: '06-01', to: '09-30' }],
    ['11-01到03-31', { from: '11-01', to: '03-31' }],
    ['02-29～03-01', { from: '02-29', to: '03-01' }],
  ])('reads the season %s', (season, expected) => {
    expect(hoursOf('24小时', '', season).season).toStrictEqual(expected);
  });

  it('leaves the season out when its text is empty', () => {
    expect(hoursOf('24小时', '', '  ')).toStrictEqual({ alwaysOpen: true, weekly: [], exceptions: [] });
  });

  it.each([
    ['夏季', '无法识别开放季节“夏季”，例如“06-01至09-30”'],
    ['06-01', '无法识别开放季节“06-01”，例如“06-01至09-30”'],
    ['02-30至09-30', '开放季节“02-30至09-30”中的日期不存在，例如“06-01至09-30”'],
    ['13-01至09-30', '开放季节“13-01至09-30”中的日期不存在，例如“06-01至09-30”'],
  ])('refuses the season %j', (season, message) => {
    expect(parseHoursText({ weekly: '24小时', season })).toStrictEqual({
      ok: false,
      field: 'season',
      message,
    });
  });
});

describe('Domain: formatHoursText', () => {
  it('writes the canonical texts', () => {
    const hours: OpeningHours = {
      alwaysOpen: false,
      weekly: [
        ...weekdays(workweek, [
          { open: '08:00', close: '12:00' },
          { open: '14:00', close: '18:00' },
        ]),
        { day: 6, open: '18:00', close: '02:00' },
        { day: 7, open: '00:00', close: '24:00' },
      ],
      exceptions: [
        { date: '2026-10-02', closed: true, periods: [], note: '国庆节' },
        { date: '2026-10-01', closed: true, periods: [], note: '国庆节' },
        { date: '2026-10-03', closed: false, periods: [], note: '国庆节' },
        { date: '2026-10-08', closed: false, periods: [{ open: '09:00', close: '17:00' }] },
      ],
      season: { from: '06-01', to: '09-30' },
    };
    expect(formatHoursText(hours)).toStrictEqual({
      weekly: '周一至周五 08:00-12:00，14:00-18:00；周六 18:00-次日02:00；周日 24小时',
      exceptions: '2026-10-01至2026-10-03 休息（国庆节）；2026-10-08 09:00-17:00',
      season: '06-01至09-30',
    });
  });

  it.each([
    [{ alwaysOpen: true }, '24小时'],
    [{ weekly: [] }, '每天 休息'],
    [
      { weekly: weekdays([1, 2, 3, 5, 7], [nineToSix]) },
      '周一至周三、周五、周日 09:00-18:00；周四、周六 休息',
    ],
    [{ weekly: weekdays([6, 7], [nineToSix]) }, '周一至周五 休息；周六、周日 09:00-18:00'],
  ])('writes the week %j as %s', (hours, weekly) => {
    expect(formatHoursText(hours).weekly).toBe(weekly);
  });

  it('keeps the first of two exceptions for one date and cleans notes of list punctuation', () => {
    const text = formatHoursText({
      alwaysOpen: true,
      exceptions: [
        { date: '2026-10-01', closed: true, note: '检修；（一）' },
        { date: '2026-10-01', closed: false, periods: [nineToSix] },
      ],
    });
    expect(text.exceptions).toBe('2026-10-01 休息（检修  一）');
    expect(parseHoursText({ weekly: text.weekly, exceptions: text.exceptions }).ok).toBe(true);
  });
});

// ───────────── round trip ─────────────

const MINUTES = 1440;
const time = (minutes: number) =>
  minutes === MINUTES
    ? '24:00'
    : `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** One day's periods, never overlapping: sorted distinct points paired up, maybe a last one past midnight. */
const dayPeriods = fc
  .tuple(fc.uniqueArray(fc.integer({ min: 0, max: 48 }), { maxLength: 8 }), fc.boolean())
  .map(([points, crossLast]) => {
    const sorted = points.map((p) => p * 30).sort((a, b) => a - b);
    const periods: Period[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) {
      if (sorted[i] === MINUTES) break;
      periods.push({ open: time(sorted[i]!), close: time(sorted[i + 1]!) });
    }
    const first = periods[0];
    const last = periods.at(-1);
    // A last period may end the next morning, no later than the day's first opening.
    if (crossLast && first && last && periods.length > 1 && first.open !== '00:00') {
      last.close = first.open === '00:30' ? '00:00' : '00:30';
    }
    return periods;
  });

const hoursArb: fc.Arbitrary<OpeningHours> = fc
  .record({
    alwaysOpen: fc.boolean(),
    week: fc.array(dayPeriods, { minLength: 7, maxLength: 7 }),
    exceptions: fc.uniqueArray(
      fc.record({
        offset: fc.integer({ min: 0, max: 800 }),
        closed: fc.boolean(),
        periods: dayPeriods,
        note: fc.option(fc.constantFrom('国庆节', '设备检修', '春节', 'Holiday 1'), { nil: undefined }),
      }),
      { selector: (e) => e.offset, maxLength: 12 },
    ),
    season: fc.option(
      fc.record({
        from: fc.constantFrom('01-01', '06-01', '11-15', '02-29'),
        to: fc.constantFrom('12-31', '09-30', '03-31', '06-01'),
      }),
      { nil: undefined },
    ),
  })
  .map(({ alwaysOpen, week, exceptions, season }) => ({
    alwaysOpen,
    weekly: week.flatMap((periods, i) => periods.map((p) => ({ day: i + 1, ...p }))),
    exceptions: exceptions.map((e) => ({
      date: new Date(Date.UTC(2026, 0, 1 + e.offset)).toISOString().slice(0, 10),
      closed: e.closed,
      periods: e.periods,
      ...(e.note ? { note: e.note } : {}),
    })),
    ...(season ? { season } : {}),
  }));

/** The one way the parser writes each meaning. */
function canonical(hours: OpeningHours): OpeningHours {
  const fix = (p: Period): Period => ({ open: p.open, close: p.close === '00:00' ? '24:00' : p.close });
  const order = (a: Period, b: Period) => a.open.localeCompare(b.open);
  const weekly = hours.weekly
    .map((p) => ({ day: p.day, ...fix(p) }))
    .sort((a, b) => a.day - b.day || order(a, b));
  const fullWeek =
    weekly.length === 7 &&
    weekly.every((p, i) => p.day === i + 1 && p.open === '00:00' && p.close === '24:00');
  return {
    alwaysOpen: hours.alwaysOpen || fullWeek,
    weekly: hours.alwaysOpen || fullWeek ? [] : weekly,
    exceptions: [...hours.exceptions]
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((e) => {
        const periods = e.closed ? [] : e.periods.map(fix).sort(order);
        return { date: e.date, closed: periods.length === 0, periods, ...(e.note ? { note: e.note } : {}) };
      }),
    ...(hours.season ? { season: { from: hours.season.from, to: hours.season.to } } : {}),
  };
}

describe('Domain: hours text round trip', () => {
  it('parses what it formats back to the same hours', () => {
    fc.assert(
      fc.property(hoursArb, (hours) => {
        expect(openingHoursSchema.safeParse(hours).success).toBe(true);
        const text = formatHoursText(hours);
        expect(parseHoursText(text)).toStrictEqual({ ok: true, hours: canonical(hours) });
      }),
      { numRuns: 300 },
    );
  });

  it('formats what it parses to the same text (the canonical form is a fixed point)', () => {
    fc.assert(
      fc.property(hoursArb, (hours) => {
        const text = formatHoursText(hours);
        const parsed = parseHoursText(text);
        expect(parsed.ok && formatHoursText(parsed.hours)).toStrictEqual(text);
      }),
      { numRuns: 200 },
    );
  });
});
