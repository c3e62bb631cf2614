import { randomUUID } from 'node:crypto';
import { type Contract, contracts } from '@ankang/shared';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAsDemo, loginWithCode, request } from '../api/http';
import { testTableName } from '../support/stack';
import { build, type Caller, callers, type HostileRequest, planArb } from './hostileRequests';
import { changedKeys, type Snapshot, snapshot, table } from './tableSnapshot';

/**
 * Every route, fed requests generated from its contract's own schemas and then broken by fast-check
 * (a field dropped or of the wrong type, 100 KB strings, JSON thousands deep, lone surrogates and
 * bidi overrides, NaN and 1e309 as raw JSON, SQL and script text, form bodies, more than 1 MB), as
 * anonymous, a worker, staff in scope and an admin. The answer is never a 5xx and every refusal
 * carries a code the route declares (request() checks that, and that nothing internal leaks); a
 * table snapshot around each batch of refusals proves none of them stored anything.
 *
 * Each route gets two batches: requests its schemas or the caller's sign-in must refuse, where
 * every answer must be a 4xx and the table must not change, then requests of any kind, where the
 * table must not change whenever all of them were refused (a taken request may write, by design).
 * Runs are random each time; a failure prints fast-check's seed: HOSTILE_SEED=<seed> replays it.
 */
const routes = Object.values(contracts as Record<string, Contract>);

/**
 * Requests per batch. Some 2,000 requests for the hundred-odd routes: about 75 s on 2 cores (the tier, with
 * its stack's start, about two minutes; the bound was four).
 */
const RUNS = { rejected: 12, any: 8 };
const seed = process.env.HOSTILE_SEED ? Number(process.env.HOSTILE_SEED) : undefined;

const tokens = new Map<Caller, string | undefined>();
/** Real ids by kind (`st`, `cp`, …) from the seeded table, so some requests reach the services. */
const ids = new Map<string, string[]>();
/** The table as the last batch left it. */
let latest: Snapshot;

beforeAll(async () => {
  for (const [caller, nickname] of Object.entries(callers) as [Caller, string | null][])
    tokens.set(caller, nickname ? await loginAsDemo(nickname) : undefined);
  // A failed sign-in would make every caller anonymous, and every batch a run of 401s.
  expect([...tokens].filter(([caller, token]) => caller !== 'anonymous' && !token)).toStrictEqual([]);
  latest = await snapshot();
  for (const text of latest.values()) {
    const id = (JSON.parse(text) as { id?: unknown }).id;
    const kind = typeof id === 'string' ? /^([a-z]+)_/.exec(id)?.[1] : undefined;
    if (kind) ids.set(kind, [...(ids.get(kind) ?? []), id as string]);
  }
}, 120_000);

/** Sign-out revokes every token of its user: it is swept with fresh users, never the demo ones. */
async function tokensFor(contract: Contract): Promise<Map<Caller, string | undefined>> {
  if (contract.name !== 'logout') return tokens;
  const fresh = new Map<Caller, string | undefined>();
  for (const caller of tokens.keys())
    fresh.set(caller, caller === 'anonymous' ? undefined : (await loginWithCode(`ok-${randomUUID()}`)).token);
  return fresh;
}

async function send(contract: Contract, hostile: HostileRequest, token: string | undefined) {
  return request(contract.method, hostile.path, {
    token,
    rawBody: hostile.rawBody,
    headers: hostile.contentType ? { 'content-type': hostile.contentType } : {},
  });
}

/**
 * One batch of generated requests, with the table compared before and after: when every answer was
 * a refusal, nothing may have changed. The statuses answered, in order.
 */
async function batch(contract: Contract, kind: 'rejected' | 'any'): Promise<number[]> {
  const callerTokens = await tokensFor(contract);
  const before = contract.name === 'logout' ? await snapshot() : latest;
  const statuses: number[] = [];
  const sent: string[] = [];
  // The table as this batch leaves it is the next one's start, even when this one fails.
  try {
    await fc.assert(
      fc.asyncProperty(planArb, async (plan) => {
        const hostile = build(contract, plan, ids);
        if (kind === 'rejected') fc.pre(hostile.predicted === 'rejected');
        const answer = await send(contract, hostile, callerTokens.get(plan.caller));
        statuses.push(answer.status);
        sent.push(`${answer.status} ${hostile.summary}`);
        expect(answer.status, hostile.summary).toBeLessThan(500);
        if (hostile.predicted === 'rejected')
          expect(answer.status, hostile.summary).toBeGreaterThanOrEqual(400);
      }),
      { numRuns: RUNS[kind], seed, endOnFailure: true, maxSkipsPerRun: 1000 },
    );
  } finally {
    latest = await snapshot();
  }
  tally.requests += statuses.length;
  for (const status of statuses) tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
  if (statuses.every((status) => status >= 400)) {
    tally.strictBatches += 1;
    expect(changedKeys(before, latest), `stored by refused requests:\n${sent.join('\n')}`).toStrictEqual([]);
  } else tally.laxBatches += 1;
  return statuses;
}

/**
 * Whether the plans can make a request the route must refuse: not so for a public GET whose query
 * schema takes any text (GET /places), or that has none. Such a route gets the second batch only.
 */
function canBeRefused(contract: Contract): boolean {
  return fc
    .sample(planArb, { numRuns: 500, seed: 1 })
    .some((plan) => build(contract, plan, ids).predicted === 'rejected');
}

/** What the run did, printed at its end (the README quotes it). */
const tally = {
  routes: 0,
  requests: 0,
  refusedBatches: 0,
  strictBatches: 0,
  laxBatches: 0,
  statuses: new Map<number, number>(),
};
afterAll(() => {
  console.log('[hostile]', JSON.stringify({ ...tally, statuses: Object.fromEntries(tally.statuses) }));
});

describe('resilience: generated hostile input on every route', () => {
  it.each(routes.map((c) => [`${c.method} ${c.path}`, c] as const))(
    '%s never answers 5xx and a refusal stores nothing',
    async (_name, contract) => {
      if (canBeRefused(contract)) {
        await batch(contract, 'rejected');
        tally.refusedBatches += 1;
      }
      await batch(contract, 'any');
      tally.routes += 1;
    },
  );

  it('swept every route, and its requests got past sign-in to the schemas and the services', () => {
    // What keeps the sweep above from passing on nothing: every route ran both its batches, and the
    // answers include schema refusals (400), sign-in refusals (401) and taken requests (2xx).
    expect(tally.routes).toBe(routes.length);
    expect(tally.requests).toBe(tally.refusedBatches * RUNS.rejected + routes.length * RUNS.any);
    const count = (from: number, to: number) =>
      [...tally.statuses]
        .filter(([status]) => status >= from && status < to)
        .reduce((sum, [, n]) => sum + n, 0);
    expect(count(400, 401), '400 answers').toBeGreaterThan(0);
    expect(count(401, 402), '401 answers').toBeGreaterThan(0);
    expect(count(200, 300), '2xx answers').toBeGreaterThan(0);
  });

  it('the snapshot comparison finds an item a request left behind', async () => {
    // What the batches rely on: an item written between two snapshots is reported, one changed, one removed.
    const before = await snapshot();
    const key = { pk: `HOSTILE_PROBE#${randomUUID()}`, sk: 'PROBE' };
    await table.send(new PutCommand({ TableName: testTableName, Item: { ...key, note: 'stored' } }));
    const after = await snapshot();
    await table.send(new PutCommand({ TableName: testTableName, Item: { ...key, note: 'changed' } }));
    const changed = await snapshot();
    await table.send(new DeleteCommand({ TableName: testTableName, Key: key }));
    expect(changedKeys(before, after)).toStrictEqual([`${key.pk} ${key.sk}`]);
    expect(changedKeys(after, changed)).toStrictEqual([`${key.pk} ${key.sk}`]);
    expect(changedKeys(after, before)).toStrictEqual([`${key.pk} ${key.sk}`]);
    expect(changedKeys(after, await snapshot())).toStrictEqual([`${key.pk} ${key.sk}`]);
  });
});
