import { randomInt } from 'node:crypto';
import {
  defaultHardshipPolicy,
  type HardshipPolicy,
  type HardshipPolicyDraft,
  type HardshipPolicyView,
} from '@ankang/shared';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { newAuditEventId } from '../../functions/src/db/audit';
import { db, tableName } from '../../functions/src/db/client';
import { handler as clearHardshipPolicy } from '../../functions/src/handlers/clearHardshipPolicy';
import { handler as getHardshipPolicy } from '../../functions/src/handlers/getHardshipPolicy';
import { handler as setHardshipPolicy } from '../../functions/src/handlers/setHardshipPolicy';
import type { Caller } from '../../functions/src/services/caller';
import { effectivePolicy, type PolicyCache } from '../../functions/src/services/hardshipPolicies';
import { setHardshipPolicy as setPolicyService } from '../../functions/src/services/hardshipPolicyEdits';
import { httpEvent, invoke } from '../support/events';
import { freshOrg, freshUser, putOrg } from './fixtures';
import { errorBody, partition, rawAudit } from './hardshipFixtures';
import { atShanghaiNoon } from './shanghaiNoon';

// The audit id is made controllable, so one test can make the audit put fail inside the transaction.
vi.mock('../../functions/src/db/audit', async (original) => {
  const actual = await original<typeof import('../../functions/src/db/audit')>();
  return { ...actual, newAuditEventId: vi.fn(actual.newAuditEventId) };
});

atShanghaiNoon();

/** A five-level tree of its own (province › city › county › town › village) and an admin. */
async function policyScene() {
  const root = `9${String(randomInt(100_000)).padStart(5, '0')}`;
  await putOrg(root, root, '测试省总工会');
  const city = await freshOrg(root, '测试市总工会');
  const county = await freshOrg(city, '测试县总工会');
  const town = await freshOrg(county, '测试镇工会');
  const village = await freshOrg(town, '测试村工会');
  const beside = await freshOrg(root, '旁边市总工会');
  const names: Record<string, string> = {
    [root]: '测试省总工会',
    [city]: '测试市总工会',
    [county]: '测试县总工会',
    [town]: '测试镇工会',
    [village]: '测试村工会',
  };
  const [admin, townStaff] = await Promise.all([
    freshUser({ roles: ['admin'] }),
    freshUser({ roles: ['staff'], orgPath: town }),
  ]);
  return { chain: [root, city, county, town, village], beside, names, admin, townStaff };
}

/** A valid draft, distinct per `n` (the visit cadences stay consistent). */
function draftOf(n: number): HardshipPolicyDraft {
  return {
    relativeMultiple: 1.5 + (n % 10) / 10,
    incomeDropPercent: 20 + n,
    medicalShareOfIncome: 0.5 + (n % 5) / 10,
    cadenceActiveDays: 60 + n,
    cadenceRecentExitDays: 45 + n,
    cadenceAfterHighDays: 20 + (n % 10),
    monitoringMonths: 12,
    exitReviewMonths: 6,
    windowEndingNoticeDays: 30,
  };
}

const set = (token: string, body: unknown) =>
  invoke(setHardshipPolicy, httpEvent({ method: 'PUT', path: '/staff/hardship/policy', token, body }));
const clear = (token: string, orgPath: string, expectedVersion: number) =>
  invoke(
    clearHardshipPolicy,
    httpEvent({
      method: 'DELETE',
      path: '/staff/hardship/policy',
      token,
      query: { orgPath, expectedVersion: String(expectedVersion) },
    }),
  );
const read = (token: string, orgPath: string) =>
  invoke(getHardshipPolicy, httpEvent({ path: '/staff/hardship/policy', token, query: { orgPath } }));

async function setOk(token: string, orgPath: string, expectedVersion: number, policy: HardshipPolicyDraft) {
  const answer = await set(token, { orgPath, expectedVersion, policy });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return answer.body as HardshipPolicyView;
}

/** Every item of a node's policy partition and trail, to prove a refused write stored nothing. */
const storedFor = async (orgPath: string) => ({
  policy: await partition(`HPOLICY#${orgPath}`),
  audit: await rawAudit(`POLICY#${orgPath}`),
});

/**
 * The oracle: the policy set at the longest path that is `orgPath` or a whole-segment prefix of
 * it, else the default. Written from the rule's words, not from the service's code.
 */
function expectedAt(orgPath: string, setAt: Map<string, HardshipPolicy>) {
  const holders = [...setAt.keys()].filter((path) => orgPath === path || orgPath.startsWith(`${path}/`));
  holders.sort((a, b) => b.length - a.length);
  const from = holders[0];
  return from === undefined
    ? { policy: defaultHardshipPolicy, orgPath: null }
    : { policy: setAt.get(from)!, orgPath: from };
}

describe('Service: effectivePolicy', () => {
  it('is the default where no node of the chain has set one', async () => {
    const scene = await policyScene();
    for (const path of scene.chain) {
      expect(await effectivePolicy(path)).toStrictEqual({ policy: defaultHardshipPolicy, orgPath: null });
    }
  });

  it('follows the deepest setter at every depth through a run of sets and clears', async () => {
    const scene = await policyScene();
    const setAt = new Map<string, HardshipPolicy>();
    const versions = new Map<string, number>(scene.chain.map((path) => [path, 0]));
    // A fixed walk over the chain: every depth is set, overridden, cleared and set again.
    const steps: [depth: number, action: 'set' | 'clear'][] = [
      [0, 'set'],
      [2, 'set'],
      [4, 'set'],
      [1, 'set'],
      [2, 'clear'],
      [3, 'set'],
      [0, 'clear'],
      [4, 'clear'],
      [2, 'set'],
      [3, 'clear'],
      [1, 'clear'],
      [0, 'set'],
      [2, 'clear'],
    ];
    for (const [n, [depth, action]] of steps.entries()) {
      const path = scene.chain[depth]!;
      const expected = versions.get(path)!;
      if (action === 'set') {
        const view = await setOk(scene.admin.token, path, expected, draftOf(n));
        setAt.set(path, { ...draftOf(n), version: expected + 1 });
        expect(view.version).toBe(expected + 1);
      } else {
        const answer = await clear(scene.admin.token, path, expected);
        expect(answer.status).toBe(200);
        setAt.delete(path);
        expect((answer.body as HardshipPolicyView).version).toBe(expected + 1);
      }
      versions.set(path, expected + 1);
      for (const target of scene.chain) {
        const oracle = expectedAt(target, setAt);
        const got = await effectivePolicy(target);
        expect(got.policy, `${target} after step ${n}`).toStrictEqual(oracle.policy);
        expect(got.orgPath).toBe(oracle.orgPath);
        if (oracle.orgPath !== null) expect(got.orgName).toBe(scene.names[oracle.orgPath]);
      }
    }
  });

  it('reads the whole chain in one BatchGet and nothing else, and a cache reads a node once', async () => {
    const scene = await policyScene();
    await setOk(scene.admin.token, scene.chain[1]!, 0, draftOf(3));
    const sent: string[] = [];
    const name = 'countPolicyReads';
    db.middlewareStack.add(
      (next, context) => (args) => {
        sent.push(context.commandName ?? '?');
        return next(args);
      },
      { step: 'initialize', name },
    );
    try {
      await effectivePolicy(scene.chain[4]!);
      expect(sent).toStrictEqual(['BatchGetItemCommand']);
      sent.length = 0;
      const cache: PolicyCache = new Map();
      const [a, b] = await Promise.all([
        effectivePolicy(scene.chain[3]!, cache),
        effectivePolicy(scene.chain[3]!, cache),
      ]);
      expect(a).toStrictEqual(b);
      expect(a.orgPath).toBe(scene.chain[1]);
      expect(sent).toStrictEqual(['BatchGetItemCommand']);
    } finally {
      db.middlewareStack.remove(name);
    }
  });
});

describe('Handler: getHardshipPolicy', () => {
  it('shows the effective policy, the own setting, what would be inherited, and where each comes from', async () => {
    const scene = await policyScene();
    const [root, city, county, town] = scene.chain;
    await setOk(scene.admin.token, root!, 0, draftOf(1));
    await setOk(scene.admin.token, county!, 0, draftOf(2));
    const atTown = await read(scene.townStaff.token, town!);
    expect(atTown).toStrictEqual({
      status: 200,
      body: {
        orgPath: town,
        effective: {
          policy: { ...draftOf(2), version: 1 },
          fromOrgPath: county,
          fromOrgName: '测试县总工会',
        },
        own: null,
        inherited: {
          policy: { ...draftOf(2), version: 1 },
          fromOrgPath: county,
          fromOrgName: '测试县总工会',
        },
        version: 0,
        history: [],
      },
    });
    const atCounty = (await read(scene.admin.token, county!)).body as HardshipPolicyView;
    expect(atCounty.own).toMatchObject({
      policy: { ...draftOf(2), version: 1 },
      version: 1,
      setByName: '测试用户',
    });
    expect(atCounty.effective.fromOrgPath).toBe(county);
    expect(atCounty.inherited).toStrictEqual({
      policy: { ...draftOf(1), version: 1 },
      fromOrgPath: root,
      fromOrgName: '测试省总工会',
    });
    const atCity = (await read(scene.admin.token, city!)).body as HardshipPolicyView;
    expect(atCity.effective.fromOrgPath).toBe(root);
  });

  it('answers 404 for a node that does not exist and 403 for one beside the caller', async () => {
    const scene = await policyScene();
    expect(await read(scene.admin.token, `${scene.chain[0]}/nowhere`)).toStrictEqual({
      status: 404,
      body: errorBody('ORG_NOT_FOUND', '未找到该工会组织'),
    });
    expect((await read(scene.townStaff.token, scene.beside)).status).toBe(403);
  });
});

describe('Handler: setHardshipPolicy and clearHardshipPolicy', () => {
  it('keeps every version in the history, newest first, with one audit event each', async () => {
    const scene = await policyScene();
    const city = scene.chain[1]!;
    await setOk(scene.admin.token, city, 0, draftOf(1));
    vi.setSystemTime(new Date(Date.now() + 1000));
    await set(scene.admin.token, { orgPath: city, expectedVersion: 1, policy: draftOf(2), note: '试行' });
    vi.setSystemTime(new Date(Date.now() + 1000));
    const cleared = await clear(scene.admin.token, city, 2);
    vi.setSystemTime(new Date(Date.now() + 1000));
    const again = await setOk(scene.admin.token, city, 3, draftOf(4));
    expect(cleared.status).toBe(200);
    expect((cleared.body as HardshipPolicyView).own).toBeNull();
    expect((cleared.body as HardshipPolicyView).effective.fromOrgPath).toBeNull();
    expect(again.version).toBe(4);
    expect(again.own?.policy).toStrictEqual({ ...draftOf(4), version: 4 });
    expect(
      again.history.map((entry) => [entry.version, entry.policy?.version ?? null, entry.note]),
    ).toStrictEqual([
      [4, 4, undefined],
      [3, null, undefined],
      [2, 2, '试行'],
      [1, 1, undefined],
    ]);
    const trail = await rawAudit(`POLICY#${city}`);
    expect(
      trail.map((event) => [event.action, event.subjectType, event.orgPath, event.reason]),
    ).toStrictEqual([
      ['setHardshipPolicy', 'hardshipPolicy', city, undefined],
      ['setHardshipPolicy', 'hardshipPolicy', city, '试行'],
      ['clearHardshipPolicy', 'hardshipPolicy', city, undefined],
      ['setHardshipPolicy', 'hardshipPolicy', city, undefined],
    ]);
    expect(trail.every((event) => event.actorUserId === scene.admin.userId)).toBe(true);
  });

  it('refuses a stale version with 409 and the current version, storing nothing', async () => {
    const scene = await policyScene();
    const town = scene.chain[3]!;
    await setOk(scene.admin.token, town, 0, draftOf(1));
    await setOk(scene.admin.token, town, 1, draftOf(2));
    const before = await storedFor(town);
    const conflict = errorBody('VERSION_CONFLICT', '规则已被他人修改，请刷新后重试', { currentVersion: 2 });
    expect(
      await set(scene.admin.token, { orgPath: town, expectedVersion: 1, policy: draftOf(3) }),
    ).toStrictEqual({
      status: 409,
      body: conflict,
    });
    expect(
      await set(scene.admin.token, { orgPath: town, expectedVersion: 0, policy: draftOf(3) }),
    ).toStrictEqual({
      status: 409,
      body: conflict,
    });
    expect(
      await set(scene.admin.token, { orgPath: town, expectedVersion: 7, policy: draftOf(3) }),
    ).toStrictEqual({
      status: 409,
      body: conflict,
    });
    expect(await clear(scene.admin.token, town, 1)).toStrictEqual({ status: 409, body: conflict });
    expect(await storedFor(town)).toStrictEqual(before);
  });

  it('answers a retried set or clear with the current state and writes nothing', async () => {
    const scene = await policyScene();
    const county = scene.chain[2]!;
    const first = await setOk(scene.admin.token, county, 0, draftOf(5));
    const afterSet = await storedFor(county);
    const retried = await set(scene.admin.token, { orgPath: county, expectedVersion: 0, policy: draftOf(5) });
    expect(retried).toStrictEqual({ status: 200, body: first });
    expect(await storedFor(county)).toStrictEqual(afterSet);
    // The same thresholds with another note is another change: at a stale version, 409.
    const renoted = await set(scene.admin.token, {
      orgPath: county,
      expectedVersion: 0,
      policy: draftOf(5),
      note: '另一说明',
    });
    expect(renoted.status).toBe(409);
    const cleared = await clear(scene.admin.token, county, 1);
    expect(cleared.status).toBe(200);
    const afterClear = await storedFor(county);
    expect(await clear(scene.admin.token, county, 1)).toStrictEqual(cleared);
    expect(await storedFor(county)).toStrictEqual(afterClear);
    // Clearing a node that never set one changes nothing either.
    const village = scene.chain[4]!;
    const never = await clear(scene.admin.token, village, 0);
    expect(never.status).toBe(200);
    expect((never.body as HardshipPolicyView).version).toBe(0);
    expect(await storedFor(village)).toStrictEqual({ policy: [], audit: [] });
  });

  it('lets exactly one of two concurrent sets at the same version win; the other gets 409', async () => {
    const scene = await policyScene();
    const city = scene.chain[1]!;
    const answers = await Promise.all([
      set(scene.admin.token, { orgPath: city, expectedVersion: 0, policy: draftOf(6) }),
      set(scene.admin.token, { orgPath: city, expectedVersion: 0, policy: draftOf(7) }),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toStrictEqual([200, 409]);
    const winner = answers.findIndex((answer) => answer.status === 200);
    const stored = await storedFor(city);
    expect(stored.policy).toHaveLength(2); // CURRENT and V#000001
    expect(stored.audit).toHaveLength(1);
    expect((await effectivePolicy(city)).policy).toStrictEqual({
      ...draftOf(winner === 0 ? 6 : 7),
      version: 1,
    });
  });

  it('tries a set again when a concurrent transaction cancelled it (TransactionConflict), writing it once', async () => {
    const scene = await policyScene();
    const town = scene.chain[3]!;
    // The first transaction on the node's policy is cancelled as DynamoDB cancels one of two at once.
    const name = 'conflictOnce';
    let cancelled = 0;
    db.middlewareStack.add(
      (next, context) => async (args) => {
        if (
          context.commandName === 'TransactWriteItemsCommand' &&
          cancelled === 0 &&
          JSON.stringify(args.input).includes(`HPOLICY#${town}`)
        ) {
          cancelled += 1;
          throw new TransactionCanceledException({
            message: 'Transaction cancelled (test)',
            $metadata: {},
            CancellationReasons: [{ Code: 'TransactionConflict' }, { Code: 'None' }, { Code: 'None' }],
          });
        }
        return next(args);
      },
      { step: 'initialize', name },
    );
    let answer: Awaited<ReturnType<typeof set>>;
    try {
      answer = await set(scene.admin.token, { orgPath: town, expectedVersion: 0, policy: draftOf(2) });
    } finally {
      db.middlewareStack.remove(name);
    }
    expect(cancelled).toBe(1);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const stored = await storedFor(town);
    expect(stored.policy).toHaveLength(2); // CURRENT and V#000001
    expect(stored.audit).toHaveLength(1);
    expect((await effectivePolicy(town)).policy).toStrictEqual({ ...draftOf(2), version: 1 });
  });

  it('writes the version and its audit event in one transaction: a failed audit put leaves nothing', async () => {
    const scene = await policyScene();
    const town = scene.chain[3]!;
    const eventId = 'ev_00000000000000000001';
    // An event already at the key the set's audit event will take makes its condition fail.
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          pk: `AUDIT#POLICY#${town}`,
          sk: `${new Date().toISOString()}#${eventId}`,
          type: 'AuditEvent',
        },
      }),
    );
    vi.mocked(newAuditEventId).mockReturnValueOnce(eventId);
    const caller: Caller = {
      userId: scene.admin.userId,
      nickname: '测试用户',
      roles: ['worker', 'admin'],
      orgPath: null,
    };
    await expect(
      setPolicyService(caller, { orgPath: town, expectedVersion: 0, policy: draftOf(1) }),
    ).rejects.toThrow();
    expect(await partition(`HPOLICY#${town}`)).toStrictEqual([]);
    expect(await rawAudit(`POLICY#${town}`)).toHaveLength(1);
    expect((await effectivePolicy(town)).orgPath).toBeNull();
  });

  it('refuses a malformed policy with 400 and Chinese messages, storing nothing', async () => {
    const scene = await policyScene();
    const town = scene.chain[3]!;
    const tooLong = await set(scene.admin.token, {
      orgPath: town,
      expectedVersion: 0,
      policy: { ...draftOf(1), cadenceAfterHighDays: 120 },
    });
    expect(tooLong).toStrictEqual({
      status: 400,
      body: errorBody('VALIDATION_FAILED', expect.any(String), {
        issues: [
          { path: 'body.policy.cadenceAfterHighDays', message: '高风险户走访周期不能长于其他走访周期' },
        ],
      }),
    });
    const bad = await set(scene.admin.token, {
      orgPath: town,
      expectedVersion: -1,
      policy: { ...draftOf(1), incomeDropPercent: 95, relativeMultiple: 2.555 },
      note: 'x'.repeat(101),
    });
    expect(bad.status).toBe(400);
    expect((bad.body as { error: { details: { issues: unknown[] } } }).error.details.issues).toStrictEqual([
      { path: 'body.expectedVersion', message: '版本号不能小于 0' },
      { path: 'body.policy.relativeMultiple', message: '相对困难线倍数最多两位小数' },
      { path: 'body.policy.incomeDropPercent', message: '收入降幅不能大于 90' },
      { path: 'body.note', message: '说明最多 100 个字' },
    ]);
    const missing = await set(scene.admin.token, {
      orgPath: town,
      expectedVersion: 0,
      policy: { incomeDropPercent: 30 },
    });
    expect(missing.status).toBe(400);
    const noVersion = await invoke(
      clearHardshipPolicy,
      httpEvent({
        method: 'DELETE',
        path: '/staff/hardship/policy',
        token: scene.admin.token,
        query: { orgPath: town },
      }),
    );
    expect(noVersion.status).toBe(400);
    expect(
      await set(scene.admin.token, { orgPath: `${town}/nowhere`, expectedVersion: 0, policy: draftOf(1) }),
    ).toStrictEqual({
      status: 404,
      body: errorBody('ORG_NOT_FOUND', '未找到该工会组织'),
    });
    expect(await storedFor(town)).toStrictEqual({ policy: [], audit: [] });
  });
});
