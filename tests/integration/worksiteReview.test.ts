import type { WorksiteSignup } from '@ankang/shared';
import { describe, expect, it } from 'vitest';
import { getWorksiteSignupRecord } from '../../functions/src/db/signups';
import { freshUser } from './fixtures';
import { atShanghaiNoon } from './shanghaiNoon';
import {
  approvedAnswer,
  auditEventsOf,
  inCountyOnly,
  myWorksites,
  revealPhone,
  reviewWorksite,
  worksiteSetup as setup,
  submitted,
  wholeQueue,
  worksiteDraft,
  worksiteQueue,
} from './signupFixtures';

atShanghaiNoon();

describe('Handler: listWorksiteSignups (staff queue)', () => {
  it('starts at the deeper of the caller’s and the campaign’s node, and refuses staff beside it', async () => {
    const { city, county, town, beside, campaign, worker, staff } = await setup();
    const inTownSite = await submitted(worker.token, worksiteDraft(campaign.id, town));
    const inCounty = await submitted(
      worker.token,
      worksiteDraft(campaign.id, county, { location: inCountyOnly }),
    );
    const ids = async (token: string, query: Record<string, string> = {}) =>
      (await wholeQueue(worksiteQueue, token, campaign.id, query)).map((s) => s.id).sort();
    const both = [inTownSite.id, inCounty.id].sort();

    expect(await ids(staff.token)).toStrictEqual(both);
    expect(await ids(staff.token, { org: town })).toStrictEqual([inTownSite.id]);
    const above = await freshUser({ roles: ['staff'], orgPath: city });
    expect(await ids(above.token)).toStrictEqual(both);
    const admin = await freshUser({ roles: ['admin'] });
    expect(await ids(admin.token)).toStrictEqual(both);
    const townStaff = await freshUser({ roles: ['staff'], orgPath: town });
    expect(await ids(townStaff.token)).toStrictEqual([inTownSite.id]);
    expect(await worksiteQueue(townStaff.token, campaign.id, { org: county })).toMatchObject({
      status: 403,
      body: { error: { code: 'OUT_OF_SCOPE' } },
    });
    const besideStaff = await freshUser({ roles: ['staff'], orgPath: beside });
    for (const query of [{}, { org: beside }] as Record<string, string>[]) {
      expect(await worksiteQueue(besideStaff.token, campaign.id, query)).toMatchObject({
        status: 403,
        body: { error: { code: 'OUT_OF_SCOPE' } },
      });
    }
    expect(await worksiteQueue(worker.token, campaign.id)).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
    expect(await worksiteQueue(staff.token, 'cp_itdoesnotexist00')).toMatchObject({
      status: 404,
      body: { error: { code: 'CAMPAIGN_NOT_FOUND' } },
    });
  });

  it('pages by 20 with cursors that only open the listing they came from', async () => {
    const { campaign, town, staff } = await setup();
    const applicants = [await freshUser(), await freshUser()];
    const made: string[] = [];
    for (let i = 0; i < 23; i += 1) {
      made.push((await submitted(applicants[i % 2]!.token, worksiteDraft(campaign.id, town))).id);
    }
    const first = await worksiteQueue(staff.token, campaign.id);
    const page = first.body as { signups: WorksiteSignup[]; nextCursor: string };
    expect(page.signups).toHaveLength(20);
    expect(page.nextCursor).toEqual(expect.any(String));
    const all = await wholeQueue(worksiteQueue, staff.token, campaign.id);
    expect(all.map((s) => s.id).sort()).toStrictEqual([...made].sort());
    // The same cursor on another status or district is not its listing.
    for (const query of [{ status: 'approved' }, { org: town }] as Record<string, string>[]) {
      expect(
        await worksiteQueue(staff.token, campaign.id, { ...query, cursor: page.nextCursor }),
      ).toMatchObject({
        status: 400,
        body: { error: { code: 'BAD_CURSOR' } },
      });
    }
  });
});

describe('Handler: reviewWorksiteSignup', () => {
  it('approves, moving the sign-up to the approved queue; a retry answers the same', async () => {
    const { campaign, town, worker, staff } = await setup();
    const signup = await submitted(worker.token, worksiteDraft(campaign.id, town));
    const approved = await reviewWorksite(staff.token, signup.id, { decision: 'approve', version: 1 });
    expect(approved).toStrictEqual(approvedAnswer(signup));
    expect(await reviewWorksite(staff.token, signup.id, { decision: 'approve', version: 1 })).toStrictEqual(
      approved,
    );
    expect(await wholeQueue(worksiteQueue, staff.token, campaign.id)).toStrictEqual([]);
    expect(await wholeQueue(worksiteQueue, staff.token, campaign.id, { status: 'approved' })).toStrictEqual([
      approved.body,
    ]);
    expect(await myWorksites(worker.token)).toStrictEqual([approved.body]);
  });

  it('answers two copies of one decline sent at once alike, writing it once', async () => {
    const { campaign, town, worker, staff } = await setup();
    const signup = await submitted(worker.token, worksiteDraft(campaign.id, town));
    const decline = { decision: 'decline', version: 1, reason: '不在服务范围' };
    const [first, second] = await Promise.all([
      reviewWorksite(staff.token, signup.id, decline),
      reviewWorksite(staff.token, signup.id, decline),
    ]);
    const now = new Date().toISOString();
    const declined = {
      ...signup,
      status: 'declined',
      review: { by: '测试用户', at: now, reason: '不在服务范围' },
      version: 2,
      updatedAt: now,
    };
    expect(first).toStrictEqual({ status: 200, body: declined });
    expect(second).toStrictEqual(first);
    expect(await getWorksiteSignupRecord(signup.id)).toMatchObject({ status: 'declined', version: 2 });
  });

  it('declines with a reason the applicant reads, and may approve a declined one later', async () => {
    const { campaign, town, worker, staff } = await setup();
    const signup = await submitted(worker.token, worksiteDraft(campaign.id, town));
    expect(await reviewWorksite(staff.token, signup.id, { decision: 'decline', version: 1 })).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED' } },
    });
    const declined = await reviewWorksite(staff.token, signup.id, {
      decision: 'decline',
      version: 1,
      reason: '该工地已由企业自行发放',
    });
    expect(declined).toMatchObject({
      status: 200,
      body: { status: 'declined', version: 2, review: { by: '测试用户', reason: '该工地已由企业自行发放' } },
    });
    expect((await myWorksites(worker.token))[0]).toMatchObject({
      status: 'declined',
      review: { reason: '该工地已由企业自行发放' },
    });
    const approved = await reviewWorksite(staff.token, signup.id, { decision: 'approve', version: 2 });
    expect(approved).toMatchObject({ status: 200, body: { status: 'approved', version: 3 } });
  });

  it('refuses illegal moves and stale versions with 409s, changing nothing', async () => {
    const { campaign, town, worker, staff } = await setup();
    const signup = await submitted(worker.token, worksiteDraft(campaign.id, town));
    await reviewWorksite(staff.token, signup.id, { decision: 'approve', version: 1 });
    expect(
      await reviewWorksite(staff.token, signup.id, { decision: 'decline', version: 2, reason: '改变主意了' }),
    ).toMatchObject({ status: 409, body: { error: { code: 'INVALID_TRANSITION' } } });
    expect(await reviewWorksite(staff.token, signup.id, { decision: 'approve', version: 2 })).toMatchObject({
      status: 409,
      body: { error: { code: 'INVALID_TRANSITION' } },
    });
    expect(
      await reviewWorksite(staff.token, signup.id, { decision: 'decline', version: 1, reason: '过期的决定' }),
    ).toStrictEqual({
      status: 409,
      body: {
        error: {
          code: 'VERSION_CONFLICT',
          message: '数据已被他人修改，请刷新后重试',
          details: { currentVersion: 2 },
        },
      },
    });
    expect(await getWorksiteSignupRecord(signup.id)).toMatchObject({ status: 'approved', version: 2 });
  });

  it('lets one of two racing decisions through and answers the other with a conflict', async () => {
    const { campaign, town, worker, staff } = await setup();
    const other = await freshUser({ roles: ['staff'], orgPath: town });
    const signup = await submitted(worker.token, worksiteDraft(campaign.id, town));
    const results = await Promise.all([
      reviewWorksite(staff.token, signup.id, { decision: 'approve', version: 1 }),
      reviewWorksite(other.token, signup.id, { decision: 'decline', version: 1, reason: '不在服务范围' }),
    ]);
    expect(results.map((r) => r.status).sort()).toStrictEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!.body as WorksiteSignup;
    expect(results.find((r) => r.status === 409)).toMatchObject({
      body: { error: { code: 'VERSION_CONFLICT', details: { currentVersion: 2 } } },
    });
    expect(await getWorksiteSignupRecord(signup.id)).toMatchObject({ status: winner.status, version: 2 });
    const queued = await wholeQueue(worksiteQueue, staff.token, campaign.id, { status: winner.status });
    expect(queued.map((s) => s.id)).toStrictEqual([signup.id]);
  });

  it('is for staff whose scope holds the site’s district only', async () => {
    const { city, county, town, beside, campaign, worker, staff } = await setup();
    const countySite = await submitted(
      worker.token,
      worksiteDraft(campaign.id, county, { location: inCountyOnly }),
    );
    const townSite = await submitted(worker.token, worksiteDraft(campaign.id, town));
    const townStaff = await freshUser({ roles: ['staff'], orgPath: town });
    const besideStaff = await freshUser({ roles: ['staff'], orgPath: beside });
    const approve = { decision: 'approve', version: 1 };
    for (const [token, id] of [
      [townStaff.token, countySite.id],
      [besideStaff.token, townSite.id],
    ] as const) {
      expect(await reviewWorksite(token, id, approve)).toMatchObject({
        status: 403,
        body: { error: { code: 'OUT_OF_SCOPE' } },
      });
    }
    expect(await reviewWorksite(worker.token, townSite.id, approve)).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
    expect(await getWorksiteSignupRecord(townSite.id)).toMatchObject({ status: 'pending', version: 1 });
    expect(await reviewWorksite(townStaff.token, townSite.id, approve)).toMatchObject({ status: 200 });
    const above = await freshUser({ roles: ['staff'], orgPath: city });
    expect(await reviewWorksite(above.token, countySite.id, approve)).toMatchObject({ status: 200 });
    expect(await reviewWorksite(staff.token, `ws_${'0'.repeat(32)}`, approve)).toMatchObject({
      status: 404,
      body: { error: { code: 'SIGNUP_NOT_FOUND' } },
    });
  });
});

describe('Handler: revealSignupPhone (worksites)', () => {
  it('answers the full phone to staff in scope and records who, why and when', async () => {
    const { campaign, town, worker, staff } = await setup();
    const signup = await submitted(worker.token, worksiteDraft(campaign.id, town));
    const result = await revealPhone(staff.token, signup.id, '电话确认送达时间');
    expect(result).toStrictEqual({ status: 200, body: { phone: '13812345678' } });
    const events = await auditEventsOf(signup.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'AuditEvent',
      actorUserId: staff.userId,
      action: 'revealPhone',
      subjectType: 'worksiteSignup',
      subjectId: signup.id,
      orgPath: town,
      reason: '电话确认送达时间',
      at: new Date().toISOString(),
    });
  });

  it('reveals nothing and records nothing out of scope, for a worker, or for an unknown id', async () => {
    const { county, beside, campaign, town, worker } = await setup();
    const signup = await submitted(
      worker.token,
      worksiteDraft(campaign.id, county, { location: inCountyOnly }),
    );
    const townStaff = await freshUser({ roles: ['staff'], orgPath: town });
    const besideStaff = await freshUser({ roles: ['staff'], orgPath: beside });
    for (const token of [townStaff.token, besideStaff.token]) {
      expect(await revealPhone(token, signup.id)).toMatchObject({
        status: 403,
        body: { error: { code: 'OUT_OF_SCOPE' } },
      });
    }
    expect(await revealPhone(worker.token, signup.id)).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
    expect(await revealPhone(townStaff.token, signup.id, '看')).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED' } },
    });
    expect(await auditEventsOf(signup.id)).toStrictEqual([]);
    const unknown = `ws_${'1'.repeat(32)}`;
    expect(await revealPhone(townStaff.token, unknown)).toMatchObject({
      status: 404,
      body: { error: { code: 'SIGNUP_NOT_FOUND' } },
    });
    expect(await auditEventsOf(unknown)).toStrictEqual([]);
  });
});
