import { describe, expect, it } from 'vitest';
import {
  monthDayWithYear,
  signupClosedReason,
  todayInShanghai,
  upcomingDates,
} from '../../client/src/services/outreachDates';

describe('Outreach dates: a deadline shown with its year only when it is not this year', () => {
  it.each([
    ['2026-08-31', '2026-11-26T04:00:00Z', '8月31日'],
    ['2027-01-25', '2026-11-26T04:00:00Z', '2027年1月25日'],
    // 31 December 20:00 UTC is already New Year's Day in Shanghai.
    ['2027-01-25', '2026-12-31T20:00:00Z', '1月25日'],
  ])('%s seen at %s reads %s', (date, at, shown) => {
    expect(monthDayWithYear(date, new Date(at))).toBe(shown);
  });
});

describe('Outreach dates: the days a form offers', () => {
  const season = { from: '2026-06-29', to: '2026-07-02' };

  it('starts at the season when it is still ahead', () => {
    expect(upcomingDates(season, '2026-06-01')).toStrictEqual([
      '2026-06-29',
      '2026-06-30',
      '2026-07-01',
      '2026-07-02',
    ]);
  });

  it('starts today once the season has begun, and offers nothing after it', () => {
    expect(upcomingDates(season, '2026-07-01')).toStrictEqual(['2026-07-01', '2026-07-02']);
    expect(upcomingDates(season, '2026-07-03')).toStrictEqual([]);
  });

  it('stops at the cap however long the season', () => {
    expect(upcomingDates({ from: '2026-12-30', to: '2099-01-01' }, '2026-01-01', 4)).toStrictEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ]);
  });
});

describe('Outreach dates: why a campaign takes no sign-ups', () => {
  const signup = { from: '2026-06-01', to: '2026-06-30' };

  it.each([
    ['open', '2026-06-01', null],
    ['open', '2026-06-30', null],
    ['open', '2026-05-31', '报名将于 6月1日 开始'],
    ['open', '2026-07-01', '报名已结束'],
    ['draft', '2026-06-15', '尚未开始报名'],
    ['closed', '2026-06-15', '报名已结束'],
    ['archived', '2026-06-15', '活动已结束'],
  ] as const)('%s on %s: %s', (status, today, reason) => {
    expect(signupClosedReason({ status, signup }, today)).toBe(reason);
  });
});

describe('Outreach dates: Shanghai’s today', () => {
  it.each([
    ['2026-06-30T15:59:59Z', '2026-06-30'],
    ['2026-06-30T16:00:00Z', '2026-07-01'],
  ])('%s is %s in China', (at, date) => {
    expect(todayInShanghai(new Date(at))).toBe(date);
  });
});
