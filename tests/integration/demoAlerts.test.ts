import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { seedDemoAlerts } from '../../functions/local/demoAlerts';
import { demoHouseholdSeeds } from '../../functions/local/demoHouseholdData';
import { demoFileId } from '../../functions/local/demoHouseholds';
import { listAuditEvents } from '../../functions/src/db/audit';
import { db, tableName } from '../../functions/src/db/client';
import { type AlertRecord, alertRecordSchema } from '../../functions/src/db/hardshipAlertItems';

/** Every demo alert in 江苏's queues (the integration run's global setup seeded them). */
async function demoAlerts(): Promise<AlertRecord[]> {
  const alerts: AlertRecord[] = [];
  for (const status of ['open', 'acknowledged', 'inProgress', 'resolved']) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': `HA_Q#320000#${status}` },
          ExclusiveStartKey: startKey,
        }),
      );
      alerts.push(
        ...(page.Items ?? []).filter((item) => item.demo).map((item) => alertRecordSchema.parse(item)),
      );
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
  const demoFiles = new Set(demoHouseholdSeeds.map((_, i) => demoFileId(i)));
  return alerts.filter((alert) => demoFiles.has(alert.fileId));
}

/** Every item under one partition key, in key order. */
async function partition(pk: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** The demo households' partitions, the demo alerts and the alerts' audit trails. */
async function demoState() {
  const alerts = await demoAlerts();
  const households = await Promise.all(demoHouseholdSeeds.map((_, i) => partition(`HFILE#${demoFileId(i)}`)));
  const trails = await Promise.all(alerts.map((alert) => partition(`AUDIT#${alert.id}`)));
  return { alerts, households, trails };
}

const keyOf = (alert: AlertRecord) => `${alert.headName} ${alert.rule}`;

describe('Demo alerts', () => {
  it('exist in every state over the demo households, raised by the real rules', async () => {
    const alerts = await demoAlerts();
    // What the demo households' visits and dates raise, and what the demo staff did with each
    // (worked out from functions/local/demoHouseholdData.ts by hand).
    expect(
      Object.fromEntries(alerts.map((a) => [keyOf(a), [a.status, a.outcome?.kind ?? null]])),
    ).toStrictEqual({
      '示例户·张某某 belowPovertyLine': ['acknowledged', null],
      '示例户·张某某 visitOverdue': ['open', null],
      '示例户·王某某 belowPovertyLine': ['resolved', 'helped'],
      '示例户·王某某 incomeDrop': ['inProgress', null],
      '示例户·陈某某 belowRelativeLine': ['open', null],
      '示例户·刘某某 belowPovertyLine': ['inProgress', null],
      '示例户·刘某某 visitOverdue': ['open', null],
      '示例户·周某某 belowPovertyLine': ['open', null],
      '示例户·周某某 visitOverdue': ['open', null],
      '示例户·周某某 monitoringWindowEnding': ['open', null],
      '示例户·孙某某 belowPovertyLine': ['resolved', 'helped'],
      '示例户·孙某某 medicalBurden': ['inProgress', null],
      '示例户·郑某某 belowPovertyLine': ['resolved', 'refiled'],
      '示例户·郑某某 earnerUnemployed': ['acknowledged', null],
      '示例户·何某某 belowRelativeLine': ['resolved', 'noHelp'],
      '示例户·何某某 exitReview': ['open', null],
    });
    expect(
      alerts
        .filter((a) => (a.commentCount ?? 0) > 0)
        .map(keyOf)
        .sort(),
    ).toStrictEqual(
      [
        '示例户·张某某 belowPovertyLine',
        '示例户·王某某 incomeDrop',
        '示例户·刘某某 belowPovertyLine',
        '示例户·孙某某 medicalBurden',
      ].sort(),
    );
  });

  it('include one alert escalated from 张家港 to 苏州, naming who failed to act', async () => {
    const escalated = (await demoAlerts()).filter((alert) => alert.escalations.length > 0);
    expect(escalated.map(keyOf)).toStrictEqual(['示例户·周某某 belowPovertyLine']);
    const [alert] = escalated;
    expect(alert).toMatchObject({
      holderOrgPath: '320000/320500',
      assigneeName: '李敏',
      escalations: [
        {
          fromOrgPath: '320000/320500/320582',
          fromOrgName: '张家港市总工会',
          toOrgPath: '320000/320500',
          toOrgName: '苏州市总工会',
          assigneeName: '李敏',
        },
      ],
    });
    expect(alert!.escalations[0]!.dueOn < alert!.dueOn).toBe(true);
    const events = (await listAuditEvents(alert!.id, { limit: 10 })).events;
    expect(events.map((event) => [event.action, event.actorName])).toStrictEqual([
      ['escalateAlert', '系统'],
      ['raiseAlert', '系统'],
    ]);
    expect(events[0]!.detail).toContain('李敏（张家港市总工会）未在');
  });

  it('include a 转派 with its reason in the trail', async () => {
    const [alert] = (await demoAlerts()).filter((a) => keyOf(a) === '示例户·张某某 visitOverdue');
    expect(alert!.assigneeName).toBe('李敏');
    const events = (await listAuditEvents(alert!.id, { limit: 10 })).events;
    expect(events[0]).toMatchObject({
      action: 'assignAlert',
      actorName: '李敏',
      reason: '顾晓东外出培训两周，由市总工会代为走访',
      detail: '顾晓东 → 李敏',
    });
  });

  it('change nothing when seeded again the same day', async () => {
    // The seed's sweep also reviews what other test files wrote to this shared table meanwhile, so
    // the check is on the demo's own items: every item of each demo household's partition (file,
    // monitor, rule slots, visits), every demo alert and each alert's trail, byte for byte.
    const before = await demoState();
    // (Its count is not checked: the sweep may escalate other files' overdue alerts here.)
    await seedDemoAlerts(tableName, inject('dynamoEndpoint'), new Date());
    expect(await demoState()).toStrictEqual(before);
  });
});
