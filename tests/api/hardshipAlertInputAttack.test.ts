import { randomInt } from 'node:crypto';
import type { HardshipAlert, HardshipPolicyView, HouseholdFile } from '@ankang/shared';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { policyDraft } from '../support/households';
import { testTableName } from '../support/stack';
import { DAXIN, raiseAlert, rawAlert, rawPartition, SIP, storedOf } from './hardshipAlertHelpers';
import { expectRefused, loginAsDemo, request } from './http';
import { table } from './table';

/**
 * Hostile bodies and queries on the alert and rule routes over real HTTP: fields a caller may not
 * set (mass assignment) change nothing, bodies over 1 MB and huge texts are 400, bad query values
 * are 400, and the same write sent twice at once lands once.
 */

const base = (id: string) => `/staff/hardship/alerts/${id}`;

/** Fields of the stored alert that only the server decides. */
const FORGED = {
  status: 'resolved',
  assigneeUserId: 'u_forged',
  assigneeName: '伪造',
  orgPath: SIP,
  holderOrgPath: SIP,
  escalations: [{ fromOrgPath: DAXIN, toOrgPath: SIP }],
  exhausted: true,
  outcome: { kind: 'noHelp', note: '伪造的办结' },
  resolvedByUserId: 'u_forged',
  resolvedByName: '伪造',
  fileId: `hf_${'0'.repeat(32)}`,
  rule: 'visitOverdue',
  severity: 'low',
  dueOn: '2099-01-01',
  commentCount: 99,
};

/** The file as it stands now (a visit moves its version after the create answered). */
const fileNow = async (token: string, id: string) =>
  (await request('GET', `/staff/hardship/files/${id}`, { token })).body as HouseholdFile;

let daxin: string;
let admin: string;
let zjg: string;
let zjgUserId: string;
let daxinUserId: string;

beforeAll(async () => {
  [daxin, admin] = await Promise.all([loginAsDemo('顾晓东'), loginAsDemo('周建国')]);
  zjg = await loginAsDemo('李敏');
  zjgUserId = ((await request('GET', '/me', { token: zjg })).body as { id: string }).id;
  daxinUserId = ((await request('GET', '/me', { token: daxin })).body as { id: string }).id;
});

describe('API: mass assignment on the alert transitions', () => {
  it('ignores every field a caller may not set, on 确认, 转派 and 办结', async () => {
    const { alert } = await raiseAlert(daxin);
    const raised = (await rawAlert(alert.id))!;
    // A town's staff may hand an alert only to staff of their own node: 转派 is done by 张家港 (above).
    const post = (action: string, body: unknown) =>
      request('POST', `${base(alert.id)}/${action}`, { token: action === 'assign' ? zjg : daxin, body });

    expect((await post('acknowledge', { ...FORGED, version: 1, note: '已确认' })).status).toBe(200);
    const acknowledged = (await rawAlert(alert.id))!;
    expect({ ...acknowledged, updatedAt: raised.updatedAt }).toStrictEqual({
      ...raised,
      status: 'acknowledged',
      gsi1pk: String(raised.gsi1pk).replace(/#open$/, '#acknowledged'),
      version: 2,
    });

    const assigned = await post('assign', {
      ...FORGED,
      version: 2,
      assigneeUserId: zjgUserId,
      reason: '请上级协调',
    });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    expect(await rawAlert(alert.id)).toMatchObject({
      assigneeUserId: zjgUserId,
      assigneeName: '李敏',
      orgPath: DAXIN,
      holderOrgPath: DAXIN,
      escalations: [],
      fileId: raised.fileId,
      rule: 'belowPovertyLine',
      severity: 'high',
      dueOn: raised.dueOn,
      version: 3,
    });

    const resolved = await post('resolve', {
      ...FORGED,
      version: 3,
      outcome: {
        kind: 'noHelp',
        note: '收入已恢复',
        category: 'deep',
        referredTo: '民政',
        measures: ['warmth'],
      },
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    const stored = (await rawAlert(alert.id))!;
    expect(stored.outcome).toStrictEqual({ kind: 'noHelp', note: '收入已恢复' });
    expect(stored).toMatchObject({
      status: 'resolved',
      resolvedByUserId: daxinUserId,
      resolvedByName: '顾晓东',
      orgPath: DAXIN,
      fileId: raised.fileId,
      escalations: [],
      version: 4,
    });
    expect(stored.exhausted).toBeUndefined();
    expect(stored.commentCount).toBeUndefined();
  });

  it('lets 重新建档 change only the category: the file stays in its node, active, its other fields its own', async () => {
    const { alert, file } = await raiseAlert(daxin);
    expect(
      (await request('POST', `${base(alert.id)}/acknowledge`, { token: daxin, body: { version: 1 } })).status,
    ).toBe(200);
    const before = await fileNow(daxin, file.id);
    const answer = await request('POST', `${base(alert.id)}/resolve`, {
      token: daxin,
      body: {
        version: 2,
        outcome: {
          kind: 'refiled',
          category: 'deep',
          orgPath: SIP,
          status: 'exited',
          headName: '伪造',
          version: 99,
        },
      },
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const after = (await request('GET', `/staff/hardship/files/${file.id}`, { token: daxin }))
      .body as HouseholdFile;
    expect(after).toMatchObject({
      orgPath: DAXIN,
      headName: file.headName,
      category: 'deep',
      status: 'active',
      version: before.version + 1,
    });
  });
});

describe('API: huge bodies and bad queries on the alert routes', () => {
  it('answers bodies over 1 MB (a huge note, reason or outcome) with 413, storing nothing', async () => {
    const { alert } = await raiseAlert(daxin);
    const before = await storedOf(alert.id);
    const huge = '注'.repeat(400_000); // 1.2 MB as UTF-8
    const bodies: [string, unknown][] = [
      ['acknowledge', { version: 1, note: huge }],
      ['start', { version: 1, note: huge }],
      ['assign', { version: 1, assigneeUserId: zjgUserId, reason: huge }],
      ['resolve', { version: 1, outcome: { kind: 'noHelp', note: huge } }],
      ['resolve', { version: 1, outcome: { kind: 'referred', referredTo: huge } }],
    ];
    for (const [action, body] of bodies) {
      expect(JSON.stringify(body).length).toBeGreaterThan(400_000);
      const answer = await request('POST', `${base(alert.id)}/${action}`, { token: daxin, body });
      expectRefused(answer, 413, 'PAYLOAD_TOO_LARGE');
    }
    expect(await storedOf(alert.id)).toStrictEqual(before);
  });

  it('answers bad status, severity, rule, orgPath and childOrg values with 400', async () => {
    const bad = [
      '?status=closed',
      '?status=OPEN',
      '?severity=critical',
      '?rule=everything',
      '?orgPath=..%2F..',
      '?orgPath=320000%2F',
      '?orgPath=%2F320000',
      `?orgPath=${'3'.repeat(400)}`,
      '?orgPath=320000%00',
      '?childOrg=320000%2F%2F320500',
      '?overdue=perhaps',
    ];
    for (const query of bad) {
      expectRefused(
        await request('GET', `/staff/hardship/alerts${query}`, { token: daxin }),
        400,
        'VALIDATION_FAILED',
      );
    }
    for (const query of ['?orgPath=..%2F..', '?orgPath=320000%2F']) {
      expectRefused(
        await request('GET', `/staff/hardship/alerts/escalated${query}`, { token: daxin }),
        400,
        'VALIDATION_FAILED',
      );
      expectRefused(
        await request('GET', `/staff/hardship/policy${query}`, { token: daxin }),
        400,
        'VALIDATION_FAILED',
      );
    }
  });
});

describe('API: writes sent twice at once', () => {
  it('lands exactly one of two racing 重新建档: one file version, one refileHousehold event', async () => {
    const { alert, file } = await raiseAlert(daxin);
    expect(
      (await request('POST', `${base(alert.id)}/acknowledge`, { token: daxin, body: { version: 1 } })).status,
    ).toBe(200);
    const fileTrailBefore = await rawPartition(`AUDIT#${file.id}`);
    const before = await fileNow(daxin, file.id);
    const body = { version: 2, outcome: { kind: 'refiled', category: 'deep' } };
    const answers = await Promise.all([
      request('POST', `${base(alert.id)}/resolve`, { token: daxin, body }),
      request('POST', `${base(alert.id)}/resolve`, { token: daxin, body }),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toStrictEqual([200, 409]);
    expectRefused(answers.find((answer) => answer.status === 409)!, 409, 'VERSION_CONFLICT');
    expect((answers.find((answer) => answer.status === 200)!.body as HardshipAlert).version).toBe(3);

    const after = (await request('GET', `/staff/hardship/files/${file.id}`, { token: daxin }))
      .body as HouseholdFile;
    expect({ category: after.category, version: after.version }).toStrictEqual({
      category: 'deep',
      version: before.version + 1,
    });
    const fileTrail = await rawPartition(`AUDIT#${file.id}`);
    expect(fileTrail.length - fileTrailBefore.length).toBe(1);
    expect(fileTrail.filter((event) => event.action === 'refileHousehold')).toHaveLength(1);
    const { trail } = await storedOf(alert.id);
    expect(trail.filter((event) => event.action === 'resolveAlert')).toHaveLength(1);
  });
});

describe('API: hostile rule writes', () => {
  /** A node of the test's own, so the demo's rules stay as seeded. */
  let node: string;

  beforeAll(async () => {
    node = `9${String(randomInt(100_000)).padStart(5, '0')}`;
    await table.send(
      new PutCommand({
        TableName: testTableName,
        Item: {
          pk: 'ORG',
          sk: node,
          type: 'Org',
          path: node,
          name: '规则测试省总工会',
          region: '规则测试',
          level: 'province',
          parentPath: node,
          version: 1,
        },
      }),
    );
  });

  const draft = policyDraft;
  const stored = async () => ({
    policy: await rawPartition(`HPOLICY#${node}`),
    audit: await rawPartition(`AUDIT#POLICY#${node}`),
  });

  it('stores one version of two identical sets sent at once, and answers both alike', async () => {
    const body = { orgPath: node, expectedVersion: 0, policy: draft, note: '同时提交' };
    const answers = await Promise.all([
      request('PUT', '/staff/hardship/policy', { token: admin, body }),
      request('PUT', '/staff/hardship/policy', { token: admin, body }),
    ]);
    expect(answers.map((answer) => answer.status)).toStrictEqual([200, 200]);
    expect(answers[0]!.body).toStrictEqual(answers[1]!.body);
    expect((answers[0]!.body as HardshipPolicyView).version).toBe(1);
    const { policy, audit } = await stored();
    expect(policy.map((item) => item.sk).sort()).toStrictEqual(['CURRENT', 'V#000001']);
    expect(audit).toHaveLength(1);
  });

  it('ignores fields an admin may not set (versions, who set it), and refuses a note over 1 MB', async () => {
    const before = await stored();
    const forged = await request('PUT', '/staff/hardship/policy', {
      token: admin,
      body: {
        orgPath: node,
        expectedVersion: 1,
        policy: { ...draft, cadenceActiveDays: 75, version: 99, fromOrgPath: '320000' },
        version: 50,
        setByUserId: 'u_forged',
        setByName: '伪造',
        setAt: '2000-01-01T00:00:00.000Z',
      },
    });
    expect(forged.status, JSON.stringify(forged.body)).toBe(200);
    const view = forged.body as HardshipPolicyView;
    expect(view).toMatchObject({
      version: 2,
      own: { version: 2, setByName: '周建国', policy: { ...draft, cadenceActiveDays: 75, version: 2 } },
      effective: { fromOrgPath: node, policy: { ...draft, cadenceActiveDays: 75, version: 2 } },
    });
    const after = await stored();
    expect(after.policy).toHaveLength(before.policy.length + 1);

    const huge = await request('PUT', '/staff/hardship/policy', {
      token: admin,
      body: { orgPath: node, expectedVersion: 2, policy: draft, note: '注'.repeat(400_000) },
    });
    expectRefused(huge, 413, 'PAYLOAD_TOO_LARGE');
    expect(await stored()).toStrictEqual(after);
  });
});
