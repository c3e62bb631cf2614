import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { db, tableName } from '../../functions/src/db/client';
import {
  acknowledge,
  alertRecord,
  assign,
  putAlert,
  rawAlert,
  rawSlot,
  resolve,
  start,
} from './hardshipAlertFixtures';
import { draft, errorBody, filed, hardshipScene, rawAudit } from './hardshipFixtures';
import { atShanghaiNoon } from './shanghaiNoon';

atShanghaiNoon();

/**
 * An alert action reads the household's file once (it is checked before the write and shown in the
 * answer), and refuses, writing nothing, when the file is gone.
 */

const fileKey = (fileId: string) => ({ pk: `HFILE#${fileId}`, sk: 'FILE' });

/** An open alert on a household filed in the scene's county, its staff acting. */
async function alertScene() {
  const scene = await hardshipScene();
  const file = await filed(scene.countyStaff.token, draft(scene.county));
  // Assigned to the province's staff, so it can be handed to the county's.
  const alert = await putAlert(alertRecord(file, { userId: scene.rootStaff.userId, name: '王省' }));
  return { token: scene.countyStaff.token, assignee: scene.countyStaff.userId, file, alert };
}

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

describe('Handlers: acknowledging or assigning an alert whose household file is gone', () => {
  it('answers 409 ALERT_FILE_MISSING, writing nothing', async () => {
    const { token, assignee, file, alert } = await alertScene();
    await db.send(new DeleteCommand({ TableName: tableName, Key: fileKey(file.id) }));
    const stored = () => Promise.all([rawAlert(alert.id), rawSlot(file.id, alert.rule), rawAudit(alert.id)]);
    const before = await stored();
    const refused = {
      status: 409,
      body: errorBody(
        'ALERT_FILE_MISSING',
        '该预警所属的困难职工档案已不存在，无法查看或办理，请联系管理员恢复档案',
      ),
    };

    expect(await acknowledge(token, alert.id, { version: 1 })).toStrictEqual(refused);
    expect(
      await assign(token, alert.id, { version: 1, assigneeUserId: assignee, reason: '由县工会跟进' }),
    ).toStrictEqual(refused);

    expect(await stored()).toStrictEqual(before);
    expect(before[0]).toMatchObject({ status: 'open', version: 1 });
    expect(before[2]).toStrictEqual([]);
  });
});
