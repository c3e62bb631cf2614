import { randomUUID } from 'node:crypto';
import type { StationDraftInput } from '@ankang/shared';
import { describe, expect, it, vi } from 'vitest';
import { getReport, insertReport } from '../../functions/src/db/reports';
import { getStationById } from '../../functions/src/db/stations';
import { replaceStation } from '../../functions/src/db/stationWrites';
import { handler as importStations } from '../../functions/src/handlers/importStations';
import { handler as listManagedStations } from '../../functions/src/handlers/listManagedStations';
import { handler as listStationReports } from '../../functions/src/handlers/listStationReports';
import { handler as reportStationProblem } from '../../functions/src/handlers/reportStationProblem';
import { handler as updateStation } from '../../functions/src/handlers/updateStation';
import { handler as updateStationReport } from '../../functions/src/handlers/updateStationReport';
import { dailyQuota } from '../../functions/src/services/limits';
import { MAX_REPORTS_MOVED } from '../../functions/src/services/reports';
import { httpEvent, invoke } from '../support/events';
import { freshOrg, freshUser } from './fixtures';
import { stationDraft, storedStation } from './stationFixtures';

/** Lets a test act between the move's read of the open reports and its transaction. */
const hooks = vi.hoisted(() => ({ afterRead: undefined as (() => Promise<void>) | undefined }));
vi.mock('../../functions/src/db/reports', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../functions/src/db/reports')>();
  return {
    ...original,
    listOpenReportsOfStation: async (stationId: string, limit: number) => {
      const found = await original.listOpenReportsOfStation(stationId, limit);
      await hooks.afterRead?.();
      return found;
    },
  };
});

const COUNTY = '320000/320500/320582';

const report = (token: string, id: string, body: unknown) =>
  invoke(
    reportStationProblem,
    httpEvent({ method: 'POST', path: `/stations/${id}/reports`, token, params: { id }, body }),
  );
const work = (token: string, id: string, body: unknown) =>
  invoke(
    updateStationReport,
    httpEvent({ method: 'POST', path: `/staff/reports/${id}`, token, params: { id }, body }),
  );
const put = (token: string, id: string, body: unknown) =>
  invoke(
    updateStation,
    httpEvent({ method: 'PUT', path: `/staff/stations/${id}`, token, params: { id }, body }),
  );
const queue = async (token: string, query: Record<string, string>) =>
  (
    (await invoke(listStationReports, httpEvent({ path: '/staff/reports', token, query }))).body as {
      reports: { id: string; orgPath: string; version: number }[];
    }
  ).reports;
const idOf = (answer: { body: unknown }) => (answer.body as { report: { id: string } }).report.id;

/** Two sibling orgs under a fresh county-level node, a station in the first, and staff of each. */
async function twoOrgs() {
  const parent = await freshOrg(COUNTY);
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

/** Files `count` open reports on a station straight into the table, each as a different person. */
async function fileReports(station: { id: string; name: string; orgPath: string }, count: number) {
  for (let n = 0; n < count; n += 1) {
    const at = new Date().toISOString();
    const outcome = await insertReport(
      {
        id: `rp_${randomUUID().replace(/-/g, '').slice(0, 24)}`,
        stationId: station.id,
        stationName: station.name,
        orgPath: station.orgPath,
        kind: 'other',
        text: `第 ${n + 1} 条`,
        state: 'new',
        note: null,
        createdAt: at,
        updatedAt: at,
        version: 1,
        lockId: randomUUID(),
      },
      await dailyQuota(randomUUID(), 'report', new Date()),
    );
    expect(outcome).toBe('inserted');
  }
}

describe('Handler: updateStation moves open reports with the station', () => {
  it('brings new and acknowledged reports to the new org, which works them; the old org gets 403', async () => {
    const { to, draft, station, worker, oldStaff, newStaff, parentStaff } = await twoOrgs();
    const fresh = idOf(await report(worker.token, station.id, { kind: 'noWater', requestId: randomUUID() }));
    const seen = idOf(await report(worker.token, station.id, { kind: 'dirty', requestId: randomUUID() }));
    const done = idOf(await report(worker.token, station.id, { kind: 'unsafe', requestId: randomUUID() }));
    await work(oldStaff.token, seen, { version: 1, state: 'acknowledged' });
    await work(oldStaff.token, done, { version: 1, state: 'resolved' });

    const moved = await put(parentStaff.token, station.id, { ...draft, orgPath: to, version: 1 });

    expect(moved).toMatchObject({ status: 200, body: { orgPath: to, version: 2, openReports: 2 } });
    expect(
      (await queue(newStaff.token, { state: 'new' })).map((r) => [r.id, r.orgPath, r.version]),
    ).toStrictEqual([[fresh, to, 2]]);
    expect((await queue(newStaff.token, { state: 'acknowledged' })).map((r) => r.id)).toStrictEqual([seen]);
    expect(await queue(oldStaff.token, { state: 'new' })).toStrictEqual([]);
    expect(await queue(oldStaff.token, { state: 'acknowledged' })).toStrictEqual([]);
    // What was resolved before the move stays the old org's record.
    expect((await queue(oldStaff.token, { state: 'resolved' })).map((r) => r.id)).toStrictEqual([done]);

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
    expect((await getReport(fresh))?.orgPath).toBe(to);
  });

  it(`moves up to ${MAX_REPORTS_MOVED} open reports in one go and refuses more with 409, changing nothing`, async () => {
    const { to, draft, station, parentStaff, newStaff } = await twoOrgs();
    await fileReports(station, MAX_REPORTS_MOVED + 1);

    const refused = await put(parentStaff.token, station.id, { ...draft, orgPath: to, version: 1 });
    expect(refused).toStrictEqual({
      status: 409,
      body: {
        error: {
          code: 'TOO_MANY_OPEN_REPORTS',
          message: `该驿站有超过 ${MAX_REPORTS_MOVED} 条待处理的问题反映，请先处理后再变更所属组织`,
        },
      },
    });
    expect(await getStationById(station.id)).toMatchObject({ orgPath: station.orgPath, version: 1 });

    const [oldest] = await queue(parentStaff.token, { state: 'new' });
    await work(parentStaff.token, oldest!.id, { version: 1, state: 'resolved' });
    expect(await put(parentStaff.token, station.id, { ...draft, orgPath: to, version: 1 })).toMatchObject({
      status: 200,
      body: { orgPath: to, openReports: MAX_REPORTS_MOVED },
    });
    const page = await queue(newStaff.token, { state: 'new' });
    // The queue's page holds 30: all of them when fewer moved.
    expect(page.length).toBe(Math.min(30, MAX_REPORTS_MOVED));
    expect(page.every((r) => r.orgPath === to)).toBe(true);
  });

  it('answers 409 and moves nothing when a report is worked while the station moves', async () => {
    const { from, to, draft, station, worker, oldStaff, parentStaff } = await twoOrgs();
    const id = idOf(await report(worker.token, station.id, { kind: 'noWater', requestId: randomUUID() }));
    hooks.afterRead = async () => {
      hooks.afterRead = undefined;
      await work(oldStaff.token, id, { version: 1, state: 'acknowledged' });
    };

    const answer = await put(parentStaff.token, station.id, { ...draft, orgPath: to, version: 1 });

    expect(answer).toMatchObject({ status: 409, body: { error: { code: 'VERSION_CONFLICT' } } });
    expect(await getStationById(station.id)).toMatchObject({ orgPath: from, version: 1 });
    expect(await getReport(id)).toMatchObject({ orgPath: from, state: 'acknowledged', version: 2 });
  });
});

describe('Handler: updateStationReport checks the station’s current org', () => {
  it('refuses the old org on a report its station left behind, and the common parent brings it along', async () => {
    const { to, station, worker, oldStaff, parentStaff } = await twoOrgs();
    const id = idOf(await report(worker.token, station.id, { kind: 'noWater', requestId: randomUUID() }));
    // A move that did not take the report along (as before this fix).
    const current = (await getStationById(station.id))!;
    await replaceStation({ ...current, orgPath: to, version: 2 }, current, 1);

    expect(await work(oldStaff.token, id, { version: 1, state: 'resolved' })).toMatchObject({
      status: 403,
      body: { error: { code: 'OUT_OF_SCOPE' } },
    });
    expect(await work(parentStaff.token, id, { version: 1, state: 'acknowledged' })).toMatchObject({
      status: 200,
      body: { orgPath: to, state: 'acknowledged' },
    });
  });
});

describe('Handler: importStations moves open reports with a station', () => {
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
    const id = idOf(await report(worker.token, created!.id, { kind: 'dirty', requestId: randomUUID() }));

    expect(await importRow(to)).toMatchObject({ status: 200, body: { updated: 1, issues: [] } });

    expect((await queue(newStaff.token, { state: 'new' })).map((r) => [r.id, r.orgPath])).toStrictEqual([
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
