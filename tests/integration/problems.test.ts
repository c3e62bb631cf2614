import { randomUUID } from 'node:crypto';
import { type ReportKind, shanghaiDate } from '@ankang/shared';
import { GetCommand, QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { demoUserId, demoUsers } from '../../functions/local/demoData';
import { demoStationId } from '../../functions/local/demoStations';
import { db, tableName } from '../../functions/src/db/client';
import { keys, problemKeys } from '../../functions/src/db/keys';
import { takeLock } from '../../functions/src/db/limits';
import { fileReport } from '../../functions/src/db/reports';
import { getStationById } from '../../functions/src/db/stations';
import { updateStationStatus } from '../../functions/src/db/stationWrites';
import { handler as createStation } from '../../functions/src/handlers/createStation';
import { handler as updateStation } from '../../functions/src/handlers/updateStation';
import { pseudonym } from '../../functions/src/lib/pseudonym';
import { dailyQuota } from '../../functions/src/services/limits';
import { issueAccessToken } from '../../functions/src/services/token';
import { httpEvent, invoke } from '../support/events';
import { freshOrg, freshUser } from './fixtures';
import { filedReport, mine, mineAnswer, queue, queueAnswer, report, work } from './problemCalls';
import { atShanghaiNoon } from './shanghaiNoon';
import { stationDraft, storedStation } from './stationFixtures';

async function rawItem(key: { pk: string; sk: string }) {
  return (await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;
}

/** Moves the held clock to `minutes` after the test's noon, so report times are known. */
function clockAt(noon: number, minutes: number): string {
  const at = new Date(noon + minutes * 60_000);
  vi.setSystemTime(at);
  return at.toISOString();
}

const newRequest = () => ({ requestId: randomUUID() });

/** Sets the user's report count of today back to 0. */
async function resetReportQuota(userId: string) {
  const day = shanghaiDate(new Date());
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.quota('report', await pseudonym('quota:report', userId, day), day),
      UpdateExpression: 'SET #count = :zero',
      ExpressionAttributeNames: { '#count': 'count' },
      ExpressionAttributeValues: { ':zero': 0 },
    }),
  );
}

// Per-day quotas: never let a test straddle Shanghai midnight.
atShanghaiNoon();

describe('Handlers: problem reports collapse into problems', () => {
  it('files a report once however often it is retried; staff answer the problem and every reporter sees it', async () => {
    const org = await freshOrg('320000/320500/320582');
    const station = await storedStation({ orgPath: org });
    const [first, second, staff] = await Promise.all([
      freshUser(),
      freshUser(),
      freshUser({ roles: ['staff'], orgPath: org }),
    ]);
    const noon = Date.now();
    const firstAt = clockAt(noon, 1);
    const body = { kind: 'noWater', text: '饮水机没水了', ...newRequest() };
    const [filed, retry] = await Promise.all([
      report(first.token, station.id, body),
      report(first.token, station.id, body),
    ]);
    expect(filed.status).toBe(201);
    expect(retry).toStrictEqual(filed);
    const problemId = filedReport(filed).problemId;
    expect(filed.body).toStrictEqual({
      report: {
        id: expect.stringMatching(/^rp_/),
        problemId,
        state: 'new',
        kind: 'noWater',
        createdAt: firstAt,
      },
    });

    const secondAt = clockAt(noon, 2);
    const joined = await report(second.token, station.id, {
      kind: 'noWater',
      text: '还是没水',
      ...newRequest(),
    });
    expect(filedReport(joined)).toMatchObject({ problemId, state: 'new' });
    // The station counts open problems, not people.
    expect((await getStationById(station.id))?.openReports).toBe(1);

    const open = await queue(staff.token, { state: 'new' });
    expect(open).toStrictEqual({
      problems: [
        {
          id: problemId,
          stationId: station.id,
          stationName: station.name,
          orgPath: org,
          kind: 'noWater',
          state: 'new',
          note: null,
          reportCount: 2,
          recent: [
            { id: filedReport(joined).id, text: '还是没水', createdAt: secondAt, photos: [] },
            { id: filedReport(filed).id, text: '饮水机没水了', createdAt: firstAt, photos: [] },
          ],
          openedAt: firstAt,
          lastReportedAt: secondAt,
          handledAt: null,
          updatedAt: secondAt,
          version: 2,
        },
      ],
    });

    const ackAt = clockAt(noon, 3);
    expect(
      await work(staff.token, problemId, { version: 2, state: 'acknowledged', note: '已通知站点' }),
    ).toMatchObject({
      status: 200,
      body: { state: 'acknowledged', note: '已通知站点', handledAt: ackAt, version: 3 },
    });
    expect(await work(staff.token, problemId, { version: 2, state: 'resolved' })).toMatchObject({
      status: 409,
      body: { error: { code: 'VERSION_CONFLICT', details: { currentVersion: 3 } } },
    });
    // A report joining an acknowledged problem is acknowledged at once.
    const third = await freshUser();
    expect(
      filedReport(await report(third.token, station.id, { kind: 'noWater', ...newRequest() })),
    ).toMatchObject({
      problemId,
      state: 'acknowledged',
    });
    const resolvedAt = clockAt(noon, 5);
    expect(
      await work(staff.token, problemId, { version: 4, state: 'resolved', note: '已补充桶装水' }),
    ).toMatchObject({
      status: 200,
      body: { state: 'resolved', note: '已补充桶装水', reportCount: 3, version: 5 },
    });
    expect(await work(staff.token, problemId, { version: 5, state: 'acknowledged' })).toMatchObject({
      status: 409,
      body: { error: { code: 'INVALID_TRANSITION' } },
    });
    expect((await getStationById(station.id))?.openReports).toBe(0);
    expect((await queue(staff.token, { state: 'new' })).problems).toStrictEqual([]);
    expect((await queue(staff.token, { state: 'acknowledged' })).problems).toStrictEqual([]);
    expect((await queue(staff.token, { state: 'resolved' })).problems.map((p) => p.id)).toStrictEqual([
      problemId,
    ]);

    // Each reporter sees the answer on their own report.
    expect(await mine(first.token)).toStrictEqual({
      reports: [
        {
          id: filedReport(filed).id,
          stationId: station.id,
          stationName: station.name,
          kind: 'noWater',
          text: '饮水机没水了',
          createdAt: firstAt,
          photos: [],
          state: 'resolved',
          note: '已补充桶装水',
          handledAt: resolvedAt,
          reportCount: 3,
        },
      ],
    });
    expect((await mine(second.token)).reports.map((r) => [r.text, r.state, r.note])).toStrictEqual([
      ['还是没水', 'resolved', '已补充桶装水'],
    ]);

    // The next report of that kind opens a new problem.
    const again = filedReport(await report(first.token, station.id, { kind: 'noWater', ...newRequest() }));
    expect(again.problemId).not.toBe(problemId);
    expect(again.state).toBe('new');
    expect((await getStationById(station.id))?.openReports).toBe(1);
  });

  it('keeps kinds and stations apart, shows the newest report first and keeps the latest three', async () => {
    const org = await freshOrg('320000/320500/320582');
    const [one, two] = await Promise.all([storedStation({ orgPath: org }), storedStation({ orgPath: org })]);
    const staff = await freshUser({ roles: ['staff'], orgPath: org });
    const noon = Date.now();
    // What is filed, in time order: [station, kind, text].
    const filings: [string, ReportKind, string][] = [
      [one.id, 'noWater', '一号没水 1'],
      [one.id, 'noWater', '一号没水 2'],
      [one.id, 'noWater', '一号没水 3'],
      [one.id, 'noWater', '一号没水 4'],
      [one.id, 'dirty', '一号脏'],
      [two.id, 'noWater', '二号没水'],
    ];
    for (const [index, [stationId, kind, text]] of filings.entries()) {
      clockAt(noon, index + 1);
      const worker = await freshUser();
      expect((await report(worker.token, stationId, { kind, text, ...newRequest() })).status).toBe(201);
    }

    const summary = (page: {
      problems: { stationId: string; kind: string; reportCount: number; recent: { text: string }[] }[];
    }) => page.problems.map((p) => [p.stationId, p.kind, p.reportCount, p.recent.map((r) => r.text)]);
    expect(summary(await queue(staff.token, { state: 'new' }))).toStrictEqual([
      [two.id, 'noWater', 1, ['二号没水']],
      [one.id, 'dirty', 1, ['一号脏']],
      [one.id, 'noWater', 4, ['一号没水 4', '一号没水 3', '一号没水 2']],
    ]);
    expect(summary(await queue(staff.token, { state: 'new', kind: 'noWater' }))).toStrictEqual([
      [two.id, 'noWater', 1, ['二号没水']],
      [one.id, 'noWater', 4, ['一号没水 4', '一号没水 3', '一号没水 2']],
    ]);
    expect(summary(await queue(staff.token, { state: 'new', kind: 'dirty' }))).toStrictEqual([
      [one.id, 'dirty', 1, ['一号脏']],
    ]);
    expect((await queue(staff.token, { state: 'new', kind: 'unsafe' })).problems).toStrictEqual([]);
    // A later report moves its problem to the top.
    clockAt(noon, 10);
    await report((await freshUser()).token, one.id, { kind: 'dirty', text: '一号又脏', ...newRequest() });
    expect(
      summary(await queue(staff.token, { state: 'new' })).map(([, kind, count]) => [kind, count]),
    ).toStrictEqual([
      ['dirty', 2],
      ['noWater', 1],
      ['noWater', 4],
    ]);
    expect((await getStationById(one.id))?.openReports).toBe(2);
  });

  it('lists a county newest first across its towns, in pages without gaps or repeats', async () => {
    const county = await freshOrg('320000/320500');
    const [townA, townB] = await Promise.all([freshOrg(county), freshOrg(county)]);
    const orgs = [county, townA, townB, townA, townB];
    const stations = await Promise.all(orgs.map((orgPath) => storedStation({ orgPath })));
    const kinds: ReportKind[] = ['noWater', 'dirty', 'unsafe', 'brokenAircon', 'other'];
    const [countyStaff, townStaff] = await Promise.all([
      freshUser({ roles: ['staff'], orgPath: county }),
      freshUser({ roles: ['staff'], orgPath: townA }),
    ]);
    const noon = Date.now();
    // 25 problems, one a minute, going round the stations so the towns interleave.
    const filed: { problemId: string; orgPath: string }[] = [];
    let minute = 0;
    for (const kind of kinds) {
      for (const [index, station] of stations.entries()) {
        minute += 1;
        clockAt(noon, minute);
        const answer = await report((await freshUser()).token, station.id, { kind, ...newRequest() });
        filed.push({ problemId: filedReport(answer).problemId, orgPath: orgs[index]! });
      }
    }
    const newestFirst = [...filed].reverse();

    const first = await queue(countyStaff.token, { state: 'new' });
    expect(first.problems).toHaveLength(20);
    expect(first.nextCursor).toEqual(expect.any(String));
    // 25 problems in pages of 20: the second page holds the last 5 and says there is no more.
    const second = await queue(countyStaff.token, { state: 'new', cursor: first.nextCursor! });
    expect(second.problems).toHaveLength(5);
    expect(second.nextCursor).toBeUndefined();
    expect([...first.problems, ...second.problems].map((p) => p.id)).toStrictEqual(
      newestFirst.map((p) => p.problemId),
    );

    // A town's staff see their town's problems alone, in the same order.
    expect((await queue(townStaff.token, { state: 'new' })).problems.map((p) => p.id)).toStrictEqual(
      newestFirst.filter((p) => p.orgPath === townA).map((p) => p.problemId),
    );
    // The county's staff may narrow to one town, and to one kind there.
    expect(
      (await queue(countyStaff.token, { state: 'new', org: townB, kind: 'unsafe' })).problems.map(
        (p) => p.id,
      ),
    ).toStrictEqual(
      filed
        .filter((p, i) => p.orgPath === townB && kinds[Math.floor(i / 5)] === 'unsafe')
        .map((p) => p.problemId)
        .reverse(),
    );

    // A cursor only continues the listing it came from.
    const badCursor = {
      status: 400,
      body: { error: { code: 'BAD_CURSOR', message: '翻页参数无效，请从第一页重新查询' } },
    };
    expect(
      await queueAnswer(countyStaff.token, { state: 'acknowledged', cursor: first.nextCursor! }),
    ).toStrictEqual(badCursor);
    expect(
      await queueAnswer(countyStaff.token, { state: 'new', kind: 'dirty', cursor: first.nextCursor! }),
    ).toStrictEqual(badCursor);
    expect(
      await queueAnswer(countyStaff.token, { state: 'new', org: townA, cursor: first.nextCursor! }),
    ).toStrictEqual(badCursor);
    expect(
      await queueAnswer(countyStaff.token, { state: 'new', cursor: `${first.nextCursor!}x` }),
    ).toStrictEqual(badCursor);
  });

  it('keeps other orgs out: beside, below, a prefix sibling, and workers', async () => {
    const county = await freshOrg('320000/320500');
    const town = await freshOrg(county);
    const station = await storedStation({ orgPath: county });
    const problemId = filedReport(
      await report((await freshUser()).token, station.id, { kind: 'dirty', ...newRequest() }),
    ).problemId;
    const [beside, below, sibling, worker, admin] = await Promise.all([
      freshUser({ roles: ['staff'], orgPath: '320000/320500/320571' }),
      freshUser({ roles: ['staff'], orgPath: town }),
      // `…/tabc` beside `…/tabcd`: a path that is a prefix of the county's but not its ancestor.
      freshUser({ roles: ['staff'], orgPath: county.slice(0, -1) }),
      freshUser(),
      freshUser({ roles: ['admin'] }),
    ]);
    const outOfScope = {
      status: 403,
      body: { error: { code: 'OUT_OF_SCOPE', message: '超出您所在工会组织的管理范围' } },
    };
    for (const user of [beside, below, sibling]) {
      expect(await queueAnswer(user.token, { org: county })).toStrictEqual(outOfScope);
      expect(await work(user.token, problemId, { version: 1, state: 'resolved' })).toStrictEqual(outOfScope);
      expect((await queue(user.token, { state: 'new' })).problems.map((p) => p.id)).not.toContain(problemId);
    }
    expect(await queueAnswer(worker.token, {})).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
    expect(await work(worker.token, problemId, { version: 1, state: 'resolved' })).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
    expect(await queueAnswer('', {})).toMatchObject({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED' } },
    });
    // An admin works anywhere; the problem is as it was until then.
    expect(await rawItem(problemKeys.problem(problemId))).toMatchObject({ state: 'new', version: 1 });
    expect(await work(admin.token, problemId, { version: 1, state: 'acknowledged' })).toMatchObject({
      status: 200,
      body: { state: 'acknowledged', version: 2 },
    });
  });

  it('refuses forged ids and bad bodies with 4xx and changes nothing', async () => {
    const org = await freshOrg('320000/320500/320582');
    const station = await storedStation({ orgPath: org });
    const staff = await freshUser({ roles: ['staff'], orgPath: org });
    const problemId = filedReport(
      await report((await freshUser()).token, station.id, { kind: 'dirty', ...newRequest() }),
    ).problemId;
    expect(await work(staff.token, 'pb_0000000000000000', { version: 1, state: 'resolved' })).toMatchObject({
      status: 404,
      body: { error: { code: 'REPORT_NOT_FOUND' } },
    });
    for (const [id, body] of [
      ['rp_0000000000000000', { version: 1, state: 'resolved' }],
      ['pb_../../x', { version: 1, state: 'resolved' }],
      [problemId, { version: 1, state: 'new' }],
      [problemId, { version: 0, state: 'resolved' }],
      [problemId, { version: 1, state: 'resolved', note: '长'.repeat(201) }],
    ] as const) {
      expect(await work(staff.token, id, body)).toMatchObject({
        status: 400,
        body: { error: { code: 'VALIDATION_FAILED' } },
      });
    }
    const stored = await rawItem(problemKeys.problem(problemId));
    expect(stored).toMatchObject({ state: 'new', version: 1, reportCount: 1 });
    for (const query of [{ state: 'closed' }, { kind: 'fire' }] as Record<string, string>[]) {
      expect(await queueAnswer(staff.token, query)).toMatchObject({
        status: 400,
        body: { error: { code: 'VALIDATION_FAILED' } },
      });
    }
    expect((await queue(staff.token, {})).problems.map((p) => [p.id, p.version, p.state])).toStrictEqual([
      [problemId, 1, 'new'],
    ]);
    // Fields a caller may not set are ignored.
    const forged = {
      orgPath: '320000',
      reportCount: 99,
      stationId: 'st_forged',
      kind: 'other',
      handledAt: null,
    };
    expect(
      await work(staff.token, problemId, { ...forged, version: 1, state: 'acknowledged' }),
    ).toMatchObject({
      status: 200,
    });
    const [acknowledged] = (await queue(staff.token, { state: 'acknowledged' })).problems;
    expect(acknowledged).toMatchObject({
      id: problemId,
      orgPath: org,
      reportCount: 1,
      stationId: station.id,
      kind: 'dirty',
    });
  });

  it('opens one problem when two first reports race, and lets one of two racing answers win', async () => {
    const org = await freshOrg('320000/320500/320582');
    const station = await storedStation({ orgPath: org });
    const staff = await freshUser({ roles: ['staff'], orgPath: org });
    const workers = await Promise.all([freshUser(), freshUser(), freshUser()]);
    const answers = await Promise.all(
      workers.map((worker) => report(worker.token, station.id, { kind: 'unsafe', ...newRequest() })),
    );
    expect(answers.map((a) => a.status)).toStrictEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => filedReport(a).problemId)).size).toBe(1);
    const [problem] = (await queue(staff.token, {})).problems;
    expect(problem).toMatchObject({ reportCount: 3, version: 3 });
    expect((await getStationById(station.id))?.openReports).toBe(1);

    const moves = await Promise.all([
      work(staff.token, problem!.id, { version: 3, state: 'acknowledged' }),
      work(staff.token, problem!.id, { version: 3, state: 'resolved' }),
    ]);
    expect(moves.map((m) => m.status).sort()).toStrictEqual([200, 409]);
    expect((await queue(staff.token, { state: 'new' })).problems).toStrictEqual([]);
  });

  it('answers a retried change that went through with the problem as it is now, not 409', async () => {
    const org = await freshOrg('320000/320500/320582');
    const station = await storedStation({ orgPath: org });
    const [worker, other, staff] = await Promise.all([
      freshUser(),
      freshUser(),
      freshUser({ roles: ['staff'], orgPath: org }),
    ]);
    const noon = Date.now();
    const reportedAt = clockAt(noon, 1);
    const filed = filedReport(
      await report(worker.token, station.id, { kind: 'dirty', text: '脏', ...newRequest() }),
    );
    const change = { version: 1, state: 'acknowledged', note: '已联系保洁' };

    const ackAt = clockAt(noon, 2);
    // Two sends of one tap (the first answer lost, or a double tap): both land as one change.
    const [first, retried] = await Promise.all([
      work(staff.token, filed.problemId, change),
      work(staff.token, filed.problemId, change),
    ]);

    const acknowledged = {
      id: filed.problemId,
      stationId: station.id,
      stationName: station.name,
      orgPath: org,
      kind: 'dirty',
      state: 'acknowledged',
      note: '已联系保洁',
      reportCount: 1,
      recent: [{ id: filed.id, text: '脏', createdAt: reportedAt, photos: [] }],
      openedAt: reportedAt,
      lastReportedAt: reportedAt,
      handledAt: ackAt,
      updatedAt: ackAt,
      version: 2,
    };
    expect(first).toMatchObject({ status: 200, body: acknowledged });
    expect(retried).toMatchObject({ status: 200, body: acknowledged });
    expect((await queue(staff.token, { state: 'acknowledged' })).problems).toStrictEqual([acknowledged]);

    // A report joins meanwhile; a later retry gets the problem as it is then.
    const joinedAt = clockAt(noon, 3);
    const joined = filedReport(
      await report(other.token, station.id, { kind: 'dirty', text: '还是脏', ...newRequest() }),
    );
    const late = await work(staff.token, filed.problemId, change);
    expect(late).toMatchObject({
      status: 200,
      body: {
        ...acknowledged,
        reportCount: 2,
        recent: [
          { id: joined.id, text: '还是脏', createdAt: joinedAt, photos: [] },
          { id: filed.id, text: '脏', createdAt: reportedAt, photos: [] },
        ],
        lastReportedAt: joinedAt,
        updatedAt: joinedAt,
        version: 3,
      },
    });

    // Anything the problem does not hold is still a conflict: another note, or another state.
    for (const stale of [
      { version: 1, state: 'acknowledged', note: '另一个答复' },
      { version: 1, state: 'resolved' },
    ]) {
      expect(await work(staff.token, filed.problemId, stale)).toMatchObject({
        status: 409,
        body: { error: { code: 'VERSION_CONFLICT', details: { currentVersion: 3 } } },
      });
    }
    expect(await rawItem(problemKeys.problem(filed.problemId))).toMatchObject({
      state: 'acknowledged',
      note: '已联系保洁',
      handledAt: ackAt,
      version: 3,
    });
  });

  it('queues a problem at every level a station’s org may have; no station sits below a town', async () => {
    const town = await freshOrg('320000/320500/320582');
    const station = await storedStation({ orgPath: town });
    const chain = ['320000', '320000/320500', '320000/320500/320582', town];
    // Later than any other test's report today, so it tops even the province's queue of its kind
    // (tokens are issued after the clock moves, so they are fresh then).
    clockAt(Date.now(), 11 * 60);
    const staff = await Promise.all(chain.map((orgPath) => freshUser({ roles: ['staff'], orgPath })));
    const filed = filedReport(
      await report((await freshUser()).token, station.id, { kind: 'other', ...newRequest() }),
    );

    for (const [level, member] of staff.entries()) {
      const [top] = (await queue(member.token, { state: 'new', kind: 'other' })).problems;
      expect({ level: chain[level], id: top?.id }).toStrictEqual({
        level: chain[level],
        id: filed.problemId,
      });
    }

    // A fifth level exists for unions below a town, but holds no station: create and move refuse it.
    const below = await freshOrg(town, '社区工会');
    const draft = stationDraft({ orgPath: below });
    const refused = {
      status: 400,
      body: {
        error: {
          code: 'VALIDATION_FAILED',
          details: {
            issues: [{ path: 'body.orgPath', message: '驿站只能归属到乡镇（街道）及以上的工会组织' }],
          },
        },
      },
    };
    expect(
      await invoke(
        createStation,
        httpEvent({ method: 'POST', path: '/staff/stations', token: staff[0]!.token, body: draft }),
      ),
    ).toMatchObject(refused);
    expect(
      await invoke(
        updateStation,
        httpEvent({
          method: 'PUT',
          path: `/staff/stations/${station.id}`,
          token: staff[0]!.token,
          params: { id: station.id },
          body: { ...stationDraft({ name: station.name, orgPath: below }), version: 1 },
        }),
      ),
    ).toMatchObject(refused);
    expect(await getStationById(station.id)).toMatchObject({ orgPath: town, version: 1 });
    const created = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
        ExpressionAttributeValues: { ':pk': 'STN_ORG#320000', ':prefix': `${below}/` },
      }),
    );
    expect(created.Items).toStrictEqual([]);
  });

  it('refuses, in the transaction, a station closed after the service read it', async () => {
    const station = await storedStation();
    const closed = await updateStationStatus(
      station.id,
      { state: 'closed', reason: '已拆除' },
      station.version,
      new Date(),
    );
    expect(closed).toBeTruthy();
    const at = new Date().toISOString();
    const id = `rp_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
    const problem = {
      id: `pb_${id.slice(3)}`,
      stationId: station.id,
      stationName: station.name,
      orgPath: station.orgPath,
      kind: 'dirty' as const,
      state: 'new' as const,
      note: null,
      reportCount: 1,
      recent: [{ id, text: '', createdAt: at, photoIds: [] }],
      openedAt: at,
      lastReportedAt: at,
      handledAt: null,
      updatedAt: at,
      version: 1,
    };
    const outcome = await fileReport(
      {
        id,
        problemId: problem.id,
        stationId: station.id,
        stationName: station.name,
        kind: 'dirty',
        text: '',
        photoIds: [],
        reporter: randomUUID(),
        createdAt: at,
        version: 1,
      },
      { opens: true, problem, staleSlot: null },
      takeLock('problemReport', randomUUID(), id, at),
      await dailyQuota(randomUUID(), 'report', new Date()),
    );
    expect(outcome).toBe('stationChanged');
    expect(await rawItem(keys.report(id))).toBeUndefined();
    expect(await rawItem(problemKeys.problem(problem.id))).toBeUndefined();
    expect(await rawItem(problemKeys.openSlot(station.id, 'dirty'))).toBeUndefined();
  });

  it('resolves a problem whose station counter drifted to 0, leaving the counter at 0', async () => {
    const org = await freshOrg('320000/320500/320582');
    const station = await storedStation({ orgPath: org });
    const [worker, staff] = await Promise.all([freshUser(), freshUser({ roles: ['staff'], orgPath: org })]);
    const { problemId } = filedReport(
      await report(worker.token, station.id, { kind: 'noWater', ...newRequest() }),
    );
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.station(station.id),
        UpdateExpression: 'SET openReports = :zero',
        ExpressionAttributeValues: { ':zero': 0 },
      }),
    );
    expect(await work(staff.token, problemId, { version: 1, state: 'resolved' })).toMatchObject({
      status: 200,
      body: { state: 'resolved', version: 2 },
    });
    expect((await getStationById(station.id))?.openReports).toBe(0);
    expect(await rawItem(problemKeys.openSlot(station.id, 'noWater'))).toBeUndefined();
    // The same worker may report the same kind again: it is a new problem.
    expect(await report(worker.token, station.id, { kind: 'noWater', ...newRequest() })).toMatchObject({
      status: 201,
    });
    expect((await getStationById(station.id))?.openReports).toBe(1);
  });

  it('keeps the user id out of every item beside the user’s own after they report', async () => {
    const org = await freshOrg('320000/320500/320582');
    const station = await storedStation({ orgPath: org });
    const [worker, staff] = await Promise.all([freshUser(), freshUser({ roles: ['staff'], orgPath: org })]);
    const { problemId } = filedReport(
      await report(worker.token, station.id, { kind: 'dirty', ...newRequest() }),
    );
    await work(staff.token, problemId, { version: 1, state: 'acknowledged' });
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

describe('Handler: listMyReports (我的反馈)', () => {
  it('shows a worker their own reports, newest first, in pages, and nobody else’s', async () => {
    const org = await freshOrg('320000/320500/320582');
    const stations = await Promise.all(Array.from({ length: 4 }, () => storedStation({ orgPath: org })));
    const [worker, other] = await Promise.all([freshUser(), freshUser()]);
    const kinds: ReportKind[] = ['noWater', 'dirty', 'unsafe', 'brokenAircon', 'other', 'closedWhenOpen'];
    const noon = Date.now();
    const mineFiled: string[] = [];
    let minute = 0;
    // 22 reports, more than one page of 20 (and more than the 20 a day allowed: the count is reset).
    for (const station of stations) {
      for (const kind of kinds) {
        if (mineFiled.length === 22) break;
        if (mineFiled.length === 11) await resetReportQuota(worker.userId);
        minute += 1;
        clockAt(noon, minute);
        mineFiled.push(
          filedReport(
            await report(worker.token, station.id, { kind, text: `第${minute}条`, ...newRequest() }),
          ).id,
        );
      }
    }
    // The other person reports on the same problems: it never shows in the worker's list.
    clockAt(noon, 30);
    const theirs = filedReport(
      await report(other.token, stations[0]!.id, { kind: 'noWater', ...newRequest() }),
    ).id;

    const first = await mine(worker.token);
    expect(first.reports).toHaveLength(20);
    const second = await mine(worker.token, { cursor: first.nextCursor! });
    const all = [...first.reports, ...second.reports];
    expect(all.map((r) => r.id)).toStrictEqual([...mineFiled].reverse());
    expect(all.map((r) => r.id)).not.toContain(theirs);
    expect(all.at(-1)).toMatchObject({ text: '第1条', reportCount: 2, state: 'new' });
    expect((await mine(other.token)).reports.map((r) => r.id)).toStrictEqual([theirs]);
    // Another person's cursor opens nothing of theirs.
    expect(await mineAnswer(other.token, { cursor: first.nextCursor! })).toMatchObject({
      status: 400,
      body: { error: { code: 'BAD_CURSOR' } },
    });
    expect(await mineAnswer('', {})).toMatchObject({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED' } },
    });
    // A fresh user has nothing yet.
    expect(await mine((await freshUser()).token)).toStrictEqual({ reports: [] });
  });
});

describe('Demo data: problems as npm start shows them', () => {
  const demoToken = async (key: string) => {
    const user = demoUsers.find((candidate) => candidate.key === key)!;
    return (await issueAccessToken({ id: demoUserId(user), tokenVersion: 0 }, new Date())).token;
  };

  it('gives 顾晓东 a problem three people reported, one acknowledged and one resolved, and 刘师傅 the answers', async () => {
    const staff = await demoToken('staff-daxin');
    const at = (state: string, externalId: string) =>
      queue(staff, { state }).then((page) =>
        page.problems
          .filter((p) => p.stationId === demoStationId(externalId))
          .map((p) => [p.kind, p.reportCount, p.note]),
      );
    expect(await at('new', 'ZJG-0020')).toStrictEqual([['noWater', 3, null]]);
    expect(await at('acknowledged', 'ZJG-0021')).toStrictEqual([
      ['brokenAircon', 1, '已联系维修师傅，预计后天上门。'],
    ]);
    expect(await at('resolved', 'ZJG-0023')).toStrictEqual([
      ['dirty', 1, '已安排保洁员每天上午、下午各打扫一次。'],
    ]);

    const reports = (await mine(await demoToken('worker-sanitation'))).reports;
    expect(reports.map((r) => [r.stationId, r.state, r.reportCount, r.note]).sort()).toStrictEqual(
      [
        [demoStationId('ZJG-0020'), 'new', 3, null],
        [demoStationId('ZJG-0023'), 'resolved', 1, '已安排保洁员每天上午、下午各打扫一次。'],
      ].sort(),
    );
  });
});
