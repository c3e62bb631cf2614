import type { Delivery, DeliveryDashboard } from '@ankang/shared';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { db, tableName } from '../../functions/src/db/client';
import { createDelivery } from '../../functions/src/services/deliveries';
import { reviewDelivery } from '../../functions/src/services/deliveryReview';
import { dashboardFigures, recount, recountFigures } from '../support/deliveryRecount';
import { day } from './assignmentFixtures';
import {
  counterItems,
  type DeliveryScene,
  dashboard,
  deliveryScene,
  draftAt,
  edit,
  noonOf,
  post,
  review,
  storedDelivery,
} from './deliveryFixtures';
import { atShanghaiNoon } from './shanghaiNoon';

atShanghaiNoon();
afterEach(() => {
  vi.restoreAllMocks();
});

const send = db.send.bind(db) as (command: unknown) => Promise<unknown>;

/**
 * Lets the next `times` TransactWriteItems go wrong as `fault` says, every other call through to
 * DynamoDB Local; counts the transactions tried.
 */
function faultTransactions(fault: (command: TransactWriteCommand) => Promise<unknown>, times = 1) {
  const seen = { transactions: 0 };
  let left = times;
  vi.spyOn(db, 'send').mockImplementation((async (command: unknown) => {
    if (command instanceof TransactWriteCommand) {
      seen.transactions += 1;
      if (left > 0) {
        left -= 1;
        return fault(command);
      }
    }
    return send(command);
  }) as never);
  return seen;
}

/** What AWS throws when another transaction was changing one of the items at the same moment. */
const conflict = (size: number) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled, please refer cancellation reasons for specific reasons',
    $metadata: {},
    CancellationReasons: Array.from({ length: size }, (_, i) => ({
      Code: i === 1 ? 'TransactionConflict' : 'None',
    })),
  });

/** The volunteer or staff member as the services see them. */
const callerOf = (user: { userId: string }, orgPath: string | null, roles: ('worker' | 'staff')[]) => ({
  userId: user.userId,
  nickname: '测试用户',
  roles,
  orgPath,
});

async function figures(scene: DeliveryScene, root?: string): Promise<DeliveryDashboard> {
  const answer = await dashboard(scene.staff.token, scene.campaign.id, root ? { orgPath: root } : {});
  expect(answer.status).toBe(200);
  return answer.body as DeliveryDashboard;
}

describe('Counters: cancelled and conflicting transactions', () => {
  it('counts nothing when the create transaction is cancelled by a failed condition in it', async () => {
    const scene = await deliveryScene();
    const draft = draftAt(scene, scene.taskA);
    // A competing condition that fails for real in DynamoDB Local: an item that does not exist.
    faultTransactions((command) => {
      command.input.TransactItems!.push({
        ConditionCheck: {
          TableName: tableName,
          Key: { pk: 'NO_SUCH_ITEM', sk: 'NONE' },
          ConditionExpression: 'attribute_exists(pk)',
        },
      });
      return send(command);
    });
    const volunteer = callerOf(scene.volunteerA, null, ['worker']);
    await expect(createDelivery(volunteer, draft as never)).rejects.toBeInstanceOf(
      TransactionCanceledException,
    );
    vi.restoreAllMocks();
    expect(await storedDelivery(draft.id)).toBeNull();
    expect(await counterItems(scene.campaign.id, scene.county)).toStrictEqual([]);
    const after = await figures(scene);
    expect([after.totals, after.byStatus]).toStrictEqual([
      { deliveries: 0, handouts: 0, people: 0, moneyFen: 0 },
      { pending: 0, approved: 0, needsChanges: 0, rejected: 0 },
    ]);
  });

  it('keeps the counters and the coverage as they were when a review transaction is cancelled', async () => {
    const scene = await deliveryScene();
    const draft = draftAt(scene, scene.taskA);
    await post(scene.volunteerA.token, draft);
    const before = await figures(scene);
    faultTransactions((command) => {
      command.input.TransactItems!.push({
        ConditionCheck: {
          TableName: tableName,
          Key: { pk: 'NO_SUCH_ITEM', sk: 'NONE' },
          ConditionExpression: 'attribute_exists(pk)',
        },
      });
      return send(command);
    });
    const staff = callerOf(scene.staff, scene.county, ['worker', 'staff']);
    await expect(
      reviewDelivery(staff, draft.id, { version: 1, decision: 'reject', comment: '重复记录' }),
    ).rejects.toBeInstanceOf(TransactionCanceledException);
    vi.restoreAllMocks();
    expect((await storedDelivery(draft.id))?.review.status).toBe('pending');
    const after = await figures(scene);
    expect({ ...after, generatedAt: '' }).toStrictEqual({ ...before, generatedAt: '' });
  });

  it('tries again after a TransactionConflict and stores and counts the record once', async () => {
    const scene = await deliveryScene();
    const draft = draftAt(scene, scene.taskA);
    const seen = faultTransactions(async (command) => {
      throw conflict(command.input.TransactItems!.length);
    });
    const answer = await post(scene.volunteerA.token, draft);
    vi.restoreAllMocks();
    expect(answer.status).toBe(201);
    expect(seen.transactions).toBe(2);
    const after = await figures(scene);
    expect([after.totals, after.byStatus.pending]).toStrictEqual([
      { deliveries: 1, handouts: 0, people: 25, moneyFen: 15_700 },
      1,
    ]);
  });

  it('gives up after a bounded number of conflicts, having stored and counted nothing', async () => {
    const scene = await deliveryScene();
    const draft = draftAt(scene, scene.taskA);
    const seen = faultTransactions(async (command) => {
      throw conflict(command.input.TransactItems!.length);
    }, 100);
    const volunteer = callerOf(scene.volunteerA, null, ['worker']);
    await expect(createDelivery(volunteer, draft as never)).rejects.toBeInstanceOf(
      TransactionCanceledException,
    );
    vi.restoreAllMocks();
    expect(seen.transactions).toBe(6);
    expect(await storedDelivery(draft.id)).toBeNull();
    expect(await counterItems(scene.campaign.id, scene.county)).toStrictEqual([]);
  });

  it('lets one of several racing edits of one version win; the counters hold the winner only', async () => {
    const scene = await deliveryScene();
    const draft = draftAt(scene, scene.taskA);
    await post(scene.volunteerA.token, draft);
    const { id: _id, campaignId: _c, site: _s, ...fields } = draft;
    const answers = await Promise.all(
      [30, 40, 50, 60].map((people) =>
        edit(scene.volunteerA.token, draft.id, { ...fields, version: 1, peopleReached: people }),
      ),
    );
    const won = answers.filter((answer) => answer.status === 200);
    expect(won).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 409)).toHaveLength(3);
    const stored = await storedDelivery(draft.id);
    expect(stored?.peopleReached).toBe((won[0]!.body as Delivery).peopleReached);
    expect((await figures(scene)).totals.people).toBe(stored?.peopleReached);
  });
});

describe('Dashboard: figures equal a recount of the records', () => {
  it('matches a recount for the campaign and for a town, after creates, edits and every kind of review', async () => {
    const scene = await deliveryScene();
    const plan: {
      volunteer: 'A' | 'B';
      days: number;
      kind: string;
      items: { code: string; quantity: number }[];
      people: number;
    }[] = [
      { volunteer: 'A', days: -3, kind: 'cool', items: [{ code: 'water', quantity: 2 }], people: 12 },
      {
        volunteer: 'A',
        days: -2,
        kind: 'cool',
        items: [
          { code: 'water', quantity: 1 },
          { code: 'towel', quantity: 30 },
        ],
        people: 30,
      },
      { volunteer: 'A', days: -2, kind: 'health', items: [{ code: 'checkup', quantity: 8 }], people: 8 },
      { volunteer: 'A', days: 0, kind: 'cool', items: [{ code: 'herbal', quantity: 4 }], people: 9 },
      {
        volunteer: 'B',
        days: -3,
        kind: 'cool',
        items: [
          { code: 'water', quantity: 5 },
          { code: 'herbal', quantity: 2 },
        ],
        people: 40,
      },
      { volunteer: 'B', days: -1, kind: 'health', items: [{ code: 'checkup', quantity: 15 }], people: 15 },
      { volunteer: 'B', days: -1, kind: 'cool', items: [{ code: 'towel', quantity: 20 }], people: 20 },
      { volunteer: 'B', days: 0, kind: 'cool', items: [{ code: 'water', quantity: 3 }], people: 18 },
    ];
    const ids: string[] = [];
    for (const entry of plan) {
      const task = entry.volunteer === 'A' ? scene.taskA : scene.taskB;
      const token = entry.volunteer === 'A' ? scene.volunteerA.token : scene.volunteerB.token;
      const draft = draftAt(scene, task, {
        kind: entry.kind,
        items: entry.items,
        peopleReached: entry.people,
        deliveredAt: noonOf(entry.days),
      });
      expect((await post(token, draft)).status).toBe(201);
      ids.push(draft.id);
    }
    // An edit that moves a record to another day and kind; reviews of every kind.
    const moved = draftAt(scene, scene.taskB, {
      kind: 'health',
      items: [{ code: 'checkup', quantity: 3 }],
      peopleReached: 3,
      deliveredAt: noonOf(-4),
    });
    const { id: _id, campaignId: _c, site: _s, ...movedFields } = moved;
    expect((await edit(scene.volunteerB.token, ids[7]!, { ...movedFields, version: 1 })).status).toBe(200);
    expect((await review(scene.staff.token, ids[0]!, { version: 1, decision: 'approve' })).status).toBe(200);
    expect((await review(scene.staff.token, ids[4]!, { version: 1, decision: 'approve' })).status).toBe(200);
    expect(
      (await review(scene.staff.token, ids[1]!, { version: 1, decision: 'reject', comment: '数量不实' }))
        .status,
    ).toBe(200);
    expect(
      (
        await review(scene.staff.token, ids[5]!, {
          version: 1,
          decision: 'needsChanges',
          comment: '请补照片',
        })
      ).status,
    ).toBe(200);
    expect(
      (await review(scene.staff.token, ids[6]!, { version: 1, decision: 'reject', comment: '重复' })).status,
    ).toBe(200);

    const records = await Promise.all(ids.map(async (id) => (await storedDelivery(id))!));
    for (const root of [scene.county, scene.town]) {
      const shown = await figures(scene, root);
      const expected = recount(records, scene.campaign, root);
      expect(dashboardFigures(shown)).toStrictEqual(recountFigures(expected));
      const top = Object.entries(expected.volunteers)
        .sort(([a, x], [b, y]) => y.deliveries - x.deliveries || y.people - x.people || a.localeCompare(b))
        .map(([id, counts]) => ({ volunteerSignupId: id, ...counts }));
      expect(shown.topVolunteers.map(({ name: _name, ...rest }) => rest)).toStrictEqual(top);
    }
    // The seasons's days up to today, each once, zeros included.
    const shown = await figures(scene);
    expect(shown.byDay.map((row) => row.date)).toStrictEqual(
      Array.from({ length: 11 }, (_, n) => day(n - 10)),
    );
    expect(shown.coverage.coveredSites).toBe(2);
  });
});
