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

import { isDeepStrictEqual } from 'node:util';
import type { Delivery, DeliveryDashboard } from '@ankang/shared';
import { seededRandom } from '../../functions/local/nationalStations';
import { dashboardFigures, recount, recountFigures } from '../support/deliveryRecount';
import { startLocalStack } from '../support/stack';
import {
  benchCampaign,
  benchDb,
  bounded,
  call,
  DAXIN,
  type DeliveryDraft,
  deliveryDraft,
  devLogins,
  enrolVolunteers,
  log,
  storedDeliveries,
  ZJG,
} from './workload';

const VOLUNTEERS = Number(process.env.BENCH_VOLUNTEERS ?? 200);
const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 10_000);
const RETRY_SHARE = 0.3;
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 32);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

async function main() {
  const startedAt = performance.now();
  log('starting DynamoDB Local, s3rver and serverless-offline …');
  const stack = await startLocalStack({ searchLimits: { perUser: 60, perIp: 240 } });
  try {
    log(`stack ready in ${((performance.now() - startedAt) / 1000).toFixed(1)} s at ${stack.apiBase}`);
    const db = benchDb(stack.dynamoEndpoint);
    const now = Date.now();
    const campaign = benchCampaign(now);
    const tokens = await devLogins(stack.apiBase, await enrolVolunteers(db, campaign, VOLUNTEERS));
    log(`${tokens.length} volunteers signed in`);

    const random = seededRandom(20_260_715);
    const latencies: number[] = [];
    const failures = new Map<string, number>();
    const firstAnswers = new Map<string, string>();
    let mismatched = 0;
    let posts = 0;
    const send = async (token: string, body: DeliveryDraft) => {
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
      const body = deliveryDraft(random, campaign, now);
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

    const records = await storedDeliveries(db, campaign.id);
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
