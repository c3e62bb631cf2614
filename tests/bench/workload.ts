/**
 * The delivery workload and HTTP helpers that the benches share (deliveries.ts, load.ts): a
 * campaign of the bench's own, approved volunteers written through the db layer's item builders,
 * delivery drafts from a seeded generator, and the campaign's stored records read from its index.
 */

import { randomUUID } from 'node:crypto';
import type { Campaign } from '@ankang/shared';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { copiedCatalog } from '../../functions/local/demoCampaigns';
import { campaignToItem } from '../../functions/src/db/campaignItems';
import { deliveryRecordSchema } from '../../functions/src/db/deliveryItems';
import { deliveryIndexKeys, keys } from '../../functions/src/db/keys';
import { volunteerSignupToItem } from '../../functions/src/db/signupItems';
import { userIdForOpenid } from '../../functions/src/lib/ids';
import { testTableName } from '../support/stack';

export const ZJG = '320000/320500/320582';
export const DAXIN = `${ZJG}/daxin`;
const DAY_MS = 86_400_000;

export const log = (message: string) => console.log(`[bench] ${message}`);

/** A document client on the stack's DynamoDB Local (the bench writes fixtures and counts records). */
export function benchDb(dynamoEndpoint: string): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: dynamoEndpoint,
      region: 'cn-north-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
}

/** One JSON request; the answer's status, parsed body and time taken. */
export async function call(apiBase: string, method: string, path: string, token?: string, body?: unknown) {
  const started = performance.now();
  const response = await fetch(`${apiBase}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? JSON.parse(text) : undefined,
    ms: performance.now() - started,
  };
}

/** Runs `tasks` with at most `limit` in flight. */
export async function bounded(tasks: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) {
        const task = tasks[next]!;
        next += 1;
        await task();
      }
    }),
  );
}

/** YYYY-MM-DD in Asia/Shanghai. */
export const shanghaiDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

/** An open campaign of 张家港 with the demo's catalog, whose season covers the last 20 days. */
export function benchCampaign(now: number): Campaign {
  const stamp = new Date(now).toISOString();
  return {
    id: `cp_bench${randomUUID().replace(/-/g, '').slice(0, 16)}`,
    title: '压测用夏季安康“三送”',
    season: { from: shanghaiDay(now - 20 * DAY_MS), to: shanghaiDay(now + 20 * DAY_MS) },
    signup: { from: shanghaiDay(now - 20 * DAY_MS), to: shanghaiDay(now + 10 * DAY_MS) },
    ...copiedCatalog(),
    status: 'open',
    version: 2,
    createdAt: stamp,
    updatedAt: stamp,
  };
}

/**
 * Stores the campaign, then `count` users that may use the development login, each with an approved
 * sign-up for it; returns their user ids.
 */
export async function enrolVolunteers(
  db: DynamoDBDocumentClient,
  campaign: Campaign,
  count: number,
): Promise<string[]> {
  await db.send(new PutCommand({ TableName: testTableName, Item: campaignToItem(campaign) }));
  const stamp = new Date().toISOString();
  const userIds: string[] = [];
  const items: Record<string, unknown>[] = [];
  for (let n = 0; n < count; n += 1) {
    const userId = userIdForOpenid(`bench:volunteer-${n}:${campaign.id}`);
    userIds.push(userId);
    items.push({
      ...keys.user(userId),
      type: 'User',
      id: userId,
      openid: `bench:volunteer-${n}`,
      nickname: `压测志愿者${n}`,
      roles: new Set(['volunteer']),
      demo: true,
      createdAt: stamp,
      updatedAt: stamp,
      version: 1,
    });
    items.push(
      volunteerSignupToItem({
        id: `vs_bench${String(n).padStart(12, '0')}`,
        campaignId: campaign.id,
        userId,
        name: `压测志愿者${n}`,
        districts: [ZJG],
        availability: [{ date: campaign.season.from, slot: 'am' }],
        skills: [],
        phone: '13800001111',
        status: 'approved',
        review: { by: '压测', at: stamp },
        version: 2,
        createdAt: stamp,
        updatedAt: stamp,
        requestId: `bench-${n}`,
      }),
    );
  }
  for (let i = 0; i < items.length; i += 32) {
    await Promise.all(
      items.slice(i, i + 32).map((Item) => db.send(new PutCommand({ TableName: testTableName, Item }))),
    );
  }
  return userIds;
}

/** Signs each user in with the development login (16 at a time); their access tokens, in order. */
export async function devLogins(apiBase: string, userIds: readonly string[]): Promise<string[]> {
  const tokens: string[] = [];
  await bounded(
    userIds.map((userId, index) => async () => {
      const session = await call(apiBase, 'POST', '/auth/dev-login', undefined, { userId });
      if (session.status !== 200) throw new Error(`dev login failed: ${JSON.stringify(session.body)}`);
      tokens[index] = (session.body as { token: string }).token;
    }),
    16,
  );
  return tokens;
}

export type DeliveryDraft = ReturnType<typeof deliveryDraft>;

/** One delivery of the workload: an ad-hoc site in 张家港 or 大新镇, on one of the last 10 days. */
export function deliveryDraft(random: () => number, campaign: Campaign, now: number) {
  const health = random() < 0.35;
  const items = health
    ? [{ code: 'huoxiang', quantity: 1 + Math.floor(random() * 20) }]
    : [
        { code: 'water', quantity: 1 + Math.floor(random() * 10) },
        ...(random() < 0.5 ? [{ code: 'mungbean', quantity: 1 + Math.floor(random() * 30) }] : []),
      ];
  const orgPath = random() < 0.5 ? ZJG : DAXIN;
  return {
    id: `dl_${randomUUID().replace(/-/g, '')}`,
    campaignId: campaign.id,
    site: { type: 'adHoc', name: '压测作业点', address: '张家港市测试路 1 号', orgPath },
    kind: health ? 'health' : 'cool',
    items,
    peopleReached: Math.floor(random() * 60),
    photoIds: [],
    position: { lat: 31.9 + random() * 0.05, lng: 120.5 + random() * 0.05, accuracy: 5 + random() * 200 },
    deliveredAt: new Date(now - Math.floor(random() * 10 * DAY_MS) - 60_000).toISOString(),
  };
}

/** Every item on one partition of a global index (gsi1, gsi2), page by page. */
export async function indexPartition(
  db: DynamoDBDocumentClient,
  index: 'gsi1' | 'gsi2',
  partition: string,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: testTableName,
        IndexName: index,
        KeyConditionExpression: `${index}pk = :pk`,
        ExpressionAttributeValues: { ':pk': partition },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** Every stored record of the campaign, read from its queue index (one partition per status). */
export async function storedDeliveries(db: DynamoDBDocumentClient, campaignId: string) {
  const records = [];
  for (const status of ['pending', 'approved', 'needsChanges', 'rejected']) {
    const items = await indexPartition(db, 'gsi2', deliveryIndexKeys.queuePartition(campaignId, status));
    records.push(...items.map((item) => deliveryRecordSchema.parse(item)));
  }
  return records;
}

/** One request as the load bench's autocannon sends it. */
export interface Outgoing {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** A signed-in caller's headers, with the JSON content type when a body is sent. */
export const authHeaders = (token: string, json: boolean): Record<string, string> => ({
  authorization: `Bearer ${token}`,
  ...(json ? { 'content-type': 'application/json' } : {}),
});
