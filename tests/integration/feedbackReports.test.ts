import { randomUUID } from 'node:crypto';
import { shanghaiDate } from '@ankang/shared';
import { GetCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { db, tableName } from '../../functions/src/db/client';
import { getFeedback } from '../../functions/src/db/feedback';
import { keys } from '../../functions/src/db/keys';
import { getReport, insertReport, OPEN_REPORT_LOCK } from '../../functions/src/db/reports';
import { getStationById } from '../../functions/src/db/stations';
import { updateStationStatus } from '../../functions/src/db/stationWrites';
import { handler as listStationReports } from '../../functions/src/handlers/listStationReports';
import { handler as rateStation } from '../../functions/src/handlers/rateStation';
import { handler as reportStationProblem } from '../../functions/src/handlers/reportStationProblem';
import { handler as updateStationReport } from '../../functions/src/handlers/updateStationReport';
import { pseudonym } from '../../functions/src/lib/pseudonym';
import { dailyQuota } from '../../functions/src/services/limits';
import { httpEvent, invoke } from '../support/events';
import { freshOrg, freshUser } from './fixtures';
import { atShanghaiNoon } from './shanghaiNoon';
import { storedStation } from './stationFixtures';

const DAY_S = 86_400;

/** The item as stored, every attribute. */
async function rawItem(key: { pk: string; sk: string }) {
  return (await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;
}

async function closeStation(id: string) {
  const station = (await getStationById(id))!;
  await updateStationStatus(id, { state: 'closed', reason: '已拆除' }, station.version, new Date());
}

const rate = (token: string, id: string, body: unknown) =>
  invoke(
    rateStation,
    httpEvent({ method: 'POST', path: `/stations/${id}/feedback`, token, params: { id }, body }),
  );

// Per-day keys and caps: never let a test straddle Shanghai midnight.
atShanghaiNoon();

describe('Handler: rateStation', () => {
  it('counts a retried rating once and keeps the summary right', async () => {
    const station = await storedStation();
    const a = await freshUser();
    const b = await freshUser();
    const body = { stars: 5, tags: ['clean', 'cool'], comment: '很凉快，水也干净' };
    const [first, retry] = await Promise.all([
      rate(a.token, station.id, body),
      rate(a.token, station.id, body),
    ]);
    await rate(a.token, station.id, body);
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    await rate(b.token, station.id, { stars: 2, tags: [], comment: '' });
    const stored = await getStationById(station.id);
    expect(stored?.rating).toStrictEqual({ count: 2, average: 3.5, stars: [0, 1, 0, 0, 1] });
  });

  it('replaces a changed rating the same day instead of adding one', async () => {
    const station = await storedStation();
    const worker = await freshUser();
    await rate(worker.token, station.id, { stars: 1, tags: ['facilitiesBroken'], comment: '' });
    const changed = await rate(worker.token, station.id, { stars: 4, tags: [], comment: '修好了' });
    expect(changed).toMatchObject({
      status: 200,
      body: { feedback: { stars: 4, comment: '修好了' }, rating: { count: 1, average: 4 } },
    });
    expect((await getStationById(station.id))?.rating.stars).toStrictEqual([0, 0, 0, 1, 0]);
  });

  it('changes nothing on a retry of the same rating, and replaces a changed one', async () => {
    const station = await storedStation();
    const worker = await freshUser();
    const date = shanghaiDate(new Date());
    const stored = async () =>
      getFeedback(station.id, date, await pseudonym('rating', worker.userId, station.id, date));
    await rate(worker.token, station.id, { stars: 3, tags: ['clean', 'cool'], comment: '还行' });
    const first = await stored();

    const retry = await rate(worker.token, station.id, {
      stars: 3,
      tags: ['cool', 'clean'],
      comment: '还行',
    });
    expect(retry).toStrictEqual({
      status: 200,
      body: {
        feedback: {
          stationId: station.id,
          date,
          stars: 3,
          tags: ['clean', 'cool'],
          comment: '还行',
          createdAt: first!.createdAt,
        },
        rating: { average: 3, count: 1 },
      },
    });
    expect(first).toMatchObject({ version: 1, stars: 3 });
    expect(await stored()).toStrictEqual(first);
    expect((await getStationById(station.id))?.rating).toStrictEqual({
      count: 1,
      average: 3,
      stars: [0, 0, 1, 0, 0],
    });

    await rate(worker.token, station.id, { stars: 5, tags: [], comment: '修好了' });
    expect(await stored()).toMatchObject({
      version: 2,
      stars: 5,
      tags: [],
      comment: '修好了',
      createdAt: first!.createdAt,
    });
    expect((await getStationById(station.id))?.rating).toStrictEqual({
      count: 1,
      average: 5,
      stars: [0, 0, 0, 0, 1],
    });
  });

  it('stores the rating under a pseudonym, without the user id, expiring the day after', async () => {
    const station = await storedStation();
    const worker = await freshUser();
    await rate(worker.token, station.id, { stars: 4 });
    const date = shanghaiDate(new Date());
    const rater = await pseudonym('rating', worker.userId, station.id, date);
    const item = await rawItem(keys.feedback(station.id, date, rater));
    expect(JSON.stringify(item)).not.toContain(worker.userId);
    expect(item?.sk).toBe(`FEEDBACK#${date}#${rater}`);
    // The end of the next Shanghai day: at most two days from now, more than one.
    const endOfDay = Date.parse(`${date}T00:00:00+08:00`) / 1000 + DAY_S;
    expect(item?.expiresAt).toBe(endOfDay + DAY_S);
    expect(item?.expiresAt - Date.now() / 1000).toBeLessThanOrEqual(2 * DAY_S);
  });

  it('answers 404 STATION_NOT_FOUND for a closed station and counts nothing', async () => {
    const station = await storedStation();
    await closeStation(station.id);
    const worker = await freshUser();
    expect(await rate(worker.token, station.id, { stars: 5 })).toStrictEqual({
      status: 404,
      body: { error: { code: 'STATION_NOT_FOUND', message: '未找到该驿站，可能已被删除' } },
    });
    expect((await getStationById(station.id))?.rating.count).toBe(0);
  });

  it('refuses bad input with field issues and stores nothing', async () => {
    const station = await storedStation();
    const worker = await freshUser();
    const result = await rate(worker.token, station.id, {
      stars: 6,
      tags: ['nope'],
      comment: '长'.repeat(201),
    });
    expect(result.status).toBe(400);
    const issues = (result.body as { error: { details: { issues: { path: string }[] } } }).error.details
      .issues;
    expect(issues.map((i) => i.path).sort()).toStrictEqual(['body.comment', 'body.stars', 'body.tags.0']);
    expect((await getStationById(station.id))?.rating.count).toBe(0);
  });

  it('needs a signed-in user and an existing station', async () => {
    const station = await storedStation();
    expect(await rate('', station.id, { stars: 5 })).toMatchObject({ status: 401 });
    const worker = await freshUser();
    expect(await rate(worker.token, 'st_0000000000000000', { stars: 5 })).toMatchObject({
      status: 404,
      body: { error: { code: 'STATION_NOT_FOUND' } },
    });
  });
});

describe('Handlers: problem reports', () => {
  const report = (token: string, id: string, body: unknown) =>
    invoke(
      reportStationProblem,
      httpEvent({ method: 'POST', path: `/stations/${id}/reports`, token, params: { id }, body }),
    );
  const queue = (token: string, query: Record<string, string>) =>
    invoke(listStationReports, httpEvent({ path: '/staff/reports', token, query }));
  const move = (token: string, id: string, body: unknown) =>
    invoke(
      updateStationReport,
      httpEvent({ method: 'POST', path: `/staff/reports/${id}`, token, params: { id }, body }),
    );

  it('files a report once however often it is retried, and staff work it through to resolved', async () => {
    const org = await freshOrg('320000/320500/320582');
    const station = await storedStation({ orgPath: org });
    const worker = await freshUser();
    const staff = await freshUser({ roles: ['staff'], orgPath: org });
    const body = { kind: 'noWater', text: '饮水机没水了', requestId: randomUUID() };

    const [first, retry] = await Promise.all([
      report(worker.token, station.id, body),
      report(worker.token, station.id, body),
    ]);
    expect(first.status).toBe(201);
    expect(retry.body).toStrictEqual(first.body);
    expect((await getStationById(station.id))?.openReports).toBe(1);

    const open = (await queue(staff.token, { state: 'new' })).body as {
      reports: { id: string; text: string }[];
    };
    expect(open.reports.map((r) => r.text)).toStrictEqual(['饮水机没水了']);
    const id = open.reports[0]!.id;

    expect(await move(staff.token, id, { version: 1, state: 'acknowledged' })).toMatchObject({
      status: 200,
      body: { state: 'acknowledged', version: 2 },
    });
    expect(await move(staff.token, id, { version: 1, state: 'resolved' })).toMatchObject({
      status: 409,
      body: { error: { code: 'VERSION_CONFLICT', details: { currentVersion: 2 } } },
    });
    expect(
      await move(staff.token, id, { version: 2, state: 'resolved', note: '已补充桶装水' }),
    ).toMatchObject({
      status: 200,
      body: { state: 'resolved', note: '已补充桶装水' },
    });
    expect(await move(staff.token, id, { version: 3, state: 'acknowledged' })).toMatchObject({
      status: 409,
      body: { error: { code: 'INVALID_TRANSITION' } },
    });
    expect((await getStationById(station.id))?.openReports).toBe(0);
    expect(
      ((await queue(staff.token, { state: 'new' })).body as { reports: unknown[] }).reports,
    ).toStrictEqual([]);
  });

  it('keeps other districts out of the queue', async () => {
    const org = await freshOrg('320000/320500/320582');
    const station = await storedStation({ orgPath: org });
    const worker = await freshUser();
    const filed = await report(worker.token, station.id, { kind: 'dirty', requestId: randomUUID() });
    const id = (filed.body as { report: { id: string } }).report.id;
    const beside = await freshUser({ roles: ['staff'], orgPath: '320000/320500/320571' });
    expect(await queue(beside.token, { org })).toMatchObject({
      status: 403,
      body: { error: { code: 'OUT_OF_SCOPE' } },
    });
    expect(await move(beside.token, id, { version: 1, state: 'resolved' })).toMatchObject({
      status: 403,
      body: { error: { code: 'OUT_OF_SCOPE' } },
    });
  });

  it('answers 404 STATION_NOT_FOUND for a closed station and files nothing', async () => {
    const station = await storedStation();
    await closeStation(station.id);
    const worker = await freshUser();
    expect(await report(worker.token, station.id, { kind: 'dirty', requestId: randomUUID() })).toStrictEqual({
      status: 404,
      body: { error: { code: 'STATION_NOT_FOUND', message: '未找到该驿站，可能已被删除' } },
    });
    expect((await getStationById(station.id))?.openReports).toBe(0);
  });

  it('refuses, in the transaction, a station closed after the service read it', async () => {
    const station = await storedStation();
    await closeStation(station.id);
    const at = new Date().toISOString();
    const outcome = await insertReport(
      {
        id: `rp_${randomUUID().replace(/-/g, '').slice(0, 24)}`,
        stationId: station.id,
        stationName: station.name,
        orgPath: station.orgPath,
        kind: 'dirty',
        text: '',
        state: 'new',
        note: null,
        createdAt: at,
        updatedAt: at,
        version: 1,
        lockId: randomUUID(),
      },
      await dailyQuota(randomUUID(), 'report', new Date()),
    );
    expect(outcome).toBe('stationChanged');
    expect((await getStationById(station.id))?.openReports).toBe(0);
  });

  it('resolves a report whose station counter drifted to 0, leaving the counter at 0', async () => {
    const org = await freshOrg('320000/320500/320582');
    const station = await storedStation({ orgPath: org });
    const worker = await freshUser();
    const staff = await freshUser({ roles: ['staff'], orgPath: org });
    const filed = await report(worker.token, station.id, { kind: 'noWater', requestId: randomUUID() });
    const id = (filed.body as { report: { id: string } }).report.id;
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.station(station.id),
        UpdateExpression: 'SET openReports = :zero',
        ExpressionAttributeValues: { ':zero': 0 },
      }),
    );

    expect(await move(staff.token, id, { version: 1, state: 'resolved' })).toMatchObject({
      status: 200,
      body: { state: 'resolved', version: 2 },
    });
    expect((await getStationById(station.id))?.openReports).toBe(0);
    // The report's lock went with it: the same worker may report the same problem again.
    expect(
      await report(worker.token, station.id, { kind: 'noWater', requestId: randomUUID() }),
    ).toMatchObject({ status: 201 });
    expect((await getStationById(station.id))?.openReports).toBe(1);
  });

  it('stores a report without its reporter and keeps its lock only while it is open', async () => {
    const org = await freshOrg('320000/320500/320582');
    const station = await storedStation({ orgPath: org });
    const worker = await freshUser();
    const staff = await freshUser({ roles: ['staff'], orgPath: org });
    const filed = await report(worker.token, station.id, { kind: 'unsafe', requestId: randomUUID() });
    const id = (filed.body as { report: { id: string } }).report.id;
    const lockId = await pseudonym('openReport', worker.userId, station.id, 'unsafe');

    const open = await rawItem(keys.report(id));
    expect(JSON.stringify(open)).not.toContain(worker.userId);
    expect(open).toMatchObject({ lockId, gsi2pk: `STN_RPT#${station.id}` });
    expect(await rawItem(keys.lock(OPEN_REPORT_LOCK, lockId))).toMatchObject({ holder: id });

    await move(staff.token, id, { version: 1, state: 'resolved' });
    const resolved = await rawItem(keys.report(id));
    expect(resolved?.lockId).toBeUndefined();
    expect(resolved?.gsi2pk).toBeUndefined();
    expect(await rawItem(keys.lock(OPEN_REPORT_LOCK, lockId))).toBeUndefined();
    expect((await getReport(id))?.state).toBe('resolved');
  });

  it('keeps the user id out of every item beside the user’s own after they rate and report', async () => {
    const org = await freshOrg('320000/320500/320582');
    const station = await storedStation({ orgPath: org });
    const worker = await freshUser();
    const staff = await freshUser({ roles: ['staff'], orgPath: org });
    await rate(worker.token, station.id, { stars: 2, tags: ['crowded'], comment: '人太多' });
    const filed = await report(worker.token, station.id, { kind: 'dirty', requestId: randomUUID() });
    await move(staff.token, (filed.body as { report: { id: string } }).report.id, {
      version: 1,
      state: 'acknowledged',
    });

    // A test may scan: which items mention the worker at all?
    const holders: string[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await db.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey }));
      for (const item of page.Items ?? []) {
        const own = item.pk === `USER#${worker.userId}`;
        if (!own && JSON.stringify(item).includes(worker.userId)) holders.push(`${item.pk} ${item.sk}`);
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    expect(holders).toStrictEqual([]);
  });
});
