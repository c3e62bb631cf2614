import { describe, expect, it } from 'vitest';
import { monthDayWithYear } from '../../client/src/services/outreachDates';

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
