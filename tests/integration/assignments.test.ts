import { randomUUID } from 'node:crypto';
import type { Assignment } from '@ankang/shared';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { assignmentRecordSchema, assignmentToItem } from '../../functions/src/db/assignmentItems';
import { db, tableName } from '../../functions/src/db/client';
import { keys } from '../../functions/src/db/keys';
import type { VolunteerSignupRecord, WorksiteSignupRecord } from '../../functions/src/db/signupRecords';
import {
  assignmentScene,
  board,
  cancel,
  create,
  day,
  expectedAssignmentId,
  halfDays,
  mine,
  reassign,
  respond,
  sip,
  slotHolder,
  storedCampaign,
  storedItem,
  storedVolunteer,
  storedWorksite,
} from './assignmentFixtures';
import { freshUser } from './fixtures';
import { atShanghaiNoon } from './shanghaiNoon';

type Scene = Awaited<ReturnType<typeof assignmentScene>>;

/** The task the API must answer, built from the fixtures the test stored (not from the code). */
function expectedTask(
  scene: Scene,
  site: WorksiteSignupRecord,
  volunteer: VolunteerSignupRecord,
  date: string,
  slot: 'am' | 'pm',
): Assignment {
  const stamp = new Date().toISOString();
  return {
    id: expectedAssignmentId(site.id, date, slot),
    campaignId: scene.campaign.id,
    campaignTitle: '测试县夏季安康“三送”',
    worksiteSignupId: site.id,
    volunteerSignupId: volunteer.id,
    volunteerName: volunteer.name,
    date,
    slot,
    status: 'assigned',
    site: {
      siteName: site.siteName,
      address: '测试镇人民路 18 号',
      orgName: site.orgName,
      location: { lat: 31.98, lng: 120.5 },
      contactName: '陆国平',
      contactPhoneMasked: '138****5678',
      outdoorWorkers: 40,
      requested: [{ kind: 'cool', items: ['water'] }],
    },
    history: [],
    version: 1,
    createdAt: stamp,
    updatedAt: stamp,
  };
}

const body = (site: { id: string }, volunteer: { id: string }, date: string, slot: 'am' | 'pm') => ({
  worksiteSignupId: site.id,
  volunteerSignupId: volunteer.id,
  date,
  slot,
});

async function created(token: string, input: ReturnType<typeof body>): Promise<Assignment> {
  const result = await create(token, input);
  expect(result.status, JSON.stringify(result.body)).toBe(201);
  return result.body as Assignment;
}

const ids = (result: { body: unknown }) =>
  (result.body as { assignments: Assignment[] }).assignments.map((task) => task.id);

describe('Handler: createAssignment', () => {
  atShanghaiNoon();

  it('gives an approved site to an approved volunteer with a snapshot of the site, holding their half day', async () => {
    const s = await assignmentScene();
    const expected = expectedTask(s, s.townSite, s.signupA, day(2), 'am');
    const result = await create(s.staff.token, body(s.townSite, s.signupA, day(2), 'am'));
    expect(result).toStrictEqual({ status: 201, body: expected });

    expect(await slotHolder(s.signupA.id, day(2), 'am')).toBe(expected.id);
    const stored = await storedItem(keys.assignment(expected.id));
    expect(stored).toMatchObject({ volunteerUserId: s.volunteerA.userId, orgPath: s.town });
    // The full phone never leaves the sign-up.
    expect(JSON.stringify(stored)).not.toContain('13812345678');
    expect(await mine(s.volunteerA.token)).toStrictEqual({ status: 200, body: { assignments: [expected] } });
    expect(await mine(s.volunteerB.token)).toStrictEqual({ status: 200, body: { assignments: [] } });
  });

  it('answers a retried create with the same task and writes nothing more; another volunteer is ALREADY_ASSIGNED', async () => {
    const s = await assignmentScene();
    const input = body(s.townSite, s.signupA, day(1), 'am');
    const [first, again] = await Promise.all([create(s.staff.token, input), create(s.staff.token, input)]);
    expect(first).toStrictEqual({ status: 201, body: expectedTask(s, s.townSite, s.signupA, day(1), 'am') });
    expect(again).toStrictEqual(first);
    expect(await create(s.staff.token, input)).toStrictEqual(first);

    const other = await create(s.staff.token, body(s.townSite, s.signupB, day(1), 'am'));
    expect(other).toStrictEqual({
      status: 409,
      body: {
        error: { code: 'ALREADY_ASSIGNED', message: '该工地在这个时段已有任务，请改派或选择其他时段' },
      },
    });
    expect(await slotHolder(s.signupB.id, day(1), 'am')).toBeNull();

    // The other half day of the same site is another task.
    const afternoon = await created(s.staff.token, body(s.townSite, s.signupB, day(1), 'pm'));
    expect(afternoon.id).toBe(expectedAssignmentId(s.townSite.id, day(1), 'pm'));
    const listed = await board(s.staff.token, s.campaign.id, { date: day(1) });
    expect(ids(listed)).toStrictEqual([expectedAssignmentId(s.townSite.id, day(1), 'am'), afternoon.id]);
  });

  it('never sends one volunteer to two sites in the same half day, even when both are assigned at once', async () => {
    const s = await assignmentScene();
    const results = await Promise.all([
      create(s.staff.token, body(s.countySite, s.signupA, day(3), 'pm')),
      create(s.staff.token, body(s.townSite, s.signupA, day(3), 'pm')),
    ]);
    expect(results.map((r) => r.status).sort()).toStrictEqual([201, 422]);
    const winner = results.find((r) => r.status === 201)!.body as Assignment;
    const loser = results.find((r) => r.status === 422)!;
    expect(loser.body).toStrictEqual({
      error: { code: 'VOLUNTEER_UNAVAILABLE', message: '该志愿者这个时段已有其他任务' },
    });
    const loserSite = winner.worksiteSignupId === s.townSite.id ? s.countySite : s.townSite;
    expect(await storedItem(keys.assignment(expectedAssignmentId(loserSite.id, day(3), 'pm')))).toBeNull();
    expect(await slotHolder(s.signupA.id, day(3), 'pm')).toBe(winner.id);
  });

  it('refuses what cannot be assigned, naming why, and stores nothing', async () => {
    const s = await assignmentScene();
    const otherCampaign = await storedCampaign(s.county);
    const archived = await storedCampaign(s.county, { status: 'archived' });
    const later = await storedCampaign(s.county, { season: { from: day(5), to: day(40) } });
    const [laterSite, laterVolunteer] = await Promise.all([
      storedWorksite(later, s.town),
      storedVolunteer(later, s.volunteerB.userId),
    ]);
    const [outsider, pendingSite, declinedVolunteer, beside, worker, archivedSite, archivedVolunteer] =
      await Promise.all([
        storedVolunteer(otherCampaign, s.volunteerA.userId),
        storedWorksite(s.campaign, s.town, { status: 'pending', review: undefined, version: 1 }),
        storedVolunteer(s.campaign, s.volunteerB.userId, {
          status: 'declined',
          review: { by: '测试员', at: new Date().toISOString(), reason: '名额已满' },
        }),
        freshUser({ roles: ['staff'], orgPath: sip }),
        freshUser(),
        storedWorksite(archived, s.town),
        storedVolunteer(archived, s.volunteerA.userId),
      ]);
    const refusal = (code: string, message: string, issues?: { path: string; message: string }[]) => ({
      error: { code, message, ...(issues ? { details: { issues } } : {}) },
    });
    const cases: [string, string, ReturnType<typeof body>, number, unknown][] = [
      [
        'an unknown site',
        s.staff.token,
        body({ id: 'ws_00000000000000000000' }, s.signupA, day(1), 'am'),
        404,
        refusal('SIGNUP_NOT_FOUND', '未找到该工地报名'),
      ],
      [
        'an unknown volunteer',
        s.staff.token,
        body(s.townSite, { id: 'vs_00000000000000000000' }, day(1), 'am'),
        404,
        refusal('SIGNUP_NOT_FOUND', '未找到该志愿者报名'),
      ],
      [
        "another campaign's volunteer",
        s.staff.token,
        body(s.townSite, outsider, day(1), 'am'),
        400,
        refusal('VALIDATION_FAILED', '提交的内容有误，请检查后重试', [
          { path: 'body.volunteerSignupId', message: '该志愿者报名的不是这个工地所在的活动' },
        ]),
      ],
      [
        'a site not yet approved',
        s.staff.token,
        body(pendingSite, s.signupA, day(1), 'am'),
        409,
        refusal('NOT_APPROVED', '该工地的报名尚未通过审核，不能分配任务'),
      ],
      [
        'a declined volunteer',
        s.staff.token,
        body(s.townSite, declinedVolunteer, day(1), 'am'),
        409,
        refusal('NOT_APPROVED', '该志愿者的报名尚未通过审核，不能分配任务'),
      ],
      [
        'a date after the season',
        s.staff.token,
        body(s.townSite, s.signupA, day(41), 'am'),
        400,
        refusal('VALIDATION_FAILED', '提交的内容有误，请检查后重试', [
          { path: 'body.date', message: `日期须在活动期间（${day(-10)} 至 ${day(40)}）` },
        ]),
      ],
      [
        'a date before the season',
        s.staff.token,
        body(laterSite, laterVolunteer, day(2), 'am'),
        400,
        refusal('VALIDATION_FAILED', '提交的内容有误，请检查后重试', [
          { path: 'body.date', message: `日期须在活动期间（${day(5)} 至 ${day(40)}）` },
        ]),
      ],
      [
        'yesterday, inside the season',
        s.staff.token,
        body(s.townSite, s.signupA, day(-1), 'pm'),
        400,
        refusal('VALIDATION_FAILED', '提交的内容有误，请检查后重试', [
          { path: 'body.date', message: '不能分配今天之前的日期' },
        ]),
      ],
      [
        'a site of an archived campaign',
        s.staff.token,
        body(archivedSite, archivedVolunteer, day(1), 'am'),
        409,
        refusal('INVALID_TRANSITION', '活动已归档，不能再分配任务'),
      ],
      [
        'a half day the volunteer did not offer',
        s.staff.token,
        body(s.townSite, s.signupA, day(4), 'am'),
        422,
        refusal('VOLUNTEER_UNAVAILABLE', '该志愿者没有报名这个时段'),
      ],
      [
        'staff beside the site',
        beside.token,
        body(s.townSite, s.signupA, day(1), 'am'),
        403,
        refusal('OUT_OF_SCOPE', '超出您所在工会组织的管理范围'),
      ],
      [
        "staff of a town, for the county's site",
        s.townStaff.token,
        body(s.countySite, s.signupA, day(1), 'am'),
        403,
        refusal('OUT_OF_SCOPE', '超出您所在工会组织的管理范围'),
      ],
      [
        'a worker',
        worker.token,
        body(s.townSite, s.signupA, day(1), 'am'),
        403,
        refusal('FORBIDDEN', '您没有执行此操作的权限'),
      ],
    ];
    for (const [name, token, input, status, expected] of cases) {
      expect(await create(token, input), name).toStrictEqual({ status, body: expected });
      expect(
        await storedItem(
          keys.assignment(expectedAssignmentId(input.worksiteSignupId, input.date, input.slot)),
        ),
        name,
      ).toBeNull();
      expect(await slotHolder(input.volunteerSignupId, input.date, input.slot), name).toBeNull();
    }

    const malformed = await create(s.staff.token, {
      worksiteSignupId: s.townSite.id,
      volunteerSignupId: s.signupA.id,
      date: '2026-02-30',
      slot: 'noon',
    });
    expect(malformed.status).toBe(400);
    expect(
      (malformed.body as { error: { details: { issues: { path: string }[] } } }).error.details.issues.map(
        (issue) => issue.path,
      ),
    ).toStrictEqual(['body.date', 'body.slot']);
    expect(await mine(s.volunteerA.token)).toStrictEqual({ status: 200, body: { assignments: [] } });
  });
});

describe('Handler: respondToAssignment', () => {
  atShanghaiNoon();

  it('lets the volunteer accept; the same answer again returns it unchanged; other answers and people are refused', async () => {
    const s = await assignmentScene();
    const task = await created(s.staff.token, body(s.townSite, s.signupA, day(2), 'pm'));
    const notFound = {
      status: 404,
      body: { error: { code: 'ASSIGNMENT_NOT_FOUND', message: '未找到该任务' } },
    };
    // Someone else, staff included, learns nothing of the task.
    expect(
      await respond(s.volunteerB.token, task.id, { version: 1, response: { decision: 'accept' } }),
    ).toStrictEqual(notFound);
    expect(
      await respond(s.staff.token, task.id, { version: 1, response: { decision: 'accept' } }),
    ).toStrictEqual(notFound);

    const accepted = await respond(s.volunteerA.token, task.id, {
      version: 1,
      response: { decision: 'accept' },
    });
    expect(accepted).toStrictEqual({ status: 200, body: { ...task, status: 'accepted', version: 2 } });
    expect(
      await respond(s.volunteerA.token, task.id, { version: 1, response: { decision: 'accept' } }),
    ).toStrictEqual(accepted);
    expect(
      await respond(s.volunteerA.token, task.id, {
        version: 2,
        response: { decision: 'decline', reason: '临时有事' },
      }),
    ).toMatchObject({ status: 409, body: { error: { code: 'INVALID_TRANSITION' } } });
    expect(
      await respond(s.volunteerA.token, task.id, {
        version: 1,
        response: { decision: 'decline', reason: '临时有事' },
      }),
    ).toMatchObject({
      status: 409,
      body: { error: { code: 'VERSION_CONFLICT', details: { currentVersion: 2 } } },
    });
    expect(
      await respond(s.volunteerA.token, task.id, {
        version: 2,
        response: { decision: 'decline', reason: '' },
      }),
    ).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    expect(await slotHolder(s.signupA.id, day(2), 'pm')).toBe(task.id);
    expect((await storedItem(keys.assignment(task.id)))?.version).toBe(2);
  });
});

describe('Handler: reassignAssignment and cancelAssignment', () => {
  atShanghaiNoon();

  it('hands a declined task to another volunteer, keeping who declined and why; the half days move', async () => {
    const s = await assignmentScene();
    const task = await created(s.staff.token, body(s.townSite, s.signupA, day(2), 'am'));
    const declined = await respond(s.volunteerA.token, task.id, {
      version: 1,
      response: { decision: 'decline', reason: '家中临时有事' },
    });
    expect(declined).toStrictEqual({
      status: 200,
      body: { ...task, status: 'declined', reason: '家中临时有事', version: 2 },
    });
    expect(await slotHolder(s.signupA.id, day(2), 'am')).toBeNull();
    // The half day is free again: the volunteer can be sent elsewhere then.
    const elsewhere = await created(s.staff.token, body(s.countySite, s.signupA, day(2), 'am'));

    expect(
      await reassign(s.staff.token, task.id, { version: 2, volunteerSignupId: s.signupA.id }),
    ).toStrictEqual({
      status: 409,
      body: { error: { code: 'INVALID_TRANSITION', message: '任务已由该志愿者负责，请选择其他志愿者' } },
    });
    expect(
      await reassign(s.staff.token, task.id, { version: 1, volunteerSignupId: s.signupB.id }),
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

    const handed = await reassign(s.townStaff.token, task.id, {
      version: 2,
      volunteerSignupId: s.signupB.id,
    });
    const expected: Assignment = {
      ...task,
      volunteerSignupId: s.signupB.id,
      volunteerName: '钱测试',
      status: 'assigned',
      history: [
        {
          volunteerSignupId: s.signupA.id,
          volunteerName: '赵测试',
          status: 'declined',
          reason: '家中临时有事',
          at: new Date().toISOString(),
        },
      ],
      version: 3,
    };
    expect(handed).toStrictEqual({ status: 200, body: expected });
    // Sent again (the answer was lost): the same answer, nothing more.
    expect(
      await reassign(s.staff.token, task.id, { version: 2, volunteerSignupId: s.signupB.id }),
    ).toStrictEqual(handed);
    expect(await slotHolder(s.signupB.id, day(2), 'am')).toBe(task.id);
    expect(await slotHolder(s.signupA.id, day(2), 'am')).toBe(elsewhere.id);
    expect(ids(await mine(s.volunteerA.token))).toStrictEqual([elsewhere.id]);
    expect(ids(await mine(s.volunteerB.token))).toStrictEqual([task.id]);
    expect(
      await respond(s.volunteerA.token, task.id, { version: 3, response: { decision: 'accept' } }),
    ).toMatchObject({ status: 404, body: { error: { code: 'ASSIGNMENT_NOT_FOUND' } } });

    // An accepted task can be taken away too: the history says it was accepted, the half day is freed.
    await respond(s.volunteerB.token, task.id, { version: 3, response: { decision: 'accept' } });
    const third = await freshUser({ roles: ['volunteer'] });
    const signupC = await storedVolunteer(s.campaign, third.userId, { name: '孙测试' });
    const again = await reassign(s.staff.token, task.id, { version: 4, volunteerSignupId: signupC.id });
    expect(again).toMatchObject({
      status: 200,
      body: { volunteerSignupId: signupC.id, status: 'assigned', version: 5 },
    });
    expect((again.body as Assignment).history).toStrictEqual([
      expected.history[0],
      {
        volunteerSignupId: s.signupB.id,
        volunteerName: '钱测试',
        status: 'accepted',
        at: new Date().toISOString(),
      },
    ]);
    expect(await slotHolder(s.signupB.id, day(2), 'am')).toBeNull();
    expect(await slotHolder(signupC.id, day(2), 'am')).toBe(task.id);
  });

  it('refuses a reassignment to someone who cannot take it, and changes nothing', async () => {
    const s = await assignmentScene();
    const task = await created(s.staff.token, body(s.townSite, s.signupA, day(1), 'pm'));
    const busy = await created(s.staff.token, body(s.countySite, s.signupB, day(1), 'pm'));
    const [beside, unavailableUser] = await Promise.all([
      freshUser({ roles: ['staff'], orgPath: sip }),
      freshUser({ roles: ['volunteer'] }),
    ]);
    const unavailable = await storedVolunteer(s.campaign, unavailableUser.userId, {
      availability: halfDays(5),
    });
    const cases: [string, string, string, number, string][] = [
      ['a volunteer busy then', s.staff.token, s.signupB.id, 422, 'VOLUNTEER_UNAVAILABLE'],
      ['a volunteer not free then', s.staff.token, unavailable.id, 422, 'VOLUNTEER_UNAVAILABLE'],
      ['an unknown volunteer', s.staff.token, 'vs_00000000000000000000', 404, 'SIGNUP_NOT_FOUND'],
      ['staff beside', beside.token, unavailable.id, 403, 'OUT_OF_SCOPE'],
    ];
    for (const [name, token, volunteerSignupId, status, code] of cases) {
      expect(await reassign(token, task.id, { version: 1, volunteerSignupId }), name).toMatchObject({
        status,
        body: { error: { code } },
      });
    }
    expect(
      await reassign(s.staff.token, 'as_00000000000000000000', {
        version: 1,
        volunteerSignupId: s.signupB.id,
      }),
    ).toMatchObject({ status: 404, body: { error: { code: 'ASSIGNMENT_NOT_FOUND' } } });
    expect((await storedItem(keys.assignment(task.id)))?.version).toBe(1);
    expect(await slotHolder(s.signupA.id, day(1), 'pm')).toBe(task.id);
    expect(await slotHolder(s.signupB.id, day(1), 'pm')).toBe(busy.id);
  });

  it('refuses to hand on a task whose day has passed, and changes nothing', async () => {
    const s = await assignmentScene();
    const [holder, other] = await Promise.all([
      freshUser({ roles: ['volunteer'] }),
      freshUser({ roles: ['volunteer'] }),
    ]);
    const [held, next] = await Promise.all([
      storedVolunteer(s.campaign, holder.userId, { availability: halfDays(-1, 1) }),
      storedVolunteer(s.campaign, other.userId, { availability: halfDays(-1) }),
    ]);
    const later = await created(s.staff.token, body(s.countySite, held, day(1), 'am'));
    // Yesterday's task can no longer be made through the API: stored as a copy of a later one.
    const laterRecord = assignmentRecordSchema.parse(await storedItem(keys.assignment(later.id)));
    const past = { ...laterRecord, id: expectedAssignmentId(s.countySite.id, day(-1), 'am'), date: day(-1) };
    await db.send(new PutCommand({ TableName: tableName, Item: assignmentToItem(past) }));
    expect(await reassign(s.staff.token, past.id, { version: 1, volunteerSignupId: next.id })).toMatchObject({
      status: 409,
      body: { error: { code: 'INVALID_TRANSITION', message: '任务日期已过，不能改派' } },
    });
    expect(await storedItem(keys.assignment(past.id))).toMatchObject({
      version: 1,
      volunteerSignupId: held.id,
      status: 'assigned',
    });
    expect(await slotHolder(next.id, day(-1), 'am')).toBeNull();
  });

  it('lets only one of two racing reassignments of the same version through', async () => {
    const s = await assignmentScene();
    const task = await created(s.staff.token, body(s.townSite, s.signupA, day(3), 'am'));
    const third = await freshUser({ roles: ['volunteer'] });
    const signupC = await storedVolunteer(s.campaign, third.userId);
    const results = await Promise.all(
      [s.signupB, signupC].map((signup) =>
        reassign(s.staff.token, task.id, { version: 1, volunteerSignupId: signup.id }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toStrictEqual([200, 409]);
    const winner = (results.find((r) => r.status === 200)!.body as Assignment).volunteerSignupId;
    const loser = winner === s.signupB.id ? signupC.id : s.signupB.id;
    expect(await slotHolder(winner, day(3), 'am')).toBe(task.id);
    expect(await slotHolder(loser, day(3), 'am')).toBeNull();
    expect(await slotHolder(s.signupA.id, day(3), 'am')).toBeNull();
  });

  it('answers identical racing answers, reassignments and cancels alike, as the one move they are', async () => {
    const s = await assignmentScene();
    const task = await created(s.staff.token, body(s.townSite, s.signupA, day(2), 'pm'));
    const five = <T>(send: () => Promise<T>) => Promise.all(Array.from({ length: 5 }, send));
    const accept = { version: 1, response: { decision: 'accept' } };

    const accepted = await five(() => respond(s.volunteerA.token, task.id, accept));
    expect(accepted).toStrictEqual(
      Array(5).fill({ status: 200, body: { ...task, status: 'accepted', version: 2 } }),
    );
    const handOn = { version: 2, volunteerSignupId: s.signupB.id };
    const handed = await five(() => reassign(s.staff.token, task.id, handOn));
    expect(new Set(handed.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(handed[0]).toMatchObject({
      status: 200,
      body: { status: 'assigned', version: 3, volunteerSignupId: s.signupB.id },
    });
    const cancelled = await five(() => cancel(s.staff.token, task.id, { version: 3, reason: '工地停工' }));
    expect(new Set(cancelled.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(cancelled[0]).toMatchObject({ status: 200, body: { status: 'cancelled', version: 4 } });
    expect((await storedItem(keys.assignment(task.id)))?.version).toBe(4);
    expect(await slotHolder(s.signupA.id, day(2), 'pm')).toBeNull();
    expect(await slotHolder(s.signupB.id, day(2), 'pm')).toBeNull();
  });

  it('cancels with a reason and frees the half day; the site and half day may then be assigned afresh', async () => {
    const s = await assignmentScene();
    const task = await created(s.staff.token, body(s.townSite, s.signupA, day(3), 'pm'));
    expect(await cancel(s.staff.token, task.id, { version: 1, reason: '停' })).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED' } },
    });
    const cancelled = await cancel(s.staff.token, task.id, { version: 1, reason: '工地停工两天' });
    expect(cancelled).toStrictEqual({
      status: 200,
      body: { ...task, status: 'cancelled', reason: '工地停工两天', version: 2 },
    });
    expect(await cancel(s.staff.token, task.id, { version: 1, reason: '工地停工两天' })).toStrictEqual(
      cancelled,
    );
    expect(await slotHolder(s.signupA.id, day(3), 'pm')).toBeNull();
    const over = {
      status: 409,
      body: { error: { code: 'INVALID_TRANSITION', message: '当前状态下不能执行此操作' } },
    };
    expect(await cancel(s.staff.token, task.id, { version: 2, reason: '再取消一次' })).toStrictEqual(over);
    expect(
      await reassign(s.staff.token, task.id, { version: 2, volunteerSignupId: s.signupB.id }),
    ).toStrictEqual(over);
    expect(
      await respond(s.volunteerA.token, task.id, { version: 2, response: { decision: 'accept' } }),
    ).toStrictEqual(over);
    // 我的任务 still tells the volunteer what became of it.
    expect((await mine(s.volunteerA.token)).body).toStrictEqual({ assignments: [cancelled.body] });

    const afresh = await create(s.staff.token, body(s.townSite, s.signupB, day(3), 'pm'));
    expect(afresh).toStrictEqual({
      status: 201,
      body: {
        ...expectedTask(s, s.townSite, s.signupB, day(3), 'pm'),
        history: [
          {
            volunteerSignupId: s.signupA.id,
            volunteerName: '赵测试',
            status: 'cancelled',
            reason: '工地停工两天',
            at: new Date().toISOString(),
          },
        ],
        version: 3,
      },
    });
    expect(await slotHolder(s.signupB.id, day(3), 'pm')).toBe(task.id);
    expect(ids(await mine(s.volunteerA.token))).toStrictEqual([]);
  });

  it('stops handing a task on once its history is full', async () => {
    const s = await assignmentScene();
    const task = await created(s.staff.token, body(s.townSite, s.signupA, day(1), 'am'));
    const record = assignmentRecordSchema.parse(await storedItem(keys.assignment(task.id)));
    const entry = {
      volunteerSignupId: s.signupB.id,
      volunteerName: '钱测试',
      status: 'declined' as const,
      at: task.createdAt,
    };
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: assignmentToItem({ ...record, history: Array.from({ length: 20 }, () => entry) }),
      }),
    );
    expect(
      await reassign(s.staff.token, task.id, { version: 1, volunteerSignupId: s.signupB.id }),
    ).toStrictEqual({
      status: 409,
      body: { error: { code: 'INVALID_TRANSITION', message: '该任务改派次数已达上限，不能再改派' } },
    });
    expect(await slotHolder(s.signupB.id, day(1), 'am')).toBeNull();
  });
});

describe('Handler: listAssignments and listMyAssignments', () => {
  atShanghaiNoon();

  it('shows the whole board to the running union and those above, a town its own sites, nobody beside', async () => {
    const s = await assignmentScene();
    const countyTask = await created(s.staff.token, body(s.countySite, s.signupA, day(1), 'pm'));
    const townTask = await created(s.townStaff.token, body(s.townSite, s.signupB, day(1), 'am'));
    const [city, beside, worker] = await Promise.all([
      freshUser({ roles: ['staff'], orgPath: '320000/320500' }),
      freshUser({ roles: ['staff'], orgPath: sip }),
      freshUser(),
    ]);
    const whole = { status: 200, body: { assignments: [townTask, countyTask], nextCursor: null } };
    expect(await board(s.staff.token, s.campaign.id, { date: day(1) })).toStrictEqual(whole);
    expect(await board(city.token, s.campaign.id, { date: day(1) })).toStrictEqual(whole);
    expect(await board(s.townStaff.token, s.campaign.id, { date: day(1) })).toStrictEqual({
      status: 200,
      body: { assignments: [townTask], nextCursor: null },
    });
    expect(await board(s.staff.token, s.campaign.id, { date: day(2) })).toStrictEqual({
      status: 200,
      body: { assignments: [], nextCursor: null },
    });
    expect(await board(beside.token, s.campaign.id, { date: day(1) })).toMatchObject({
      status: 403,
      body: { error: { code: 'OUT_OF_SCOPE' } },
    });
    expect(await board(worker.token, s.campaign.id, { date: day(1) })).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
    expect(await board(s.staff.token, 'cp_it0000000000000000', { date: day(1) })).toMatchObject({
      status: 404,
      body: { error: { code: 'CAMPAIGN_NOT_FOUND' } },
    });
    expect(await board(s.staff.token, s.campaign.id, {})).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: 'query.date' }] } } },
    });
  });

  it('pages a full board with cursors bound to the view that made them', async () => {
    const s = await assignmentScene();
    const date = day(5);
    const records = await Promise.all(
      Array.from({ length: 55 }, async (_, index) => {
        const site = index % 2 === 0 ? s.townSite : s.countySite;
        const id = `as_${randomUUID().replace(/-/g, '')}`;
        const record = assignmentRecordSchema.parse({
          id,
          campaignId: s.campaign.id,
          campaignTitle: s.campaign.title,
          worksiteSignupId: site.id,
          volunteerSignupId: s.signupA.id,
          volunteerName: s.signupA.name,
          volunteerUserId: s.volunteerA.userId,
          orgPath: site.orgPath,
          date,
          slot: index % 3 === 0 ? 'am' : 'pm',
          status: 'assigned',
          site: {
            siteName: site.siteName,
            address: site.address,
            orgName: site.orgName,
            contactName: site.contactName,
            contactPhoneMasked: '138****5678',
            outdoorWorkers: site.outdoorWorkers,
            requested: site.requested,
          },
          history: [],
          version: 1,
          createdAt: new Date().toISOString(),
          updatedAt: new Date().toISOString(),
        });
        await db.send(new PutCommand({ TableName: tableName, Item: assignmentToItem(record) }));
        return record;
      }),
    );
    const follow = async (token: string) => {
      const pages: string[][] = [];
      let cursor: string | null = null;
      do {
        const page = await board(token, s.campaign.id, { date, ...(cursor ? { cursor } : {}) });
        expect(page.status).toBe(200);
        pages.push(ids(page));
        cursor = (page.body as { nextCursor: string | null }).nextCursor;
      } while (cursor);
      return pages;
    };
    const whole = await follow(s.staff.token);
    expect(whole.map((page) => page.length)).toStrictEqual([50, 5]);
    expect(whole.flat().sort()).toStrictEqual(records.map((r) => r.id).sort());
    const town = (await follow(s.townStaff.token)).flat();
    expect(town.sort()).toStrictEqual(
      records
        .filter((r) => r.orgPath === s.town)
        .map((r) => r.id)
        .sort(),
    );

    const first = (await board(s.staff.token, s.campaign.id, { date })).body as { nextCursor: string };
    const badCursor = {
      status: 400,
      body: { error: { code: 'BAD_CURSOR', message: '翻页参数无效，请从第一页重新查询' } },
    };
    // The county's cursor does not open the town's view, another date, or survive an edit.
    expect(await board(s.townStaff.token, s.campaign.id, { date, cursor: first.nextCursor })).toStrictEqual(
      badCursor,
    );
    expect(
      await board(s.staff.token, s.campaign.id, { date: day(6), cursor: first.nextCursor }),
    ).toStrictEqual(badCursor);
    expect(await board(s.staff.token, s.campaign.id, { date, cursor: `x${first.nextCursor}` })).toStrictEqual(
      badCursor,
    );
  });

  it('lists my tasks from today on: waiting and accepted first by date, declined and cancelled after', async () => {
    const s = await assignmentScene();
    const volunteer = await freshUser({ roles: ['volunteer'] });
    const signup = await storedVolunteer(s.campaign, volunteer.userId, {
      availability: halfDays(-1, 1, 2, 3),
    });
    const assign = (date: string, slot: 'am' | 'pm') =>
      created(s.staff.token, body(s.countySite, signup, date, slot));
    const later = await assign(day(3), 'am');
    // Yesterday's task can no longer be made through the API: stored as a copy of a later one.
    const laterRecord = assignmentRecordSchema.parse(await storedItem(keys.assignment(later.id)));
    const past = { ...laterRecord, id: expectedAssignmentId(s.countySite.id, day(-1), 'am'), date: day(-1) };
    await db.send(new PutCommand({ TableName: tableName, Item: assignmentToItem(past) }));
    const acceptedTask = await assign(day(1), 'pm');
    const declinedTask = await assign(day(2), 'am');
    const cancelledTask = await assign(day(1), 'am');
    await respond(volunteer.token, acceptedTask.id, { version: 1, response: { decision: 'accept' } });
    await respond(volunteer.token, declinedTask.id, {
      version: 1,
      response: { decision: 'decline', reason: '身体不适' },
    });
    await cancel(s.staff.token, cancelledTask.id, { version: 1, reason: '天气预报有雷雨' });
    const listed = await mine(volunteer.token);
    expect(listed.status).toBe(200);
    expect(ids(listed)).toStrictEqual([acceptedTask.id, later.id, cancelledTask.id, declinedTask.id]);
    expect(ids(listed)).not.toContain(past.id);
  });
});
