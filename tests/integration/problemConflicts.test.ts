import { randomUUID } from 'node:crypto';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { db, tableName } from '../../functions/src/db/client';
import { keys, problemKeys } from '../../functions/src/db/keys';
import { getStationById } from '../../functions/src/db/stations';
import { reportStationProblem } from '../../functions/src/services/reports';
import { freshOrg, freshUser } from './fixtures';
import { filedReport, mine, report, work } from './problemCalls';
import { atShanghaiNoon } from './shanghaiNoon';
import { storedStation } from './stationFixtures';

// Per-day quotas: never let a test straddle Shanghai midnight.
atShanghaiNoon();

async function rawItem(key: { pk: string; sk: string }) {
  return (await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;
}

/**
 * Runs `act` while the next `times` TransactWriteItems naming `marker` (a partition key) are
 * cancelled as AWS cancels one of two colliding transactions (one TransactionConflict, every other
 * reason None: nothing written). Counts those transactions and the reads of the station's record:
 * a filing round starts by reading the station, so the reads tell how many rounds ran.
 */
async function withConflicts<T>(marker: string, stationId: string, times: number, act: () => Promise<T>) {
  const name = `problemConflicts-${randomUUID()}`;
  const station = keys.station(stationId);
  const seen = { transactions: 0, stationReads: 0 };
  let left = times;
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const text = JSON.stringify(args.input);
      const command = context.commandName ?? '';
      if (
        /^Get(Item)?Command$/.test(command) &&
        text.includes(station.pk) &&
        /"sk":(\{"S":)?"STATION"/.test(text)
      ) {
        seen.stationReads += 1;
      }
      if (/^TransactWrite/.test(command) && text.includes(marker)) {
        seen.transactions += 1;
        if (left > 0) {
          left -= 1;
          const size = (args.input as { TransactItems: unknown[] }).TransactItems.length;
          throw new TransactionCanceledException({
            message: 'Transaction cancelled (test)',
            $metadata: {},
            CancellationReasons: Array.from({ length: size }, (_, index) => ({
              Code: index === size - 1 ? 'TransactionConflict' : 'None',
            })),
          });
        }
      }
      return next(args);
    },
    { step: 'initialize', name },
  );
  try {
    return { answer: await act(), seen };
  } finally {
    db.middlewareStack.remove(name);
  }
}

async function scene() {
  const org = await freshOrg('320000/320500/320582');
  const station = await storedStation({ orgPath: org });
  const [worker, staff] = await Promise.all([freshUser(), freshUser({ roles: ['staff'], orgPath: org })]);
  return { station, worker, staff };
}

const body = () => ({ kind: 'noWater', text: '饮水机没水了', requestId: randomUUID() });

describe('Db: fileReport and transitionProblem under TransactionConflict', () => {
  it('files a report after a conflict by running its transaction again, not a whole filing round', async () => {
    const { station, worker } = await scene();
    const { answer, seen } = await withConflicts(keys.station(station.id).pk, station.id, 1, () =>
      report(worker.token, station.id, body()),
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    // One read of the station (one round) and the same transaction twice.
    expect(seen).toStrictEqual({ transactions: 2, stationReads: 1 });
    const problem = await rawItem(problemKeys.problem(filedReport(answer).problemId));
    expect(problem).toMatchObject({ reportCount: 1, version: 1, state: 'new' });
    expect((await getStationById(station.id))?.openReports).toBe(1);
    expect((await mine(worker.token)).reports).toHaveLength(1);
  });

  it('gives up after six conflicts in one round, having written and counted nothing', async () => {
    const { station, worker } = await scene();
    const caller = { userId: worker.userId, nickname: '测试用户', roles: ['worker' as const], orgPath: null };
    // Called on the service, which throws the last conflict (the route answers 503: below).
    const { answer, seen } = await withConflicts(keys.station(station.id).pk, station.id, 100, () =>
      reportStationProblem(caller, station.id, {
        kind: 'noWater',
        text: '没水',
        requestId: randomUUID(),
      }).catch((error: unknown) => error),
    );
    expect(answer).toBeInstanceOf(TransactionCanceledException);
    expect(seen).toStrictEqual({ transactions: 6, stationReads: 1 });
    expect((await getStationById(station.id))?.openReports).toBe(0);
    expect(await rawItem(problemKeys.openSlot(station.id, 'noWater'))).toBeUndefined();
    expect((await mine(worker.token)).reports).toStrictEqual([]);
    // Neither the lock nor the quota was taken: the same person reports it after all.
    expect((await report(worker.token, station.id, body())).status).toBe(201);
    expect((await getStationById(station.id))?.openReports).toBe(1);
  });

  it('answers 503 SERVICE_BUSY over the route when the conflicts never stop, and the retry files it once', async () => {
    const { station, worker } = await scene();
    const sent = body();
    const { answer } = await withConflicts(keys.station(station.id).pk, station.id, 100, () =>
      report(worker.token, station.id, sent),
    );
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({
      error: {
        code: 'SERVICE_BUSY',
        message: '服务繁忙，请稍后再试',
        details: { requestId: expect.any(String) },
      },
    });
    expect((await mine(worker.token)).reports).toStrictEqual([]);
    // The client's queue sends the same request again: it lands, once.
    const again = await report(worker.token, station.id, sent);
    expect(again.status).toBe(201);
    expect((await report(worker.token, station.id, sent)).status).toBe(201);
    expect((await mine(worker.token)).reports).toHaveLength(1);
    expect((await getStationById(station.id))?.openReports).toBe(1);
  });

  it('answers 503 SERVICE_BUSY when the database cannot be reached, with nothing written', async () => {
    const { station, worker } = await scene();
    const name = `unreachable-${randomUUID()}`;
    db.middlewareStack.add(
      () => async () => {
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });
      },
      { step: 'initialize', name },
    );
    let answer: Awaited<ReturnType<typeof report>>;
    try {
      answer = await report(worker.token, station.id, body());
    } finally {
      db.middlewareStack.remove(name);
    }
    expect(answer).toMatchObject({ status: 503, body: { error: { code: 'SERVICE_BUSY' } } });
    expect((await mine(worker.token)).reports).toStrictEqual([]);
    expect((await getStationById(station.id))?.openReports).toBe(0);
  });

  it('resolves a problem after a conflict, freeing its slot and lowering the count once', async () => {
    const { station, worker, staff } = await scene();
    const { problemId } = filedReport(await report(worker.token, station.id, body()));
    expect((await getStationById(station.id))?.openReports).toBe(1);
    const { answer, seen } = await withConflicts(problemKeys.problem(problemId).pk, station.id, 2, () =>
      work(staff.token, problemId, { version: 1, state: 'resolved', note: '已加水' }),
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ id: problemId, state: 'resolved', note: '已加水', version: 2 });
    expect(seen.transactions).toBe(3);
    expect(await rawItem(problemKeys.problem(problemId))).toMatchObject({ state: 'resolved', version: 2 });
    expect(await rawItem(problemKeys.openSlot(station.id, 'noWater'))).toBeUndefined();
    expect((await getStationById(station.id))?.openReports).toBe(0);
  });

  it('acknowledges a problem after a conflict (no slot or count to keep)', async () => {
    const { station, worker, staff } = await scene();
    const { problemId } = filedReport(await report(worker.token, station.id, body()));
    const { answer, seen } = await withConflicts(problemKeys.problem(problemId).pk, station.id, 1, () =>
      work(staff.token, problemId, { version: 1, state: 'acknowledged' }),
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(seen.transactions).toBe(2);
    expect(await rawItem(problemKeys.problem(problemId))).toMatchObject({
      state: 'acknowledged',
      version: 2,
    });
    expect((await getStationById(station.id))?.openReports).toBe(1);
  });
});
