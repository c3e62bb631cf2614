import type { HardshipAlert, HardshipAlertStatus, HouseholdFile } from '@ankang/shared';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { auditEventPut } from '../../functions/src/db/audit';
import { db, tableName } from '../../functions/src/db/client';
import type { AlertRecord } from '../../functions/src/db/hardshipAlertItems';
import { getAlertSlot } from '../../functions/src/db/hardshipAlerts';
import {
  fileRefileUpdate,
  slotResolveItem,
  writeAlertResolve,
} from '../../functions/src/db/hardshipAlertTransitions';
import { getHardshipFileRecord } from '../../functions/src/db/hardshipFiles';
import { setUserStaffRole } from '../../functions/src/db/users';
import { freshOrg, freshUser } from './fixtures';
import {
  ALL_STATUSES,
  acknowledge,
  alertRecord,
  assign,
  assignees,
  comment,
  day,
  getAlert,
  mine,
  newCommentId,
  putAlert,
  rawAlert,
  rawSlot,
  rename,
  resolve,
  start,
} from './hardshipAlertFixtures';
import {
  draft,
  errorBody,
  filed,
  get,
  type HardshipScene,
  hardshipScene,
  mask,
  partition,
  rawAudit,
  rawFile,
} from './hardshipFixtures';
import { atShanghaiNoon } from './shanghaiNoon';

atShanghaiNoon();

type Action = 'acknowledge' | 'start' | 'resolve' | 'assign';
const send = { acknowledge, start, resolve, assign };

/**
 * The state machine, written out independently of the service: open → acknowledged →
 * inProgress → resolved; resolve also straight from acknowledged; assign in every unresolved state
 * (the status stays). Every pair not listed is 409 ALERT_TRANSITION_INVALID.
 */
const LEGAL: Partial<Record<`${HardshipAlertStatus}:${Action}`, HardshipAlertStatus>> = {
  'open:acknowledge': 'acknowledged',
  'acknowledged:start': 'inProgress',
  'acknowledged:resolve': 'resolved',
  'inProgress:resolve': 'resolved',
  'open:assign': 'open',
  'acknowledged:assign': 'acknowledged',
  'inProgress:assign': 'inProgress',
};

/** A scene with one household filed in its town and named staff. */
async function alertScene() {
  const scene = await hardshipScene();
  await Promise.all([
    rename(scene.townStaff.userId, '顾镇'),
    rename(scene.countyStaff.userId, '李县'),
    rename(scene.rootStaff.userId, '王省'),
  ]);
  const body = draft(scene.town);
  const file = await filed(scene.townStaff.token, body);
  return { ...scene, file, idNumber: body.idNumber };
}
type AlertScene = HardshipScene & { file: HouseholdFile; idNumber: string };

const townAssignee = (scene: AlertScene) => ({ userId: scene.townStaff.userId, name: '顾镇' });

/** An alert on the scene's household in `status`, assigned to the town's staff member. */
function alertIn(scene: AlertScene, status: HardshipAlertStatus, overrides: Partial<AlertRecord> = {}) {
  const at = new Date().toISOString();
  return putAlert(
    alertRecord(scene.file, townAssignee(scene), {
      status,
      ...(status === 'resolved'
        ? {
            outcome: { kind: 'noHelp', note: '收入已恢复' },
            resolvedAt: at,
            resolvedByUserId: scene.townStaff.userId,
            resolvedByName: '顾镇',
          }
        : {}),
      ...overrides,
    }),
  );
}

function bodyFor(action: Action, scene: AlertScene, version = 1) {
  if (action === 'resolve') {
    return { version, outcome: { kind: 'helped', measures: ['warmth', 'livingAid'], amountFen: 50_000 } };
  }
  if (action === 'assign') {
    return { version, assigneeUserId: scene.countyStaff.userId, reason: '镇工会人手不足' };
  }
  return { version };
}

const actionNames: Record<Action, string> = {
  acknowledge: 'acknowledgeAlert',
  start: 'startAlert',
  resolve: 'resolveAlert',
  assign: 'assignAlert',
};

describe('Handlers: alert transitions, the state machine', () => {
  let scene: AlertScene;
  const cases = ALL_STATUSES.flatMap((from) =>
    (['acknowledge', 'start', 'resolve', 'assign'] as const).map((action) => ({ from, action })),
  );

  it.each(cases)('$action from $from', async ({ from, action }) => {
    scene ??= await alertScene();
    const alert = await alertIn(scene, from);
    const before = await rawAlert(alert.id);
    const answer = await send[action](scene.rootStaff.token, alert.id, bodyFor(action, scene));
    const to = LEGAL[`${from}:${action}`];
    const after = await rawAlert(alert.id);
    const events = await rawAudit(alert.id);
    if (to === undefined) {
      expect(answer).toStrictEqual({
        status: 409,
        body: errorBody('ALERT_TRANSITION_INVALID', '该预警当前的状态不能进行此操作，请刷新后查看'),
      });
      expect(after).toStrictEqual(before);
      expect(events).toStrictEqual([]);
      return;
    }
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const shown = answer.body as HardshipAlert;
    expect({ status: shown.status, version: shown.version }).toStrictEqual({ status: to, version: 2 });
    expect({ status: after?.status, version: after?.version }).toStrictEqual({ status: to, version: 2 });
    // The indexes follow the state: the queue of the new status; mine and due only while unresolved.
    const province = scene.root;
    expect(after?.gsi1pk).toBe(`HA_Q#${province}#${to}`);
    expect(after?.gsi2pk === undefined).toBe(to === 'resolved');
    expect(after?.gsi3pk === undefined).toBe(to === 'resolved');
    expect(events.map((event) => [event.action, event.actorUserId, event.subjectType])).toStrictEqual([
      [actionNames[action], scene.rootStaff.userId, 'hardshipAlert'],
    ]);
    expect(shown.history.map((entry) => entry.action)).toStrictEqual([actionNames[action]]);
    if (action === 'resolve') {
      expect(shown.history[0]?.detail).toBe('已帮扶：送温暖、生活救助，¥500.00');
      expect(after?.outcome).toStrictEqual(bodyFor('resolve', scene).outcome);
    }
  });

  it('answers a stale version with 409 VERSION_CONFLICT and the current version, changing nothing', async () => {
    scene ??= await alertScene();
    for (const action of ['acknowledge', 'start', 'resolve', 'assign'] as const) {
      const alert = await alertIn(
        scene,
        action === 'acknowledge' || action === 'assign' ? 'open' : 'acknowledged',
        {
          version: 4,
        },
      );
      const before = await rawAlert(alert.id);
      for (const version of [3, 5]) {
        const answer = await send[action](scene.townStaff.token, alert.id, bodyFor(action, scene, version));
        expect(answer).toStrictEqual({
          status: 409,
          body: errorBody('VERSION_CONFLICT', '数据已被他人修改，请刷新后重试', { currentVersion: 4 }),
        });
      }
      expect(await rawAlert(alert.id)).toStrictEqual(before);
      expect(await rawAudit(alert.id)).toStrictEqual([]);
    }
  });

  it('lets exactly one of two transitions sent at once with the same version win; the other is 409', async () => {
    scene ??= await alertScene();
    for (const pair of [
      ['acknowledge', 'acknowledge'],
      ['acknowledge', 'assign'],
      ['assign', 'assign'],
    ] as const) {
      const alert = await alertIn(scene, 'open');
      const answers = await Promise.all(
        pair.map((action) => send[action](scene.rootStaff.token, alert.id, bodyFor(action, scene))),
      );
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses, JSON.stringify(answers)).toStrictEqual([200, 409]);
      const loser = answers.find((answer) => answer.status === 409)!;
      expect((loser.body as { error: { code: string } }).error.code).toBe('VERSION_CONFLICT');
      expect((await rawAlert(alert.id))?.version).toBe(2);
      expect(await rawAudit(alert.id)).toHaveLength(1);
    }
  });

  it('refuses staff beside the household with 403 and an unknown alert with 404, on every action', async () => {
    scene ??= await alertScene();
    const alert = await alertIn(scene, 'acknowledged');
    const before = await rawAlert(alert.id);
    for (const action of ['acknowledge', 'start', 'resolve', 'assign'] as const) {
      expect(await send[action](scene.besideStaff.token, alert.id, bodyFor(action, scene))).toStrictEqual({
        status: 403,
        body: errorBody('OUT_OF_SCOPE', '超出您所在工会组织的管理范围'),
      });
      expect(
        await send[action](
          scene.rootStaff.token,
          'ha_0123456789abcdef0123456789abcdef',
          bodyFor(action, scene),
        ),
      ).toStrictEqual({ status: 404, body: errorBody('ALERT_NOT_FOUND', '未找到该预警') });
    }
    expect(await getAlert(scene.besideStaff.token, alert.id)).toStrictEqual({
      status: 403,
      body: errorBody('OUT_OF_SCOPE', '超出您所在工会组织的管理范围'),
    });
    expect(await rawAlert(alert.id)).toStrictEqual(before);
  });
});

describe('Handler: resolveHardshipAlert with 重新建档', () => {
  /** A household that had left hardship, with an acknowledged alert on it. */
  async function exitedScene() {
    const scene = await alertScene();
    const exited = await filed(
      scene.townStaff.token,
      draft(scene.town, { category: 'relative', status: 'exited', exitDate: day(-200) }),
    );
    const alert = await putAlert(alertRecord(exited, townAssignee(scene), { status: 'acknowledged' }));
    return { scene, file: exited, alert };
  }
  const refiled = (version = 1) => ({
    version,
    outcome: { kind: 'refiled', category: 'deep', note: '户主重病' },
  });

  it('changes the file’s category in the same write as the alert, its slot and both trails', async () => {
    const { scene, file, alert } = await exitedScene();
    const fileBefore = await rawFile(file.id);
    // What each transaction wrote, as the client sent it: the resolve must be ONE of them.
    const written: string[][] = [];
    const name = 'recordTransactions';
    db.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName?.startsWith('TransactWrite')) {
          const items = (args.input as { TransactItems: Record<string, { Key?: object; Item?: object }>[] })
            .TransactItems;
          written.push(
            items.map((item) => {
              const [kind, body] = Object.entries(item)[0]!;
              const { pk, sk } = (body.Key ?? body.Item) as { pk: string; sk: string };
              return `${kind} ${pk} ${String(sk).split('#')[0]}`;
            }),
          );
        }
        return next(args);
      },
      { step: 'initialize', name },
    );
    let answer: Awaited<ReturnType<typeof resolve>>;
    try {
      answer = await resolve(scene.townStaff.token, alert.id, refiled());
    } finally {
      db.middlewareStack.remove(name);
    }
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(written[0]?.sort()).toStrictEqual(
      [
        `Update HALERT#${alert.id} ALERT`,
        `Put HFILE#${file.id} ALERTRULE`,
        `Put AUDIT#${alert.id} ${(answer.body as HardshipAlert).resolvedAt}`,
        `Update HFILE#${file.id} FILE`,
        `Update HFILE#${file.id} MONITOR`,
        `Put AUDIT#${file.id} ${(answer.body as HardshipAlert).resolvedAt}`,
      ].sort(),
    );
    const shown = answer.body as HardshipAlert;
    expect(shown.household).toMatchObject({ category: 'deep', status: 'active', version: file.version + 1 });
    expect(shown.household).not.toHaveProperty('exitDate');
    expect(shown.outcome).toStrictEqual({ kind: 'refiled', category: 'deep', note: '户主重病' });
    const fileAfter = await rawFile(file.id);
    const { exitDate: _gone, ...kept } = fileBefore!;
    expect(fileAfter).toStrictEqual({
      ...kept,
      category: 'deep',
      status: 'active',
      updatedAt: shown.resolvedAt,
      version: file.version + 1,
    });
    // The household page shows the new category.
    expect(((await get(scene.townStaff.token, file.id)).body as HouseholdFile).category).toBe('deep');
    const slot = await rawSlot(file.id, 'belowPovertyLine');
    expect(slot?.openAlertId).toBeUndefined();
    expect(slot?.resolvedBases).toStrictEqual([alert.basis]);
    const fileEvents = (await rawAudit(file.id)).filter((event) => event.action === 'refileHousehold');
    expect(fileEvents.map((event) => [event.actorUserId, event.at])).toStrictEqual([
      [scene.townStaff.userId, shown.resolvedAt],
    ]);
    expect(shown.history.at(-1)).toMatchObject({
      action: 'resolveAlert',
      actorName: '顾镇',
      detail: '重新建档：深度困难；户主重病',
    });
    // The monitor was set to "check today" in the resolve; the review right after moved it on.
    const monitor = (await partition(`HFILE#${file.id}`)).find((item) => item.sk === 'MONITOR');
    expect(monitor?.lastReviewedAt).toBe(shown.resolvedAt);
  });

  it('leaves file AND alert unchanged when the file changed under every try (409 VERSION_CONFLICT)', async () => {
    const { scene, file, alert } = await exitedScene();
    const alertBefore = await rawAlert(alert.id);
    const slotBefore = await rawSlot(file.id, 'belowPovertyLine');
    const fileEventsBefore = await rawAudit(file.id);
    // Someone edits the file between each read and write of the resolve: its condition fails every time.
    const name = 'editFileMeanwhile';
    let edits = 0;
    db.middlewareStack.add(
      (next, context) => async (args) => {
        if (
          context.commandName?.startsWith('TransactWrite') &&
          JSON.stringify(args.input).includes(`HFILE#${file.id}`)
        ) {
          edits += 1;
          await db.send(
            new UpdateCommand({
              TableName: tableName,
              Key: { pk: `HFILE#${file.id}`, sk: 'FILE' },
              UpdateExpression: 'SET notes = :n ADD version :one',
              ExpressionAttributeValues: { ':n': `编辑 ${edits}`, ':one': 1 },
            }),
          );
        }
        return next(args);
      },
      { step: 'initialize', name },
    );
    let answer: Awaited<ReturnType<typeof resolve>>;
    try {
      answer = await resolve(scene.townStaff.token, alert.id, refiled());
    } finally {
      db.middlewareStack.remove(name);
    }
    expect(answer).toStrictEqual({
      status: 409,
      body: errorBody('VERSION_CONFLICT', '数据已被他人修改，请刷新后重试', { currentVersion: 1 }),
    });
    // The resolve reads and writes 3 times (its bound), and the file was edited before each write.
    expect(edits).toBe(3);
    const fileAfter = await getHardshipFileRecord(file.id);
    expect({
      category: fileAfter?.category,
      status: fileAfter?.status,
      exitDate: fileAfter?.exitDate,
    }).toStrictEqual({
      category: 'relative',
      status: 'exited',
      exitDate: day(-200),
    });
    expect(fileAfter?.version).toBe(file.version + edits);
    expect(await rawAlert(alert.id)).toStrictEqual(alertBefore);
    expect(await rawSlot(file.id, 'belowPovertyLine')).toStrictEqual(slotBefore);
    expect(await rawAudit(alert.id)).toStrictEqual([]);
    expect(await rawAudit(file.id)).toStrictEqual(fileEventsBefore);
  });

  it('writes nothing at all when the transaction is cancelled by a stale file version (db level)', async () => {
    const { scene, file, alert } = await exitedScene();
    const record = (await getHardshipFileRecord(file.id))!;
    const stale = { ...record, version: record.version - 1 };
    const at = new Date().toISOString();
    const next: AlertRecord = { ...alert, status: 'resolved', updatedAt: at, version: 2 };
    const before = {
      alert: await rawAlert(alert.id),
      file: await rawFile(file.id),
      slot: await rawSlot(file.id, 'belowPovertyLine'),
    };
    const event = (subjectId: string) =>
      auditEventPut({
        id: `ev_${subjectId.slice(3, 23)}`,
        actorUserId: scene.townStaff.userId,
        action: 'x',
        subjectType: 'y',
        subjectId,
        at,
      });
    const outcome = await writeAlertResolve(
      next,
      alert,
      slotResolveItem(await getAlertSlot(file.id, alert.rule), alert, at),
      event(alert.id),
      {
        fileUpdate: fileRefileUpdate(stale, 'deep', at),
        extra: [event(file.id)],
      },
    );
    expect(outcome).toBe('fileMoved');
    expect({
      alert: await rawAlert(alert.id),
      file: await rawFile(file.id),
      slot: await rawSlot(file.id, 'belowPovertyLine'),
    }).toStrictEqual(before);
    expect(await rawAudit(alert.id)).toStrictEqual([]);
  });

  it('refuses 重新建档 from open (acknowledge first) without touching the file', async () => {
    const scene = await alertScene();
    const alert = await alertIn(scene, 'open');
    const fileBefore = await rawFile(scene.file.id);
    expect((await resolve(scene.townStaff.token, alert.id, refiled())).status).toBe(409);
    expect(await rawFile(scene.file.id)).toStrictEqual(fileBefore);
  });
});

describe('Handler: assignHardshipAlert', () => {
  it('needs a reason, keeps who had it, who has it and why, and tells the new assignee once', async () => {
    const scene = await alertScene();
    const alert = await alertIn(scene, 'acknowledged');
    for (const body of [
      { version: 1, assigneeUserId: scene.countyStaff.userId },
      { version: 1, assigneeUserId: scene.countyStaff.userId, reason: '' },
      { version: 1, assigneeUserId: scene.countyStaff.userId, reason: '急' },
    ]) {
      expect((await assign(scene.rootStaff.token, alert.id, body)).status).toBe(400);
    }
    expect(await rawAudit(alert.id)).toStrictEqual([]);

    const first = await assign(scene.rootStaff.token, alert.id, bodyFor('assign', scene));
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    // The clock is held: move it, so the trail's order is the order of the hand-overs.
    vi.setSystemTime(Date.now() + 60_000);
    const second = await assign(scene.rootStaff.token, alert.id, {
      version: 2,
      assigneeUserId: scene.rootStaff.userId,
      reason: '县工会请省里协调',
    });
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    const shown = second.body as HardshipAlert;
    expect({ id: shown.assigneeUserId, name: shown.assigneeName, status: shown.status }).toStrictEqual({
      id: scene.rootStaff.userId,
      name: '王省',
      status: 'acknowledged',
    });
    expect(
      shown.history.map(({ action, actorName, reason, detail }) => ({ action, actorName, reason, detail })),
    ).toStrictEqual([
      { action: 'assignAlert', actorName: '王省', reason: '镇工会人手不足', detail: '顾镇 → 李县' },
      { action: 'assignAlert', actorName: '王省', reason: '县工会请省里协调', detail: '李县 → 王省' },
    ]);
    // The alert left the first assignees' lists and is in the new one's.
    const ids = async (token: string) =>
      ((await mine(token)).body as { alerts: { id: string }[] }).alerts.map((a) => a.id);
    expect(await ids(scene.townStaff.token)).not.toContain(alert.id);
    expect(await ids(scene.countyStaff.token)).not.toContain(alert.id);
    expect(await ids(scene.rootStaff.token)).toContain(alert.id);
    // One notification event per hand-over, claimed under its key.
    for (const [userId, version] of [
      [scene.countyStaff.userId, 2],
      [scene.rootStaff.userId, 3],
    ] as const) {
      const { Item } = await db.send(
        new GetCommand({
          TableName: tableName,
          Key: { pk: `NOTIFY#alert-assigned#${alert.id}#${userId}#${version}`, sk: 'NOTIFY' },
        }),
      );
      expect(Item?.topic).toBe('alertAssigned');
    }
  });

  it('refuses the same assignee (409) and anyone not staff of the household’s node or above in scope (422)', async () => {
    const scene = await alertScene();
    const below = await freshOrg(scene.town, '村工会');
    const [belowStaff, worker, volunteer] = await Promise.all([
      freshUser({ roles: ['staff'], orgPath: below }),
      freshUser(),
      freshUser({ roles: ['volunteer'], orgPath: scene.town }),
    ]);
    const alert = await alertIn(scene, 'open');
    const before = await rawAlert(alert.id);
    const body = (assigneeUserId: string) => ({ version: 1, assigneeUserId, reason: '请协助处理' });
    expect(await assign(scene.townStaff.token, alert.id, body(scene.townStaff.userId))).toStrictEqual({
      status: 409,
      body: errorBody('ALERT_ASSIGNEE_UNCHANGED', '该预警已由此人处理，无需转派'),
    });
    for (const [caller, userId] of [
      [scene.townStaff, scene.countyStaff.userId], // above the caller's own scope
      [scene.rootStaff, scene.besideStaff.userId], // beside the household
      [scene.rootStaff, belowStaff.userId], // below the household's node
      [scene.rootStaff, worker.userId],
      [scene.rootStaff, volunteer.userId],
      [scene.rootStaff, 'u_000000000000000000000000'],
    ] as const) {
      expect(await assign(caller.token, alert.id, body(userId))).toStrictEqual({
        status: 422,
        body: errorBody('ALERT_ASSIGNEE_INVALID', '所选处理人不是该户所属工会或其上级工会的工作人员'),
      });
    }
    expect(await rawAlert(alert.id)).toStrictEqual(before);
    expect(await rawAudit(alert.id)).toStrictEqual([]);
  });

  it('offers the staff of the household’s node and the nodes above it inside the caller’s scope, nearest first', async () => {
    const scene = await alertScene();
    const alert = await alertIn(scene, 'open');
    const offered = async (token: string) =>
      (
        (await assignees(token, alert.id)).body as { assignees: { userId: string; orgPath: string }[] }
      ).assignees.map((a) => [a.userId, a.orgPath]);
    expect(await offered(scene.rootStaff.token)).toStrictEqual([
      [scene.townStaff.userId, scene.town],
      [scene.countyStaff.userId, scene.county],
      [scene.rootStaff.userId, scene.root],
    ]);
    expect(await offered(scene.townStaff.token)).toStrictEqual([[scene.townStaff.userId, scene.town]]);
    expect((await assignees(scene.besideStaff.token, alert.id)).status).toBe(403);

    // Granting the staff role puts a person on the list of their node; revoking it takes them off.
    const newcomer = await freshUser();
    await setUserStaffRole(newcomer.userId, { grant: true, orgPath: scene.town }, new Date());
    expect(await offered(scene.townStaff.token)).toEqual(
      expect.arrayContaining([[newcomer.userId, scene.town]]),
    );
    await setUserStaffRole(newcomer.userId, { grant: false }, new Date());
    expect(await offered(scene.townStaff.token)).toStrictEqual([[scene.townStaff.userId, scene.town]]);
  });
});

describe('Handler: commentHardshipAlert', () => {
  const commentsOf = async (alertId: string) =>
    (await partition(`HALERT#${alertId}`)).filter((item) => String(item.sk).startsWith('COMMENT#'));

  it('stores a retried or raced comment once and refuses its id for other text or another author', async () => {
    const scene = await alertScene();
    const alert = await alertIn(scene, 'inProgress');
    const body = { id: newCommentId(), text: '已电话联系户主，周五入户。' };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => comment(scene.townStaff.token, alert.id, body)),
    );
    expect(answers.map((answer) => answer.status)).toStrictEqual([201, 201, 201, 201, 201]);
    const retried = await comment(scene.townStaff.token, alert.id, body);
    expect(retried.status).toBe(201);
    expect((retried.body as HardshipAlert).comments).toStrictEqual([
      { id: body.id, text: body.text, authorName: '顾镇', at: expect.any(String) },
    ]);
    expect(await commentsOf(alert.id)).toHaveLength(1);
    expect((await rawAudit(alert.id)).map((event) => event.action)).toStrictEqual(['commentAlert']);
    const stored = await rawAlert(alert.id);
    expect({ count: stored?.commentCount, version: stored?.version }).toStrictEqual({ count: 1, version: 1 });
    for (const [token, text] of [
      [scene.townStaff.token, '另一段话'],
      [scene.countyStaff.token, body.text],
    ] as const) {
      expect(await comment(token, alert.id, { id: body.id, text })).toStrictEqual({
        status: 409,
        body: errorBody('REQUEST_ID_REUSED', expect.any(String)),
      });
    }
    expect(await commentsOf(alert.id)).toHaveLength(1);
  });

  it('reads the alert once for a comment and answers what a fresh read shows', async () => {
    const scene = await alertScene();
    const alert = await alertIn(scene, 'acknowledged');
    const name = 'countAlertGets';
    let alertGets = 0;
    db.middlewareStack.add(
      (next, context) => async (args) => {
        // The document client's key may be marshalled by now: find the alert's partition in it.
        if (
          /^Get(Item)?Command$/.test(context.commandName ?? '') &&
          JSON.stringify(args.input).includes(`HALERT#${alert.id}`)
        ) {
          alertGets += 1;
        }
        return next(args);
      },
      { step: 'initialize', name },
    );
    let answer: Awaited<ReturnType<typeof comment>>;
    try {
      answer = await comment(scene.townStaff.token, alert.id, { id: newCommentId(), text: '已约好周五入户' });
    } finally {
      db.middlewareStack.remove(name);
    }
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    expect(alertGets).toBe(1);
    const fresh = await getAlert(scene.townStaff.token, alert.id);
    expect(fresh.status).toBe(200);
    expect(answer.body).toStrictEqual(fresh.body);
    expect((answer.body as HardshipAlert).comments.map((c) => c.text)).toStrictEqual(['已约好周五入户']);
  });

  it('takes comments on resolved alerts and never makes a transition stale', async () => {
    const scene = await alertScene();
    const resolved = await alertIn(scene, 'resolved');
    expect(
      (await comment(scene.countyStaff.token, resolved.id, { id: newCommentId(), text: '复核无误' })).status,
    ).toBe(201);
    const open = await alertIn(scene, 'open', {
      rule: 'visitOverdue',
      severity: 'low',
      basis: `due:${day(-2)}`,
      evidence: {
        countedFrom: day(-95),
        cadence: 'active',
        cadenceDays: 90,
        dueOn: day(-2),
        daysOverdue: 2,
      },
    });
    expect(
      (await comment(scene.townStaff.token, open.id, { id: newCommentId(), text: '明天去' })).status,
    ).toBe(201);
    const acknowledged = await acknowledge(scene.townStaff.token, open.id, { version: 1 });
    expect(acknowledged.status, JSON.stringify(acknowledged.body)).toBe(200);
    expect((acknowledged.body as HardshipAlert).comments.map((c) => c.text)).toStrictEqual(['明天去']);
  });

  it('keeps a comment that lands between a transition’s read and its write', async () => {
    const scene = await alertScene();
    const alert = await alertIn(scene, 'open');
    const name = 'commentMeanwhile';
    let injected = false;
    db.middlewareStack.add(
      (next, context) => async (args) => {
        if (
          !injected &&
          context.commandName?.startsWith('TransactWrite') &&
          JSON.stringify(args.input).includes('acknowledgeAlert')
        ) {
          injected = true;
          const landed = await comment(scene.countyStaff.token, alert.id, {
            id: newCommentId(),
            text: '插一句',
          });
          expect(landed.status).toBe(201);
        }
        return next(args);
      },
      { step: 'initialize', name },
    );
    try {
      const answer = await acknowledge(scene.townStaff.token, alert.id, { version: 1 });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    } finally {
      db.middlewareStack.remove(name);
    }
    expect(injected).toBe(true);
    const stored = await rawAlert(alert.id);
    expect({ status: stored?.status, version: stored?.version, count: stored?.commentCount }).toStrictEqual({
      status: 'acknowledged',
      version: 2,
      count: 1,
    });
  });
});

describe('Handlers: transitions while colleagues keep commenting', () => {
  it.each([
    ['acknowledge', 'open', 'acknowledgeAlert', 'acknowledged'],
    ['assign', 'inProgress', 'assignAlert', 'inProgress'],
    ['resolve', 'acknowledged', 'resolveAlert', 'resolved'],
  ] as const)(
    '%s succeeds although a comment lands before every write, and keeps every comment',
    async (action, from, audited, to) => {
      const scene = await alertScene();
      const alert = await alertIn(scene, from);
      const name = `steadyComments-${action}`;
      let landed = 0;
      db.middlewareStack.add(
        (next, context) => async (args) => {
          // At most 5: the service tries a transition 3 times, so a stale-on-comment write would run out.
          if (
            landed < 5 &&
            context.commandName?.startsWith('TransactWrite') &&
            JSON.stringify(args.input).includes(audited)
          ) {
            landed += 1;
            const posted = await comment(scene.townStaff.token, alert.id, {
              id: newCommentId(),
              text: `第${landed}条`,
            });
            expect(posted.status).toBe(201);
          }
          return next(args);
        },
        { step: 'initialize', name },
      );
      try {
        const answer = await send[action](scene.countyStaff.token, alert.id, bodyFor(action, scene));
        expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      } finally {
        db.middlewareStack.remove(name);
      }
      expect(landed).toBe(1);
      const stored = await rawAlert(alert.id);
      expect({ status: stored?.status, version: stored?.version, count: stored?.commentCount }).toStrictEqual(
        {
          status: to,
          version: 2,
          count: 1,
        },
      );
    },
  );
});

describe('Handler: getHardshipAlert', () => {
  it('shows evidence, history and the household masked, to staff in scope and above', async () => {
    const scene = await alertScene();
    const alert = await alertIn(scene, 'open');
    for (const token of [scene.townStaff.token, scene.countyStaff.token, scene.admin.token]) {
      const answer = await getAlert(token, alert.id);
      expect(answer.status).toBe(200);
      const shown = answer.body as HardshipAlert;
      expect(shown).toMatchObject({
        id: alert.id,
        evidence: alert.evidence,
        basis: alert.basis,
        overdue: false,
      });
      expect(shown.household).toMatchObject({ id: scene.file.id, idNumberMasked: mask(scene.idNumber) });
      // A summary only: no street address, phone or full ID number anywhere in the answer.
      const text = JSON.stringify(shown);
      for (const hidden of ['address', 'phone', scene.idNumber]) expect(text).not.toContain(hidden);
    }
  });
});
