import { shanghaiDate } from '@ankang/shared';
import { describe, expect, it } from 'vitest';
import { demoCampaigns } from '../../functions/local/demoCampaigns';
import { demoOrgs, demoUserId, demoUsers } from '../../functions/local/demoData';
import { demoVolunteerSignups, demoWorksiteSignups } from '../../functions/local/demoSignups';
import {
  volunteerSignupRecordSchema,
  worksiteSignupRecordSchema,
} from '../../functions/src/db/signupRecords';
import { catalogIssues, chainOf, locationIssues } from '../../functions/src/services/signupRules';

// Any day of the year: the demo must fit its campaign whenever it is seeded.
const seedDays = ['2026-11-26T09:00:00+08:00', '2027-02-28T23:30:00+08:00', '2026-07-01T00:10:00+08:00'];

/** YYYY-MM-DD `days` after `date`, by plain calendar arithmetic. */
function plusDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe.each(seedDays)('Demo outreach seeded at %s', (when) => {
  const at = new Date(when);
  const today = shanghaiDate(at);
  const [last, open] = demoCampaigns(at);
  const worksites = demoWorksiteSignups(at);
  const volunteers = demoVolunteerSignups(at);

  it('opens this year’s campaign for sign-ups today, with last year’s a year earlier', () => {
    expect(open).toMatchObject({
      id: 'cp_demo0zjgthis',
      status: 'open',
      season: { from: plusDays(today, -30), to: plusDays(today, 75) },
      signup: { from: plusDays(today, -30), to: plusDays(today, 60) },
    });
    expect(last!.season.from.slice(5)).toBe(open!.season.from.slice(5));
    expect(Number(last!.season.from.slice(0, 4))).toBe(Number(open!.season.from.slice(0, 4)) - 1);
    expect(last!.status).toBe('archived');
  });

  it('stores worksites in every state, each fitting its campaign and district', () => {
    expect(worksites.map((w) => w.id)).toStrictEqual([1, 2, 3, 4, 5, 6].map((n) => `ws_demo0zjgsite000${n}`));
    const count = (status: string) => worksites.filter((w) => w.status === status).length;
    expect([count('pending'), count('approved'), count('declined')]).toStrictEqual([2, 3, 1]);
    for (const site of worksites) {
      expect(worksiteSignupRecordSchema.parse(site)).toStrictEqual(site);
      expect(locationIssues(site.location, chainOf(demoOrgs, site.orgPath)), site.siteName).toStrictEqual([]);
      expect(catalogIssues(site.requested, open!.kinds), site.siteName).toStrictEqual([]);
      for (const date of site.preferredDates) {
        expect(date >= open!.season.from && date <= open!.season.to, date).toBe(true);
      }
    }
    expect(worksites.find((w) => w.status === 'declined')?.review?.reason).toBeTruthy();
  });

  it('gives the approved volunteers half days over the next two weeks', () => {
    const byName = new Map(volunteers.map((v) => [v.name, v]));
    expect(volunteers.map((v) => [v.id, v.name, v.status])).toStrictEqual([
      ['vs_demo0zjgvol00001', '赵磊', 'approved'],
      ['vs_demo0zjgvol00002', '钱悦', 'approved'],
      ['vs_demo0zjgvol00003', '孙浩', 'pending'],
      ['vs_demo0zjgvol00004', '黄大勇', 'declined'],
    ]);
    const keyOf = (name: string) => demoUsers.find((u) => u.nickname.startsWith(name))!.key;
    for (const volunteer of volunteers) {
      expect(volunteerSignupRecordSchema.parse(volunteer)).toStrictEqual(volunteer);
      expect(volunteer.userId).toBe(demoUserId({ key: keyOf(volunteer.name) }));
      for (const slot of volunteer.availability) {
        expect(slot.date >= open!.season.from && slot.date <= open!.season.to).toBe(true);
      }
    }
    const nextTwoWeeks = Array.from({ length: 14 }, (_, i) => plusDays(today, i + 1));
    for (const name of ['赵磊', '钱悦']) {
      const dates = new Set(byName.get(name)!.availability.map((slot) => slot.date));
      expect(
        nextTwoWeeks.every((date) => dates.has(date)),
        name,
      ).toBe(true);
    }
  });
});
