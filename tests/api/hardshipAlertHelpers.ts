import { randomUUID } from 'node:crypto';
import { type AlertRef, type HardshipAlert, type HouseholdFile, shanghaiDate } from '@ankang/shared';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { expect, inject } from 'vitest';
import { draft } from '../support/households';
import { testTableName } from '../support/stack';
import { request } from './http';

/** Alerts over real HTTP: raised by the real rules from a real visit, then worked through the routes. */

export const ZJG = '320000/320500/320582';
export const DAXIN = `${ZJG}/daxin`;
export const SIP = '320000/320500/320571';
export const HAN = /\p{Script=Han}/u;

export const table = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    endpoint: inject('apiDynamoEndpoint'),
    region: 'cn-north-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  }),
);

/** YYYY-MM-DD `days` after today in Shanghai, by plain calendar arithmetic. */
export function day(days: number): string {
  const d = new Date(`${shanghaiDate(new Date())}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

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
    body: {
      id: `hv_${randomUUID().replace(/-/g, '')}`,
      visitedOn: day(-1),
      mode: 'home',
      annualIncomeFen: 1_200_000,
      annualFixedSpendingFen: 0,
      householdSize: 2,
      earners: [{ relation: 'self', employment: 'flexible', changedSinceLastVisit: false }],
      largeSpending: [],
      housing: [],
      risk: 'high',
      notes: '户主打零工，收入很低',
      nextVisitDue: day(30),
    },
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

/** A refusal as every route must give one: the status, the declared code, a Chinese message. */
export function expectRefused(answer: { status: number; body: unknown }, status: number, code: string): void {
  expect({
    status: answer.status,
    code: (answer.body as { error?: { code?: string } }).error?.code,
  }).toStrictEqual({
    status,
    code,
  });
  expect((answer.body as { error: { message: string } }).error.message).toMatch(HAN);
}

/** The messages the fake WeChat delivered to one openid. */
export async function messagesTo(openid: string): Promise<{ template_id: string; page: string }[]> {
  const response = await fetch(
    `${inject('apiWechatBase')}/__fake/messages?touser=${encodeURIComponent(openid)}`,
  );
  return ((await response.json()) as { messages: { template_id: string; page: string }[] }).messages;
}
