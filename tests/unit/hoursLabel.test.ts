import {
  type OpeningHoursInput,
  openingLabel,
  openingStatus,
  shanghaiClock,
  shanghaiDateTime,
  shanghaiDaysBetween,
  weekSchedule,
} from '@ankang/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';

// 2025-06-02 is a Monday; every instant carries its +08:00 offset.
const t = (iso: string): Date => new Date(iso);
const everyDay = (open: string, close: string) => [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, open, close }));
const labelAt = (hours: OpeningHoursInput, iso: string): string =>
  openingLabel(openingStatus(hours, t(iso)), t(iso));

describe('Domain: openingLabel', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it.each<[string, OpeningHoursInput, string, string]>([
    ['always open', { alwaysOpen: true }, '2025-06-02T12:00:00+08:00', '24小时'],
    [
      'open, next change more than 7 days away',
      { alwaysOpen: true, exceptions: [{ date: '2025-06-20', closed: true }] },
      '2025-06-02T12:00:00+08:00',
      '24小时',
    ],
    ['closes today', { weekly: everyDay('08:00', '22:00') }, '2025-06-02T12:00:00+08:00', '营业至 22:00'],
    [
      'closes at midnight tonight',
      { weekly: everyDay('08:00', '24:00') },
      '2025-06-02T12:00:00+08:00',
      '营业至 24:00',
    ],
    [
      'closes after midnight',
      { weekly: everyDay('18:00', '02:00') },
      '2025-06-02T20:00:00+08:00',
      '营业至 明天 02:00',
    ],
    [
      'closes on a later date',
      { alwaysOpen: true, exceptions: [{ date: '2025-10-08', closed: true }] },
      '2025-10-05T12:00:00+08:00',
      '营业至 10月8日 00:00',
    ],
    [
      'opens later today',
      { weekly: everyDay('18:00', '02:00') },
      '2025-06-02T12:00:00+08:00',
      '今天 18:00 开门',
    ],
    [
      'opens tomorrow',
      { weekly: everyDay('08:00', '22:00') },
      '2025-06-02T23:00:00+08:00',
      '明天 08:00 开门',
    ],
    [
      'opens in 2 days',
      { weekly: [{ day: 3, open: '08:00', close: '12:00' }] },
      '2025-06-02T12:00:00+08:00',
      '周三 08:00 开门',
    ],
    [
      'opens in 6 days',
      { weekly: [{ day: 7, open: '08:00', close: '12:00' }] },
      '2025-06-02T12:00:00+08:00',
      '周日 08:00 开门',
    ],
    [
      'opens in 7 days',
      { weekly: [{ day: 1, open: '08:00', close: '10:00' }] },
      '2025-06-02T12:00:00+08:00',
      '6月9日 08:00 开门',
    ],
    [
      'opens on a later date',
      { exceptions: [{ date: '2025-10-08', periods: [{ open: '08:00', close: '17:00' }] }] },
      '2025-09-20T12:00:00+08:00',
      '10月8日 08:00 开门',
    ],
    ['never opens', {}, '2025-06-02T12:00:00+08:00', '暂停开放'],
  ])('%s: %s', (_name, hours, at, expected) => {
    expect(labelAt(hours, at)).toBe(expected);
  });

  it('says the same whatever the machine time zone', () => {
    // 23:30 in Shanghai is already 15:30 UTC and 08:30 in Los Angeles, on another date.
    const hours = { weekly: everyDay('08:00', '22:00') };
    const at = '2025-06-02T23:30:00+08:00';
    const labels = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles'].map((zone) => {
      vi.stubEnv('TZ', zone);
      return [new Date(at).getHours(), labelAt(hours, at)];
    });
    expect(labels).toStrictEqual([
      [15, '明天 08:00 开门'],
      [23, '明天 08:00 开门'],
      [8, '明天 08:00 开门'],
    ]);
  });
});

describe('Domain: weekSchedule', () => {
  it('lists seven days from today, with the holiday exceptions and their notes', () => {
    const hours: OpeningHoursInput = {
      weekly: [
        ...[1, 2, 3, 4, 5].flatMap((day) => [
          { day, open: '14:00', close: '22:00' },
          { day, open: '08:00', close: '12:00' },
        ]),
        { day: 6, open: '09:00', close: '13:00' },
        { day: 6, open: '13:00', close: '17:00' },
        { day: 7, open: '18:00', close: '02:00' },
      ],
      exceptions: [
        { date: '2025-10-01', closed: true, note: '国庆节' },
        { date: '2025-10-02', periods: [{ open: '10:00', close: '16:00' }], note: '国庆节' },
        { date: '2025-10-03', periods: [{ open: '22:00', close: '22:00' }] },
        { date: '2025-10-20', closed: true, note: '不在这一周' },
      ],
    };

    const week = weekSchedule(hours, t('2025-09-29T23:59:00+08:00'));

    expect(week).toStrictEqual([
      {
        date: '2025-09-29',
        weekday: 1,
        weekdayLabel: '周一',
        isToday: true,
        text: '08:00–12:00，14:00–22:00',
        isException: false,
      },
      {
        date: '2025-09-30',
        weekday: 2,
        weekdayLabel: '周二',
        isToday: false,
        text: '08:00–12:00，14:00–22:00',
        isException: false,
      },
      {
        date: '2025-10-01',
        weekday: 3,
        weekdayLabel: '周三',
        isToday: false,
        text: '休息',
        note: '国庆节',
        isException: true,
      },
      {
        date: '2025-10-02',
        weekday: 4,
        weekdayLabel: '周四',
        isToday: false,
        text: '10:00–16:00',
        note: '国庆节',
        isException: true,
      },
      {
        date: '2025-10-03',
        weekday: 5,
        weekdayLabel: '周五',
        isToday: false,
        text: '22:00–次日22:00',
        isException: true,
      },
      {
        date: '2025-10-04',
        weekday: 6,
        weekdayLabel: '周六',
        isToday: false,
        text: '09:00–17:00',
        isException: false,
      },
      {
        date: '2025-10-05',
        weekday: 7,
        weekdayLabel: '周日',
        isToday: false,
        text: '18:00–次日02:00',
        isException: false,
      },
    ]);
  });

  it('shows 24 hours, and nothing outside the season', () => {
    const summer = { alwaysOpen: true, season: { from: '06-01', to: '09-30' } };

    const week = weekSchedule(summer, t('2025-09-28T00:00:00+08:00'));

    expect(week.map((d) => [d.date, d.text])).toStrictEqual([
      ['2025-09-28', '24小时'],
      ['2025-09-29', '24小时'],
      ['2025-09-30', '24小时'],
      ['2025-10-01', '休息'],
      ['2025-10-02', '休息'],
      ['2025-10-03', '休息'],
      ['2025-10-04', '休息'],
    ]);
  });
});

describe('Domain: Shanghai clock formatting', () => {
  it('formats instants in UTC+8 across the UTC date line', () => {
    const lateUtc = new Date('2026-11-20T18:05:00Z'); // 02:05 on the 21st in Shanghai
    expect(shanghaiClock(lateUtc)).toBe('02:05');
    expect(shanghaiDateTime(lateUtc)).toBe('11月21日 02:05');
    expect(shanghaiDaysBetween(new Date('2026-11-20T16:30:00Z'), lateUtc)).toBe(0);
    expect(shanghaiDaysBetween(new Date('2026-11-20T15:59:00Z'), new Date('2026-11-20T16:00:00Z'))).toBe(1);
  });
});
