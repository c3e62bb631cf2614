/**
 * Issue 12, faults: DynamoDB Local stopped in the middle of a write burst and started again. Every
 * answer is a success or 503 SERVICE_BUSY (never a 500, never a hang), no delivery is half-written
 * (its record, found by key and on both of its indexes, and its campaign counters, written in one
 * transaction, are all there or all absent), and the
 * mini-program's real outbox queue, run in Node (faultsOutbox.ts), delivers every refused record
 * exactly once when the database is back.
 */

import { setTimeout as sleep } from 'node:timers/promises';
import type { Campaign, DeliveryDashboard } from '@ankang/shared';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { requestTimeoutMs } from '../../client/src/services/config';
import type { Outbox } from '../../client/src/services/outboxQueue';
import { type DynamoLocal, startDynamoLocal } from '../../functions/local/dynamoLocal';
import { seededRandom } from '../../functions/local/nationalStations';
import { deliveryIndexKeys, deliveryKeys } from '../../functions/src/db/keys';
import { loginAsDemo, request } from '../api/http';
import {
  benchCampaign,
  benchDb,
  DAXIN,
  type DeliveryDraft,
  deliveryDraft,
  devLogins,
  enrolVolunteers,
  indexPartition,
  storedDeliveries,
  ZJG,
} from '../bench/workload';
import { dashboardFigures, recount, recountFigures } from '../support/deliveryRecount';
import { testTableName } from '../support/stack';
import { stopDynamoByPid } from './faultsDynamo';
import { type OutboxTry, phoneOutbox } from './faultsOutbox';

const VOLUNTEERS = 12;
/** Requests in flight during the burst (the machine has two cores and runs the whole stack). */
const IN_FLIGHT = 6;
/** Successes seen before the database is stopped, so the burst is well under way. */
const WRITES_BEFORE = 30;
/** How long requests keep coming at a stopped database before it is started again. */
const DOWN_MS = 5000;
/** How long the burst goes on once the database answers again. */
const AFTER_MS = 5000;
/** From the database answering again, by when every new send must succeed (stale connections renewed). */
const RECOVERY_MS = 3000;
/**
 * Each sender's pause between two sends: refusals come back in milliseconds, and without it the
 * outage would be thousands of sends rather than a burst of phones.
 */
const PACE_MS = 250;
/** A hard cap on first sends, whatever the timings. */
const MAX_POSTS = 600;
/** How long the outboxes may take to empty once the database is back (their back-off included). */
const DRAIN_MS = 90_000;

/** One first send of the burst and its answer (status 0: no answer within the client's timeout). */
interface Answer {
  id: string;
  volunteer: number;
  status: number;
  code?: string;
  message?: string;
  sentAt: number;
  answeredAt: number;
}

const HAN = /\p{Script=Han}/u;

/** POST /deliveries as a phone sends it, bounded by the client's own request timeout. */
async function postDelivery(apiBase: string, token: string, body: DeliveryDraft, volunteer: number) {
  const sentAt = Date.now();
  const base = { id: body.id, volunteer, sentAt };
  try {
    const response = await fetch(`${apiBase}/deliveries`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
    const text = await response.text();
    // An answer that is not JSON (a gateway's page) is reported by its status, not as no answer.
    let parsed: { id?: string; error?: { code?: string; message?: string } } | undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = { error: { code: 'NOT_JSON', message: text.slice(0, 300) } };
    }
    const answer: Answer = { ...base, status: response.status, answeredAt: Date.now() };
    if (response.ok && parsed?.id !== body.id)
      return { ...answer, code: 'WRONG_RECORD', message: text.slice(0, 300) };
    return { ...answer, code: parsed?.error?.code, message: parsed?.error?.message };
  } catch (error) {
    return { ...base, status: 0, code: (error as Error).name, answeredAt: Date.now() };
  }
}

/** Every id among `ids` whose record item is in the table (read consistently, 100 at a time). */
async function storedIds(db: DynamoDBDocumentClient, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 100) {
    let keys: Record<string, unknown>[] | undefined = ids
      .slice(i, i + 100)
      .map((id) => deliveryKeys.delivery(id));
    // Unprocessed keys are sent again; DynamoDB Local never leaves any, so a few rounds bound it.
    for (let round = 0; keys && keys.length > 0 && round < 5; round += 1) {
      const page: BatchGetCommandOutput = await db.send(
        new BatchGetCommand({ RequestItems: { [testTableName]: { Keys: keys, ConsistentRead: true } } }),
      );
      for (const item of page.Responses?.[testTableName] ?? []) found.add(item.id as string);
      keys = page.UnprocessedKeys?.[testTableName]?.Keys;
    }
  }
  return found;
}

/** The ids on each volunteer's index partition (gsi1) of the campaign. */
async function idsByVolunteer(db: DynamoDBDocumentClient, userIds: readonly string[], campaignId: string) {
  const ids: string[] = [];
  for (const userId of userIds) {
    const items = await indexPartition(
      db,
      'gsi1',
      deliveryIndexKeys.byVolunteerPartition(userId, campaignId),
    );
    ids.push(...items.map((item) => item.id as string));
  }
  return ids;
}

/** An answer that is neither a success nor the documented 503 SERVICE_BUSY with a Chinese message. */
const unexpected = (a: { status: number; code?: string; message?: string }) =>
  !(a.status >= 200 && a.status < 300 && a.code !== 'WRONG_RECORD') &&
  !(a.status === 503 && a.code === 'SERVICE_BUSY' && HAN.test(a.message ?? ''));

describe('Faults: DynamoDB Local stopped mid-burst and started again', () => {
  const apiBase = inject('resilienceApiBase');
  const tierDynamo = inject('resilienceDynamo');
  let restarted: DynamoLocal | undefined;
  let db: DynamoDBDocumentClient;
  let campaign: Campaign;
  let userIds: string[];
  let tokens: string[];

  beforeAll(async () => {
    db = benchDb(tierDynamo.endpoint);
    campaign = benchCampaign(Date.now());
    userIds = await enrolVolunteers(db, campaign, VOLUNTEERS);
    tokens = await devLogins(apiBase, userIds);
  });

  afterAll(async () => {
    await restarted?.stop();
  });

  it('answers 2xx or 503 SERVICE_BUSY, writes no half delivery, and the outbox delivers every record once', async () => {
    const random = seededRandom(20_261_127);
    const answers: Answer[] = [];
    const tries: OutboxTry[] = [];
    const outboxes: Outbox[] = tokens.map((token, n) => phoneOutbox(apiBase, userIds[n]!, token, tries));
    const drafts = new Map<string, DeliveryDraft>();

    // The burst: IN_FLIGHT senders posting new deliveries until told to stop. A refused or unanswered
    // record goes to its volunteer's outbox, as on the phone, which keeps trying by itself.
    let stopPosting = false;
    let posted = 0;
    const burst = Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (!stopPosting && posted < MAX_POSTS) {
          const volunteer = posted % VOLUNTEERS;
          posted += 1;
          const body = deliveryDraft(random, campaign, Date.now());
          drafts.set(body.id, body);
          const answer = await postDelivery(apiBase, tokens[volunteer]!, body, volunteer);
          answers.push(answer);
          if (answer.status < 200 || answer.status >= 300)
            await outboxes[volunteer]!.enqueue({
              id: body.id,
              kind: 'delivery',
              label: '作业点',
              payload: body,
            });
          await sleep(PACE_MS);
        }
      }),
    );
    const successes = () => answers.filter((a) => a.status >= 200 && a.status < 300).length;

    // Mid-burst: stop the tier's database, keep the requests coming, start it again on the same
    // port and data folder.
    let stoppedAt = 0;
    let downAt = 0;
    let restartAt = 0;
    let backAt = 0;
    let forced = false;
    try {
      for (let waited = 0; successes() < WRITES_BEFORE && waited < 60_000; waited += 100) await sleep(100);
      expect(successes(), 'the burst got going before the outage').toBeGreaterThanOrEqual(WRITES_BEFORE);
      stoppedAt = Date.now();
      ({ forced } = await stopDynamoByPid(tierDynamo.pid, tierDynamo.port));
      downAt = Date.now();
      await sleep(DOWN_MS);
      restartAt = Date.now();
      restarted = await startDynamoLocal({ port: tierDynamo.port, dataDir: tierDynamo.dataDir });
      backAt = Date.now();
      await sleep(AFTER_MS);
    } finally {
      stopPosting = true;
      await burst;
    }

    // The outboxes empty once the database is back: every entry sent, none given up.
    const pending = () => outboxes.flatMap((o) => o.snapshot()).filter((e) => e.state !== 'sent');
    const drainStart = Date.now();
    while (pending().length > 0 && !pending().some((e) => e.state === 'failed')) {
      if (Date.now() - drainStart > DRAIN_MS) break;
      await sleep(250);
    }
    await Promise.all(outboxes.map((o) => o.idle()));
    const drainedAt = Date.now();

    const queued = outboxes.flatMap((o) => o.snapshot());
    const firstOkAfterRestart = answers
      .filter((a) => a.sentAt >= restartAt && a.status >= 200 && a.status < 300)
      .reduce((min, a) => Math.min(min, a.answeredAt), Number.POSITIVE_INFINITY);
    const tally = (list: { status: number; code?: string }[]) =>
      Object.fromEntries(
        Object.entries(
          list.reduce<Record<string, number>>((acc, a) => {
            const key = a.status >= 200 && a.status < 300 ? '2xx' : `${a.status} ${a.code ?? ''}`.trim();
            acc[key] = (acc[key] ?? 0) + 1;
            return acc;
          }, {}),
        ).sort(),
      );
    console.log(
      `[faults] ${JSON.stringify({
        firstSends: answers.length,
        firstSendAnswers: tally(answers),
        duringOutage: tally(answers.filter((a) => a.sentAt >= stoppedAt && a.sentAt < backAt)),
        outboxTries: tries.length,
        outboxAnswers: tally(tries),
        queued: queued.length,
        maxAttempts: Math.max(0, ...queued.map((e) => e.attempts)),
        stopMs: downAt - stoppedAt,
        forcedKill: forced,
        restartMs: backAt - restartAt,
        firstSuccessAfterStartMs: firstOkAfterRestart - backAt,
        outboxDrainedMs: drainedAt - backAt,
      })}`,
    );

    // Every answer, first sends and the outbox's tries alike, is a success or 503 SERVICE_BUSY.
    expect(answers.filter(unexpected)).toStrictEqual([]);
    expect(tries.filter(unexpected)).toStrictEqual([]);
    // The outage was real: some sends were refused, and the outbox tried them more than once.
    expect(answers.filter((a) => a.status === 503).length).toBeGreaterThan(0);
    expect(queued.map((e) => e.id).sort()).toStrictEqual(
      answers
        .filter((a) => a.status < 200 || a.status >= 300)
        .map((a) => a.id)
        .sort(),
    );
    // Every queued record was sent, with its own id on every try, and its answer is that record.
    expect(
      queued.filter((e) => e.state !== 'sent').map((e) => `${e.id} ${e.state} ${e.error?.code}`),
    ).toStrictEqual([]);
    expect(queued.filter((e) => (e.result as { id?: string })?.id !== e.id)).toStrictEqual([]);
    expect(Math.max(...queued.map((e) => e.attempts))).toBeGreaterThan(1);
    const triesOf = new Map<string, number>();
    for (const t of tries) triesOf.set(t.id, (triesOf.get(t.id) ?? 0) + 1);
    expect([...triesOf.keys()].sort()).toStrictEqual(queued.map((e) => e.id).sort());
    expect(queued.filter((e) => triesOf.get(e.id) !== e.attempts).map((e) => e.id)).toStrictEqual([]);
    // The API took new records again soon after the database came back.
    const afterBack = answers.filter((a) => a.sentAt >= backAt);
    expect(afterBack.some((a) => a.status >= 200 && a.status < 300)).toBe(true);
    expect(
      afterBack.filter((a) => a.sentAt >= backAt + RECOVERY_MS && (a.status < 200 || a.status >= 300)),
    ).toStrictEqual([]);

    // Every posted delivery is stored exactly once: its record item, and one entry on each index.
    const postedIds = [...drafts.keys()].sort();
    expect([...(await storedIds(db, postedIds))].sort()).toStrictEqual(postedIds);
    const records = await storedDeliveries(db, campaign.id);
    expect(records.map((r) => r.id).sort()).toStrictEqual(postedIds);
    expect((await idsByVolunteer(db, userIds, campaign.id)).sort()).toStrictEqual(postedIds);

    // The campaign's counters, written in each record's transaction, equal a recount of the records.
    const token = await loginAsDemo('周建国');
    for (const root of [ZJG, DAXIN]) {
      const shown = await request('GET', `/staff/campaigns/${campaign.id}/dashboard?orgPath=${root}`, {
        token,
      });
      expect(shown.status).toBe(200);
      const figures = dashboardFigures(shown.body as DeliveryDashboard);
      const expected = recountFigures(recount(records, campaign, root));
      expect(figures, `counters at ${root}`).toStrictEqual(expected);
      expect(figures.totals.deliveries).toBeGreaterThan(0);
    }
  }, 180_000);
});
