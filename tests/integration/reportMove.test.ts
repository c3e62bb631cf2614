import { randomUUID } from 'node:crypto';
import type { ReportKind, StationDraftInput } from '@ankang/shared';
import { describe, expect, it, vi } from 'vitest';
import { getProblem } from '../../functions/src/db/problems';
import { getStationById } from '../../functions/src/db/stations';
import { handler as importStations } from '../../functions/src/handlers/importStations';
import { handler as listManagedStations } from '../../functions/src/handlers/listManagedStations';
import { handler as updateStation } from '../../functions/src/handlers/updateStation';
import { httpEvent, invoke } from '../support/events';
import { freshOrg, freshUser } from './fixtures';
import { queue as queuePage, report, work } from './problemCalls';
import { stationDraft, storedStation } from './stationFixtures';

/** Lets a test act between the move's read of the open problems and its transaction. */
const hooks = vi.hoisted(() => ({ afterRead: undefined as (() => Promise<void>) | undefined }));
vi.mock('../../functions/src/db/problems', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../functions/src/db/problems')>();
  return {
    ...original,
    getProblems: async (ids: readonly string[]) => {
      const found = await original.getProblems(ids);
      await hooks.afterRead?.();
      return found;
    },
  };
});

/** Town-level orgs under a fresh county-level node (the queue indexes four levels). */
const CITY = '320000/320500';

const put = (token: string, id: string, body: unknown) =>
  invoke(
    updateStation,
    httpEvent({ method: 'PUT', path: `/staff/stations/${id}`, token, params: { id }, body }),
  );
const queue = async (token: string, query: Record<string, string>) =>
  (await queuePage(token, query)).problems;
const problemOf = (answer: { body: unknown }) =>
  (answer.body as { report: { problemId: string } }).report.problemId;

/** Two sibling orgs under a fresh county-level node, a station in the first, and staff of each. */
async function twoOrgs() {
  const parent = await freshOrg(CITY);
  const [from, to] = await Promise.all([freshOrg(parent), freshOrg(parent)]);
  const draft: StationDraftInput = stationDraft({ orgPath: from });
  const station = await storedStation(draft);
  const [worker, oldStaff, newStaff, parentStaff] = await Promise.all([
    freshUser(),
    freshUser({ roles: ['staff'], orgPath: from }),
    freshUser({ roles: ['staff'], orgPath: to }),
    freshUser({ roles: ['staff'], orgPath: parent }),
  ]);
  return { parent, from, to, draft, station, worker, oldStaff, newStaff, parentStaff };
}

describe('Handler: updateStation moves open problems with the station', () => {
  it('brings new and acknowledged problems to the new org, which works them; the old org gets 403', async () => {
    const { to, draft, station, worker, oldStaff, newStaff, parentStaff } = await twoOrgs();
    const fresh = problemOf(
      await report(worker.token, station.id, { kind: 'noWater', requestId: randomUUID() }),
    );
    const seen = problemOf(
      await report(worker.token, station.id, { kind: 'dirty', requestId: randomUUID() }),
    );
    const done = problemOf(
      await report(worker.token, station.id, { kind: 'unsafe', requestId: randomUUID() }),
    );
    await work(oldStaff.token, seen, { version: 1, state: 'acknowledged' });
    await work(oldStaff.token, done, { version: 1, state: 'resolved' });

    const moved = await put(parentStaff.token, station.id, { ...draft, orgPath: to, version: 1 });

    expect(moved).toMatchObject({ status: 200, body: { orgPath: to, version: 2, openReports: 2 } });
    expect(
      (await queue(newStaff.token, { state: 'new' })).map((p) => [p.id, p.orgPath, p.version]),
    ).toStrictEqual([[fresh, to, 2]]);
    expect((await queue(newStaff.token, { state: 'acknowledged' })).map((p) => p.id)).toStrictEqual([seen]);
    expect(await queue(oldStaff.token, { state: 'new' })).toStrictEqual([]);
    expect(await queue(oldStaff.token, { state: 'acknowledged' })).toStrictEqual([]);
    // What was resolved before the move stays the old org's record.
    expect((await queue(oldStaff.token, { state: 'resolved' })).map((p) => p.id)).toStrictEqual([done]);
    // The common parent sees the open ones in its queue, before and after.
    expect((await queue(parentStaff.token, { state: 'new' })).map((p) => p.id)).toStrictEqual([fresh]);

    expect(await work(oldStaff.token, fresh, { version: 2, state: 'resolved' })).toMatchObject({
      status: 403,
      body: { error: { code: 'OUT_OF_SCOPE' } },
    });
    expect(await work(newStaff.token, fresh, { version: 2, state: 'resolved' })).toMatchObject({
      status: 200,
    });
    expect(await work(newStaff.token, seen, { version: 3, state: 'resolved' })).toMatchObject({
      status: 200,
    });
    expect((await getStationById(station.id))?.openReports).toBe(0);
    expect((await getProblem(fresh))?.orgPath).toBe(to);
  });

  it('moves a problem of every kind at once, each with all its reports, and later reports join it there', async () => {
    const { to, draft, station, newStaff, parentStaff } = await twoOrgs();
    const kinds: ReportKind[] = ['closedWhenOpen', 'noWater', 'brokenAircon', 'dirty', 'unsafe', 'other'];
    const workers = await Promise.all(Array.from({ length: 3 }, () => freshUser()));
    for (const kind of kinds) {
      for (const worker of workers) {
        expect((await report(worker.token, station.id, { kind, requestId: randomUUID() })).status).toBe(201);
      }
    }

    expect(await put(parentStaff.token, station.id, { ...draft, orgPath: to, version: 1 })).toMatchObject({
      status: 200,
      body: { orgPath: to, openReports: 6 },
    });
    const moved = await queue(newStaff.token, { state: 'new' });
    expect(moved.map((p) => [p.kind, p.reportCount, p.orgPath]).sort()).toStrictEqual(
      kinds.map((kind) => [kind, 3, to]).sort(),
    );
    const late = problemOf(
      await report((await freshUser()).token, station.id, { kind: 'dirty', requestId: randomUUID() }),
    );
    expect(late).toBe(moved.find((p) => p.kind === 'dirty')?.id);
    expect((await getProblem(late))?.reportCount).toBe(4);
  });

  it('reads again and carries a problem worked while the station moves, in its new state', async () => {
    const { to, draft, station, worker, oldStaff, newStaff, parentStaff } = await twoOrgs();
    const id = problemOf(
      await report(worker.token, station.id, { kind: 'noWater', requestId: randomUUID() }),
    );
    hooks.afterRead = async () => {
      hooks.afterRead = undefined;
      await work(oldStaff.token, id, { version: 1, state: 'acknowledged' });
    };

    const answer = await put(parentStaff.token, station.id, { ...draft, orgPath: to, version: 1 });

    expect(answer).toMatchObject({ status: 200, body: { orgPath: to, version: 2, openReports: 1 } });
    expect(await getProblem(id)).toMatchObject({ orgPath: to, state: 'acknowledged', version: 3 });
    expect((await queue(newStaff.token, { state: 'acknowledged' })).map((p) => p.id)).toStrictEqual([id]);
  });

  it('carries a problem whose first report lands between the move’s read and its write', async () => {
    const { from, to, draft, station, worker, oldStaff, newStaff, parentStaff } = await twoOrgs();
    let first = '';
    // No problem is open when the move reads; the first report opens one before the move writes.
    hooks.afterRead = async () => {
      hooks.afterRead = undefined;
      first = problemOf(
        await report(worker.token, station.id, { kind: 'brokenAircon', requestId: randomUUID() }),
      );
    };

    const answer = await put(parentStaff.token, station.id, { ...draft, orgPath: to, version: 1 });

    expect(answer).toMatchObject({ status: 200, body: { orgPath: to, version: 2 } });
    expect(await getStationById(station.id)).toMatchObject({ orgPath: to, version: 2, openReports: 1 });
    expect(first).toMatch(/^pb_/);
    expect(await getProblem(first)).toMatchObject({ orgPath: to, state: 'new', reportCount: 1, version: 2 });
    expect((await queue(newStaff.token, { state: 'new' })).map((p) => p.id)).toStrictEqual([first]);
    expect(await queue(oldStaff.token, { state: 'new' })).toStrictEqual([]);
    // The next report of the kind joins it in the new org (left in `from`, it would be refused 409).
    const later = await report((await freshUser()).token, station.id, {
      kind: 'brokenAircon',
      requestId: randomUUID(),
    });
    expect(later).toMatchObject({ status: 201 });
    expect(problemOf(later)).toBe(first);
    expect(await getProblem(first)).toMatchObject({ orgPath: to, reportCount: 2 });
    expect(from).not.toBe(to);
  });

  it('answers 409 and moves nothing when the problems change on every read', async () => {
    const { from, to, draft, station, worker, parentStaff } = await twoOrgs();
    const id = problemOf(
      await report(worker.token, station.id, { kind: 'noWater', requestId: randomUUID() }),
    );
    let reads = 0;
    // Each read of the open problems is followed by one more report joining the problem.
    hooks.afterRead = async () => {
      reads += 1;
      const joined = await report((await freshUser()).token, station.id, {
        kind: 'noWater',
        requestId: randomUUID(),
      });
      expect(joined.status).toBe(201);
    };

    const answer = await put(parentStaff.token, station.id, { ...draft, orgPath: to, version: 1 });
    hooks.afterRead = undefined;

    expect(answer).toMatchObject({
      status: 409,
      body: { error: { code: 'VERSION_CONFLICT', details: { currentVersion: 1 } } },
    });
    expect(reads).toBe(3);
    expect(await getStationById(station.id)).toMatchObject({ orgPath: from, version: 1 });
    expect(await getProblem(id)).toMatchObject({ orgPath: from, reportCount: 4, version: 4 });
  });
});

describe('Handler: importStations moves open problems with a station', () => {
  it('takes them along when a row moves the station down to another org', async () => {
    const { parent, to, worker, parentStaff, newStaff } = await twoOrgs();
    const externalId = `it-${randomUUID().slice(0, 8)}`;
    const header = ['外部编号', '名称', '地址', '区县', '组织路径', '经度', '纬度', '类型', '开放时间'];
    const row = (orgPath: string) => [
      externalId,
      '杨舍镇环卫工人爱心驿站',
      '张家港市人民中路 88 号',
      '张家港市 杨舍镇',
      orgPath,
      '120.5532',
      '31.8765',
      '银行网点',
      '24小时',
    ];
    const importRow = (orgPath: string) =>
      invoke(
        importStations,
        httpEvent({
          method: 'POST',
          path: '/staff/stations/import',
          token: parentStaff.token,
          body: {
            orgPath: parent,
            format: 'csv',
            content: Buffer.from(
              `${[header, row(orgPath)].map((r) => r.join(',')).join('\r\n')}\r\n`,
            ).toString('base64'),
            dryRun: false,
          },
        }),
      );
    expect(await importRow(parent)).toMatchObject({ status: 200, body: { created: 1 } });
    const [created] = (await managedStations(parentStaff.token, parent)).filter(
      (s) => s.externalId === externalId,
    );
    const id = problemOf(await report(worker.token, created!.id, { kind: 'dirty', requestId: randomUUID() }));

    expect(await importRow(to)).toMatchObject({ status: 200, body: { updated: 1, issues: [] } });

    expect((await queue(newStaff.token, { state: 'new' })).map((p) => [p.id, p.orgPath])).toStrictEqual([
      [id, to],
    ]);
  });
});

async function managedStations(token: string, org: string) {
  const answer = await invoke(
    listManagedStations,
    httpEvent({ path: '/staff/stations', token, query: { org } }),
  );
  return (answer.body as { stations: { id: string; externalId?: string }[] }).stations;
}
