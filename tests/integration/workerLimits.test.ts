import { randomUUID } from 'node:crypto';
import { type ReportKind, reportKindLabels, shanghaiDate } from '@ankang/shared';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { db, tableName } from '../../functions/src/db/client';
import { keys } from '../../functions/src/db/keys';
import { getStationById } from '../../functions/src/db/stations';
import { handler as rateStation } from '../../functions/src/handlers/rateStation';
import { handler as reportStationProblem } from '../../functions/src/handlers/reportStationProblem';
import { handler as updateStationProblem } from '../../functions/src/handlers/updateStationProblem';
import { pseudonym } from '../../functions/src/lib/pseudonym';
import { dailyCaps } from '../../functions/src/services/limits';
import { httpEvent, invoke } from '../support/events';
import { freshOrg, freshUser } from './fixtures';
import { atShanghaiNoon } from './shanghaiNoon';
import { storedStation } from './stationFixtures';

const report = (token: string, id: string, body: unknown) =>
  invoke(
    reportStationProblem,
    httpEvent({ method: 'POST', path: `/stations/${id}/reports`, token, params: { id }, body }),
  );
const rate = (token: string, id: string, body: unknown) =>
  invoke(
    rateStation,
    httpEvent({ method: 'POST', path: `/stations/${id}/feedback`, token, params: { id }, body }),
  );
const move = (token: string, id: string, body: unknown) =>
  invoke(
    updateStationProblem,
    httpEvent({ method: 'POST', path: `/staff/problems/${id}`, token, params: { id }, body }),
  );
const problemId = (answer: { body: unknown }) =>
  (answer.body as { report: { problemId: string } }).report.problemId;

/** Sets a user's count of an action today, as if they had made that many writes already. */
async function usedToday(userId: string, action: 'rating' | 'report', count: number) {
  const day = shanghaiDate(new Date());
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...keys.quota(action, await pseudonym(`quota:${action}`, userId, day), day),
        type: 'Quota',
        count,
        version: count,
      },
    }),
  );
}

// Per-day keys and caps: never let a test straddle Shanghai midnight.
atShanghaiNoon();

describe('Limits: one report per person and open problem (station and kind)', () => {
  it('refuses a second report of the same open problem with 429 until it is resolved', async () => {
    const org = await freshOrg('320000/320500/320582');
    const station = await storedStation({ orgPath: org });
    const worker = await freshUser();
    const other = await freshUser();
    const staff = await freshUser({ roles: ['staff'], orgPath: org });

    const first = await report(worker.token, station.id, { kind: 'noWater', requestId: randomUUID() });
    expect(first.status).toBe(201);
    expect(
      await report(worker.token, station.id, { kind: 'noWater', requestId: randomUUID() }),
    ).toStrictEqual({
      status: 429,
      body: {
        error: { code: 'RATE_LIMITED', message: '您已反映过该驿站的这类问题，工会正在处理，请勿重复提交' },
      },
    });
    expect(await report(worker.token, station.id, { kind: 'dirty', requestId: randomUUID() })).toMatchObject({
      status: 201,
    });
    expect(await report(other.token, station.id, { kind: 'noWater', requestId: randomUUID() })).toMatchObject(
      {
        status: 201,
      },
    );
    // Two problems: 没有饮用水 (reported twice) and 卫生脏乱.
    expect((await getStationById(station.id))?.openReports).toBe(2);

    await move(staff.token, problemId(first), { version: 2, state: 'acknowledged' });
    expect(
      await report(worker.token, station.id, { kind: 'noWater', requestId: randomUUID() }),
    ).toMatchObject({
      status: 429,
      body: {
        error: { code: 'RATE_LIMITED', message: '您已反映过该驿站的这类问题，工会正在处理，请勿重复提交' },
      },
    });
    await move(staff.token, problemId(first), { version: 3, state: 'resolved' });
    expect((await getStationById(station.id))?.openReports).toBe(1);
    expect(
      await report(worker.token, station.id, { kind: 'noWater', requestId: randomUUID() }),
    ).toMatchObject({ status: 201 });
    expect((await getStationById(station.id))?.openReports).toBe(2);
  });
});

describe('Limits: daily caps per person', () => {
  it('files at most 20 reports a Shanghai day; a retried report is neither refused nor counted again', async () => {
    const worker = await freshUser();
    const stations = await Promise.all([1, 2, 3, 4].map(() => storedStation()));
    const kinds = Object.keys(reportKindLabels) as ReportKind[];
    const slots = stations.flatMap((station) => kinds.map((kind) => ({ station, kind })));
    const bodies = slots.map(({ kind }) => ({ kind, text: '', requestId: randomUUID() }));

    const answers = [];
    for (const [index, body] of bodies.slice(0, dailyCaps.report).entries()) {
      answers.push(await report(worker.token, slots[index]!.station.id, body));
    }
    expect(answers.map((a) => a.status)).toStrictEqual(Array(dailyCaps.report).fill(201));
    const over = slots[dailyCaps.report]!;
    expect(
      await report(worker.token, over.station.id, { kind: over.kind, requestId: randomUUID() }),
    ).toStrictEqual({
      status: 429,
      body: {
        error: { code: 'RATE_LIMITED', message: '今天的问题反映次数已达上限（每天 20 次），请明天再试' },
      },
    });
    expect(await report(worker.token, slots[0]!.station.id, bodies[0])).toStrictEqual(answers[0]);

    const counts = await Promise.all(stations.map(async (s) => (await getStationById(s.id))?.openReports));
    expect(counts.reduce((sum, n) => sum! + n!, 0)).toBe(dailyCaps.report);
    // Another worker is not held back by this one's count.
    const other = await freshUser();
    expect(
      await report(other.token, over.station.id, { kind: over.kind, requestId: randomUUID() }),
    ).toMatchObject({ status: 201 });
  });

  it('takes at most 50 ratings a day; a same-rating retry at the cap still answers 200', async () => {
    const worker = await freshUser();
    const [rated, next] = await Promise.all([storedStation(), storedStation()]);
    await usedToday(worker.userId, 'rating', dailyCaps.rating - 1);

    expect(await rate(worker.token, rated.id, { stars: 4 })).toMatchObject({ status: 200 });
    expect(await rate(worker.token, rated.id, { stars: 4 })).toMatchObject({
      status: 200,
      body: { rating: { count: 1, average: 4 } },
    });
    expect(await rate(worker.token, next.id, { stars: 4 })).toStrictEqual({
      status: 429,
      body: { error: { code: 'RATE_LIMITED', message: '今天的评价次数已达上限（每天 50 次），请明天再试' } },
    });
    // A changed rating is a new write, and counted.
    expect(await rate(worker.token, rated.id, { stars: 2 })).toMatchObject({
      status: 429,
      body: { error: { code: 'RATE_LIMITED', message: '今天的评价次数已达上限（每天 50 次），请明天再试' } },
    });
    expect((await getStationById(rated.id))?.rating).toStrictEqual({
      count: 1,
      average: 4,
      stars: [0, 0, 0, 1, 0],
    });
    expect((await getStationById(next.id))?.rating.count).toBe(0);
  });

  it('counts under a pseudonym that expires the day after', async () => {
    const worker = await freshUser();
    const station = await storedStation();
    await report(worker.token, station.id, { kind: 'other', requestId: randomUUID() });
    const day = shanghaiDate(new Date());
    const key = keys.quota('report', await pseudonym('quota:report', worker.userId, day), day);
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: key }));
    expect(Item).toMatchObject({
      count: 1,
      expiresAt: Date.parse(`${day}T00:00:00+08:00`) / 1000 + 2 * 86_400,
    });
    expect(JSON.stringify(Item)).not.toContain(worker.userId);
  });
});
