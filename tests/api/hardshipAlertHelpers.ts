import { randomUUID } from 'node:crypto';
import type { AlertRef, HardshipAlert, HouseholdFile } from '@ankang/shared';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { draft, visitDraft } from '../support/households';
import { testTableName } from '../support/stack';
import { request } from './http';
import { table } from './table';

/** Alerts over real HTTP: raised by the real rules from a real visit, then worked through the routes. */

export const ZJG = '320000/320500/320582';
export const DAXIN = `${ZJG}/daxin`;
export const SIP = '320000/320500/320571';

export const newCommentId = () => `hc_${randomUUID().replace(/-/g, '')}`;

/**
 * Files a household in 大新镇 (or `orgPath`; its caseworker: the filer) and records a visit whose
 * income is far under 苏州's 低保 (¥12,000 a year for two people: ¥500 a month each, the line is
 * ¥1,140): the rules raise a 低于低保 alert, which the visit's answer names.
 */
export async function raiseAlert(
  token: string,
  overrides: Partial<ReturnType<typeof draft>> = {},
  orgPath = DAXIN,
): Promise<{ file: HouseholdFile; alert: HardshipAlert }> {
  const created = await request('POST', '/staff/hardship/files', { token, body: draft(orgPath, overrides) });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const file = created.body as HouseholdFile;
  const visit = await request('POST', `/staff/hardship/files/${file.id}/visits`, {
    token,
    body: visitDraft({
      annualIncomeFen: 1_200_000,
      largeSpending: [],
      risk: 'high',
      notes: '户主打零工，收入很低',
    }),
  });
  expect(visit.status, JSON.stringify(visit.body)).toBe(201);
  const refs = (visit.body as { alerts?: AlertRef[] }).alerts ?? [];
  const ref = refs.find((alert) => alert.rule === 'belowPovertyLine');
  expect(ref, JSON.stringify(refs)).toBeDefined();
  const read = await request('GET', `/staff/hardship/alerts/${ref!.id}`, { token });
  expect(read.status, JSON.stringify(read.body)).toBe(200);
  return { file, alert: read.body as HardshipAlert };
}

/** The raw alert item (index keys included), read consistently. */
export async function rawAlert(id: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await table.send(
    new GetCommand({
      TableName: testTableName,
      Key: { pk: `HALERT#${id}`, sk: 'ALERT' },
      ConsistentRead: true,
    }),
  );
  return Item;
}

/** Everything stored under a partition key, read consistently. */
export async function rawPartition(pk: string): Promise<Record<string, unknown>[]> {
  const { Items = [] } = await table.send(
    new QueryCommand({
      TableName: testTableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': pk },
      ConsistentRead: true,
    }),
  );
  return Items;
}

/** What is stored of an alert: its partition (item and comments) and its audit trail. */
export async function storedOf(id: string) {
  return { alert: await rawPartition(`HALERT#${id}`), trail: await rawPartition(`AUDIT#${id}`) };
}
