import {
  type DeliveryReviewStatus,
  deliveryDraftSchema,
  deliveryReviewSchema,
  deliveryReviewStatuses,
} from '@ankang/shared';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { retryOnConflict } from '../../functions/src/db/conflictRetry';
import type { DeliveryRecord } from '../../functions/src/db/deliveryItems';
import { addTallyItem, emptyTallySums, tallyUpdates } from '../../functions/src/db/tallies';
import type { TransactItem } from '../../functions/src/db/transactions';
import { contentHash } from '../../functions/src/lib/contentHash';
import { AppError } from '../../functions/src/lib/errors';
import { deliveryChanges } from '../../functions/src/services/deliveryCounts';
import { deliveryReviewStep } from '../../functions/src/services/deliveryReview';
import { deliveryDate, deliveryFlagsFor, pricedItems } from '../../functions/src/services/deliveryRules';
import { deliveryKinds } from '../support/deliveryKinds';

const prices: Record<string, number> = { water: 2400, herbal: 850, towel: 0, checkup: 3000 };

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
  return 'none';
};

describe('deliveryFlagsFor', () => {
  const site = { lat: 31.98, lng: 120.5 };
  it.each([
    ['no position', undefined, site, ['noPosition']],
    ['an exact fix at the site', { lat: 31.98, lng: 120.5, accuracy: 5 }, site, []],
    ['a fix of exactly 100 m', { lat: 31.98, lng: 120.5, accuracy: 100 }, site, []],
    ['a fix of 101 m', { lat: 31.98, lng: 120.5, accuracy: 101 }, site, ['lowAccuracy']],
    // 0.0085° of latitude ≈ 945 m; 0.0095° ≈ 1,056 m.
    ['a point 945 m away', { lat: 31.9885, lng: 120.5, accuracy: 10 }, site, []],
    ['a point 1,056 m away', { lat: 31.9895, lng: 120.5, accuracy: 10 }, site, ['farFromSite']],
    ['a far coarse point', { lat: 32.1, lng: 120.5, accuracy: 500 }, site, ['lowAccuracy', 'farFromSite']],
    ['a far point at a site of unknown position', { lat: 33, lng: 121, accuracy: 10 }, undefined, []],
  ] as const)('marks %s', (_what, position, siteLocation, flags) => {
    expect(deliveryFlagsFor(position, siteLocation)).toStrictEqual(flags);
  });
});

describe('pricedItems', () => {
  it('prices every line at the catalog unit cost and sums them (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom('water', 'herbal', 'towel'), { minLength: 1 }),
        fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 3, maxLength: 3 }),
        (codes, quantities) => {
          const items = codes.map((code, i) => ({ code, quantity: quantities[i]! }));
          const priced = pricedItems({ kinds: deliveryKinds }, 'cool', items);
          const expected = items.reduce((sum, item) => sum + item.quantity * prices[item.code]!, 0);
          expect(priced.moneyFen).toBe(expected);
          expect(priced.items.map((line) => line.moneyFen)).toStrictEqual(
            items.map((item) => item.quantity * prices[item.code]!),
          );
        },
      ),
    );
  });

  it('refuses a kind or an item outside the catalog with 422 NOT_IN_CATALOG naming the field', () => {
    expect(
      codeOf(() => pricedItems({ kinds: deliveryKinds }, 'legal', [{ code: 'water', quantity: 1 }])),
    ).toBe('NOT_IN_CATALOG');
    try {
      pricedItems({ kinds: deliveryKinds }, 'cool', [
        { code: 'water', quantity: 1 },
        { code: 'checkup', quantity: 1 },
      ]);
    } catch (error) {
      expect((error as AppError).details?.issues).toStrictEqual([
        { path: 'body.items.1.code', message: '物资“checkup”不在“送清凉”的目录中' },
      ]);
      return;
    }
    throw new Error('expected a refusal');
  });
});

describe('deliveryDate', () => {
  const season = { from: '2026-07-01', to: '2026-08-31' };
  const at = new Date('2026-07-15T04:00:00Z');
  it('counts a time on its Shanghai date, whatever offset it was written with', () => {
    expect(deliveryDate('2026-07-01T00:30:00+08:00', season, at)).toBe('2026-07-01');
    expect(deliveryDate('2026-06-30T16:30:00Z', season, at)).toBe('2026-07-01');
  });
  it.each([
    ['the last minute before the season', '2026-06-30T23:59:00+08:00', 'OUTSIDE_SEASON'],
    ['two minutes ahead of the clock', '2026-07-15T04:02:00Z', 'none'],
    ['just over two minutes ahead', '2026-07-15T04:02:00.001Z', 'OUTSIDE_SEASON'],
  ])('judges %s', (_what, deliveredAt, code) => {
    expect(codeOf(() => deliveryDate(deliveredAt, season, at))).toBe(code);
  });
  it('refuses a date after the season even when it is not in the future', () => {
    expect(
      codeOf(() => deliveryDate('2026-09-01T08:00:00+08:00', season, new Date('2026-09-02T00:00:00Z'))),
    ).toBe('OUTSIDE_SEASON');
  });
});

describe('contentHash', () => {
  it('is equal for equal content in any key order and differs on any change', () => {
    const a = { id: 'dl_x', items: [{ code: 'water', quantity: 1 }], site: { type: 'adHoc', name: '甲' } };
    const b = { site: { name: '甲', type: 'adHoc' }, items: [{ quantity: 1, code: 'water' }], id: 'dl_x' };
    expect(contentHash(a)).toBe(contentHash(b));
    expect(contentHash(a)).not.toBe(contentHash({ ...a, items: [{ code: 'water', quantity: 2 }] }));
    expect(contentHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('delivery schemas', () => {
  const draft = {
    campaignId: 'cp_abcdefgh',
    site: { type: 'assigned', assignmentId: `as_${'a'.repeat(20)}` },
    kind: 'cool',
    items: [{ code: 'water', quantity: 1 }],
    peopleReached: 3,
    deliveredAt: '2026-07-15T12:00:00+08:00',
  };
  it('defaults photos to none and refuses repeated items and photos', () => {
    expect(deliveryDraftSchema.parse(draft).photoIds).toStrictEqual([]);
    expect(
      deliveryDraftSchema.safeParse({
        ...draft,
        items: [
          { code: 'water', quantity: 1 },
          { code: 'water', quantity: 1 },
        ],
      }).success,
    ).toBe(false);
    const photo = `ph_${'b'.repeat(20)}`;
    expect(deliveryDraftSchema.safeParse({ ...draft, photoIds: [photo, photo] }).success).toBe(false);
  });
  it('asks a comment for 有问题 and 不通过, not for 通过', () => {
    expect(deliveryReviewSchema.safeParse({ version: 1, decision: 'approve' }).success).toBe(true);
    expect(deliveryReviewSchema.safeParse({ version: 1, decision: 'needsChanges' }).success).toBe(false);
    expect(deliveryReviewSchema.safeParse({ version: 1, decision: 'reject', comment: '否' }).success).toBe(
      false,
    );
    expect(
      deliveryReviewSchema.safeParse({ version: 1, decision: 'reject', comment: '重复记录' }).success,
    ).toBe(true);
  });
});

/** A stored record with just what counting and reviewing read. */
function record(overrides: Partial<DeliveryRecord> = {}): DeliveryRecord {
  return {
    id: 'dl_0123456789abcdef',
    campaignId: 'cp_unit0001',
    volunteerSignupId: 'vs_0123456789abcdef',
    volunteerName: '赵',
    site: { type: 'adHoc' },
    orgPath: '320000/320500/320582/daxin',
    orgName: '大新镇',
    siteName: '工地',
    siteAddress: '路',
    kind: 'cool',
    kindName: '送清凉',
    items: [{ code: 'water', name: '矿泉水', unit: '箱', quantity: 2, unitCostFen: 2400, moneyFen: 4800 }],
    peopleReached: 10,
    photoIds: [],
    deliveredAt: '2026-07-15T12:00:00+08:00',
    date: '2026-07-15',
    flags: [],
    moneyFen: 4800,
    review: { status: 'pending' },
    version: 1,
    createdAt: '2026-07-15T04:00:00.000Z',
    updatedAt: '2026-07-15T04:00:00.000Z',
    userId: 'u_x',
    contentHash: 'h',
    tallyRoot: '320000/320500/320582',
    ...overrides,
  };
}

describe('deliveryReviewStep', () => {
  const decisions = {
    approve: { decision: 'approve', version: 1 },
    needsChanges: { decision: 'needsChanges', version: 1, comment: '请补照片' },
    reject: { decision: 'reject', version: 1, comment: '重复记录' },
  } as const;
  const allowed: Record<DeliveryReviewStatus, string[]> = {
    pending: ['approve', 'needsChanges', 'reject'],
    needsChanges: ['approve', 'reject'],
    approved: [],
    rejected: [],
  };
  it.each(
    deliveryReviewStatuses.flatMap((status) => Object.keys(decisions).map((d) => [status, d] as const)),
  )('from %s, %s moves only where the review rules allow', (status, decision) => {
    const run = () =>
      deliveryReviewStep(record({ review: { status } }), decisions[decision as keyof typeof decisions]);
    expect(codeOf(run)).toBe(allowed[status].includes(decision) ? 'none' : 'INVALID_TRANSITION');
  });
  it('answers a retry of the decision that made the record unchanged, a stale version with a conflict', () => {
    const decided = record({ review: { status: 'rejected', comment: '重复记录' }, version: 2 });
    expect(deliveryReviewStep(decided, decisions.reject)).toStrictEqual({ kind: 'unchanged' });
    expect(codeOf(() => deliveryReviewStep(decided, { ...decisions.reject, comment: '另一条意见' }))).toBe(
      'VERSION_CONFLICT',
    );
  });
});

/** Applies the ADD part of tally Update entries to an in-memory table, as DynamoDB would. */
function applyUpdates(table: Map<string, Record<string, unknown>>, entries: TransactItem[]): void {
  const touched = new Set<string>();
  for (const entry of entries) {
    const update = entry.Update!;
    const id = `${update.Key!.pk}|${update.Key!.sk}`;
    // One transaction may touch an item only once.
    expect(touched.has(id)).toBe(false);
    touched.add(id);
    const item: Record<string, unknown> = table.get(id) ?? { pk: update.Key!.pk, sk: update.Key!.sk };
    const names = update.ExpressionAttributeNames!;
    const values = update.ExpressionAttributeValues!;
    item.date = values[':date'];
    const adds = update.UpdateExpression!.split(' ADD ')[1]!.split(', ');
    for (const add of adds) {
      const [name, value] = add.split(' ');
      const attribute = name!.startsWith('#') ? names[name!]! : name!;
      item[attribute] = ((item[attribute] as number | undefined) ?? 0) + (values[value!] as number);
    }
    table.set(id, item);
  }
}

describe('tallies', () => {
  const root = '320000/320500/320582';
  const orgs = [root, `${root}/daxin`, `${root}/daxin/cun1`, `${root}/yangshe`];
  const statuses: DeliveryReviewStatus[] = ['pending', 'approved', 'needsChanges', 'rejected'];

  it('sum, at every node, to a recount of the records in its subtree after any history (property)', () => {
    const step = fc.record({
      org: fc.constantFrom(...orgs),
      day: fc.integer({ min: 1, max: 3 }),
      water: fc.integer({ min: 0, max: 50 }),
      people: fc.integer({ min: 0, max: 99 }),
      status: fc.constantFrom(...statuses),
      volunteer: fc.constantFrom('vs_aaaaaaaaaaaaaaaa', 'vs_bbbbbbbbbbbbbbbb'),
      shard: fc.integer({ min: 0, max: 7 }),
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), step), { maxLength: 25 }), (history) => {
        const table = new Map<string, Record<string, unknown>>();
        const current = new Map<number, DeliveryRecord>();
        for (const [slot, s] of history) {
          const next = record({
            orgPath: s.org,
            date: `2026-07-0${s.day}`,
            items: [
              {
                code: 'water',
                name: '矿泉水',
                unit: '箱',
                quantity: s.water + 1,
                unitCostFen: 2400,
                moneyFen: (s.water + 1) * 2400,
              },
            ],
            moneyFen: (s.water + 1) * 2400,
            peopleReached: s.people,
            volunteerSignupId: s.volunteer,
            review: { status: s.status },
          });
          const before = current.get(slot) ?? null;
          applyUpdates(
            table,
            tallyUpdates({ id: 'cp_unit0001', orgPath: root }, deliveryChanges(before, next), 't', s.shard),
          );
          current.set(slot, next);
        }
        for (const node of orgs) {
          const sums = emptyTallySums();
          for (const [id, item] of table)
            if (id.startsWith(`TALLY#cp_unit0001#${node}|`)) addTallyItem(sums, item);
          const live = [...current.values()].filter(
            (r) => r.orgPath === node || r.orgPath.startsWith(`${node}/`),
          );
          const counted = live.filter((r) => r.review.status !== 'rejected');
          expect(sums.totals).toStrictEqual({
            deliveries: counted.length,
            handouts: 0,
            people: counted.reduce((sum, r) => sum + r.peopleReached, 0),
            moneyFen: counted.reduce((sum, r) => sum + r.items[0]!.quantity * 2400, 0),
          });
          for (const status of statuses) {
            expect(sums.status[status] ?? 0).toBe(live.filter((r) => r.review.status === status).length);
          }
          const depth = node.split('/').length + 1;
          for (const child of orgs.filter((o) => o.split('/').length === depth && o.startsWith(`${node}/`))) {
            const under = counted.filter((r) => r.orgPath === child || r.orgPath.startsWith(`${child}/`));
            expect(sums.children.get(child)?.deliveries ?? 0).toBe(under.length);
          }
          for (const volunteer of ['vs_aaaaaaaaaaaaaaaa', 'vs_bbbbbbbbbbbbbbbb']) {
            const theirs = counted.filter((r) => r.volunteerSignupId === volunteer);
            expect(sums.volunteers.get(volunteer)?.people ?? 0).toBe(
              theirs.reduce((sum, r) => sum + r.peopleReached, 0),
            );
          }
        }
      }),
    );
  });

  it('writes nothing for an edit that changes nothing counted', () => {
    const before = record();
    const after = record({ version: 2, notes: '补充说明' });
    expect(tallyUpdates({ id: 'cp_unit0001', orgPath: root }, deliveryChanges(before, after))).toStrictEqual(
      [],
    );
  });
});

describe('retryOnConflict', () => {
  const conflict = () =>
    new TransactionCanceledException({
      message: 'cancelled',
      $metadata: {},
      CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }],
    });

  it('tries again after a conflict, waiting a jittered time under a doubling ceiling', async () => {
    const waits: number[] = [];
    let tries = 0;
    const result = await retryOnConflict(
      async () => {
        tries += 1;
        if (tries < 4) throw conflict();
        return 'ok';
      },
      { sleep: async (ms) => void waits.push(ms), random: () => 0.999, baseDelayMs: 10, maxDelayMs: 30 },
    );
    expect([result, tries, waits]).toStrictEqual(['ok', 4, [9, 19, 29]]);
  });

  it('stops after the bounded number of tries and throws the last conflict', async () => {
    let tries = 0;
    const run = retryOnConflict(
      async () => {
        tries += 1;
        throw conflict();
      },
      { attempts: 3, sleep: async () => {} },
    );
    await expect(run).rejects.toBeInstanceOf(TransactionCanceledException);
    expect(tries).toBe(3);
  });

  it('does not retry a failed condition, even beside a conflict, nor any other error', async () => {
    for (const error of [
      new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'TransactionConflict' }],
      }),
      new Error('throttled'),
    ]) {
      let tries = 0;
      const run = retryOnConflict(
        async () => {
          tries += 1;
          throw error;
        },
        { sleep: async () => {} },
      );
      await expect(run).rejects.toBe(error);
      expect(tries).toBe(1);
    }
  });
});
