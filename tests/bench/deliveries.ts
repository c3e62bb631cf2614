/**
 * `npm run bench:deliveries`: idempotent delivery writes under load, over HTTP. Starts its own
 * DynamoDB Local, s3rver and serverless-offline (the test stack), makes ≥ 200 approved volunteers
 * of a campaign of its own (their users and sign-ups written through the db layer's item builders),
 * signs each in with the development login, then posts ≥ 10,000 deliveries with bounded
 * concurrency, 30% of them sent again with the same id — a third of those racing the first send,
 * the rest after it landed. Prints throughput, p50/p99 latency, records stored (counted on the
 * campaign's queue index, not a Scan) against unique ids, and whether the dashboard's counters
 * equal a recount of the stored records. The last line printed is one JSON summary.
 */

import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Campaign, Delivery, DeliveryDashboard } from '@ankang/shared';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { campaignToItem } from '../../functions/src/db/campaignItems';
import { deliveryRecordSchema } from '../../functions/src/db/deliveryItems';
import { deliveryIndexKeys, keys } from '../../functions/src/db/keys';
import { volunteerSignupToItem } from '../../functions/src/db/signupItems';
import { userIdForOpenid } from '../../functions/src/lib/ids';
import { dashboardFigures, recount, recountFigures } from '../support/deliveryRecount';
import { startLocalStack, testTableName } from '../support/stack';

const VOLUNTEERS = Number(process.env.BENCH_VOLUNTEERS ?? 200);
const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 10_000);
const RETRY_SHARE = 0.3;
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 32);
const ZJG = '320000/320500/320582';
const DAXIN = `${ZJG}/daxin`;
const DAY_MS = 86_400_000;

const log = (message: string) => console.log(`[bench] ${message}`);

/** Deterministic pseudo-random numbers, so two runs post the same workload. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const shanghaiDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

function benchCampaign(now: number): Campaign {
  const stamp = new Date(now).toISOString();
  return {
    id: `cp_bench${randomUUID().replace(/-/g, '').slice(0, 16)}`,
    orgPath: ZJG,
    title: '压测用夏季安康“三送”',
    season: { from: shanghaiDay(now - 20 * DAY_MS), to: shanghaiDay(now + 20 * DAY_MS) },
    signup: { from: shanghaiDay(now - 20 * DAY_MS), to: shanghaiDay(now + 10 * DAY_MS) },
    kinds: [
      {
        code: 'cool',
        name: '送清凉',
        items: [
          { code: 'water', name: '矿泉水', unit: '箱', unitCostFen: 2400 },
          { code: 'mungbean', name: '绿豆', unit: '袋', unitCostFen: 1200 },
          { code: 'towel', name: '毛巾', unit: '条' },
        ],
      },
      {
        code: 'health',
        name: '送健康',
        items: [
          { code: 'huoxiang', name: '藿香正气水', unit: '盒', unitCostFen: 850 },
          { code: 'checkup', name: '健康体检', unit: '人次', unitCostFen: 3000 },
        ],
      },
    ],
    targetGroups: ['sanitation', 'construction'],
    status: 'open',
    version: 2,
    createdAt: stamp,
    updatedAt: stamp,
  };
}

/** Users that may use the development login, and their approved sign-ups for the campaign. */
async function enrol(db: DynamoDBDocumentClient, campaign: Campaign): Promise<string[]> {
  const stamp = new Date().toISOString();
  const userIds: string[] = [];
  const items: Record<string, unknown>[] = [];
  for (let n = 0; n < VOLUNTEERS; n += 1) {
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

async function call(apiBase: string, method: string, path: string, token?: string, body?: unknown) {
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

/** One delivery of the workload: an ad-hoc site in 张家港 or 大新镇, on one of the last 10 days. */
function draft(random: () => number, campaign: Campaign, now: number) {
  const health = random() < 0.35;
  const items = health
    ? [{ code: 'huoxiang', quantity: 1 + Math.floor(random() * 20) }]
    : [
        { code: 'water', quantity: 1 + Math.floor(random() * 10) },
        ...(random() < 0.5 ? [{ code: 'towel', quantity: 1 + Math.floor(random() * 30) }] : []),
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

/** Runs `tasks` with at most `limit` in flight. */
async function bounded(tasks: (() => Promise<void>)[], limit: number): Promise<void> {
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

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

/** Every stored record of the campaign, read from its queue index (one partition per status). */
async function storedRecords(db: DynamoDBDocumentClient, campaignId: string) {
  const records = [];
  for (const status of ['pending', 'approved', 'needsChanges', 'rejected']) {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await db.send(
        new QueryCommand({
          TableName: testTableName,
          IndexName: 'gsi2',
          KeyConditionExpression: 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': deliveryIndexKeys.queuePartition(campaignId, status) },
          ExclusiveStartKey: startKey,
        }),
      );
      records.push(...(page.Items ?? []).map((item) => deliveryRecordSchema.parse(item)));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
  }
  return records;
}

async function main() {
  const startedAt = performance.now();
  log('starting DynamoDB Local, s3rver and serverless-offline …');
  const stack = await startLocalStack({ searchLimits: { perUser: 60, perIp: 240 } });
  try {
    log(`stack ready in ${((performance.now() - startedAt) / 1000).toFixed(1)} s at ${stack.apiBase}`);
    const db = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        endpoint: stack.dynamoEndpoint,
        region: 'cn-north-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }),
      { marshallOptions: { removeUndefinedValues: true } },
    );
    const now = Date.now();
    const campaign = benchCampaign(now);
    await db.send(new PutCommand({ TableName: testTableName, Item: campaignToItem(campaign) }));
    const userIds = await enrol(db, campaign);
    const tokens: string[] = [];
    await bounded(
      userIds.map((userId) => async () => {
        const session = await call(stack.apiBase, 'POST', '/auth/dev-login', undefined, { userId });
        if (session.status !== 200) throw new Error(`dev login failed: ${JSON.stringify(session.body)}`);
        tokens.push((session.body as { token: string }).token);
      }),
      16,
    );
    log(`${tokens.length} volunteers signed in`);

    const random = seededRandom(20_260_715);
    const latencies: number[] = [];
    const failures = new Map<string, number>();
    const firstAnswers = new Map<string, string>();
    let mismatched = 0;
    let posts = 0;
    const send = async (token: string, body: ReturnType<typeof draft>) => {
      const answer = await call(stack.apiBase, 'POST', '/deliveries', token, body);
      posts += 1;
      latencies.push(answer.ms);
      if (answer.status !== 201) {
        const key = `${answer.status} ${(answer.body as { error?: { code?: string } })?.error?.code ?? ''}`;
        failures.set(key, (failures.get(key) ?? 0) + 1);
        return;
      }
      // Every answer for one id must be the same record.
      const text = JSON.stringify(answer.body as Delivery);
      const first = firstAnswers.get(body.id);
      if (first === undefined) firstAnswers.set(body.id, text);
      else if (first !== text) mismatched += 1;
    };
    const tasks: (() => Promise<void>)[] = [];
    for (let n = 0; n < DELIVERIES; n += 1) {
      const token = tokens[n % tokens.length]!;
      const body = draft(random, campaign, now);
      const retried = random() < RETRY_SHARE;
      const racing = retried && random() < 1 / 3;
      if (racing)
        tasks.push(() => Promise.all([send(token, body), send(token, structuredClone(body))]).then(() => {}));
      else if (retried)
        tasks.push(async () => {
          await send(token, body);
          await send(token, structuredClone(body));
        });
      else tasks.push(() => send(token, body));
    }
    log(
      `posting ${DELIVERIES.toLocaleString('en')} deliveries (${Math.round(RETRY_SHARE * 100)}% sent twice), ${IN_FLIGHT} in flight …`,
    );
    const postStart = performance.now();
    const progress = setInterval(() => log(`${posts.toLocaleString('en')} posts answered`), 15_000);
    await bounded(tasks, IN_FLIGHT);
    clearInterval(progress);
    const wallS = (performance.now() - postStart) / 1000;
    const sorted = [...latencies].sort((a, b) => a - b);
    const p50 = percentile(sorted, 0.5);
    const p99 = percentile(sorted, 0.99);
    const rps = posts / wallS;
    log(`posts: ${posts.toLocaleString('en')} in ${wallS.toFixed(1)} s → ${rps.toFixed(1)} requests/s`);
    log(`latency: p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`);
    log(`non-201 answers: ${failures.size === 0 ? 'none' : JSON.stringify(Object.fromEntries(failures))}`);
    log(`retries answered with a different body than the first: ${mismatched}`);

    const records = await storedRecords(db, campaign.id);
    const unique = new Set(records.map((record) => record.id));
    log(
      `stored records ${records.length.toLocaleString('en')} (distinct ids ${unique.size.toLocaleString('en')}) vs unique ids posted ${DELIVERIES.toLocaleString('en')}`,
    );

    const admin = await call(stack.apiBase, 'GET', '/auth/dev-accounts');
    const adminId = (admin.body as { accounts: { userId: string; nickname: string }[] }).accounts.find(
      (account) => account.nickname === '周建国',
    )!.userId;
    const session = await call(stack.apiBase, 'POST', '/auth/dev-login', undefined, { userId: adminId });
    const token = (session.body as { token: string }).token;
    let countersExact = true;
    for (const root of [ZJG, DAXIN]) {
      const shown = await call(
        stack.apiBase,
        'GET',
        `/staff/campaigns/${campaign.id}/dashboard?orgPath=${root}`,
        token,
      );
      const figures = dashboardFigures(shown.body as DeliveryDashboard);
      const expected = recountFigures(recount(records, campaign, root));
      const same = isDeepStrictEqual(figures, expected);
      if (!same) {
        const parts = Object.keys(expected).filter(
          (part) =>
            !isDeepStrictEqual(
              figures[part as keyof typeof figures],
              expected[part as keyof typeof expected],
            ),
        );
        log(`dashboard at ${root} differs from the recount in: ${parts.join(', ')}`);
      }
      log(
        `dashboard at ${root}: ${JSON.stringify(figures.totals)} ${same ? '= recount' : `≠ recount ${JSON.stringify(expected.totals)}`} (read in ${shown.ms.toFixed(0)} ms)`,
      );
      countersExact &&= same;
    }
    console.log(
      JSON.stringify({
        posts,
        unique: DELIVERIES,
        stored: records.length,
        countersExact,
        p99Ms: Number(p99.toFixed(1)),
        rps: Number(rps.toFixed(1)),
      }),
    );
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
