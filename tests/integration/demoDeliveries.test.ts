import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { demoCampaigns } from '../../functions/local/demoCampaigns';
import { demoDeliveries, seedDemoDeliveries } from '../../functions/local/demoDeliveries';
import { ensureTable } from '../../functions/local/table';
import { deliveryRecordSchema } from '../../functions/src/db/deliveryItems';
import { deliveryIndexKeys, deliveryKeys } from '../../functions/src/db/keys';
import { addTallyItem, emptyTallySums } from '../../functions/src/db/tallyItems';
import { recount } from '../support/deliveryRecount';

const ZJG = '320000/320500/320582';
const DAXIN = `${ZJG}/daxin`;

/** A table of its own, so the seed's fixed ids meet nothing another test wrote. */
async function freshTable() {
  const client = new DynamoDBClient({
    endpoint: inject('dynamoEndpoint'),
    region: 'cn-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const tableName = `demo-${randomUUID().slice(0, 8)}`;
  await ensureTable(client, tableName);
  return {
    db: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
    tableName,
  };
}

async function queryAll(db: DynamoDBDocumentClient, input: ConstructorParameters<typeof QueryCommand>[0]) {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

describe('Demo deliveries', () => {
  const seedAt = new Date('2026-11-26T09:30:00+08:00');
  const campaign = demoCampaigns(seedAt).find((c) => c.id === 'cp_demo0zjgthis')!;

  it('are three weeks of records in every review state, inside the season and before the seed day', () => {
    const writes = demoDeliveries(seedAt);
    expect(writes.length).toBeGreaterThanOrEqual(60);
    expect(writes.length).toBeLessThanOrEqual(120);
    const statuses = new Set(writes.map(({ record }) => record.review.status));
    expect([...statuses].sort()).toStrictEqual(['approved', 'needsChanges', 'pending', 'rejected']);
    for (const { record } of writes) {
      deliveryRecordSchema.parse(record);
      expect(record.date >= '2026-11-05' && record.date <= '2026-11-25').toBe(true);
      expect(record.date >= campaign.season.from).toBe(true);
    }
    // No volunteer is at two sites in one half day.
    const held = writes.flatMap(({ task }) =>
      task ? [`${task.volunteerSignupId} ${task.date} ${task.slot}`] : [],
    );
    const tasks = new Set(writes.flatMap(({ task }) => (task ? [task.id] : [])));
    expect(new Set(held).size).toBe(tasks.size);
  });

  it('seeds records with counters equal to a recount, and a second seed writes and counts nothing', async () => {
    const { db, tableName } = await freshTable();
    const first = await seedDemoDeliveries(db, tableName, seedAt);
    const second = await seedDemoDeliveries(db, tableName, seedAt);
    expect([first, second]).toStrictEqual([demoDeliveries(seedAt).length, 0]);
    const stored = (
      await Promise.all(
        (['pending', 'approved', 'needsChanges', 'rejected'] as const).map((status) =>
          queryAll(db, {
            TableName: tableName,
            IndexName: 'gsi2',
            KeyConditionExpression: 'gsi2pk = :pk',
            ExpressionAttributeValues: { ':pk': deliveryIndexKeys.queuePartition(campaign.id, status) },
          }),
        ),
      )
    )
      .flat()
      .map((item) => deliveryRecordSchema.parse(item));
    expect(stored).toHaveLength(first);
    for (const node of [ZJG, DAXIN]) {
      const sums = emptyTallySums();
      const items = await queryAll(db, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': deliveryKeys.tallyPartition(campaign.id, node) },
      });
      for (const item of items) addTallyItem(sums, item);
      const expected = recount(stored, campaign, node);
      expect(sums.totals).toStrictEqual(expected.totals);
      expect({ pending: 0, approved: 0, needsChanges: 0, rejected: 0, ...sums.status }).toStrictEqual(
        expected.byStatus,
      );
      expect(Object.fromEntries([...sums.volunteers].filter(([, v]) => v.deliveries !== 0))).toStrictEqual(
        expected.volunteers,
      );
    }
  });
});
