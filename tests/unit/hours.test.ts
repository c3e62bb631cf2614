import { spawnSync } from 'node:child_process';
import {
  type OpeningHoursInput,
  type OpeningStatus,
  openingStatus,
  type StationStatus,
  shanghaiDate,
  stationOpeningStatus,
} from '@ankang/shared';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Every instant below is written with an explicit +08:00 offset (2025-06-02 is a Monday), so the
// expectations themselves never depend on the machine's time zone.
const t = (iso: string): Date => new Date(iso);
const status = (open: boolean, changesAt?: string): OpeningStatus =>
  changesAt === undefined ? { open } : { open, changesAt: t(changesAt) };
const everyDay = (open: string, close: string) => [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, open, close }));

interface Case {
  name: string;
  hours: OpeningHoursInput;
  at: string;
  open: boolean;
  changesAt?: string;
}

const mondayNight = { weekly: [{ day: 1, open: '18:00', close: '02:00' }] };
const allDayOct1Closed = { alwaysOpen: true, exceptions: [{ date: '2025-10-01', closed: true }] };
const holidays = {
  weekly: everyDay('08:00', '20:00'),
  exceptions: [
    { date: '2025-10-01', closed: true, note: '国庆节' },
    { date: '2025-10-02', periods: [{ open: '10:00', close: '16:00' }], note: '国庆节' },
  ],
};
const nightsOct1Closed = {
  weekly: everyDay('18:00', '02:00'),
  exceptions: [{ date: '2025-10-01', closed: true }],
};
const winter = { weekly: everyDay('08:00', '17:00'), season: { from: '11-01', to: '03-31' } };

const cases: Case[] = [
  // 18:00–02:00 on Monday only; Tuesday has no periods of its own.
  {
    name: 'night: just before it opens',
    hours: mondayNight,
    at: '2025-06-02T17:59:59+08:00',
    open: false,
    changesAt: '2025-06-02T18:00:00+08:00',
  },
  {
    name: 'night: exactly at opening time',
    hours: mondayNight,
    at: '2025-06-02T18:00:00+08:00',
    open: true,
    changesAt: '2025-06-03T02:00:00+08:00',
  },
  {
    name: 'night: just before midnight',
    hours: mondayNight,
    at: '2025-06-02T23:59:59.999+08:00',
    open: true,
    changesAt: '2025-06-03T02:00:00+08:00',
  },
  {
    name: 'night: exactly at midnight',
    hours: mondayNight,
    at: '2025-06-03T00:00:00+08:00',
    open: true,
    changesAt: '2025-06-03T02:00:00+08:00',
  },
  {
    name: 'night: just before closing',
    hours: mondayNight,
    at: '2025-06-03T01:59:59+08:00',
    open: true,
    changesAt: '2025-06-03T02:00:00+08:00',
  },
  {
    name: 'night: exactly at closing time',
    hours: mondayNight,
    at: '2025-06-03T02:00:00+08:00',
    open: false,
    changesAt: '2025-06-09T18:00:00+08:00',
  },
  // 24 hours.
  {
    name: '24h: open with nothing ahead',
    hours: { alwaysOpen: true },
    at: '2025-06-02T12:00:00+08:00',
    open: true,
  },
  {
    name: '24h by weekly periods',
    hours: { weekly: everyDay('00:00', '24:00') },
    at: '2025-06-04T03:00:00+08:00',
    open: true,
  },
  {
    name: '24h: closes at the closed date’s 00:00',
    hours: allDayOct1Closed,
    at: '2025-09-30T12:00:00+08:00',
    open: true,
    changesAt: '2025-10-01T00:00:00+08:00',
  },
  {
    name: '24h: closed date, reopens next 00:00',
    hours: allDayOct1Closed,
    at: '2025-10-01T00:00:00+08:00',
    open: false,
    changesAt: '2025-10-02T00:00:00+08:00',
  },
  {
    name: '24h: open again after the closed date',
    hours: allDayOct1Closed,
    at: '2025-10-02T00:00:00+08:00',
    open: true,
  },
  {
    name: '24h: far exception is found',
    hours: { alwaysOpen: true, exceptions: [{ date: '2026-05-01', closed: true }] },
    at: '2025-06-02T12:00:00+08:00',
    open: true,
    changesAt: '2026-05-01T00:00:00+08:00',
  },
  {
    name: '24h: exception on the horizon’s last day (400 days on)',
    hours: { alwaysOpen: true, exceptions: [{ date: '2026-07-07', closed: true }] },
    at: '2025-06-02T12:00:00+08:00',
    open: true,
    changesAt: '2026-07-07T00:00:00+08:00',
  },
  {
    name: '24h: exception just past the horizon',
    hours: { alwaysOpen: true, exceptions: [{ date: '2026-07-08', closed: true }] },
    at: '2025-06-02T12:00:00+08:00',
    open: true,
  },
  {
    name: '24h: exception far beyond the horizon',
    hours: { alwaysOpen: true, exceptions: [{ date: '2027-06-01', closed: true }] },
    at: '2025-06-02T12:00:00+08:00',
    open: true,
  },
  {
    name: '24h starting 22:00',
    hours: { weekly: [{ day: 3, open: '22:00', close: '22:00' }] },
    at: '2025-06-05T21:59:00+08:00',
    open: true,
    changesAt: '2025-06-05T22:00:00+08:00',
  },
  // Holidays: 国庆 10-01 closed, 10-02 other periods.
  {
    name: 'holiday: evening before skips the closed day',
    hours: holidays,
    at: '2025-09-30T20:00:00+08:00',
    open: false,
    changesAt: '2025-10-02T10:00:00+08:00',
  },
  {
    name: 'holiday: other periods that day',
    hours: holidays,
    at: '2025-10-02T12:00:00+08:00',
    open: true,
    changesAt: '2025-10-02T16:00:00+08:00',
  },
  {
    name: 'holiday: back to the week after',
    hours: holidays,
    at: '2025-10-02T16:00:00+08:00',
    open: false,
    changesAt: '2025-10-03T08:00:00+08:00',
  },
  // A period spilling into a closed date keeps its own day's rule.
  {
    name: 'spill: runs into the closed date',
    hours: nightsOct1Closed,
    at: '2025-09-30T23:00:00+08:00',
    open: true,
    changesAt: '2025-10-01T02:00:00+08:00',
  },
  {
    name: 'spill: still open on the closed date',
    hours: nightsOct1Closed,
    at: '2025-10-01T01:00:00+08:00',
    open: true,
    changesAt: '2025-10-01T02:00:00+08:00',
  },
  {
    name: 'spill: then closed until the day after',
    hours: nightsOct1Closed,
    at: '2025-10-01T02:00:00+08:00',
    open: false,
    changesAt: '2025-10-02T18:00:00+08:00',
  },
  // Season 11-01 → 03-31 wraps the new year.
  {
    name: 'season: last day, after hours',
    hours: winter,
    at: '2025-03-31T17:00:00+08:00',
    open: false,
    changesAt: '2025-11-01T08:00:00+08:00',
  },
  {
    name: 'season: summer waits for November',
    hours: winter,
    at: '2025-06-15T12:00:00+08:00',
    open: false,
    changesAt: '2025-11-01T08:00:00+08:00',
  },
  {
    name: 'season: runs through new year',
    hours: winter,
    at: '2025-12-31T17:30:00+08:00',
    open: false,
    changesAt: '2026-01-01T08:00:00+08:00',
  },
  {
    name: 'season: an exception opens a day outside it',
    hours: { ...winter, exceptions: [{ date: '2025-07-01', periods: [{ open: '09:00', close: '11:00' }] }] },
    at: '2025-06-15T12:00:00+08:00',
    open: false,
    changesAt: '2025-07-01T09:00:00+08:00',
  },
  {
    name: 'season: 24h summer ends after 09-30',
    hours: { alwaysOpen: true, season: { from: '06-01', to: '09-30' } },
    at: '2025-07-01T12:00:00+08:00',
    open: true,
    changesAt: '2025-10-01T00:00:00+08:00',
  },
  {
    name: 'season: ending on 02-29 in a common year',
    hours: { alwaysOpen: true, season: { from: '12-01', to: '02-29' } },
    at: '2026-01-15T12:00:00+08:00',
    open: true,
    changesAt: '2026-03-01T00:00:00+08:00',
  },
  // Sunday (7) runs into Monday (1).
  {
    name: 'week wrap: Sunday evening merges with Monday morning',
    hours: {
      weekly: [
        { day: 7, open: '20:00', close: '24:00' },
        { day: 1, open: '00:00', close: '06:00' },
      ],
    },
    at: '2025-06-08T21:00:00+08:00',
    open: true,
    changesAt: '2025-06-09T06:00:00+08:00',
  },
  {
    name: 'week wrap: Sunday night spills into Monday',
    hours: { weekly: [{ day: 7, open: '22:00', close: '06:00' }] },
    at: '2025-06-09T05:00:00+08:00',
    open: true,
    changesAt: '2025-06-09T06:00:00+08:00',
  },
  // Touching periods merge.
  {
    name: 'merge: 08–12 and 12–14 are one',
    hours: {
      weekly: [
        { day: 1, open: '08:00', close: '12:00' },
        { day: 1, open: '12:00', close: '14:00' },
      ],
    },
    at: '2025-06-02T11:00:00+08:00',
    open: true,
    changesAt: '2025-06-02T14:00:00+08:00',
  },
  {
    name: 'merge: Monday and Tuesday all day, no change at midnight',
    hours: {
      weekly: [
        { day: 1, open: '00:00', close: '24:00' },
        { day: 2, open: '00:00', close: '24:00' },
      ],
    },
    at: '2025-06-02T23:59:00+08:00',
    open: true,
    changesAt: '2025-06-04T00:00:00+08:00',
  },
  {
    name: 'merge: a gap of a minute is a change',
    hours: {
      weekly: [
        { day: 1, open: '08:00', close: '11:59' },
        { day: 1, open: '12:00', close: '14:00' },
      ],
    },
    at: '2025-06-02T11:00:00+08:00',
    open: true,
    changesAt: '2025-06-02T11:59:00+08:00',
  },
  {
    name: 'a week with one gap is not 24 hours',
    hours: {
      weekly: [
        { day: 1, open: '08:00', close: '24:00' },
        ...[2, 3, 4, 5, 6, 7].map((day) => ({ day, open: '00:00', close: '24:00' })),
      ],
    },
    at: '2025-06-04T12:00:00+08:00',
    open: true,
    changesAt: '2025-06-09T00:00:00+08:00',
  },
  {
    name: 'duplicate exception dates: the first wins',
    hours: {
      alwaysOpen: true,
      exceptions: [
        { date: '2025-06-03', closed: true },
        { date: '2025-06-03', periods: [{ open: '08:00', close: '09:00' }] },
      ],
    },
    at: '2025-06-03T08:30:00+08:00',
    open: false,
    changesAt: '2025-06-04T00:00:00+08:00',
  },
  // Nothing at all.
  { name: 'no periods: closed for good', hours: {}, at: '2025-06-02T12:00:00+08:00', open: false },
  {
    name: 'only exceptions: waits for the next one',
    hours: { exceptions: [{ date: '2025-08-01', periods: [{ open: '09:00', close: '17:00' }] }] },
    at: '2025-06-02T12:00:00+08:00',
    open: false,
    changesAt: '2025-08-01T09:00:00+08:00',
  },
];

const expectedOf = (c: Case): OpeningStatus => status(c.open, c.changesAt);

describe('Domain: openingStatus', () => {
  it.each(cases)('$name', (c) => {
    expect(openingStatus(structuredClone(c.hours), t(c.at))).toStrictEqual(expectedOf(c));
  });

  it('refuses an invalid date', () => {
    expect(() => openingStatus({ alwaysOpen: true }, new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe.each([
  ['UTC', 0],
  ['Asia/Shanghai', -480],
  ['America/Los_Angeles', 420], // June: PDT
])('Domain: openingStatus with the machine in %s', (zone, offset) => {
  beforeEach(() => {
    vi.stubEnv('TZ', zone);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('gives the same answers', () => {
    expect(new Date('2025-06-02T12:00:00Z').getTimezoneOffset()).toBe(offset); // the switch took effect
    for (const c of cases) expect(openingStatus(c.hours, t(c.at)), c.name).toStrictEqual(expectedOf(c));
    expect(shanghaiDate(t('2025-06-02T23:59:59+08:00'))).toBe('2025-06-02');
    expect(shanghaiDate(t('2025-06-02T00:00:00+08:00'))).toBe('2025-06-02');
  });
});

describe('Domain: openingStatus in a fresh process per time zone', () => {
  const script = `
    const { openingStatus } = require('@ankang/shared');
    const cases = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
    const out = cases.map((c) => {
      const s = openingStatus(c.hours, new Date(c.at));
      return { open: s.open, changesAt: s.changesAt && s.changesAt.toISOString() };
    });
    console.log(JSON.stringify({ offset: new Date('2025-01-01T00:00:00Z').getTimezoneOffset(), out }));`;
  const run = (zone: string) => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
      input: JSON.stringify(cases),
      env: { ...process.env, TZ: zone },
      encoding: 'utf8',
    });
    expect(child.status, child.stderr).toBe(0);
    return JSON.parse(child.stdout) as { offset: number; out: unknown[] };
  };

  it('answers identically under UTC, Asia/Shanghai and America/Los_Angeles', () => {
    const expected = cases.map((c) => ({
      open: c.open,
      changesAt: c.changesAt && t(c.changesAt).toISOString(),
    }));
    const results = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles'].map(run);
    expect(results.map((r) => r.offset)).toStrictEqual([0, -480, 480]);
    for (const r of results)
      expect(JSON.parse(JSON.stringify(r.out))).toStrictEqual(JSON.parse(JSON.stringify(expected)));
  }, 20_000);
});

describe('Domain: stationOpeningStatus', () => {
  const hours = { weekly: everyDay('08:00', '20:00') };
  const at = t('2025-06-02T12:00:00+08:00');
  const closedUntil = (until?: string): StationStatus =>
    until === undefined
      ? { state: 'temporarilyClosed', reason: '设备检修' }
      : { state: 'temporarilyClosed', reason: '设备检修', until };

  it.each([
    ['open follows the hours', { state: 'open' }, status(true, '2025-06-02T20:00:00+08:00')],
    ['closed stays closed', { state: 'closed', reason: '撤站' }, status(false)],
    ['temporarily closed without an end', closedUntil(), status(false)],
    [
      'reopens at `until` when the hours say open then',
      closedUntil('2025-06-03T10:30:00+08:00'),
      status(false, '2025-06-03T10:30:00+08:00'),
    ],
    [
      'reopens at the next opening after `until`',
      closedUntil('2025-06-03T21:00:00+08:00'),
      status(false, '2025-06-04T08:00:00+08:00'),
    ],
    [
      '`until` in UTC is read with its offset',
      closedUntil('2025-06-03T00:00:00Z'),
      status(false, '2025-06-03T08:00:00+08:00'),
    ],
    [
      'a closure that has ended follows the hours',
      closedUntil('2025-06-02T09:00:00+08:00'),
      status(true, '2025-06-02T20:00:00+08:00'),
    ],
  ] as Array<[string, StationStatus, OpeningStatus]>)('%s', (_name, stationStatus, expected) => {
    expect(stationOpeningStatus({ status: stationStatus, hours }, at)).toStrictEqual(expected);
  });

  it('stays closed when the hours never open after `until`', () => {
    const station = { status: closedUntil('2025-06-03T10:00:00+08:00'), hours: {} };
    expect(stationOpeningStatus(station, at)).toStrictEqual(status(false));
  });
});

// ---- Property-based: random schedules against a plain day-by-day model ----

const DAY = 86_400_000;
const OFFSET = 8 * 3_600_000;
const HORIZON = 400;
const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const minutesOf = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
/** The local date of a local day count, via the UTC calendar (a different route than the code's). */
const dateOfDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** The model written out naively: every period of every day in the window, merged around `at`. */
function referenceStatus(hours: OpeningHoursInput, at: Date): OpeningStatus {
  const local = at.getTime() + OFFSET;
  const today = Math.floor(local / DAY);
  const spans: Array<[number, number]> = [];
  for (let day = today - 1; day <= today + HORIZON; day++) {
    const date = dateOfDay(day);
    const exception = (hours.exceptions ?? []).find((e) => e.date === date);
    let periods: Array<{ open: string; close: string }>;
    if (exception) periods = exception.closed ? [] : (exception.periods ?? []);
    else {
      const md = date.slice(5);
      const season = hours.season;
      const inSeason =
        !season ||
        (season.from <= season.to
          ? md >= season.from && md <= season.to
          : md >= season.from || md <= season.to);
      const weekday = ((new Date(day * DAY).getUTCDay() + 6) % 7) + 1;
      periods = !inSeason
        ? []
        : hours.alwaysOpen
          ? [{ open: '00:00', close: '24:00' }]
          : (hours.weekly ?? []).filter((p) => p.day === weekday);
    }
    for (const p of periods) {
      const open = minutesOf(p.open);
      let close = minutesOf(p.close);
      if (close <= open) close += 1440;
      spans.push([day * DAY + open * 60_000, day * DAY + close * 60_000]);
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  const isOpen = spans.some(([s, e]) => s <= local && local < e);
  const limit = (today + HORIZON + 1) * DAY;
  const toDate = (ms: number) => new Date(ms - OFFSET);
  if (!isOpen) {
    const next = spans.find(([s]) => s > local);
    return next ? { open: false, changesAt: toDate(next[0]) } : { open: false };
  }
  let end = local;
  for (const [s, e] of spans) {
    if (s > end) break;
    end = Math.max(end, e);
  }
  return end < limit ? { open: true, changesAt: toDate(end) } : { open: true };
}

const BASE = Date.UTC(2025, 0, 1) - OFFSET; // 2025-01-01 00:00 in Shanghai
const quarterHours = fc.integer({ min: 0, max: 95 }).map((q) => hhmm(q * 15));
const closeTimes = fc.oneof(quarterHours, fc.constant('24:00'));
const periodArb = fc.record({ open: quarterHours, close: closeTimes });
// Month ends (02-29…02-31, 04-31 are allowed by the schema) are where the calendar math can slip.
const mmdd = fc
  .tuple(
    fc.oneof(fc.constant(2), fc.integer({ min: 1, max: 12 })),
    fc.oneof(fc.constantFrom(1, 28, 29, 30, 31), fc.integer({ min: 1, max: 31 })),
  )
  .map(([m, d]) => `${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
/** Instants on 15-minute marks (so boundaries get hit) and arbitrary milliseconds, over three years. */
const instantArb = fc.oneof(
  fc.integer({ min: 0, max: 3 * 366 * 96 }).map((q) => new Date(BASE + q * 15 * 60_000)),
  fc.integer({ min: 0, max: 3 * 366 * DAY }).map((ms) => new Date(BASE + ms)),
);
const weeklyArb = fc.array(
  fc.record({ day: fc.integer({ min: 1, max: 7 }), open: quarterHours, close: closeTimes }),
  {
    maxLength: 10,
  },
);
/** 24 h in effect without `alwaysOpen`: every day X–X (24 h from X), plus a few extra periods. */
const gapFreeWeeklyArb = fc
  .tuple(quarterHours, weeklyArb)
  .map(([x, extra]) => [
    ...[1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, open: x, close: x })),
    ...extra.slice(0, 3),
  ]);
const scheduleArb = (at: Date) =>
  fc
    .record(
      {
        alwaysOpen: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
        weekly: fc.oneof(weeklyArb, gapFreeWeeklyArb),
        exceptions: fc.uniqueArray(
          fc.record({
            offset: fc.integer({ min: -2, max: 30 }),
            closed: fc.boolean(),
            periods: fc.array(periodArb, { maxLength: 3 }),
            note: fc.constant('节假日'),
          }),
          { selector: (e) => e.offset, maxLength: 6 },
        ),
        season: fc.option(fc.record({ from: mmdd, to: mmdd }), { nil: undefined }),
      },
      { requiredKeys: ['weekly', 'exceptions'] },
    )
    .map(
      ({ exceptions, ...rest }): OpeningHoursInput => ({
        ...rest,
        exceptions: exceptions.map(({ offset, ...e }) => ({
          ...e,
          date: dateOfDay(Math.floor((at.getTime() + OFFSET) / DAY) + offset),
        })),
      }),
    );
const caseArb = instantArb.chain((at) => scheduleArb(at).map((hours) => ({ hours, at })));

describe('Domain: openingStatus on random schedules', () => {
  it('agrees with the naive day-by-day model', () => {
    fc.assert(
      fc.property(caseArb, ({ hours, at }) => {
        expect(openingStatus(hours, at)).toStrictEqual(referenceStatus(hours, at));
      }),
      { numRuns: 400 },
    );
  });

  it('changes at changesAt and not before', () => {
    fc.assert(
      fc.property(caseArb, fc.double({ min: 0, max: 1, noNaN: true }), ({ hours, at }, fraction) => {
        const now = openingStatus(hours, at);
        if (!now.changesAt) return;
        const from = at.getTime();
        const to = now.changesAt.getTime();
        expect(to).toBeGreaterThan(from);
        expect(openingStatus(hours, now.changesAt).open).toBe(!now.open);
        const between = [
          from + 1,
          Math.floor((from + to) / 2),
          from + Math.floor((to - from) * fraction),
          to - 1,
        ];
        for (const ms of between.filter((ms) => ms >= from && ms < to)) {
          expect(openingStatus(hours, new Date(ms)), new Date(ms).toISOString()).toStrictEqual(now);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the same properties for temporarily closed stations', () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: -DAY, max: 20 * DAY }), ({ hours, at }, untilIn) => {
        const until = new Date(at.getTime() + untilIn).toISOString();
        const station = {
          status: { state: 'temporarilyClosed', reason: '检修', until } as StationStatus,
          hours,
        };
        const now = stationOpeningStatus(station, at);
        if (untilIn <= 0) expect(now).toStrictEqual(openingStatus(hours, at));
        else expect(now.open).toBe(false);
        if (!now.changesAt) return;
        expect(now.changesAt.getTime()).toBeGreaterThan(at.getTime());
        expect(stationOpeningStatus(station, now.changesAt).open).toBe(!now.open);
        expect(stationOpeningStatus(station, new Date(now.changesAt.getTime() - 1)).open).toBe(now.open);
      }),
      { numRuns: 200 },
    );
  });
});
