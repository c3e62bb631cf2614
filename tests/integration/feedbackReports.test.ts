import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getStationById } from '../../functions/src/db/stations';
import { handler as listStationReports } from '../../functions/src/handlers/listStationReports';
import { handler as rateStation } from '../../functions/src/handlers/rateStation';
import { handler as reportStationProblem } from '../../functions/src/handlers/reportStationProblem';
import { handler as updateStationReport } from '../../functions/src/handlers/updateStationReport';
import { httpEvent, invoke } from '../support/events';
import { freshOrg, freshUser } from './fixtures';
import { storedStation } from './stationFixtures';

const rate = (token: string, id: string, body: unknown) =>
  invoke(
    rateStation,
    httpEvent({ method: 'POST', path: `/stations/${id}/feedback`, token, params: { id }, body }),
  );

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
});
