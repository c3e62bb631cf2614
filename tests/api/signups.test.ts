import { randomUUID } from 'node:crypto';
import { shanghaiDate } from '@ankang/shared';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { testTableName } from '../support/stack';
import { loginAsDemo, loginWithCode, request } from './http';
import { table } from './table';

const CAMPAIGN = 'cp_demo0zjgthis';
const DAXIN = '320000/320500/320582/daxin';

async function auditEventsOf(subjectId: string) {
  const { Items = [] } = await table.send(
    new QueryCommand({
      TableName: testTableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `AUDIT#${subjectId}` },
    }),
  );
  return Items;
}

/** A Shanghai date `days` from today. */
const inDays = (days: number) => shanghaiDate(new Date(Date.now() + days * 86_400_000));

function worksite(overrides: object = {}) {
  return {
    campaignId: CAMPAIGN,
    siteName: '大新镇保洁作业点',
    orgPath: DAXIN,
    address: '张家港市大新镇大新中路 20 号',
    location: { lat: 31.97, lng: 120.51 },
    outdoorWorkers: 18,
    highTempWorkers: 6,
    workerGroups: ['sanitation'],
    requested: [{ kind: 'cool', items: ['water'] }],
    preferredDates: [inDays(2)],
    contactName: '陆师傅',
    contactPhone: '13962319876',
    ...overrides,
  };
}

type Signup = { id: string; status: string; version: number; orgPath: string; contactPhoneMasked: string };
type Queue = { signups: Signup[]; nextCursor: string | null };

const queuePath = (kind: 'worksite' | 'volunteer', status = 'pending') =>
  `/staff/campaigns/${CAMPAIGN}/${kind}-signups?status=${status}`;

describe('API: outreach sign-ups over HTTP', () => {
  it('takes a worksite sign-up, shows it masked, and lets the town’s staff approve it once', async () => {
    const { token: worker } = await loginWithCode(`ok-${randomUUID()}`);
    const requestId = randomUUID();
    const submitted = await request('POST', '/worksite-signups', {
      token: worker,
      body: { requestId, signup: worksite() },
    });
    expect(submitted).toMatchObject({
      status: 201,
      body: {
        status: 'pending',
        orgName: '张家港市 › 大新镇',
        contactPhoneMasked: '139****9876',
        version: 1,
      },
    });
    const signup = submitted.body as Signup;
    expect(JSON.stringify(submitted.body)).not.toContain('13962319876');
    const retried = await request('POST', '/worksite-signups', {
      token: worker,
      body: { requestId, signup: worksite() },
    });
    expect(retried.body).toStrictEqual(submitted.body);
    const mine = await request('GET', '/me/worksite-signups', { token: worker });
    expect((mine.body as Queue).signups).toStrictEqual([submitted.body]);

    const town = await loginAsDemo('顾晓东');
    const queue = await request('GET', queuePath('worksite'), { token: town });
    expect(queue.status).toBe(200);
    const queued = (queue.body as Queue).signups;
    expect(queued.map((s) => s.id)).toContain(signup.id);
    expect(queued.every((s) => s.orgPath === DAXIN)).toBe(true);

    const sip = await loginAsDemo('沈佳怡');
    expect(await request('GET', queuePath('worksite'), { token: sip })).toMatchObject({
      status: 403,
      body: { error: { code: 'OUT_OF_SCOPE' } },
    });
    expect(await request('GET', queuePath('worksite'), { token: worker })).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
    const review = (token: string, body: object) =>
      request('POST', `/staff/worksite-signups/${signup.id}/review`, { token, body });
    expect(await review(sip, { decision: 'approve', version: 1 })).toMatchObject({
      status: 403,
      body: { error: { code: 'OUT_OF_SCOPE' } },
    });
    const approved = await review(town, { decision: 'approve', version: 1 });
    expect(approved).toMatchObject({
      status: 200,
      body: { status: 'approved', version: 2, review: { by: '顾晓东' } },
    });
    expect(await review(town, { decision: 'approve', version: 1 })).toMatchObject({
      status: 200,
      body: approved.body,
    });
    expect(await review(town, { decision: 'decline', version: 2, reason: '重复报名' })).toMatchObject({
      status: 409,
      body: { error: { code: 'INVALID_TRANSITION' } },
    });
    expect(await review(town, { decision: 'decline', version: 1, reason: '重复报名' })).toMatchObject({
      status: 409,
      body: { error: { code: 'VERSION_CONFLICT', details: { currentVersion: 2 } } },
    });
    const after = await request('GET', '/me/worksite-signups', { token: worker });
    expect((after.body as Queue).signups.map((s) => [s.id, s.status])).toStrictEqual([
      [signup.id, 'approved'],
    ]);
  });

  it('refuses bad input naming the field, and stores nothing', async () => {
    const { token: worker } = await loginWithCode(`ok-${randomUUID()}`);
    const send = (signup: object) =>
      request('POST', '/worksite-signups', { token: worker, body: { requestId: randomUUID(), signup } });
    expect(await send(worksite({ contactPhone: '12345' }))).toMatchObject({
      status: 400,
      body: {
        error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: 'body.signup.contactPhone' }] } },
      },
    });
    expect(await send(worksite({ location: { lat: 31.87, lng: 120.55 } }))).toMatchObject({
      status: 400,
      body: {
        error: {
          details: { issues: [{ path: 'body.signup.location', message: '所选位置不在大新镇范围内' }] },
        },
      },
    });
    const late = inDays(400);
    const dates = await send(worksite({ preferredDates: [inDays(1), late] }));
    expect(dates).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
    const issues = (dates.body as { error: { details: { issues: { path: string; message: string }[] } } })
      .error.details.issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('body.signup.preferredDates.1');
    expect(issues[0]!.message).toMatch(new RegExp(`^日期 ${late} 不在活动期间（.+）内$`));
    expect(await send(worksite({ campaignId: 'cp_nosuchcampaign' }))).toMatchObject({
      status: 404,
      body: { error: { code: 'CAMPAIGN_NOT_FOUND' } },
    });
    expect(
      await request('POST', '/worksite-signups', { body: { requestId: randomUUID(), signup: worksite() } }),
    ).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });
    expect((await request('GET', '/me/worksite-signups', { token: worker })).body).toStrictEqual({
      signups: [],
    });
  });

  it('reveals a phone to staff in scope with a reason, and records it; refuses staff beside', async () => {
    const { token: worker } = await loginWithCode(`ok-${randomUUID()}`);
    const submitted = await request('POST', '/worksite-signups', {
      token: worker,
      body: { requestId: randomUUID(), signup: worksite({ contactPhone: '0512-58680000' }) },
    });
    const id = (submitted.body as Signup).id;
    const reveal = (token: string, body: object) =>
      request('POST', `/staff/signups/${id}/phone`, { token, body });
    const sip = await loginAsDemo('沈佳怡');
    expect(await reveal(sip, { reason: '核实联系方式' })).toMatchObject({
      status: 403,
      body: { error: { code: 'OUT_OF_SCOPE' } },
    });
    const county = await loginAsDemo('李敏');
    expect(await reveal(county, {})).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED' } },
    });
    expect(await auditEventsOf(id)).toStrictEqual([]);
    expect(await reveal(county, { reason: '核实联系方式' })).toStrictEqual({
      status: 200,
      body: { phone: '0512-58680000' },
      headers: expect.anything(),
    });
    expect(await auditEventsOf(id)).toMatchObject([{ action: 'revealPhone', reason: '核实联系方式' }]);
    expect(
      await request('POST', `/staff/signups/ws_${'0'.repeat(32)}/phone`, {
        token: county,
        body: { reason: '核实' },
      }),
    ).toMatchObject({ status: 404, body: { error: { code: 'SIGNUP_NOT_FOUND' } } });
  });

  it('takes one volunteer sign-up per campaign and grants the role on approval', async () => {
    const { token: person } = await loginWithCode(`ok-${randomUUID()}`);
    const signup = {
      campaignId: CAMPAIGN,
      name: '周志愿',
      districts: [DAXIN],
      availability: [{ date: inDays(3), slot: 'am' }],
      skills: ['medical'],
      phone: '13800001111',
    };
    const requestId = randomUUID();
    const first = await request('POST', '/volunteer-signups', { token: person, body: { requestId, signup } });
    expect(first).toMatchObject({ status: 201, body: { status: 'pending', phoneMasked: '138****1111' } });
    const again = await request('POST', '/volunteer-signups', { token: person, body: { requestId, signup } });
    expect(again.body).toStrictEqual(first.body);
    expect(
      await request('POST', '/volunteer-signups', {
        token: person,
        body: { requestId: randomUUID(), signup },
      }),
    ).toMatchObject({ status: 409, body: { error: { code: 'ALREADY_SIGNED_UP' } } });
    const id = (first.body as Signup).id;

    const sip = await loginAsDemo('沈佳怡');
    expect(await request('GET', queuePath('volunteer'), { token: sip })).toMatchObject({
      status: 403,
      body: { error: { code: 'OUT_OF_SCOPE' } },
    });
    const town = await loginAsDemo('顾晓东');
    const queue = await request('GET', queuePath('volunteer'), { token: town });
    expect((queue.body as Queue).signups.map((s) => s.id)).toContain(id);

    const before = await request('GET', '/me', { token: person });
    expect((before.body as { roles: string[] }).roles).toStrictEqual(['worker']);
    const county = await loginAsDemo('李敏');
    const approved = await request('POST', `/staff/volunteer-signups/${id}/review`, {
      token: county,
      body: { decision: 'approve', version: 1 },
    });
    expect(approved).toMatchObject({ status: 200, body: { status: 'approved', review: { by: '李敏' } } });
    const me = await request('GET', '/me', { token: person });
    expect((me.body as { roles: string[] }).roles).toStrictEqual(['worker', 'volunteer']);
    const mine = await request('GET', '/me/volunteer-signups', { token: person });
    expect((mine.body as Queue).signups.map((s) => [s.id, s.status])).toStrictEqual([[id, 'approved']]);
  });

  it('shows the seeded sign-ups of the demo campaign to its staff', async () => {
    const county = await loginAsDemo('李敏');
    const approved = await request('GET', queuePath('worksite', 'approved'), { token: county });
    expect((approved.body as Queue).signups.map((s) => s.id)).toEqual(
      expect.arrayContaining(['ws_demo0zjgsite0003', 'ws_demo0zjgsite0004', 'ws_demo0zjgsite0005']),
    );
    const declined = await request('GET', queuePath('volunteer', 'declined'), { token: county });
    expect((declined.body as Queue).signups.map((s) => s.id)).toContain('vs_demo0zjgvol00004');
  });
});
