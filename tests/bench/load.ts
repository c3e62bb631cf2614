/**
 * `npm run bench:load`: the API under a realistic mix of traffic for a bounded time, over HTTP.
 * Starts its own DynamoDB Local, s3rver and serverless-offline (the test stack, demo data), prepares
 * what the mix needs — signed-in demo workers, volunteers of a campaign of its own, hardship alerts
 * filed through the API — then drives every route kind at once with autocannon for BENCH_SECONDS
 * over BENCH_CONNECTIONS keep-alive connections, each request drawn by weight:
 *
 *   50% nearby searches (points around the demo stations, some with filters), 25% station detail,
 *   15% delivery posts (30% of them sent again with the same id, a third of those racing the
 *   first send), 10% alert actions (acknowledge → start → resolve; a comment when no alert is
 *   free to move, e.g. all resolved).
 *
 * Prints per route: requests, throughput, p50/p99 latency, answers by status class; then checks
 * that retries never duplicated (the campaign's stored records, counted on its index, are exactly
 * the ids accepted). Exits 1 on any 5xx, connection error or duplicate. The last line is JSON.
 */

import autocannon from 'autocannon';
import { demoStations } from '../../functions/local/demoStations';
import { seededRandom } from '../../functions/local/nationalStations';
import { startLocalStack } from '../support/stack';
import { type AlertState, alertMix, prepareAlerts } from './loadAlerts';
import { type DeliveryJob, deliveryMix } from './loadDeliveries';
import {
  authHeaders,
  benchCampaign,
  benchDb,
  call,
  devLogins,
  enrolVolunteers,
  log,
  type Outgoing,
} from './workload';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
// Small on purpose: the API, DynamoDB Local and this process share the machine's 2 cores.
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
/** Demo households copied and filed before the run, each raising a few alerts to act on. */
const HOUSEHOLDS = Number(process.env.BENCH_HOUSEHOLDS ?? 40);
const VOLUNTEERS = 20;
const ROUTES = ['nearby', 'station', 'delivery', 'alert'] as const;
type Route = (typeof ROUTES)[number];
const WEIGHTS: Record<Route, number> = { nearby: 0.5, station: 0.25, delivery: 0.15, alert: 0.1 };
const AMENITIES = ['water', 'toilet', 'aircon', 'charging', 'microwave'];

/** The route a uniform draw in [0, 1) lands on, each taking its weight's share of the interval. */
function drawRoute(draw: number): Route {
  let upTo = 0;
  for (const route of ROUTES) {
    upTo += WEIGHTS[route];
    if (draw < upTo) return route;
  }
  return ROUTES[0];
}

/** What autocannon keeps per connection between building a request and reading its answer. */
interface Context {
  route: Route;
  sentAt: number;
  job?: DeliveryJob;
  alert?: AlertState;
}

interface RouteStats {
  latencies: number[];
  classes: Record<string, number>;
  /** Non-2xx answers by `status code`, to say what failed. */
  failures: Record<string, number>;
}

/** Demo accounts by nickname (GET /auth/dev-accounts), signed in with the development login. */
async function signIn(apiBase: string, nicknames: (nickname: string) => boolean): Promise<string[]> {
  const listed = await call(apiBase, 'GET', '/auth/dev-accounts');
  const accounts = (listed.body as { accounts: { userId: string; nickname: string }[] }).accounts;
  return devLogins(
    apiBase,
    accounts.filter((account) => nicknames(account.nickname)).map((account) => account.userId),
  );
}

/**
 * serverless-offline runs each function in a worker it starts on the first call, and starts one more
 * whenever all of that function's are busy: a cold start of seconds here. Deployed Lambdas answer
 * the bulk of steady traffic from warm containers, so every function of the mix is first called
 * CONNECTIONS times at once, with requests that change nothing: a search, a detail, a delivery the
 * schema refuses, each alert action on an alert that does not exist.
 */
async function warmUp(
  apiBase: string,
  tokens: { worker: string; volunteer: string; staff: string },
  stationId: string,
) {
  const missing = `/staff/hardship/alerts/ha_${'0'.repeat(32)}`;
  const probes: [method: string, path: string, token: string, body?: unknown][] = [
    ['GET', '/stations/nearby?lat=31.87&lng=120.55', tokens.worker],
    ['GET', `/stations/${stationId}`, tokens.worker],
    ['POST', '/deliveries', tokens.volunteer, {}],
    ['POST', `${missing}/acknowledge`, tokens.staff, { version: 1 }],
    ['POST', `${missing}/start`, tokens.staff, { version: 1 }],
    ['POST', `${missing}/resolve`, tokens.staff, { version: 1 }],
    ['POST', `${missing}/comments`, tokens.staff, { id: `hc_${'0'.repeat(32)}`, text: '预热' }],
  ];
  for (const probe of probes) {
    await Promise.all(Array.from({ length: CONNECTIONS }, () => call(apiBase, ...probe)));
  }
}

/** The error code of an error answer; none when the body is not the API's error JSON. */
function errorCode(body: string): string {
  try {
    return (JSON.parse(body) as { error?: { code?: string } }).error?.code ?? '';
  } catch {
    return '';
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
const round1 = (value: number) => Math.round(value * 10) / 10;

async function main() {
  const startedAt = performance.now();
  log('starting DynamoDB Local, s3rver and serverless-offline …');
  const stack = await startLocalStack({ searchLimits: { perUser: 60, perIp: 240 } });
  try {
    const { apiBase } = stack;
    log(`stack ready in ${((performance.now() - startedAt) / 1000).toFixed(1)} s at ${apiBase}`);
    const db = benchDb(stack.dynamoEndpoint);
    const now = Date.now();
    const prepStarted = performance.now();

    // Workers search and open stations signed in, as the mini-program does after login.
    const workers = await signIn(apiBase, (nickname) => /（.+）$/.test(nickname));
    const [staff] = await signIn(apiBase, (nickname) => nickname === '李敏');
    // A permanently closed station answers 404 to workers: they only open the others.
    const stations = demoStations(new Date(now)).filter((station) => station.status.state !== 'closed');
    const campaign = benchCampaign(now);
    const volunteers = await devLogins(apiBase, await enrolVolunteers(db, campaign, VOLUNTEERS));
    const alerts = await prepareAlerts(apiBase, staff!, HOUSEHOLDS, now);
    if (alerts.length === 0) throw new Error('no unresolved alert to act on in the staff queue');
    log(
      `${workers.length} workers, ${volunteers.length} volunteers and 1 staff member (张家港) signed in; ` +
        `${stations.length} open demo stations; ${alerts.length} unresolved alerts in the staff queue ` +
        `(prepared in ${((performance.now() - prepStarted) / 1000).toFixed(1)} s)`,
    );

    const warmStarted = performance.now();
    await warmUp(apiBase, { worker: workers[0]!, volunteer: volunteers[0]!, staff: staff! }, stations[0]!.id);
    log(
      `functions warmed (${CONNECTIONS} workers each) in ${((performance.now() - warmStarted) / 1000).toFixed(1)} s`,
    );

    const random = seededRandom(20_261_127);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const stats = Object.fromEntries(
      ROUTES.map((route) => [route, { latencies: [], classes: {}, failures: {} } as RouteStats]),
    ) as Record<Route, RouteStats>;

    const deliveries = deliveryMix(random, campaign, volunteers, now);
    const alertActions = alertMix(alerts, staff!);

    const build: Record<Route, (context: Context) => Outgoing> = {
      nearby: () => {
        const near = pick(stations).location;
        const filters = [
          ...(random() < 0.3 ? ['openNow=true'] : []),
          ...(random() < 0.2 ? [`amenities=${pick(AMENITIES)}`] : []),
        ];
        const query = [
          `lat=${(near.lat + (random() - 0.5) * 0.05).toFixed(5)}`,
          `lng=${(near.lng + (random() - 0.5) * 0.05).toFixed(5)}`,
          `radius=${pick([1000, 3000, 5000])}`,
          ...filters,
        ].join('&');
        return {
          method: 'GET',
          path: `/stations/nearby?${query}`,
          headers: authHeaders(pick(workers), false),
        };
      },
      station: () => ({
        method: 'GET',
        path: `/stations/${pick(stations).id}`,
        headers: authHeaders(pick(workers), false),
      }),
      delivery: (context) => {
        const { job, outgoing } = deliveries.next();
        context.job = job;
        return outgoing;
      },
      alert: (context) => {
        const { alert, outgoing } = alertActions.next();
        context.alert = alert;
        return outgoing;
      },
    };

    log(
      `driving the mix for ${SECONDS} s over ${CONNECTIONS} connections: ` +
        ROUTES.map((route) => `${route} ${Math.round(WEIGHTS[route] * 100)}%`).join(', '),
    );
    const result = await autocannon({
      url: apiBase,
      connections: CONNECTIONS,
      duration: SECONDS,
      // A request on a busy 2-core machine can take seconds; a timeout would hide a slow answer.
      timeout: 60,
      requests: [
        {
          setupRequest: (request, rawContext) => {
            const context = rawContext as Context;
            context.route = drawRoute(random());
            const outgoing = build[context.route](context);
            context.sentAt = performance.now();
            return { ...request, ...outgoing };
          },
          onResponse: (status, body, rawContext) => {
            const context = rawContext as Context;
            const route = stats[context.route];
            route.latencies.push(performance.now() - context.sentAt);
            const statusClass = `${Math.floor(status / 100)}xx`;
            route.classes[statusClass] = (route.classes[statusClass] ?? 0) + 1;
            if (status >= 300) {
              const key = `${status} ${errorCode(body)}`.trim();
              route.failures[key] = (route.failures[key] ?? 0) + 1;
            }
            if (context.job) deliveries.answered(context.job, status, body);
            if (context.route === 'alert') alertActions.answered(context.alert, status, body);
          },
        },
      ],
    });

    const settled = await deliveries.settle(apiBase, db);

    const durationS = result.duration;
    const summarize = (latencies: number[]) => {
      const sorted = [...latencies].sort((x, y) => x - y);
      return {
        requests: sorted.length,
        rps: round1(sorted.length / durationS),
        p50Ms: round1(percentile(sorted, 0.5)),
        p99Ms: round1(percentile(sorted, 0.99)),
      };
    };
    const figures = {} as Record<Route, ReturnType<typeof summarize> & Record<string, number>>;
    for (const route of ROUTES) {
      const { latencies, classes } = stats[route];
      figures[route] = { ...summarize(latencies), ...classes, errors5xx: classes['5xx'] ?? 0 };
    }
    const errors5xx = ROUTES.reduce((sum, route) => sum + figures[route].errors5xx!, 0) + settled.cutOff5xx;
    const total = {
      ...summarize(ROUTES.flatMap((route) => stats[route].latencies)),
      errors5xx,
      connectionErrors: result.errors,
      timeouts: result.timeouts,
    };

    for (const route of ROUTES) {
      const { requests, rps, p50Ms, p99Ms } = figures[route];
      const { classes, failures } = stats[route];
      log(
        `${route.padEnd(8)} ${String(requests).padStart(6)} requests (${Math.round((requests / total.requests) * 100)}%), ` +
          `${rps} req/s, p50 ${p50Ms} ms, p99 ${p99Ms} ms, 5xx ${figures[route].errors5xx}, ${JSON.stringify(classes)}` +
          (Object.keys(failures).length ? `, non-2xx ${JSON.stringify(failures)}` : ''),
      );
    }
    log(
      `total    ${total.requests} requests in ${durationS} s → ${total.rps} req/s, ` +
        `p50 ${total.p50Ms} ms, p99 ${total.p99Ms} ms; ` +
        `5xx ${errors5xx}, connection errors ${result.errors}, timeouts ${result.timeouts}`,
    );
    log(
      `alert actions: ${alertActions.counts.transitions} transitions (acknowledge/start/resolve), ` +
        `${alertActions.counts.comments} comments (sent when no alert was free to move)`,
    );
    log(
      `deliveries: ${settled.resent} sent again with the same id (${settled.racing} while the first ` +
        `send was in flight); ${settled.accepted} ids accepted (${settled.cutOffResent} cut off by the end, ` +
        `sent again), ${settled.stored} records stored: ${settled.noDuplicates ? 'no duplicates' : 'DUPLICATES OR LOSSES'}; ` +
        `retries answered with a different record than the first: ${settled.mismatched}`,
    );
    const ok = errors5xx === 0 && result.errors === 0 && settled.noDuplicates && settled.mismatched === 0;
    if (!ok) {
      log('FAILED: 5xx answers, connection errors, duplicated deliveries or mismatched retries');
      process.exitCode = 1;
    }
    console.log(
      JSON.stringify({
        durationS,
        connections: CONNECTIONS,
        routes: figures,
        total,
        alertActions: alertActions.counts,
        deliveries: settled,
        ok,
      }),
    );
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error('[bench] failed:', error);
  process.exit(1);
});
