import { randomInt, randomUUID } from 'node:crypto';
import type { HardshipAlert, HardshipAlertSummary, HardshipPolicyView } from '@ankang/shared';
import { defaultHardshipPolicy } from '@ankang/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { newCommentId, raiseAlert, storedOf, ZJG } from './hardshipAlertHelpers';
import { expectRefused, loginAsDemo, loginWithCode, request } from './http';
import { putOrg } from './table';

/**
 * Who may touch an alert, over real HTTP: staff BELOW the household's node are refused on every
 * route (scope runs down the tree, never up); staff above may act, not only read; and a node whose
 * path is a string prefix of another's (…/32058 beside …/320582) is a stranger to it, for alerts
 * and for inherited rules alike.
 */

const base = (id: string) => `/staff/hardship/alerts/${id}`;

/** Every route that names one alert, with a body the right caller would get accepted. */
function idRoutes(id: string, assigneeUserId: string): [method: string, path: string, body?: unknown][] {
  return [
    ['GET', base(id)],
    ['POST', `${base(id)}/acknowledge`, { version: 1 }],
    ['POST', `${base(id)}/start`, { version: 1 }],
    ['POST', `${base(id)}/resolve`, { version: 1, outcome: { kind: 'noHelp', note: '收入已恢复' } }],
    ['POST', `${base(id)}/assign`, { version: 1, assigneeUserId, reason: '请上级协调' }],
    ['POST', `${base(id)}/comments`, { id: newCommentId(), text: '看一下' }],
    ['GET', `${base(id)}/assignees`],
  ];
}

const ids = (answer: { body: unknown }) =>
  (answer.body as { alerts: HardshipAlertSummary[] }).alerts.map((alert) => alert.id);

let admin: string;
let daxin: string;
let zjg: string;
let zjgUserId: string;

beforeAll(async () => {
  [admin, daxin, zjg] = await Promise.all([
    loginAsDemo('周建国'),
    loginAsDemo('顾晓东'),
    loginAsDemo('李敏'),
  ]);
  zjgUserId = ((await request('GET', '/me', { token: zjg })).body as { id: string }).id;
});

describe('API: staff below the household’s node', () => {
  it('refuses 大新镇 staff on every route of an alert of a 张家港 household, storing nothing', async () => {
    const { alert } = await raiseAlert(zjg, {}, ZJG);
    const before = await storedOf(alert.id);
    for (const [method, path, body] of idRoutes(alert.id, zjgUserId)) {
      expectRefused(await request(method, path, { body, token: daxin }), 403, 'OUT_OF_SCOPE');
    }
    for (const path of [
      `/staff/hardship/alerts?orgPath=${encodeURIComponent(ZJG)}`,
      `/staff/hardship/alerts/escalated?orgPath=${encodeURIComponent(ZJG)}`,
    ]) {
      expectRefused(await request('GET', path, { token: daxin }), 403, 'OUT_OF_SCOPE');
    }
    // Its own lists never show it either.
    for (const status of ['open', 'acknowledged', 'inProgress', 'resolved']) {
      const own = await request('GET', `/staff/hardship/alerts?status=${status}`, { token: daxin });
      expect(own.status).toBe(200);
      expect(ids(own)).not.toContain(alert.id);
    }
    expect(ids(await request('GET', '/staff/hardship/alerts/mine', { token: daxin }))).not.toContain(
      alert.id,
    );
    expect(await storedOf(alert.id)).toStrictEqual(before);
    // The household's own node sees it.
    expect(ids(await request('GET', '/staff/hardship/alerts', { token: zjg }))).toContain(alert.id);
  });
});

describe('API: staff above the household’s node', () => {
  it('lets 苏州 staff act on a 大新镇 alert through the whole workflow, each step on the trail in their name', async () => {
    const city = await loginAsDemo('陈刚');
    const { alert } = await raiseAlert(daxin);
    const post = (action: string, body: unknown) =>
      request('POST', `${base(alert.id)}/${action}`, { token: city, body });

    const acknowledged = await post('acknowledge', { version: 1, note: '市总已知悉' });
    expect(acknowledged.status, JSON.stringify(acknowledged.body)).toBe(200);
    const assigned = await post('assign', { version: 2, assigneeUserId: zjgUserId, reason: '请张家港协调' });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    const started = await post('start', { version: 3 });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect((await post('comments', { id: newCommentId(), text: '市总跟进' })).status).toBe(201);
    const resolved = await post('resolve', {
      version: 4,
      outcome: { kind: 'helped', measures: ['warmth'], amountFen: 50_000 },
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);

    const shown = resolved.body as HardshipAlert;
    expect(shown).toMatchObject({
      status: 'resolved',
      assigneeName: '李敏',
      version: 5,
      outcome: { kind: 'helped', measures: ['warmth'], amountFen: 50_000 },
    });
    const { trail } = await storedOf(alert.id);
    expect(
      trail
        .filter((event) => event.actorName === '陈刚')
        .map((event) => event.action)
        .sort(),
    ).toStrictEqual(['acknowledgeAlert', 'assignAlert', 'commentAlert', 'resolveAlert', 'startAlert']);
  });
});

describe('API: a node whose path is a prefix of another’s', () => {
  /** A tree of the test's own: root › …/32058 and root › …/320582, each with its own staff. */
  let root: string;
  let short: string;
  let long: string;
  let shortStaff: string;
  let longStaff: string;

  beforeAll(async () => {
    root = `9${String(randomInt(100_000)).padStart(5, '0')}`;
    short = `${root}/32058`;
    long = `${root}/320582`;
    await putOrg(root, root, '前缀测试省总工会', 'province');
    await putOrg(short, root, '前缀测试甲县总工会', 'county');
    await putOrg(long, root, '前缀测试乙县总工会', 'county');
    const grant = async (orgPath: string) => {
      const staff = await loginWithCode(`prefix-${randomUUID()}`);
      const granted = await request('POST', '/admin/staff', {
        token: admin,
        body: { action: 'grant', userId: staff.me.id, orgPath },
      });
      expect(granted.status, JSON.stringify(granted.body)).toBe(200);
      return staff.token;
    };
    [shortStaff, longStaff] = await Promise.all([grant(short), grant(long)]);
    const line = await request('PUT', '/staff/hardship/poverty-lines', {
      token: longStaff,
      body: { orgPath: long, effectiveFrom: '2025-01-01', monthlyFen: 114_000 },
    });
    expect(line.status, JSON.stringify(line.body)).toBe(200);
  });

  it('does not hand …/32058’s rules down to …/320582, nor to the alerts raised there', async () => {
    const set = await request('PUT', '/staff/hardship/policy', {
      token: admin,
      body: {
        orgPath: short,
        expectedVersion: 0,
        policy: { ...defaultHardshipPolicy, version: undefined, cadenceActiveDays: 45, relativeMultiple: 3 },
      },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);

    const atLong = await request('GET', `/staff/hardship/policy?orgPath=${encodeURIComponent(long)}`, {
      token: longStaff,
    });
    expect(atLong.status).toBe(200);
    const system = { policy: defaultHardshipPolicy, fromOrgPath: null, fromOrgName: null };
    expect(atLong.body as HardshipPolicyView).toMatchObject({
      own: null,
      effective: system,
      inherited: system,
    });

    const { alert } = await raiseAlert(longStaff, {}, long);
    expect(alert.policy).toStrictEqual({ version: defaultHardshipPolicy.version, orgPath: null });
  });

  it('refuses …/32058’s staff every route of a …/320582 alert, and lists it nowhere for them', async () => {
    const { alert } = await raiseAlert(longStaff, {}, long);
    const longUserId = ((await request('GET', '/me', { token: longStaff })).body as { id: string }).id;
    const before = await storedOf(alert.id);
    for (const [method, path, body] of idRoutes(alert.id, longUserId)) {
      expectRefused(await request(method, path, { body, token: shortStaff }), 403, 'OUT_OF_SCOPE');
    }
    for (const path of [
      `/staff/hardship/alerts?orgPath=${encodeURIComponent(long)}`,
      `/staff/hardship/alerts?childOrg=${encodeURIComponent(long)}`,
      `/staff/hardship/alerts/escalated?orgPath=${encodeURIComponent(long)}`,
      `/staff/hardship/policy?orgPath=${encodeURIComponent(long)}`,
    ]) {
      expectRefused(await request('GET', path, { token: shortStaff }), 403, 'OUT_OF_SCOPE');
    }
    const own = await request('GET', '/staff/hardship/alerts', { token: shortStaff });
    expect(own.body).toStrictEqual({
      alerts: [],
      nextCursor: null,
      counts: { open: 0, acknowledged: 0, inProgress: 0, capped: false },
    });
    expect(await storedOf(alert.id)).toStrictEqual(before);
    // The alert's own node lists it, with its count.
    const theirs = await request('GET', '/staff/hardship/alerts', { token: longStaff });
    expect(ids(theirs)).toContain(alert.id);
  });
});
