import { randomInt, randomUUID } from 'node:crypto';
import { defaultHardshipPolicy, type HardshipPolicyView } from '@ankang/shared';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { policyDraft } from '../support/households';
import { testTableName } from '../support/stack';
import { loginAsDemo, loginWithCode, request } from './http';
import { putOrg, table } from './table';

/**
 * Rule configuration over real HTTP: staff read the rules of their node (the demo's 苏州 override
 * reaches 大新镇), only admins set or clear them, nobody beside reads them, a bad policy is a 400
 * in Chinese. Admin writes go to a tree of the test's own, so the demo's rules stay as seeded.
 */

const SUZHOU = '320000/320500';
const DAXIN = '320000/320500/320582/daxin';
const POLICY = '/staff/hardship/policy';

const refusal = (status: number, code: string, message: string) => ({
  status,
  body: { error: { code, message } },
  headers: expect.anything(),
});
const UNAUTHENTICATED = refusal(401, 'UNAUTHENTICATED', '请先登录');
const FORBIDDEN = refusal(403, 'FORBIDDEN', '您没有执行此操作的权限');
const OUT_OF_SCOPE = refusal(403, 'OUT_OF_SCOPE', '超出您所在工会组织的管理范围');

const atOrg = (orgPath: string) => `${POLICY}?orgPath=${encodeURIComponent(orgPath)}`;
const clearPath = (orgPath: string, expectedVersion: number) =>
  `${atOrg(orgPath)}&expectedVersion=${expectedVersion}`;

const draft = policyDraft;

/** Everything stored under a node's policy and its trail. */
async function storedFor(orgPath: string) {
  const all = async (pk: string) =>
    (
      await table.send(
        new QueryCommand({
          TableName: testTableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': pk },
          ConsistentRead: true,
        }),
      )
    ).Items ?? [];
  return { policy: await all(`HPOLICY#${orgPath}`), audit: await all(`AUDIT#POLICY#${orgPath}`) };
}

let admin: string;
let daxin: string;
let sip: string;
let volunteer: string;
let worker: string;
/** A tree of this test's own: root › city, with a staff member granted at the city by the admin. */
let root: string;
let city: string;
let cityStaff: string;

describe('API: hardship rule configuration', () => {
  beforeAll(async () => {
    [admin, daxin, sip, volunteer] = await Promise.all([
      loginAsDemo('周建国'),
      loginAsDemo('顾晓东'),
      loginAsDemo('沈佳怡'),
      loginAsDemo('赵磊'),
    ]);
    ({ token: worker } = await loginWithCode(`ok-${randomUUID()}`));
    root = `9${String(randomInt(100_000)).padStart(5, '0')}`;
    city = `${root}/${root.slice(0, 4)}00`;
    await putOrg(root, root, '测试省总工会', 'province');
    await putOrg(city, root, '测试市总工会', 'city');
    const staff = await loginWithCode(`ok-${randomUUID()}`);
    const granted = await request('POST', '/admin/staff', {
      token: admin,
      body: { action: 'grant', userId: staff.me.id, orgPath: city },
    });
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    cityStaff = staff.token;
  });

  it('shows 大新镇 the 苏州 override it inherits, from the seed', async () => {
    const answer = await request('GET', atOrg(DAXIN), { token: daxin });
    expect(answer.status).toBe(200);
    const view = answer.body as HardshipPolicyView;
    const suzhou = {
      policy: { ...defaultHardshipPolicy, cadenceRecentExitDays: 60, version: 1 },
      fromOrgPath: SUZHOU,
      fromOrgName: '苏州市总工会',
    };
    expect(view).toStrictEqual({
      orgPath: DAXIN,
      effective: suzhou,
      own: null,
      inherited: suzhou,
      version: 0,
      history: [],
    });
    // Without orgPath: the caller's own node.
    const own = await request('GET', POLICY, { token: daxin });
    expect(own.body).toStrictEqual(view);
    const atSuzhou = await request('GET', atOrg(SUZHOU), { token: admin });
    expect((atSuzhou.body as HardshipPolicyView).own).toMatchObject({
      setByName: '周建国',
      note: '苏州市防止返困监测细则（2026）',
      version: 1,
    });
    expect((atSuzhou.body as HardshipPolicyView).inherited).toStrictEqual({
      policy: defaultHardshipPolicy,
      fromOrgPath: null,
      fromOrgName: null,
    });
  });

  it('refuses nobody with 401, workers and volunteers with 403, staff writes with 403', async () => {
    const body = { orgPath: city, expectedVersion: 0, policy: draft };
    expect(await request('GET', atOrg(DAXIN))).toStrictEqual(UNAUTHENTICATED);
    expect(await request('PUT', POLICY, { body })).toStrictEqual(UNAUTHENTICATED);
    expect(await request('DELETE', clearPath(city, 0))).toStrictEqual(UNAUTHENTICATED);
    for (const token of [worker, volunteer]) {
      expect(await request('GET', atOrg(DAXIN), { token })).toStrictEqual(FORBIDDEN);
      expect(await request('PUT', POLICY, { token, body })).toStrictEqual(FORBIDDEN);
      expect(await request('DELETE', clearPath(city, 0), { token })).toStrictEqual(FORBIDDEN);
    }
    // Staff read their node's rules but never write them, not even on their own node.
    expect((await request('GET', atOrg(city), { token: cityStaff })).status).toBe(200);
    expect(await request('PUT', POLICY, { token: cityStaff, body })).toStrictEqual(FORBIDDEN);
    expect(await request('DELETE', clearPath(city, 0), { token: cityStaff })).toStrictEqual(FORBIDDEN);
    expect(await request('PUT', POLICY, { token: daxin, body: { ...body, orgPath: DAXIN } })).toStrictEqual(
      FORBIDDEN,
    );
    expect(await storedFor(city)).toStrictEqual({ policy: [], audit: [] });
    expect(await storedFor(DAXIN)).toStrictEqual({ policy: [], audit: [] });
  });

  it('refuses staff beside (苏州工业园区) reading 大新镇 with 403 OUT_OF_SCOPE, and staff above their node', async () => {
    expect(await request('GET', atOrg(DAXIN), { token: sip })).toStrictEqual(OUT_OF_SCOPE);
    expect(await request('GET', atOrg(SUZHOU), { token: daxin })).toStrictEqual(OUT_OF_SCOPE);
    expect(await request('GET', atOrg(DAXIN), { token: cityStaff })).toStrictEqual(OUT_OF_SCOPE);
  });

  it('lets the admin set, and staff in scope read, the node’s own rules; a stale version is 409; clear restores inheriting', async () => {
    const set = await request('PUT', POLICY, {
      token: admin,
      body: { orgPath: city, expectedVersion: 0, policy: draft, note: '测试细则' },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const mine = { policy: { ...draft, version: 1 }, fromOrgPath: city, fromOrgName: '测试市总工会' };
    expect((set.body as HardshipPolicyView).effective).toStrictEqual(mine);
    const read = await request('GET', atOrg(city), { token: cityStaff });
    expect(read.body).toStrictEqual(set.body);
    // The same body again (a retry after a lost answer): the same state, nothing more written.
    const stored = await storedFor(city);
    const retry = await request('PUT', POLICY, {
      token: admin,
      body: { orgPath: city, expectedVersion: 0, policy: draft, note: '测试细则' },
    });
    expect(retry.body).toStrictEqual(set.body);
    expect(await storedFor(city)).toStrictEqual(stored);
    const stale = await request('PUT', POLICY, {
      token: admin,
      body: { orgPath: city, expectedVersion: 0, policy: { ...draft, cadenceActiveDays: 75 } },
    });
    expect(stale).toStrictEqual({
      status: 409,
      body: {
        error: {
          code: 'VERSION_CONFLICT',
          message: '规则已被他人修改，请刷新后重试',
          details: { currentVersion: 1 },
        },
      },
      headers: expect.anything(),
    });
    const cleared = await request('DELETE', clearPath(city, 1), { token: admin });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({
      own: null,
      version: 2,
      effective: { policy: defaultHardshipPolicy, fromOrgPath: null, fromOrgName: null },
      history: [
        { version: 2, policy: null, setByName: '周建国' },
        { version: 1, note: '测试细则' },
      ],
    });
  });

  it('refuses a malformed policy with 400 and Chinese messages, storing nothing', async () => {
    const before = await storedFor(city);
    const longerHigh = await request('PUT', POLICY, {
      token: admin,
      body: { orgPath: city, expectedVersion: 2, policy: { ...draft, cadenceAfterHighDays: 50 } },
    });
    expect(longerHigh).toStrictEqual({
      status: 400,
      body: {
        error: {
          code: 'VALIDATION_FAILED',
          message: '提交的内容有误，请检查后重试',
          details: {
            issues: [
              { path: 'body.policy.cadenceAfterHighDays', message: '高风险户走访周期不能长于其他走访周期' },
            ],
          },
        },
      },
      headers: expect.anything(),
    });
    const outOfRange = await request('PUT', POLICY, {
      token: admin,
      body: {
        orgPath: city,
        expectedVersion: 2,
        policy: { ...draft, medicalShareOfIncome: 9, monitoringMonths: 0, exitReviewMonths: 1.5 },
      },
    });
    expect(outOfRange.status).toBe(400);
    expect(
      (outOfRange.body as { error: { details: { issues: unknown[] } } }).error.details.issues,
    ).toStrictEqual([
      { path: 'body.policy.medicalShareOfIncome', message: '医疗支出占收入比例不能大于 5' },
      { path: 'body.policy.monitoringMonths', message: '脱困后监测期（月）不能小于 1' },
      { path: 'body.policy.exitReviewMonths', message: '脱困评估所需月数须为整数' },
    ]);
    const notJson = await request('PUT', POLICY, { token: admin, rawBody: '{"orgPath":' });
    expect(notJson.status).toBe(400);
    const badVersion = await request('DELETE', `${atOrg(city)}&expectedVersion=abc`, { token: admin });
    expect(badVersion.status).toBe(400);
    expect(await storedFor(city)).toStrictEqual(before);
  });
});
