import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { db, tableName } from '../../functions/src/db/client';
import type { AlertRecord } from '../../functions/src/db/hardshipAlertItems';
import {
  acknowledge,
  alertRecord,
  assign,
  comment,
  getAlert,
  newCommentId,
  putAlert,
  rawAlert,
  rawSlot,
  resolve,
  start,
} from './hardshipAlertFixtures';
import { draft, errorBody, filed, type HardshipScene, hardshipScene, rawAudit } from './hardshipFixtures';
import { atShanghaiNoon } from './shanghaiNoon';

atShanghaiNoon();

/**
 * An alert action reads the household's file once (it is checked before the write and shown in the
 * answer), and refuses, writing nothing, when the file is gone.
 */

const fileKey = (fileId: string) => ({ pk: `HFILE#${fileId}`, sk: 'FILE' });

/**
 * An open alert on a household filed in the scene's county, its staff acting; assigned to the
 * province's staff, so it can be handed to the county's (`overrides`: another state, or assignee).
 */
async function alertScene(overrides: (scene: HardshipScene) => Partial<AlertRecord> = () => ({})) {
  const scene = await hardshipScene();
  const file = await filed(scene.countyStaff.token, draft(scene.county));
  const assignee = { userId: scene.rootStaff.userId, name: '王省' };
  const alert = await putAlert(alertRecord(file, assignee, overrides(scene)));
  return { token: scene.countyStaff.token, assignee: scene.countyStaff.userId, file, alert };
}

/** The scene with its household's file deleted, and what is stored of its alert then. */
async function fileGoneScene(overrides?: (scene: HardshipScene) => Partial<AlertRecord>) {
  const scene = await alertScene(overrides);
  await db.send(new DeleteCommand({ TableName: tableName, Key: fileKey(scene.file.id) }));
  const stored = () =>
    Promise.all([
      rawAlert(scene.alert.id),
      rawSlot(scene.file.id, scene.alert.rule),
      rawAudit(scene.alert.id),
    ]);
  return { ...scene, stored, before: await stored() };
}

const fileMissing = {
  status: 409,
  body: errorBody(
    'ALERT_FILE_MISSING',
    '该预警所属的困难职工档案已不存在，无法查看或办理，请联系管理员恢复档案',
  ),
};

/** Runs `act` counting the reads of one household's file item. */
async function countingFileReads<T>(fileId: string, act: () => Promise<T>) {
  const name = `countFileReads-${fileId}`;
  let reads = 0;
  db.middlewareStack.add(
    (next, context) => async (args) => {
      // Plain or marshalled ({ S: … }), whichever this step sees.
      const key = (args.input as { Key?: Record<string, unknown> }).Key ?? {};
      const text = (value: unknown) => (value as { S?: unknown } | undefined)?.S ?? value;
      if (
        context.commandName === 'GetItemCommand' &&
        text(key.pk) === `HFILE#${fileId}` &&
        text(key.sk) === 'FILE'
      ) {
        reads += 1;
      }
      return next(args);
    },
    { step: 'initialize', name },
  );
  try {
    const answer = await act();
    return { answer, reads };
  } finally {
    db.middlewareStack.remove(name);
  }
}

describe('Handlers: an alert action reads its household file once', () => {
  it('acknowledge, assign, start and resolve each read it once and show it', async () => {
    const { token, assignee, file, alert } = await alertScene();
    const steps = [
      () => acknowledge(token, alert.id, { version: 1 }),
      () => assign(token, alert.id, { version: 2, assigneeUserId: assignee, reason: '由县工会跟进' }),
      () => start(token, alert.id, { version: 3 }),
      () => resolve(token, alert.id, { version: 4, outcome: { kind: 'noHelp', note: '收入已恢复' } }),
    ];
    const seen: Array<{ status: number | undefined; reads: number; householdId: unknown }> = [];
    for (const step of steps) {
      const { answer, reads } = await countingFileReads(file.id, step);
      const body = answer.body as { household?: { id?: unknown } };
      seen.push({ status: answer.status, reads, householdId: body.household?.id });
    }
    const once = { status: 200, reads: 1, householdId: file.id };
    expect(seen).toStrictEqual([once, once, once, once]);
  });
});

describe('Handlers: an alert whose household file is gone: 409 ALERT_FILE_MISSING, writing nothing', () => {
  it('refuses acknowledging or assigning an open one', async () => {
    const { token, assignee, alert, stored, before } = await fileGoneScene();

    expect(await acknowledge(token, alert.id, { version: 1 })).toStrictEqual(fileMissing);
    expect(
      await assign(token, alert.id, { version: 1, assigneeUserId: assignee, reason: '由县工会跟进' }),
    ).toStrictEqual(fileMissing);

    expect(await stored()).toStrictEqual(before);
    expect(before[0]).toMatchObject({ status: 'open', version: 1 });
    expect(before[2]).toStrictEqual([]);
  });

  it('refuses showing, starting, resolving or commenting on an acknowledged one', async () => {
    const { token, alert, stored, before } = await fileGoneScene((scene) => ({
      status: 'acknowledged',
      assigneeUserId: scene.countyStaff.userId,
      assigneeName: '测试用户',
    }));

    for (const outcome of [
      { kind: 'noHelp', note: '户主已迁出本地' },
      { kind: 'helped', measures: ['warmth'] },
      { kind: 'refiled', category: 'deep' },
    ]) {
      expect(await resolve(token, alert.id, { version: 1, outcome })).toStrictEqual(fileMissing);
    }
    expect(await start(token, alert.id, { version: 1 })).toStrictEqual(fileMissing);
    expect(await getAlert(token, alert.id)).toStrictEqual(fileMissing);
    expect(await comment(token, alert.id, { id: newCommentId(), text: '请核查该户档案' })).toStrictEqual(
      fileMissing,
    );

    expect(await stored()).toStrictEqual(before);
    expect(before[0]).toMatchObject({ status: 'acknowledged', version: 1 });
    expect(before[2]).toStrictEqual([]);
  });
});
