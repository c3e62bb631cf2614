import { randomUUID } from 'node:crypto';
import { shanghaiDate, type VisitCreated, type VisitCreateInput } from '@ankang/shared';
import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it, vi } from 'vitest';
import type { MessagesSeen } from '../../functions/local/fakeWechatMessages';
import { db, tableName } from '../../functions/src/db/client';
import { getAlert, getAlertSlot, monitorCheckTodayPut } from '../../functions/src/db/hardshipAlerts';
import { visitRecordSchema } from '../../functions/src/db/hardshipVisitItems';
import { fileAfterVisit, writeVisit } from '../../functions/src/db/hardshipVisits';
import { handler as createHardshipVisit } from '../../functions/src/handlers/createHardshipVisit';
import { handler as recordSubscriptions } from '../../functions/src/handlers/recordSubscriptions';
import { reviewHousehold } from '../../functions/src/services/hardshipMonitor';
import { httpEvent, invoke } from '../support/events';
import { acknowledge, resolve as resolveAlert } from './hardshipAlertFixtures';
import { draft, filed, hardshipScene, partition, put, rawAudit, rawFile, setLine } from './hardshipFixtures';
import { householdRow, importCsv } from './householdImportFixtures';
import { atShanghaiNoon } from './shanghaiNoon';

atShanghaiNoon();

/** Lets a test make the review after a write fail (its first read throws), as a crash would. */
const hooks = vi.hoisted(() => ({
  failReview: false,
  /** Runs once after a review (or anything) reads an alert, before it writes: a racing comment. */
  afterAlertRead: undefined as undefined | ((id: string) => Promise<void>),
}));
vi.mock('../../functions/src/db/hardshipAlerts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../functions/src/db/hardshipAlerts')>();
  return {
    ...original,
    readHouseholdForReview: async (fileId: string) => {
      if (hooks.failReview) throw new Error('review read failed (test)');
      return original.readHouseholdForReview(fileId);
    },
    getAlert: async (id: string) => {
      const alert = await original.getAlert(id);
      const hook = hooks.afterAlertRead;
      hooks.afterAlertRead = undefined;
      await hook?.(id);
      return alert;
    },
    // The review reads a household's open alerts together: the hook runs after that read too.
    getAlertsById: async (ids: readonly string[]) => {
      const alerts = await original.getAlertsById(ids);
      const hook = hooks.afterAlertRead;
      hooks.afterAlertRead = undefined;
      for (const id of ids) await hook?.(id);
      return alerts;
    },
  };
});

/** A date `days` after `date`, by the calendar (written here, not taken from the code under test). */
function plusDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}
const today = () => shanghaiDate(new Date());

const newVisitId = () => `hv_${randomUUID().replace(/-/g, '')}`;

/**
 * A visit `daysAgo` before today: ¥12,000 a year, nothing fixed, 3 people → ¥333.33 a month each,
 * under the ¥1,140.00 line the scene sets. Nobody out of work, no medical costs.
 */
function lowVisit(daysAgo: number, overrides: Partial<VisitCreateInput> = {}): VisitCreateInput {
  const visitedOn = plusDays(today(), -daysAgo);
  return {
    id: newVisitId(),
    visitedOn,
    mode: 'home',
    annualIncomeFen: 1_200_000,
    annualFixedSpendingFen: 0,
    householdSize: 3,
    earners: [{ relation: 'self', employment: 'flexible', changedSinceLastVisit: false }],
    largeSpending: [],
    housing: [],
    risk: 'medium',
    nextVisitDue: plusDays(visitedOn, 30),
    ...overrides,
  };
}

const postVisit = (token: string, fileId: string, body: unknown) =>
  invoke(
    createHardshipVisit,
    httpEvent({
      method: 'POST',
      path: `/staff/hardship/files/${fileId}/visits`,
      token,
      params: { id: fileId },
      body,
    }),
  );

async function visited(token: string, fileId: string, body: VisitCreateInput): Promise<VisitCreated> {
  const answer = await postVisit(token, fileId, body);
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body as VisitCreated;
}

/** A scene with a ¥1,140.00 低保 line on its root and a household filed in its county by its county staff. */
async function householdScene() {
  const scene = await hardshipScene();
  const line = await setLine(scene.rootStaff.token, {
    orgPath: scene.root,
    effectiveFrom: '2026-01-01',
    monthlyFen: 114_000,
  });
  expect(line.status).toBe(200);
  const file = await filed(scene.countyStaff.token, draft(scene.county));
  return { ...scene, fileId: file.id };
}

/** Every alert item of one assignee (fresh per test), read raw from the "mine" index partition. */
async function alertsOf(userId: string): Promise<Record<string, unknown>[]> {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': `HA_MINE#${userId}` },
    }),
  );
  return Items;
}

/** The raw items of a file's partition of one kind of sort key. */
const itemsOf = async (fileId: string, sk: RegExp) =>
  (await partition(`HFILE#${fileId}`)).filter((item) => sk.test(String(item.sk)));
const monitorOf = async (fileId: string) => (await itemsOf(fileId, /^MONITOR$/))[0];

/** The shard of an id by the index's rule: its first hex digit after the prefix, mod 8. */
const shard = (id: string) => Number.parseInt(id.slice(3, 4), 16) % 8;

/** Resolves an alert through the real services, as its caseworker would: 确认, then 办结 (无需帮扶). */
async function resolve(token: string, alertId: string) {
  const alert = (await getAlert(alertId))!;
  const acknowledged = await acknowledge(token, alertId, { version: alert.version });
  expect(acknowledged.status, JSON.stringify(acknowledged.body)).toBe(200);
  const resolved = await resolveAlert(token, alertId, {
    version: alert.version + 1,
    outcome: { kind: 'noHelp', note: '复核后收入已恢复' },
  });
  expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
}

describe('Service: raising hardship alerts', () => {
  it('raises one high alert for a visit under 低保, assigned to the caseworker and due in 3 days', async () => {
    const scene = await householdScene();
    const body = lowVisit(1);

    const answer = await visited(scene.countyStaff.token, scene.fileId, body);

    expect(answer.alerts).toStrictEqual([
      {
        id: expect.stringMatching(/^ha_[0-9a-f]{32}$/),
        rule: 'belowPovertyLine',
        ruleLabel: '人均收入低于低保标准',
        severity: 'high',
      },
    ]);
    const id = answer.alerts![0]!.id;
    const dueOn = plusDays(today(), 3);
    const [item, ...others] = await alertsOf(scene.countyStaff.userId);
    expect(others).toStrictEqual([]);
    expect(item).toMatchObject({
      pk: `HALERT#${id}`,
      sk: 'ALERT',
      type: 'HardshipAlert',
      fileId: scene.fileId,
      orgPath: scene.county,
      orgName: '测试县工会',
      headName: '示例户·张某某',
      rule: 'belowPovertyLine',
      severity: 'high',
      // ¥12,000 ÷ 12 ÷ 3 = ¥333.33, compared with the line stored on the visit.
      evidence: {
        visit: { visitId: body.id, visitedOn: body.visitedOn },
        perCapitaMonthlyFen: 33_333,
        povertyLine: { monthlyFen: 114_000 },
      },
      basis: body.id,
      policy: { version: 1, orgPath: null },
      status: 'open',
      assigneeUserId: scene.countyStaff.userId,
      assigneeName: '测试用户',
      raisedOn: today(),
      dueOn,
      holderOrgPath: scene.county,
      escalations: [],
      version: 1,
      gsi1pk: `HA_Q#${scene.root}#open`,
      gsi1sk: `${scene.county}/#${dueOn}#${id}`,
      gsi2pk: `HA_MINE#${scene.countyStaff.userId}`,
      gsi2sk: `${dueOn}#${id}`,
      gsi3pk: `HA_DUE#${shard(id)}`,
      gsi3sk: `${dueOn}#${id}`,
    });
    expect(item).not.toHaveProperty('gsi4pk');
    expect(await itemsOf(scene.fileId, /^ALERTRULE#/)).toMatchObject([
      {
        sk: 'ALERTRULE#belowPovertyLine',
        openAlertId: id,
        lastBasis: body.id,
        resolvedBases: [],
        version: 1,
      },
    ]);
    expect(
      (await rawAudit(id)).map((e) => [e.action, e.actorUserId, e.actorName, e.subjectType, e.orgPath]),
    ).toStrictEqual([['raiseAlert', 'system', '系统', 'hardshipAlert', scene.county]]);
  });

  it('sends the caseworker one subscribe message for a raised alert, none for a retry or an update', async () => {
    const scene = await householdScene();
    const granted = await invoke(
      recordSubscriptions,
      httpEvent({
        method: 'POST',
        path: '/me/subscriptions',
        token: scene.countyStaff.token,
        body: { requestId: randomUUID(), results: [{ topic: 'alertAssigned', result: 'accept' }] },
      }),
    );
    expect(granted.status).toBe(200);
    const body = lowVisit(2);

    const first = await visited(scene.countyStaff.token, scene.fileId, body);
    await visited(scene.countyStaff.token, scene.fileId, structuredClone(body));
    await visited(scene.countyStaff.token, scene.fileId, lowVisit(1, { annualIncomeFen: 1_100_000 }));

    const response = await fetch(
      `${inject('wechatApiBase')}/__fake/messages?touser=${encodeURIComponent(scene.countyStaff.openid)}`,
    );
    const seen = (await response.json()) as MessagesSeen;
    const [y, m, d] = plusDays(today(), 3).split('-');
    expect(seen.messages).toStrictEqual([
      expect.objectContaining({
        touser: scene.countyStaff.openid,
        template_id: 'test-template-alert-assigned',
        page: `staff/pages/alert/index?id=${first.alerts![0]!.id}`,
        data: {
          thing1: { value: '人均收入低于低保标准' },
          // Where, not who: no household's name is sent to WeChat.
          thing2: { value: '测试县工会' },
          date3: { value: `${y}年${Number(m)}月${Number(d)}日` },
          phrase4: { value: '高' },
          thing5: { value: '新预警，请及时处理' },
        },
      }),
    ]);
  });

  it('updates the open alert’s evidence on a second visit under the line, never raising a second one', async () => {
    const scene = await householdScene();
    const first = await visited(scene.countyStaff.token, scene.fileId, lowVisit(2));
    const id = first.alerts![0]!.id;
    // A comment lands between the review's read of the alert and its write: it counts on the
    // alert without moving its version, and the evidence update must not write the old count back.
    hooks.afterAlertRead = async (alertId) => {
      await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: `HALERT#${alertId}`, sk: 'ALERT' },
          UpdateExpression: 'SET commentCount = :one',
          ExpressionAttributeValues: { ':one': 1 },
        }),
      );
    };
    // ¥11,000 ÷ 12 ÷ 3 = ¥305.56: still under the line, and less than a 30% fall.
    const second = lowVisit(1, { annualIncomeFen: 1_100_000 });

    const answer = await visited(scene.countyStaff.token, scene.fileId, second);

    expect(answer.alerts).toStrictEqual([
      { id, rule: 'belowPovertyLine', ruleLabel: '人均收入低于低保标准', severity: 'high' },
    ]);
    const items = await alertsOf(scene.countyStaff.userId);
    expect(items.map((item) => item.id)).toStrictEqual([id]);
    expect(items[0]).toMatchObject({
      evidence: { visit: { visitId: second.id, visitedOn: second.visitedOn }, perCapitaMonthlyFen: 30_556 },
      basis: second.id,
      status: 'open',
      // The due date stays the one set when it was raised.
      dueOn: plusDays(today(), 3),
      commentCount: 1,
      version: 2,
    });
    expect((await getAlertSlot(scene.fileId, 'belowPovertyLine'))?.lastBasis).toBe(second.id);
    // The clock is held, so both events carry one time: compared in a fixed order.
    expect((await rawAudit(id)).map((e) => e.action).sort()).toStrictEqual([
      'raiseAlert',
      'updateAlertEvidence',
    ]);
  });

  it('raises nothing new for a retried visit, nor for a review of unchanged facts', async () => {
    const scene = await householdScene();
    const body = lowVisit(1);
    const first = await visited(scene.countyStaff.token, scene.fileId, body);
    const before = await alertsOf(scene.countyStaff.userId);

    const again = await visited(scene.countyStaff.token, scene.fileId, structuredClone(body));
    const review = await reviewHousehold(scene.fileId, new Date());

    // The same answer, alerts included: a retry reads them, it raises nothing.
    expect(again).toStrictEqual(first);
    expect(review).toMatchObject({ raised: [], updated: [], unchanged: 1 });
    expect(await alertsOf(scene.countyStaff.userId)).toStrictEqual(before);
    expect((await rawAudit(first.alerts![0]!.id)).length).toBe(1);
  });

  it('does not raise a resolved alert’s basis again; a new visit under the line does', async () => {
    const scene = await householdScene();
    const first = await visited(scene.countyStaff.token, scene.fileId, lowVisit(2));
    const firstId = first.alerts![0]!.id;
    await resolve(scene.countyStaff.token, firstId);

    const review = await reviewHousehold(scene.fileId, new Date());
    expect(review).toMatchObject({ raised: [], updated: [], unchanged: 1 });
    expect(await alertsOf(scene.countyStaff.userId)).toStrictEqual([]);

    const next = lowVisit(1);
    const answer = await visited(scene.countyStaff.token, scene.fileId, next);
    const newId = answer.alerts?.[0]?.id;
    expect(answer.alerts).toStrictEqual([
      { id: newId, rule: 'belowPovertyLine', ruleLabel: '人均收入低于低保标准', severity: 'high' },
    ]);
    expect(newId).not.toBe(firstId);
    expect(await getAlert(firstId)).toMatchObject({ status: 'resolved', basis: first.id });
    expect(await getAlert(newId!)).toMatchObject({ status: 'open', basis: next.id, version: 1 });
    expect(await getAlertSlot(scene.fileId, 'belowPovertyLine')).toMatchObject({
      openAlertId: newId,
      resolvedBases: [first.id],
    });
  });

  it('raises one alert when reviews of one household race', async () => {
    const scene = await householdScene();
    // A visit stored without the request's own review, as if its process died after the commit.
    const stamp = new Date().toISOString();
    const body = lowVisit(1);
    const record = visitRecordSchema.parse({
      ...body,
      fileId: scene.fileId,
      perCapitaMonthlyFen: 33_333,
      povertyLineFen: 114_000,
      visitorUserId: scene.countyStaff.userId,
      visitorName: '测试用户',
      contentHash: 'x',
      createdAt: stamp,
      updatedAt: stamp,
      version: 1,
    });
    const audit = {
      Put: {
        TableName: tableName,
        Item: {
          pk: `AUDIT#${scene.fileId}`,
          sk: `${stamp}#ev_race`,
          type: 'AuditEvent',
          action: 'recordVisit',
        },
      },
    };
    const saved = await writeVisit(record, {
      file: fileAfterVisit(record, true),
      audit,
      extra: [monitorCheckTodayPut(scene.fileId, scene.county, stamp)],
    });
    expect(saved).toBe('saved');
    expect(await monitorOf(scene.fileId)).toMatchObject({ checkOn: today() });

    const reviews = await Promise.all(
      Array.from({ length: 5 }, () => reviewHousehold(scene.fileId, new Date())),
    );

    expect(reviews.flatMap((r) => r.raised).length).toBe(1);
    expect(reviews.flatMap((r) => r.updated)).toStrictEqual([]);
    const items = await alertsOf(scene.countyStaff.userId);
    expect(items.length).toBe(1);
    expect((await rawAudit(String(items[0]!.id))).map((e) => e.action)).toStrictEqual(['raiseAlert']);
  });

  it('moves the monitor past today after a review, to the day the visit cadence runs out', async () => {
    const scene = await householdScene();
    // A fresh file was reviewed on filing: its next check is within 30 days, after today.
    const filedMonitor = await monitorOf(scene.fileId);
    expect(String(filedMonitor?.checkOn) > today()).toBe(true);
    expect(String(filedMonitor?.checkOn) <= plusDays(today(), 30)).toBe(true);

    // Above the line (¥60,000 ÷ 12 ÷ 3 = ¥1,666.67 > ¥1,140 but under 2 × ¥1,140): a medium alert only,
    // and the visitor judged it high risk, so the next visit is due 30 days after the visit; the
    // rules may answer differently the day after that: 10 days ago + 31.
    const body = lowVisit(10, { annualIncomeFen: 6_000_000, risk: 'high' });
    const answer = await visited(scene.countyStaff.token, scene.fileId, body);
    expect(answer.alerts?.map((a) => a.rule)).toStrictEqual(['belowRelativeLine']);
    const monitor = await monitorOf(scene.fileId);
    expect(monitor).toMatchObject({
      checkOn: plusDays(today(), 21),
      gsi3pk: `HF_CHECK#${shard(scene.fileId)}`,
      gsi3sk: `${plusDays(today(), 21)}#${scene.fileId}`,
    });

    // Reviewing again the same day changes nothing: neither the monitor nor any alert.
    const alertsBefore = await alertsOf(scene.countyStaff.userId);
    const review = await reviewHousehold(scene.fileId, new Date());
    expect(review.checkOn).toBe(plusDays(today(), 21));
    expect(await monitorOf(scene.fileId)).toStrictEqual(monitor);
    expect(await alertsOf(scene.countyStaff.userId)).toStrictEqual(alertsBefore);
  });

  it('answers a visit whose review failed after the commit, leaving the monitor at today for the sweep', async () => {
    const scene = await householdScene();
    const body = lowVisit(1);
    hooks.failReview = true;
    let answer: Awaited<ReturnType<typeof postVisit>>;
    try {
      answer = await postVisit(scene.countyStaff.token, scene.fileId, body);
    } finally {
      hooks.failReview = false;
    }

    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ id: body.id, perCapitaMonthlyFen: 33_333, alerts: [] });
    expect(await itemsOf(scene.fileId, new RegExp(`^VISIT#.*${body.id}$`))).toHaveLength(1);
    expect(await monitorOf(scene.fileId)).toMatchObject({ checkOn: today() });
    expect(await alertsOf(scene.countyStaff.userId)).toStrictEqual([]);

    // The sweep's review of that household then raises what the visit should have.
    const review = await reviewHousehold(scene.fileId, new Date());
    expect(review.raised.map((a) => a.rule)).toStrictEqual(['belowPovertyLine']);
    expect(String((await monitorOf(scene.fileId))?.checkOn) > today()).toBe(true);
  });

  it('raises the 监测期届满 task when an edit marks the household exited a year before the window ends', async () => {
    const scene = await hardshipScene();
    const body = draft(scene.county);
    await filed(scene.countyStaff.token, body);
    // The 12-month window ends in 20 days: exited on that day of the month a year before.
    let windowEndsOn = plusDays(today(), 20);
    if (windowEndsOn.endsWith('-02-29')) windowEndsOn = plusDays(today(), 21);
    const exitDate = `${Number(windowEndsOn.slice(0, 4)) - 1}${windowEndsOn.slice(4)}`;
    const { id: _id, idNumber: _number, ...rest } = body;

    const edited = await put(scene.countyStaff.token, body.id, {
      ...rest,
      version: 1,
      status: 'exited',
      exitDate,
    });

    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const [item, ...others] = await alertsOf(scene.countyStaff.userId);
    expect(others).toStrictEqual([]);
    expect(item).toMatchObject({
      fileId: body.id,
      rule: 'monitoringWindowEnding',
      severity: 'task',
      evidence: { exitDate, monitoringMonths: 12, windowEndsOn },
      basis: `window:${windowEndsOn}`,
      // Due on the window's end, more than 3 days away.
      dueOn: windowEndsOn,
      assigneeUserId: scene.countyStaff.userId,
    });
  });

  it('moves an open alert with its household to another node, to the caseworker there', async () => {
    const scene = await hardshipScene();
    await setLine(scene.rootStaff.token, {
      orgPath: scene.root,
      effectiveFrom: '2026-01-01',
      monthlyFen: 114_000,
    });
    const body = draft(scene.county);
    await filed(scene.countyStaff.token, body);
    const id = (await visited(scene.countyStaff.token, body.id, lowVisit(1))).alerts![0]!.id;
    const { id: _id, idNumber: _number, ...rest } = body;
    const version = Number((await rawFile(body.id))?.version);

    const edited = await put(scene.countyStaff.token, body.id, {
      ...rest,
      version,
      orgPath: scene.town,
      caseworkerUserId: scene.townStaff.userId,
    });

    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(await alertsOf(scene.countyStaff.userId)).toStrictEqual([]);
    const [moved, ...others] = await alertsOf(scene.townStaff.userId);
    expect(others).toStrictEqual([]);
    const dueOn = plusDays(today(), 3);
    expect(moved).toMatchObject({
      id,
      orgPath: scene.town,
      orgName: '测试镇工会',
      holderOrgPath: scene.town,
      assigneeUserId: scene.townStaff.userId,
      status: 'open',
      dueOn,
      version: 2,
      gsi1pk: `HA_Q#${scene.root}#open`,
      gsi1sk: `${scene.town}/#${dueOn}#${id}`,
    });
    expect((await rawAudit(id)).map((e) => e.action).sort()).toStrictEqual(['followFile', 'raiseAlert']);
    // A second review finds nothing more to move.
    await reviewHousehold(body.id, new Date());
    expect((await getAlert(id))?.version).toBe(2);
  });

  it('writes a "check today" monitor for every household an import files, leaving them to the sweep', async () => {
    const scene = await hardshipScene();
    const rows = [householdRow(), householdRow({ 户主姓名: '示例户·赵某某', 同意人: '示例户·赵某某' })];

    const answer = await importCsv(scene.countyStaff.token, scene.county, rows, false);

    expect(answer.status).toBe(200);
    const { Items = [] } = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :org)',
        ExpressionAttributeValues: { ':pk': `HF_ORG#${scene.root}`, ':org': `${scene.county}/` },
      }),
    );
    expect(Items.length).toBe(2);
    for (const file of Items) {
      const fileId = String(file.id);
      expect(await monitorOf(fileId)).toMatchObject({
        type: 'HardshipMonitor',
        fileId,
        orgPath: scene.county,
        checkOn: today(),
        gsi3pk: `HF_CHECK#${shard(fileId)}`,
        gsi3sk: `${today()}#${fileId}`,
      });
      expect(await itemsOf(fileId, /^ALERTRULE#/)).toStrictEqual([]);
    }
  });
});
