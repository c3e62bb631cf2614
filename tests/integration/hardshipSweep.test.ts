import { randomUUID } from 'node:crypto';
import type { HouseholdFile, VisitCreateInput } from '@ankang/shared';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { sqsEventOf } from '../../functions/local/fakeSqs';
import type { MessagesSeen } from '../../functions/local/fakeWechatMessages';
import { ensureTable } from '../../functions/local/table';
import { listAuditEvents } from '../../functions/src/db/audit';
import { db, tableName } from '../../functions/src/db/client';
import {
  type AlertRecord,
  alertRecordSchema,
  monitorRecordSchema,
} from '../../functions/src/db/hardshipAlertItems';
import { getAlertSlot } from '../../functions/src/db/hardshipAlerts';
import { hardshipAlertKeys, shardOfId } from '../../functions/src/db/keys';
import { handler as createHardshipVisit } from '../../functions/src/handlers/createHardshipVisit';
import { handler as recordSubscriptions } from '../../functions/src/handlers/recordSubscriptions';
import {
  handler as runMonitoringSweepHandler,
  sweepUntilDeadline,
} from '../../functions/src/handlers/runMonitoringSweep';
import { runMonitoringSweep } from '../../functions/src/services/hardshipSweep';
import { tallyDynamo } from '../support/dynamoTally';
import { httpEvent, invoke } from '../support/events';
import { draft, filed, type HardshipScene, hardshipScene, setLine } from './hardshipFixtures';
import { householdRow, importCsv } from './householdImportFixtures';
import { atShanghaiNoon } from './shanghaiNoon';

/**
 * The sweep reads every household and alert due in the table: this file gets a table of its own
 * (named before any module reads the environment), so other files' households never meet its runs.
 */
const ownTable = vi.hoisted(() => {
  const name = `sweep-it-${Math.random().toString(16).slice(2, 10)}`;
  process.env.TABLE_NAME = name;
  return name;
});

atShanghaiNoon();

const DAY_MS = 86_400_000;
const wechat = inject('wechatApiBase');
const tally = tallyDynamo(db, 'sweepTestTally');

beforeAll(async () => {
  expect(tableName).toBe(ownTable);
  const client = new DynamoDBClient({
    endpoint: inject('dynamoEndpoint'),
    region: 'cn-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await ensureTable(client, ownTable);
  client.destroy();
});

afterAll(() => {
  // Every run in this file went through the tally, which refuses a Scan outright.
  expect(tally.counts().scans).toBe(0);
  tally.remove();
});

/** YYYY-MM-DD `days` after `date`, by plain UTC calendar arithmetic (not the code under test's). */
const dateAfter = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
/** Today in Shanghai (the clock is held at noon there). */
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
/** Noon Shanghai time `days` from today: when a test's sweep runs. */
const dayAt = (days: number) => new Date(`${dateAfter(today(), days)}T12:00:00+08:00`);

/** A visit with nothing alarming in it: ¥60,000 a year, ¥6,000 fixed spending, 3 people, all at work. */
function quietVisit(visitedOn: string, overrides: Partial<VisitCreateInput> = {}): VisitCreateInput {
  return {
    id: `hv_${randomUUID().replace(/-/g, '')}`,
    visitedOn,
    mode: 'home',
    annualIncomeFen: 6_000_000,
    annualFixedSpendingFen: 600_000,
    householdSize: 3,
    earners: [{ relation: 'self', employment: 'employed', changedSinceLastVisit: false }],
    largeSpending: [],
    housing: [],
    risk: 'low',
    nextVisitDue: dateAfter(visitedOn, 90),
    ...overrides,
  };
}

async function visited(token: string, fileId: string, body: VisitCreateInput): Promise<void> {
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
}

/** The household's open alert of a rule, read from its slot; null when none was raised. */
async function alertOf(fileId: string, rule: AlertRecord['rule']): Promise<AlertRecord | null> {
  const slot = await getAlertSlot(fileId, rule);
  if (!slot?.openAlertId) return null;
  return storedAlert(slot.openAlertId);
}

async function storedAlert(id: string): Promise<AlertRecord> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: hardshipAlertKeys.alert(id) }));
  return alertRecordSchema.parse(Item);
}

async function rawAlert(id: string): Promise<Record<string, unknown>> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: hardshipAlertKeys.alert(id) }));
  return Item!;
}

async function monitorOf(fileId: string) {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: hardshipAlertKeys.monitor(fileId) }),
  );
  return monitorRecordSchema.parse(Item);
}

async function seen(openid: string): Promise<MessagesSeen> {
  const response = await fetch(`${wechat}/__fake/messages?touser=${encodeURIComponent(openid)}`);
  return (await response.json()) as MessagesSeen;
}

const fileAt = async (scene: HardshipScene, overrides: Parameters<typeof draft>[1] = {}) =>
  filed(scene.townStaff.token, draft(scene.town, { consent: consentOn(today()), ...overrides }));
const consentOn = (date: string) => ({
  givenBy: '张某某',
  relation: 'self' as const,
  date,
  scopes: ['filing' as const, 'visits' as const],
  method: 'written' as const,
});

describe('Service: runMonitoringSweep — time-based rules', () => {
  it('raises 未按期走访 the day after the cadence runs out, not before', async () => {
    const scene = await hardshipScene();
    const file = await fileAt(scene);
    await visited(scene.townStaff.token, file.id, quietVisit(dateAfter(today(), -80)));
    // The visit's own review found nothing due: 90 days from the visit is 10 days away.
    expect(await alertOf(file.id, 'visitOverdue')).toBeNull();
    expect((await monitorOf(file.id)).checkOn).toBe(dateAfter(today(), 11));

    await runMonitoringSweep(dayAt(10));
    expect(await alertOf(file.id, 'visitOverdue')).toBeNull();

    const run = await runMonitoringSweep(dayAt(11));
    expect(run.complete).toBe(true);
    const alert = await alertOf(file.id, 'visitOverdue');
    expect(alert).toMatchObject({
      fileId: file.id,
      rule: 'visitOverdue',
      severity: 'low',
      status: 'open',
      orgPath: scene.town,
      holderOrgPath: scene.town,
      assigneeUserId: scene.townStaff.userId,
      raisedOn: dateAfter(today(), 11),
      dueOn: dateAfter(today(), 11 + 14),
      escalations: [],
      evidence: {
        countedFrom: dateAfter(today(), -80),
        cadence: 'active',
        cadenceDays: 90,
        dueOn: dateAfter(today(), 10),
        daysOverdue: 1,
      },
    });
    expect((await monitorOf(file.id)).checkOn > dateAfter(today(), 11)).toBe(true);
  });

  it('raises the 监测期届满 task when the notice period of an exited household begins', async () => {
    const scene = await hardshipScene();
    // A window end on a day of the month every month has, so "12 months before" is unambiguous.
    let ends = 40;
    while (Number(dateAfter(today(), ends).slice(8)) > 28) ends += 1;
    const windowEndsOn = dateAfter(today(), ends);
    const exitDate = `${Number(windowEndsOn.slice(0, 4)) - 1}${windowEndsOn.slice(4)}`;
    const file = await fileAt(scene, { status: 'exited', exitDate, consent: consentOn(exitDate) });
    expect(await alertOf(file.id, 'monitoringWindowEnding')).toBeNull();

    // The default policy gives 30 days' notice: the task appears `ends - 30` days from now.
    await runMonitoringSweep(dayAt(ends - 31));
    expect(await alertOf(file.id, 'monitoringWindowEnding')).toBeNull();
    await runMonitoringSweep(dayAt(ends - 30));
    expect(await alertOf(file.id, 'monitoringWindowEnding')).toMatchObject({
      severity: 'task',
      status: 'open',
      raisedOn: dateAfter(today(), ends - 30),
      dueOn: windowEndsOn,
      evidence: { exitDate, monitoringMonths: 12, windowEndsOn, daysLeft: 30 },
    });
  });

  it('reviews a household that was imported (and so never reviewed) on the next run', async () => {
    const scene = await hardshipScene();
    // Left hardship 11 months and 10 days ago: its monitoring window ends in under 30 days.
    const exitDate = dateAfter(today(), -(365 - 20));
    const answer = await importCsv(
      scene.townStaff.token,
      scene.town,
      [householdRow({ 档案状态: '已脱困', 脱困日期: exitDate, 同意日期: dateAfter(exitDate, -30) })],
      false,
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ created: 1 });
    const listed = await invoke(
      (await import('../../functions/src/handlers/listHardshipFiles')).handler,
      httpEvent({
        path: '/staff/hardship/files',
        token: scene.townStaff.token,
        query: { orgPath: scene.town },
      }),
    );
    const [file] = (listed.body as { files: HouseholdFile[] }).files;
    // The import only asked for a check today; nothing was evaluated yet.
    expect((await monitorOf(file!.id)).checkOn).toBe(today());
    expect(await alertOf(file!.id, 'monitoringWindowEnding')).toBeNull();

    // The sweep reviews every file due today in the table other files share, so its count has no
    // exact value here; this file's own review is seen on its alert and its moved check date.
    await runMonitoringSweep(dayAt(0));
    expect(await alertOf(file!.id, 'monitoringWindowEnding')).toMatchObject({
      rule: 'monitoringWindowEnding',
      raisedOn: today(),
      evidence: { exitDate },
    });
    expect((await monitorOf(file!.id)).checkOn > today()).toBe(true);
  });
});

describe('Service: runMonitoringSweep — escalation', () => {
  it('escalates an overdue alert level by level, naming who failed to act, until the province', async () => {
    const scene = await hardshipScene();
    await setLine(scene.rootStaff.token, {
      orgPath: scene.root,
      effectiveFrom: '2025-01-01',
      monthlyFen: 114_000,
    });
    const file = await fileAt(scene);
    // ¥18,000 a year less ¥6,000 fixed, 3 people: ¥333.33 a month each, far under ¥1,140.
    await visited(
      scene.townStaff.token,
      file.id,
      quietVisit(dateAfter(today(), -1), { annualIncomeFen: 1_800_000, risk: 'high' }),
    );
    const raised = (await alertOf(file.id, 'belowPovertyLine'))!;
    expect(raised).toMatchObject({
      severity: 'high',
      dueOn: dateAfter(today(), 3),
      holderOrgPath: scene.town,
    });

    await runMonitoringSweep(dayAt(3));
    expect(await storedAlert(raised.id)).toStrictEqual(raised);

    await runMonitoringSweep(dayAt(4));
    const first = await storedAlert(raised.id);
    expect(first).toStrictEqual({
      ...raised,
      holderOrgPath: scene.county,
      dueOn: dateAfter(today(), 4 + 3),
      escalations: [
        {
          fromOrgPath: scene.town,
          fromOrgName: '测试镇工会',
          toOrgPath: scene.county,
          toOrgName: '测试县工会',
          at: dayAt(4).toISOString(),
          dueOn: dateAfter(today(), 3),
          assigneeName: '测试用户',
          assigneeUserId: scene.townStaff.userId,
        },
      ],
      updatedAt: dayAt(4).toISOString(),
      version: raised.version + 1,
    });
    // Visible to the county as escalated to it, and still due (for the next level).
    expect(await rawAlert(raised.id)).toMatchObject({
      gsi4pk: `HA_ESC#${scene.county}`,
      gsi3sk: `${dateAfter(today(), 7)}#${raised.id}`,
    });
    const [event] = (await listAuditEvents(raised.id, { limit: 1 })).events;
    expect(event).toMatchObject({
      action: 'escalateAlert',
      actorUserId: 'system',
      actorName: '系统',
      subjectType: 'hardshipAlert',
      orgPath: scene.town,
    });
    expect(event!.detail).toBe(
      `测试用户（测试镇工会）未在 ${dateAfter(today(), 3)} 前处理，上报至测试县工会，新的处理期限 ${dateAfter(today(), 7)}`,
    );

    await runMonitoringSweep(dayAt(8));
    const second = await storedAlert(raised.id);
    expect(second).toMatchObject({
      holderOrgPath: scene.root,
      dueOn: dateAfter(today(), 8 + 3),
      version: raised.version + 2,
    });
    expect(second.escalations).toStrictEqual([
      first.escalations[0],
      {
        fromOrgPath: scene.county,
        fromOrgName: '测试县工会',
        toOrgPath: scene.root,
        toOrgName: '测试省工会',
        at: dayAt(8).toISOString(),
        dueOn: dateAfter(today(), 7),
        assigneeName: '测试用户',
        assigneeUserId: scene.townStaff.userId,
      },
    ]);

    // Overdue at the province: nowhere higher, so it is marked and leaves the due index.
    await runMonitoringSweep(dayAt(12));
    const exhausted = await storedAlert(raised.id);
    expect(exhausted).toStrictEqual({
      ...second,
      exhausted: true,
      updatedAt: dayAt(12).toISOString(),
      version: raised.version + 3,
    });
    const item = await rawAlert(raised.id);
    expect(item.gsi3pk).toBeUndefined();
    expect(item.gsi4pk).toBe(`HA_ESC#${scene.root}`);
    const [last] = (await listAuditEvents(raised.id, { limit: 1 })).events;
    expect(last!.detail).toBe(
      `测试用户（测试省工会）未在 ${dateAfter(today(), 11)} 前处理；已在省级，无法继续上报`,
    );

    await runMonitoringSweep(dayAt(20));
    expect(await storedAlert(raised.id)).toStrictEqual(exhausted);
  });

  it('leaves an alert someone acted on since the read (its version moved)', async () => {
    const scene = await hardshipScene();
    await setLine(scene.rootStaff.token, {
      orgPath: scene.root,
      effectiveFrom: '2025-01-01',
      monthlyFen: 114_000,
    });
    const file = await fileAt(scene);
    await visited(
      scene.townStaff.token,
      file.id,
      quietVisit(dateAfter(today(), -1), { annualIncomeFen: 1_800_000, risk: 'high' }),
    );
    const raised = (await alertOf(file.id, 'belowPovertyLine'))!;
    const { escalateAlert, orgNamesFor } = await import('../../functions/src/services/hardshipEscalation');
    const stale = { ...raised, version: raised.version - 1 };
    expect(await escalateAlert(stale, dayAt(4), orgNamesFor())).toBe('changed');
    expect(await storedAlert(raised.id)).toStrictEqual(raised);
  });
});

describe('Service: org names of a sweep run', () => {
  it('reads a node once when many escalations ask for it at the same time', async () => {
    const scene = await hardshipScene();
    const { orgNamesFor } = await import('../../functions/src/services/hardshipEscalation');
    const names = orgNamesFor();
    const name = 'countOrgReads';
    let reads = 0;
    db.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'BatchGetItemCommand') reads += 1;
        return next(args);
      },
      { step: 'initialize', name },
    );
    try {
      const answers = await Promise.all(Array.from({ length: 8 }, () => names([scene.town, scene.county])));
      for (const answer of answers) {
        expect(answer).toStrictEqual(
          new Map([
            [scene.town, '测试镇工会'],
            [scene.county, '测试县工会'],
          ]),
        );
      }
      expect(reads).toBe(1);
      // Known since: asking again reads nothing; a new node is one more read.
      await names([scene.town]);
      expect(reads).toBe(1);
      expect(await names([scene.root])).toStrictEqual(new Map([[scene.root, '测试省工会']]));
      expect(reads).toBe(2);
    } finally {
      db.middlewareStack.remove(name);
    }
  });
});

describe('Service: runMonitoringSweep — reruns and notices', () => {
  it('changes nothing when run a second time on the same day', async () => {
    const scene = await hardshipScene();
    await setLine(scene.rootStaff.token, {
      orgPath: scene.root,
      effectiveFrom: '2025-01-01',
      monthlyFen: 114_000,
    });
    const poor = await fileAt(scene);
    await visited(
      scene.townStaff.token,
      poor.id,
      quietVisit(dateAfter(today(), -1), { annualIncomeFen: 1_800_000 }),
    );
    const unvisited = await fileAt(scene);
    await visited(scene.townStaff.token, unvisited.id, quietVisit(dateAfter(today(), -80)));
    const poverty = (await alertOf(poor.id, 'belowPovertyLine'))!;

    // By day 12 the poverty alert (due day 3) is overdue and the unvisited household (due day 10) too.
    await runMonitoringSweep(dayAt(12));
    tally.reset();
    // Each once: the poverty alert one level up, due 3 days on; one 未按期走访 raised, due in 14.
    expect(await storedAlert(poverty.id)).toMatchObject({
      holderOrgPath: scene.county,
      dueOn: dateAfter(today(), 15),
      version: poverty.version + 1,
    });
    expect((await storedAlert(poverty.id)).escalations).toHaveLength(1);
    expect(await alertOf(unvisited.id, 'visitOverdue')).toMatchObject({
      status: 'open',
      dueOn: dateAfter(today(), 26),
      version: 1,
    });

    const again = await runMonitoringSweep(new Date(dayAt(12).getTime() + 3_600_000));
    expect(tally.reset().itemsWritten).toBe(0);
    expect(again).toStrictEqual({
      today: dateAfter(today(), 12),
      reviewed: 0,
      alertsRaised: 0,
      alertsUpdated: 0,
      escalated: 0,
      dueNotices: 0,
      itemsRead: again.itemsRead,
      changes: 0,
      failed: 0,
      unreadable: 0,
      complete: true,
    });
  });

  it('tells the assignee once the day before an alert falls due, however often it runs', async () => {
    const scene = await hardshipScene();
    const file = await fileAt(scene);
    // 95 days since the last visit: 未按期走访 at once (low: due in 14 days).
    await visited(scene.townStaff.token, file.id, quietVisit(dateAfter(today(), -95)));
    const alert = (await alertOf(file.id, 'visitOverdue'))!;
    expect(alert.dueOn).toBe(dateAfter(today(), 14));
    for (let i = 0; i < 2; i += 1) {
      const consent = await invoke(
        recordSubscriptions,
        httpEvent({
          method: 'POST',
          path: '/me/subscriptions',
          token: scene.townStaff.token,
          body: { requestId: randomUUID(), results: [{ topic: 'alertDue', result: 'accept' }] },
        }),
      );
      expect(consent.status).toBe(200);
    }

    await runMonitoringSweep(dayAt(12));
    expect((await seen(scene.townStaff.openid)).messages).toStrictEqual([]);
    await runMonitoringSweep(dayAt(13));
    await runMonitoringSweep(new Date(dayAt(13).getTime() + 3_600_000));
    const [y, m, d] = alert.dueOn.split('-');
    expect(await seen(scene.townStaff.openid)).toStrictEqual({
      attempts: 1,
      messages: [
        {
          touser: scene.townStaff.openid,
          template_id: 'test-template-alert-due',
          page: `staff/pages/alert/index?id=${alert.id}`,
          data: {
            thing1: { value: '未按期走访' },
            // The district, never the household's name.
            thing2: { value: alert.district },
            date3: { value: `${y}年${Number(m)}月${Number(d)}日` },
            phrase4: { value: '低' },
            thing5: { value: '预警明天到期，请及时处理' },
          },
          miniprogram_state: expect.any(String),
          lang: 'zh_CN',
        },
      ],
    });
  });

  it('stops at its deadline and says so; the next run does the rest', async () => {
    const scene = await hardshipScene();
    const file = await fileAt(scene);
    await visited(scene.townStaff.token, file.id, quietVisit(dateAfter(today(), -80)));
    const stopped = await runMonitoringSweep(dayAt(11), { deadlineMs: Date.now() - 1 });
    expect(stopped).toMatchObject({ reviewed: 0, escalated: 0, complete: false });
    expect(await alertOf(file.id, 'visitOverdue')).toBeNull();
    expect((await runMonitoringSweep(dayAt(11))).complete).toBe(true);
    expect(await alertOf(file.id, 'visitOverdue')).not.toBeNull();
  });

  it('stops when the deadline passes mid-run; the next run finishes the rest, each household once', async () => {
    const scene = await hardshipScene();
    const files: HouseholdFile[] = [];
    for (let i = 0; i < 3; i += 1) {
      const file = await fileAt(scene);
      // Last visited 80 days ago: overdue from day 11 (90-day cadence).
      await visited(scene.townStaff.token, file.id, quietVisit(dateAfter(today(), -80)));
      files.push(file);
    }
    const deadline = Date.now() + 60_000;
    // The clock is held; the first raise of the run moves it past the deadline, as a slow night would.
    const name = 'deadlinePassesAfterFirstRaise';
    db.middlewareStack.add(
      (next, context) => async (args) => {
        const answer = await next(args);
        if (
          context.commandName === 'TransactWriteItemsCommand' &&
          JSON.stringify(args.input).includes('"raiseAlert"')
        ) {
          vi.setSystemTime(deadline + 1);
        }
        return answer;
      },
      { step: 'initialize', name },
    );
    let first: Awaited<ReturnType<typeof runMonitoringSweep>>;
    try {
      first = await runMonitoringSweep(dayAt(11), { deadlineMs: deadline, parallel: 1 });
    } finally {
      db.middlewareStack.remove(name);
    }
    expect(first).toMatchObject({ reviewed: 1, alertsRaised: 1, complete: false });
    const raisedFirst = await Promise.all(files.map((file) => alertOf(file.id, 'visitOverdue')));
    expect(raisedFirst.filter((alert) => alert !== null)).toHaveLength(1);

    const second = await runMonitoringSweep(dayAt(11));
    expect(second).toMatchObject({ reviewed: 2, alertsRaised: 2, complete: true });
    const third = await runMonitoringSweep(dayAt(11));
    expect(third).toMatchObject({ reviewed: 0, alertsRaised: 0, complete: true });
    // Every household exactly one 未按期走访, raised once (one raiseAlert event each).
    for (const file of files) {
      const alert = (await alertOf(file.id, 'visitOverdue'))!;
      expect(alert).toMatchObject({ fileId: file.id, status: 'open', version: 1 });
      const { events } = await listAuditEvents(alert.id, { limit: 10 });
      expect(events.map((event) => event.action)).toStrictEqual(['raiseAlert']);
    }
  });

  it('goes on when one index read fails: the other steps run, and the run says it is incomplete', async () => {
    const scene = await hardshipScene();
    const file = await fileAt(scene);
    await visited(scene.townStaff.token, file.id, quietVisit(dateAfter(today(), -80)));
    // Every read of the alerts' due index fails (as when throttled); the check index answers.
    const failDueReads =
      (next: (args: { input: unknown }) => Promise<unknown>) => async (args: { input: unknown }) => {
        const input = args.input as { ExpressionAttributeValues?: Record<string, unknown> };
        const pk = Object.values(input.ExpressionAttributeValues ?? {}).find((v) =>
          String(v).startsWith('HA_DUE#'),
        );
        if (pk !== undefined) throw new Error('ProvisionedThroughputExceededException (test)');
        return next(args);
      };
    db.middlewareStack.add(failDueReads as never, { step: 'initialize', name: 'failDueReads' });
    try {
      const run = await runMonitoringSweep(dayAt(11));
      // 8 shards of the due index, read by escalation and by the due notices: each fails once.
      expect(run).toMatchObject({ failed: 16, escalated: 0, dueNotices: 0, complete: false });
      // Reviews read the check index, which answers: this file's own was reviewed (its check date
      // moved past the run's day); the run's count also holds other files' households.
      expect((await monitorOf(file.id)).checkOn > dateAfter(today(), 11)).toBe(true);
    } finally {
      db.middlewareStack.remove('failDueReads');
    }
    expect(await alertOf(file.id, 'visitOverdue')).not.toBeNull();
  });

  it('runs with the Lambda’s remaining time as its deadline', async () => {
    const lambda = (remainingMs: number) =>
      ({ getRemainingTimeInMillis: () => remainingMs }) as unknown as Context;
    // The clock is held: 60 s left is exactly the margin kept back, so the deadline is now and
    // nothing starts; one more millisecond and the run goes through.
    expect(await sweepUntilDeadline(lambda(60_000))).toMatchObject({
      today: today(),
      reviewed: 0,
      escalated: 0,
      complete: false,
    });
    expect(await sweepUntilDeadline(lambda(60_001))).toMatchObject({
      today: today(),
      complete: true,
    });
  });

  it('runs from its queue: a sweep message sweeps, any other message is reported failed', async () => {
    const lambda = { awsRequestId: 'sweep', getRemainingTimeInMillis: () => 600_000 } as unknown as Context;
    const message = (body: string) =>
      sqsEventOf({ queueName: 'ankang-local-sweep-jobs', messageId: randomUUID(), body, receiveCount: 1 });
    const wrong = message(JSON.stringify({ job: 'export', exportId: `ex_${'0'.repeat(24)}` }));
    expect(await runMonitoringSweepHandler(wrong, lambda)).toStrictEqual({
      batchItemFailures: [{ itemIdentifier: wrong.Records[0]!.messageId }],
    });
    expect(await runMonitoringSweepHandler(message('{"job":"sweep"}'), lambda)).toStrictEqual({
      batchItemFailures: [],
    });
  });
});

describe('Service: runMonitoringSweep — unreadable index items', () => {
  it('skips and counts an item that does not parse; the rest of its shard still runs', async () => {
    const scene = await hardshipScene();
    await setLine(scene.rootStaff.token, {
      orgPath: scene.root,
      effectiveFrom: '2025-01-01',
      monthlyFen: 114_000,
    });
    const file = await fileAt(scene);
    await visited(
      scene.townStaff.token,
      file.id,
      quietVisit(dateAfter(today(), -1), { annualIncomeFen: 1_800_000, risk: 'high' }),
    );
    const raised = (await alertOf(file.id, 'belowPovertyLine'))!;
    // A half-written alert and monitor, each in the shard of a good record and read before it.
    const badAlert = { pk: `HALERT#ha_${'0'.repeat(31)}b`, sk: 'ALERT' };
    const badMonitor = { pk: `HFILE#hf_${'0'.repeat(31)}b`, sk: 'MONITOR' };
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...badAlert,
          type: 'HardshipAlert',
          gsi3pk: hardshipAlertKeys.duePartition(shardOfId(raised.id)),
          gsi3sk: `${today()}#ha_bad`,
          status: 'open',
        },
      }),
    );
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...badMonitor,
          type: 'HardshipMonitor',
          gsi3pk: hardshipAlertKeys.monitorCheckPartition(shardOfId(file.id)),
          gsi3sk: `${today()}#hf_bad`,
        },
      }),
    );
    try {
      const run = await runMonitoringSweep(dayAt(4));
      expect(run).toMatchObject({ unreadable: 2, failed: 0, complete: true });
      // Other files' overdue alerts may escalate in the same run: this test's own is checked.
      expect(await storedAlert(raised.id)).toMatchObject({ holderOrgPath: scene.county });
    } finally {
      await db.send(new DeleteCommand({ TableName: tableName, Key: badAlert }));
      await db.send(new DeleteCommand({ TableName: tableName, Key: badMonitor }));
    }
  });
});
