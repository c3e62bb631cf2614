import { randomUUID } from 'node:crypto';
import { shanghaiDate, type VisitCreated, type VisitCreateInput } from '@ankang/shared';
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { db, tableName } from '../../functions/src/db/client';
import { getAlert, getAlertSlot } from '../../functions/src/db/hardshipAlerts';
import { handler as createHardshipVisit } from '../../functions/src/handlers/createHardshipVisit';
import { reviewHousehold } from '../../functions/src/services/hardshipMonitor';
import { httpEvent, invoke } from '../support/events';
import { alertRecord, putAlerts, resolve } from './hardshipAlertFixtures';
import { draft, filed, hardshipScene, setLine } from './hardshipFixtures';
import { atShanghaiNoon } from './shanghaiNoon';

atShanghaiNoon();

/**
 * Households whose stored state no code path makes today, but a bug, a hand edit or a restore
 * could: the review must heal them rather than fail (or come up) every night.
 */

const today = () => shanghaiDate(new Date());
function plusDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** ¥12,000 a year for 3 people (¥333.33 a month each), under the ¥1,140.00 line of the scene. */
function lowVisit(daysAgo: number): VisitCreateInput {
  const visitedOn = plusDays(today(), -daysAgo);
  return {
    id: `hv_${randomUUID().replace(/-/g, '')}`,
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
  };
}

async function visited(token: string, fileId: string, body: VisitCreateInput): Promise<VisitCreated> {
  const answer = await invoke(
    createHardshipVisit,
    httpEvent({
      method: 'POST',
      path: `/staff/hardship/files/${fileId}/visits`,
      token,
      params: { id: fileId },
      body,
    }),
  );
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body as VisitCreated;
}

/** A household under a ¥1,140.00 line with one 低保 alert raised by a visit. */
async function raisedScene() {
  const scene = await hardshipScene();
  expect(
    (
      await setLine(scene.rootStaff.token, {
        orgPath: scene.root,
        effectiveFrom: '2026-01-01',
        monthlyFen: 114_000,
      })
    ).status,
  ).toBe(200);
  const file = await filed(scene.countyStaff.token, draft(scene.county));
  const visit = lowVisit(1);
  const answer = await visited(scene.countyStaff.token, file.id, visit);
  const alertId = answer.alerts![0]!.id;
  return { ...scene, fileId: file.id, visitId: visit.id, alertId };
}

const raw = async (key: { pk: string; sk: string }) =>
  (await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;

describe('Service: a review heals a household it would otherwise fail on every night', () => {
  it('releases a slot whose alert was resolved without it, remembering the basis, and raises nothing', async () => {
    const scene = await raisedScene();
    const slotBefore = (await getAlertSlot(scene.fileId, 'belowPovertyLine'))!;
    // The alert resolved by hand, its slot left naming it.
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: `HALERT#${scene.alertId}`, sk: 'ALERT' },
        UpdateExpression: 'SET #status = :resolved',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':resolved': 'resolved' },
      }),
    );

    const review = await reviewHousehold(scene.fileId, new Date());

    expect(review).toMatchObject({ raised: [], updated: [], open: [], unchanged: 1 });
    const slot = await getAlertSlot(scene.fileId, 'belowPovertyLine');
    expect(slot).toStrictEqual({
      fileId: scene.fileId,
      rule: 'belowPovertyLine',
      lastBasis: scene.visitId,
      resolvedBases: [scene.visitId],
      householdKey: slotBefore.householdKey,
      version: slotBefore.version + 1,
      updatedAt: expect.any(String),
    });
    // Healed once: the next review reads a sound slot and writes nothing.
    const again = await reviewHousehold(scene.fileId, new Date());
    expect(again).toMatchObject({ raised: [], updated: [], unchanged: 1 });
    expect(await getAlertSlot(scene.fileId, 'belowPovertyLine')).toStrictEqual(slot);
  });

  it('resolving an alert its slot does not name keeps the slot’s open alert and household key', async () => {
    const scene = await raisedScene();
    const slotBefore = (await getAlertSlot(scene.fileId, 'belowPovertyLine'))!;
    expect(slotBefore).toMatchObject({ openAlertId: scene.alertId, householdKey: expect.any(String) });
    // A second open alert of the rule, stored whole without the slot (as old or demo data is).
    const file = { ...(await getAlert(scene.alertId))!, id: scene.fileId };
    const stray = alertRecord(
      file,
      { userId: scene.countyStaff.userId, name: '测试' },
      { basis: 'hv_stray', status: 'acknowledged' },
    );
    await putAlerts([stray]);

    const answer = await resolve(scene.countyStaff.token, stray.id, {
      version: 1,
      outcome: { kind: 'noHelp', note: '重复预警' },
    });

    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(await getAlertSlot(scene.fileId, 'belowPovertyLine')).toStrictEqual({
      ...slotBefore,
      resolvedBases: [...slotBefore.resolvedBases, 'hv_stray'],
      version: slotBefore.version + 1,
      updatedAt: (answer.body as { resolvedAt: string }).resolvedAt,
    });
  });

  it('releases a slot whose alert is gone and raises the rule again, once', async () => {
    const scene = await raisedScene();
    await db.send(
      new DeleteCommand({ TableName: tableName, Key: { pk: `HALERT#${scene.alertId}`, sk: 'ALERT' } }),
    );

    const review = await reviewHousehold(scene.fileId, new Date());

    expect(review.raised.map((a) => a.rule)).toStrictEqual(['belowPovertyLine']);
    const newId = review.raised[0]!.id;
    expect(newId).not.toBe(scene.alertId);
    expect(await getAlert(newId)).toMatchObject({ status: 'open', basis: scene.visitId });
    expect(await getAlertSlot(scene.fileId, 'belowPovertyLine')).toMatchObject({
      openAlertId: newId,
      resolvedBases: [],
    });
    const again = await reviewHousehold(scene.fileId, new Date());
    expect(again).toMatchObject({ raised: [], updated: [], unchanged: 1 });
  });

  it('deletes the monitor of a household whose file is gone, so the sweep stops finding it', async () => {
    const scene = await raisedScene();
    const monitorKey = { pk: `HFILE#${scene.fileId}`, sk: 'MONITOR' };
    expect(await raw(monitorKey)).toMatchObject({ type: 'HardshipMonitor', fileId: scene.fileId });
    await db.send(
      new DeleteCommand({ TableName: tableName, Key: { pk: `HFILE#${scene.fileId}`, sk: 'FILE' } }),
    );

    const review = await reviewHousehold(scene.fileId, new Date());

    expect(review).toStrictEqual({
      raised: [],
      updated: [],
      open: [],
      unchanged: 0,
      checkOn: today(),
      itemsRead: expect.any(Number),
    });
    expect(await raw(monitorKey)).toBeUndefined();
  });
});

describe('Service: a visit answers its alerts from its review', () => {
  it('reads the household’s open alerts only for a retry, whose review does not run', async () => {
    const scene = await raisedScene();
    const name = 'countOpenAlertReads';
    let openAlertReads = 0;
    db.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { ExpressionAttributeValues?: Record<string, unknown> };
        if (
          context.commandName === 'QueryCommand' &&
          input.ExpressionAttributeValues?.[':prefix'] === 'ALERTRULE#'
        ) {
          openAlertReads += 1;
        }
        return next(args);
      },
      { step: 'initialize', name },
    );
    try {
      const body = lowVisit(0);
      const answer = await visited(scene.countyStaff.token, scene.fileId, body);
      // The open alert now stands on the new visit (its evidence updated by the review).
      expect(answer.alerts).toStrictEqual([
        { id: scene.alertId, rule: 'belowPovertyLine', ruleLabel: '人均收入低于低保标准', severity: 'high' },
      ]);
      expect(openAlertReads).toBe(0);

      const retried = await visited(scene.countyStaff.token, scene.fileId, body);
      expect(retried.alerts).toStrictEqual(answer.alerts);
      expect(openAlertReads).toBe(1);
    } finally {
      db.middlewareStack.remove(name);
    }
  });
});

describe('Service: the reads of a review', () => {
  it('reads the open alerts once, in one request, and follows a renamed household from that read', async () => {
    const scene = await raisedScene();
    // The head of household renamed behind the review's back (no write of its own reviewed it).
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: `HFILE#${scene.fileId}`, sk: 'FILE' },
        UpdateExpression: 'SET headName = :name ADD version :one',
        ExpressionAttributeValues: { ':name': '示例户·改名', ':one': 1 },
      }),
    );
    const name = 'countAlertReads';
    const alertReads: string[] = [];
    db.middlewareStack.add(
      (next, context) => async (args) => {
        const command = context.commandName ?? '';
        if (/^(Get|BatchGet)/.test(command) && JSON.stringify(args.input).includes('HALERT#')) {
          alertReads.push(command);
        }
        return next(args);
      },
      { step: 'initialize', name },
    );
    let review: Awaited<ReturnType<typeof reviewHousehold>>;
    try {
      review = await reviewHousehold(scene.fileId, new Date());
    } finally {
      db.middlewareStack.remove(name);
    }
    // The rule still fires on the same visit (unchanged), and the alert takes the new name.
    expect(review).toMatchObject({ raised: [], updated: [], unchanged: 1 });
    expect(alertReads).toStrictEqual(['BatchGetItemCommand']);
    expect(await getAlert(scene.alertId)).toMatchObject({ headName: '示例户·改名', version: 2 });
  });
});
