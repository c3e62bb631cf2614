import { randomUUID } from 'node:crypto';
import type { Assignment } from '@ankang/shared';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { keys } from '../../functions/src/db/keys';
import {
  volunteerSignupRecordSchema,
  worksiteSignupRecordSchema,
} from '../../functions/src/db/signupRecords';
import { day } from '../support/shanghaiDay';
import { testTableName } from '../support/stack';
import { loginAsDemo, loginWithCode, messagesTo, request } from './http';
import { table } from './table';

const campaignId = 'cp_demo0zjgthis';
const zjg = '320000/320500/320582';

const hexId = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 20)}`;

/** An approved worksite sign-up of the demo campaign in 张家港, written straight to the table. */
async function approvedSite(): Promise<{ id: string; siteName: string }> {
  const stamp = new Date().toISOString();
  const record = worksiteSignupRecordSchema.parse({
    id: hexId('ws'),
    campaignId,
    siteName: `接口测试工地${randomUUID().slice(0, 4)}`,
    orgPath: zjg,
    orgName: '张家港市',
    address: '张家港市杨舍镇测试路 1 号',
    outdoorWorkers: 30,
    highTempWorkers: 10,
    workerGroups: ['construction'],
    requested: [{ kind: 'cool', items: ['water'] }],
    preferredDates: [],
    contactName: '测试联系人',
    contactPhone: '13912345678',
    status: 'approved',
    review: { by: '李敏', at: stamp },
    version: 2,
    createdAt: stamp,
    updatedAt: stamp,
    applicantUserId: 'u_api_applicant',
    requestId: randomUUID(),
  });
  await table.send(
    new PutCommand({
      TableName: testTableName,
      Item: { ...keys.worksiteSignup(record.id), type: 'WorksiteSignup', ...record },
    }),
  );
  return record;
}

/** A fresh WeChat user with an approved volunteer sign-up free on days 20–21 (both half days). */
async function approvedVolunteer(name: string) {
  const code = `ok-${randomUUID()}`;
  const { token, me } = await loginWithCode(code);
  const stamp = new Date().toISOString();
  const record = volunteerSignupRecordSchema.parse({
    id: hexId('vs'),
    campaignId,
    userId: me.id,
    name,
    districts: [zjg],
    availability: [20, 21].flatMap((n) => [
      { date: day(n), slot: 'am' },
      { date: day(n), slot: 'pm' },
    ]),
    skills: [],
    phone: '13962319999',
    status: 'approved',
    review: { by: '李敏', at: stamp },
    version: 2,
    createdAt: stamp,
    updatedAt: stamp,
    requestId: randomUUID(),
  });
  await table.send(
    new PutCommand({
      TableName: testTableName,
      Item: { ...keys.volunteerSignup(record.id), type: 'VolunteerSignup', ...record },
    }),
  );
  // The fake WeChat's jscode2session answers `openid-<code>`.
  return { token, userId: me.id, openid: `openid-${code}`, signupId: record.id };
}

const ids = (body: unknown) => (body as { assignments: Assignment[] }).assignments.map((task) => task.id);
/** Tasks by site and half day (the demo tasks' ids are hashes; these say which task it is). */
const sites = (body: unknown) =>
  (body as { assignments: Assignment[] }).assignments.map((task) => `${task.site.siteName} ${task.slot}`);

describe('API: the seeded assignments over HTTP', () => {
  it('shows each demo volunteer their own tasks, waiting and accepted, with the site’s phone masked', async () => {
    const zhao = await request('GET', '/me/assignments', { token: await loginAsDemo('赵磊') });
    expect(zhao.status).toBe(200);
    expect(sites(zhao.body)).toStrictEqual(['暨阳湖东住宅项目建筑工地 am', '暨阳湖东住宅项目建筑工地 pm']);
    const tasks = (zhao.body as { assignments: Assignment[] }).assignments;
    expect(tasks.map((task) => [task.status, task.slot])).toStrictEqual([
      ['assigned', 'am'],
      ['accepted', 'pm'],
    ]);
    expect(tasks[0]!.site).toMatchObject({
      siteName: '暨阳湖东住宅项目建筑工地',
      contactPhoneMasked: '138****5678',
    });
    expect(JSON.stringify(zhao.body)).not.toContain('13812345678');
    expect(JSON.stringify(zhao.body)).not.toContain('volunteerUserId');

    const qian = await request('GET', '/me/assignments', { token: await loginAsDemo('钱悦') });
    expect(sites(qian.body)).toStrictEqual(['杨舍镇城区环卫管理所 am', '大新镇外卖配送站 pm']);
    const handedOn = (qian.body as { assignments: Assignment[] }).assignments[0]!;
    expect(handedOn.history).toStrictEqual([
      {
        volunteerSignupId: 'vs_demo0zjgvol00001',
        volunteerName: '赵磊',
        status: 'declined',
        reason: '当天上午单位有安全检查，走不开',
        at: expect.any(String),
      },
    ]);
  });

  it('shows the board to 张家港 staff, only its own site to 大新镇, and refuses 园区 staff and workers', async () => {
    const qian = await request('GET', '/me/assignments', { token: await loginAsDemo('钱悦') });
    const date = (qian.body as { assignments: Assignment[] }).assignments[0]!.date;
    const path = `/staff/campaigns/${campaignId}/assignments?date=${date}`;

    const county = await request('GET', path, { token: await loginAsDemo('李敏') });
    expect(county.status).toBe(200);
    // Morning first: the city depot (handed to 钱悦), then 大新镇's delivery station.
    expect(sites(county.body)).toStrictEqual(['杨舍镇城区环卫管理所 am', '大新镇外卖配送站 pm']);
    expect((county.body as { nextCursor: unknown }).nextCursor).toBeNull();
    const town = await request('GET', path, { token: await loginAsDemo('顾晓东') });
    expect(sites(town.body)).toStrictEqual(['大新镇外卖配送站 pm']);

    expect(await request('GET', path, { token: await loginAsDemo('沈佳怡') })).toMatchObject({
      status: 403,
      body: { error: { code: 'OUT_OF_SCOPE' } },
    });
    const { token: worker } = await loginWithCode(`ok-${randomUUID()}`);
    expect(await request('GET', path, { token: worker })).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
    expect(await request('GET', path)).toMatchObject({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED' } },
    });
    expect(
      await request('GET', `/staff/campaigns/${campaignId}/assignments?date=2026-13-01`, {
        token: await loginAsDemo('李敏'),
      }),
    ).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
  });
});

describe('API: assigning, answering and handing on over HTTP', () => {
  it('assigns once however often it is sent, notifies once on consent, and keeps the decliner in the history', async () => {
    const staff = await loginAsDemo('李敏');
    const site = await approvedSite();
    const first = await approvedVolunteer('接口志愿者甲');
    const second = await approvedVolunteer('接口志愿者乙');
    for (const volunteer of [first, second]) {
      const consent = await request('POST', '/me/subscriptions', {
        token: volunteer.token,
        body: { requestId: randomUUID(), results: [{ topic: 'assignment', result: 'accept' }] },
      });
      expect(consent).toMatchObject({
        status: 200,
        body: {
          subscriptions: [
            { topic: 'assignment', templateId: 'local-template-assignment', remaining: 1 },
            {},
            {},
            {},
            {},
          ],
        },
      });
    }

    const input = { worksiteSignupId: site.id, volunteerSignupId: first.signupId, date: day(20), slot: 'am' };
    const created = await request('POST', '/staff/assignments', { token: staff, body: input });
    expect(created).toMatchObject({
      status: 201,
      body: {
        status: 'assigned',
        version: 1,
        volunteerName: '接口志愿者甲',
        site: { contactPhoneMasked: '139****5678' },
      },
    });
    const task = created.body as Assignment;
    const again = await request('POST', '/staff/assignments', { token: staff, body: input });
    expect({ status: again.status, body: again.body }).toStrictEqual({ status: 201, body: task });
    expect(await messagesTo(first.openid)).toMatchObject([
      { template_id: 'local-template-assignment', page: `volunteer/pages/task/index?id=${task.id}` },
    ]);

    // Only the volunteer holding it may answer; anyone else is told there is no such task.
    const accept = { version: 1, response: { decision: 'accept' } };
    expect(
      await request('POST', `/assignments/${task.id}/response`, { token: second.token, body: accept }),
    ).toMatchObject({ status: 404, body: { error: { code: 'ASSIGNMENT_NOT_FOUND' } } });
    const declined = await request('POST', `/assignments/${task.id}/response`, {
      token: first.token,
      body: { version: 1, response: { decision: 'decline', reason: '当天要值班' } },
    });
    expect(declined).toMatchObject({
      status: 200,
      body: { status: 'declined', reason: '当天要值班', version: 2 },
    });

    const handOn = { version: 2, volunteerSignupId: second.signupId };
    expect(
      await request('POST', `/staff/assignments/${task.id}/reassign`, {
        token: await loginAsDemo('沈佳怡'),
        body: handOn,
      }),
    ).toMatchObject({ status: 403, body: { error: { code: 'OUT_OF_SCOPE' } } });
    expect(
      await request('POST', `/staff/assignments/${task.id}/reassign`, {
        token: staff,
        body: { ...handOn, version: 1 },
      }),
    ).toMatchObject({
      status: 409,
      body: { error: { code: 'VERSION_CONFLICT', details: { currentVersion: 2 } } },
    });
    const handed = await request('POST', `/staff/assignments/${task.id}/reassign`, {
      token: staff,
      body: handOn,
    });
    expect(handed).toMatchObject({
      status: 200,
      body: {
        status: 'assigned',
        version: 3,
        volunteerSignupId: second.signupId,
        history: [{ volunteerSignupId: first.signupId, status: 'declined', reason: '当天要值班' }],
      },
    });
    expect(await messagesTo(second.openid)).toHaveLength(1);
    expect(ids((await request('GET', '/me/assignments', { token: first.token })).body)).toStrictEqual([]);
    expect(ids((await request('GET', '/me/assignments', { token: second.token })).body)).toStrictEqual([
      task.id,
    ]);

    const cancelled = await request('POST', `/staff/assignments/${task.id}/cancel`, {
      token: staff,
      body: { version: 3, reason: '工地临时停工' },
    });
    expect(cancelled).toMatchObject({ status: 200, body: { status: 'cancelled', version: 4 } });
    expect(
      await request('POST', `/assignments/${task.id}/response`, {
        token: second.token,
        body: { ...accept, version: 4 },
      }),
    ).toMatchObject({ status: 409, body: { error: { code: 'INVALID_TRANSITION' } } });
  });

  it('refuses bad and unavailable requests with their codes, and stores nothing', async () => {
    const staff = await loginAsDemo('李敏');
    const site = await approvedSite();
    const volunteer = await approvedVolunteer('接口志愿者丙');
    const post = (body: unknown, token = staff) => request('POST', '/staff/assignments', { token, body });
    const valid = {
      worksiteSignupId: site.id,
      volunteerSignupId: volunteer.signupId,
      date: day(21),
      slot: 'pm',
    };

    expect(await post({ ...valid, slot: 'evening' })).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: 'body.slot' }] } } },
    });
    expect(await post({ ...valid, date: day(22) })).toMatchObject({
      status: 422,
      body: { error: { code: 'VOLUNTEER_UNAVAILABLE' } },
    });
    expect(await post({ ...valid, date: day(400) })).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: 'body.date' }] } } },
    });
    expect(await post({ ...valid, worksiteSignupId: 'ws_demo0zjgsite0001' })).toMatchObject({
      status: 409,
      body: { error: { code: 'NOT_APPROVED' } },
    });
    expect(await post({ ...valid, volunteerSignupId: 'vs_00000000000000000000' })).toMatchObject({
      status: 404,
      body: { error: { code: 'SIGNUP_NOT_FOUND' } },
    });
    expect(await post(valid, await loginAsDemo('沈佳怡'))).toMatchObject({
      status: 403,
      body: { error: { code: 'OUT_OF_SCOPE' } },
    });
    expect(await post(valid, volunteer.token)).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
    expect(
      await request('POST', '/staff/assignments', { token: staff, rawBody: '{"worksiteSignupId":' }),
    ).toMatchObject({ status: 400, body: { error: { code: 'MALFORMED_JSON' } } });

    const board = await request('GET', `/staff/campaigns/${campaignId}/assignments?date=${day(21)}`, {
      token: staff,
    });
    expect(ids(board.body)).toStrictEqual([]);
    const { Item } = await table.send(
      new GetCommand({
        TableName: testTableName,
        Key: keys.volunteerSlot(volunteer.signupId, day(21), 'pm'),
      }),
    );
    expect(Item).toBeUndefined();
  });
});
