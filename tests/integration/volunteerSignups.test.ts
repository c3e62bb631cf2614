import { randomUUID } from 'node:crypto';
import type { VolunteerSignup } from '@ankang/shared';
import { describe, expect, it } from 'vitest';
import { demoUserId } from '../../functions/local/demoData';
import { getVolunteerSignupRecord } from '../../functions/src/db/signups';
import { getUser } from '../../functions/src/db/users';
import { issueAccessToken } from '../../functions/src/services/token';
import { freshUser } from './fixtures';
import { atShanghaiNoon } from './shanghaiNoon';
import {
  approvedAnswer,
  auditEventsOf,
  myVolunteerSignups,
  openCampaign,
  plusDays,
  rangeText,
  revealPhone,
  reviewVolunteer,
  storedVolunteerSignupsOf,
  submittedVolunteer,
  submitVolunteer,
  today,
  volunteerDraft,
  volunteerQueue,
  wholeQueue,
  worksiteSetup,
} from './signupFixtures';

atShanghaiNoon();

/** The worksite tests' county campaign and staff; the applicant here is a person signing up to volunteer. */
async function setup() {
  const { worker: person, ...rest } = await worksiteSetup();
  return { ...rest, person };
}

const rolesOf = async (userId: string) => (await getUser(userId))?.roles;

describe('Handler: submitVolunteerSignup', () => {
  it('stores one pending sign-up per person and campaign, the phone masked', async () => {
    const { campaign, county, town, person } = await setup();
    const requestId = randomUUID();
    const result = await submitVolunteer(
      person.token,
      volunteerDraft(campaign.id, [town, county]),
      requestId,
    );
    const stamp = new Date().toISOString();
    expect(result).toStrictEqual({
      status: 201,
      body: {
        id: expect.stringMatching(/^vs_[0-9a-f]{32}$/),
        campaignId: campaign.id,
        userId: person.userId,
        name: '赵志愿',
        districts: [town, county],
        availability: [
          { date: plusDays(today(), 2), slot: 'am' },
          { date: plusDays(today(), 2), slot: 'pm' },
        ],
        skills: ['driving'],
        phoneMasked: '139****0001',
        status: 'pending',
        version: 1,
        createdAt: stamp,
        updatedAt: stamp,
      },
    });
    expect(await myVolunteerSignups(person.token)).toStrictEqual([result.body]);
    expect((await getVolunteerSignupRecord((result.body as VolunteerSignup).id))?.phone).toBe('13912340001');
  });

  it('answers a retry with the stored sign-up and another request with 409 ALREADY_SIGNED_UP', async () => {
    const { campaign, county, person } = await setup();
    const requestId = randomUUID();
    const draft = volunteerDraft(campaign.id, [county]);
    const [first, again] = await Promise.all([
      submitVolunteer(person.token, draft, requestId),
      submitVolunteer(person.token, draft, requestId),
    ]);
    expect(first.status).toBe(201);
    expect(again).toStrictEqual(first);
    expect(await submitVolunteer(person.token, { ...draft, name: '改个名字' })).toStrictEqual({
      status: 409,
      body: { error: { code: 'ALREADY_SIGNED_UP', message: '您已报名该活动的志愿者，请等待审核结果' } },
    });
    expect(await storedVolunteerSignupsOf(person.userId)).toHaveLength(1);
    // Another campaign is another sign-up.
    const other = await openCampaign(county);
    await submittedVolunteer(person.token, volunteerDraft(other.id, [county]));
    expect(await storedVolunteerSignupsOf(person.userId)).toHaveLength(2);
  });

  it('lets only one of two different requests racing for the same campaign through', async () => {
    const { campaign, county, person } = await setup();
    const draft = volunteerDraft(campaign.id, [county]);
    const results = await Promise.all([
      submitVolunteer(person.token, draft),
      submitVolunteer(person.token, draft),
    ]);
    expect(results.map((r) => r.status).sort()).toStrictEqual([201, 409]);
    expect(await storedVolunteerSignupsOf(person.userId)).toHaveLength(1);
  });

  it('refuses districts outside the campaign and dates outside its season, naming each, storing nothing', async () => {
    const { campaign, town, beside, person } = await setup();
    const early = plusDays(today(), -11);
    const season = rangeText({ from: plusDays(today(), -10), to: plusDays(today(), 60) });
    const result = await submitVolunteer(
      person.token,
      volunteerDraft(campaign.id, [town, beside], {
        availability: [
          { date: plusDays(today(), 1), slot: 'am' },
          { date: early, slot: 'pm' },
        ],
      }),
    );
    expect(result).toStrictEqual({
      status: 400,
      body: {
        error: {
          code: 'VALIDATION_FAILED',
          message: '提交的内容有误，请检查后重试',
          details: {
            issues: [
              {
                path: 'body.signup.districts.1',
                message: '所选地区不在本活动的范围内（测试县及其下属地区）',
              },
              {
                path: 'body.signup.availability.1.date',
                message: `日期 ${early} 不在活动期间（${season}）内`,
              },
            ],
          },
        },
      },
    });
    const badPhone = await submitVolunteer(
      person.token,
      volunteerDraft(campaign.id, [town], { phone: '12345' }),
    );
    expect(badPhone).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: 'body.signup.phone' }] } } },
    });
    expect(
      await submitVolunteer(person.token, volunteerDraft(campaign.id, [`${town}/nowhere`])),
    ).toMatchObject({
      status: 404,
      body: { error: { code: 'ORG_NOT_FOUND' } },
    });
    const closed = await openCampaign(town, { status: 'closed' });
    expect(await submitVolunteer(person.token, volunteerDraft(closed.id, [town]))).toMatchObject({
      status: 409,
      body: { error: { code: 'SIGNUP_CLOSED' } },
    });
    expect(await storedVolunteerSignupsOf(person.userId)).toStrictEqual([]);
  });

  it('holds the seeded volunteers to one sign-up for the demo campaign', async () => {
    const userId = demoUserId({ key: 'volunteer-3' });
    const { token } = await issueAccessToken({ id: userId, tokenVersion: 0 }, new Date());
    const result = await submitVolunteer(
      token,
      volunteerDraft('cp_demo0zjgthis', ['320000/320500/320582/daxin']),
    );
    expect(result).toMatchObject({ status: 409, body: { error: { code: 'ALREADY_SIGNED_UP' } } });
    expect((await myVolunteerSignups(token)).map((s) => [s.id, s.status])).toStrictEqual([
      ['vs_demo0zjgvol00003', 'pending'],
    ]);
  });
});

describe('Handler: reviewVolunteerSignup', () => {
  it('grants the volunteer role with the approval, and a retry answers the same', async () => {
    const { campaign, county, person, staff } = await setup();
    const signup = await submittedVolunteer(person.token, volunteerDraft(campaign.id, [county]));
    expect(await rolesOf(person.userId)).toStrictEqual([]);
    const approved = await reviewVolunteer(staff.token, signup.id, { decision: 'approve', version: 1 });
    expect(approved).toStrictEqual(approvedAnswer(signup));
    expect(await rolesOf(person.userId)).toStrictEqual(['volunteer']);
    expect(await reviewVolunteer(staff.token, signup.id, { decision: 'approve', version: 1 })).toStrictEqual(
      approved,
    );
    expect(await wholeQueue(volunteerQueue, staff.token, campaign.id, { status: 'approved' })).toStrictEqual([
      approved.body,
    ]);
    expect(await wholeQueue(volunteerQueue, staff.token, campaign.id)).toStrictEqual([]);
  });

  it('grants nothing on a decline, and grants the role when a declined one is approved later', async () => {
    const { campaign, county, person, staff } = await setup();
    const signup = await submittedVolunteer(person.token, volunteerDraft(campaign.id, [county]));
    const declined = await reviewVolunteer(staff.token, signup.id, {
      decision: 'decline',
      version: 1,
      reason: '本期名额已满',
    });
    expect(declined).toMatchObject({
      status: 200,
      body: { status: 'declined', review: { reason: '本期名额已满' } },
    });
    expect(await rolesOf(person.userId)).toStrictEqual([]);
    expect((await myVolunteerSignups(person.token))[0]).toMatchObject({ status: 'declined' });
    expect(await reviewVolunteer(staff.token, signup.id, { decision: 'approve', version: 2 })).toMatchObject({
      status: 200,
      body: { status: 'approved', version: 3 },
    });
    expect(await rolesOf(person.userId)).toStrictEqual(['volunteer']);
  });

  it('keeps the roles a person already has, and leaves the role alone when a move is refused', async () => {
    const { campaign, county, staff } = await setup();
    const person = await freshUser({ roles: ['staff'], orgPath: county });
    const signup = await submittedVolunteer(person.token, volunteerDraft(campaign.id, [county]));
    expect(await reviewVolunteer(staff.token, signup.id, { decision: 'approve', version: 7 })).toMatchObject({
      status: 409,
      body: { error: { code: 'VERSION_CONFLICT', details: { currentVersion: 1 } } },
    });
    expect(await rolesOf(person.userId)).toStrictEqual(['staff']);
    await reviewVolunteer(staff.token, signup.id, { decision: 'approve', version: 1 });
    expect(await rolesOf(person.userId)).toStrictEqual(['staff', 'volunteer']);
    expect(
      await reviewVolunteer(staff.token, signup.id, { decision: 'decline', version: 2, reason: '撤销通过' }),
    ).toMatchObject({ status: 409, body: { error: { code: 'INVALID_TRANSITION' } } });
    expect(await getVolunteerSignupRecord(signup.id)).toMatchObject({ status: 'approved', version: 2 });
  });

  it('lets one of two racing decisions through; the role follows the one that won', async () => {
    const { campaign, county, town, person, staff } = await setup();
    const townStaff = await freshUser({ roles: ['staff'], orgPath: town });
    const signup = await submittedVolunteer(person.token, volunteerDraft(campaign.id, [county]));
    const results = await Promise.all([
      reviewVolunteer(staff.token, signup.id, { decision: 'approve', version: 1 }),
      reviewVolunteer(townStaff.token, signup.id, { decision: 'decline', version: 1, reason: '时间不合适' }),
    ]);
    expect(results.map((r) => r.status).sort()).toStrictEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!.body as VolunteerSignup;
    expect(await getVolunteerSignupRecord(signup.id)).toMatchObject({ status: winner.status, version: 2 });
    expect(await rolesOf(person.userId)).toStrictEqual(winner.status === 'approved' ? ['volunteer'] : []);
  });
});

describe('Volunteer sign-ups: scope', () => {
  it('lets staff at, above and below the campaign’s node list and review; not staff beside it', async () => {
    const { city, town, beside, campaign, county, person, staff } = await setup();
    const signup = await submittedVolunteer(person.token, volunteerDraft(campaign.id, [county]));
    const above = await freshUser({ roles: ['staff'], orgPath: city });
    const below = await freshUser({ roles: ['staff'], orgPath: town });
    const admin = await freshUser({ roles: ['admin'] });
    for (const who of [staff, above, below, admin]) {
      expect((await wholeQueue(volunteerQueue, who.token, campaign.id)).map((s) => s.id)).toStrictEqual([
        signup.id,
      ]);
    }
    const besideStaff = await freshUser({ roles: ['staff'], orgPath: beside });
    const refused = { status: 403, body: { error: { code: 'OUT_OF_SCOPE' } } };
    expect(await volunteerQueue(besideStaff.token, campaign.id)).toMatchObject(refused);
    expect(
      await reviewVolunteer(besideStaff.token, signup.id, { decision: 'approve', version: 1 }),
    ).toMatchObject(refused);
    expect(await revealPhone(besideStaff.token, signup.id)).toMatchObject(refused);
    expect(await auditEventsOf(signup.id)).toStrictEqual([]);
    expect(await volunteerQueue(person.token, campaign.id)).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
    expect(await rolesOf(person.userId)).toStrictEqual([]);
    // A town's staff take part in the county's campaign: they may approve its volunteers.
    expect(await reviewVolunteer(below.token, signup.id, { decision: 'approve', version: 1 })).toMatchObject({
      status: 200,
      body: { status: 'approved' },
    });
    expect(
      await reviewVolunteer(staff.token, `vs_${'0'.repeat(32)}`, { decision: 'approve', version: 1 }),
    ).toMatchObject({ status: 404, body: { error: { code: 'SIGNUP_NOT_FOUND' } } });
  });

  it('reveals a volunteer’s phone to staff on the campaign’s line, audited', async () => {
    const { campaign, county, town, person } = await setup();
    const signup = await submittedVolunteer(person.token, volunteerDraft(campaign.id, [county]));
    const below = await freshUser({ roles: ['staff'], orgPath: town });
    expect(await revealPhone(below.token, signup.id, '联系志愿者安排任务')).toStrictEqual({
      status: 200,
      body: { phone: '13912340001' },
    });
    const events = await auditEventsOf(signup.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorUserId: below.userId,
      action: 'revealPhone',
      subjectType: 'volunteerSignup',
      subjectId: signup.id,
      orgPath: county,
      reason: '联系志愿者安排任务',
      at: new Date().toISOString(),
    });
    // The queue and the person's own list only ever show it masked.
    const shown = JSON.stringify([
      await wholeQueue(volunteerQueue, below.token, campaign.id),
      await myVolunteerSignups(person.token),
    ]);
    expect(shown).toContain('139****0001');
    expect(shown).not.toContain('13912340001');
  });
});
