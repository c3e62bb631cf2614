import type { ReportKind, StationReport } from '@ankang/shared';
import { getReport, insertReport, listReportsUnderOrg, transitionReport } from '../db/reports';
import { getStationById } from '../db/stations';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import { reportIdFor } from '../lib/ids';
import type { Caller } from './caller';
import { assertInScope, listingRoot } from './scope';

/** A worker reports a problem; a retry with the same request id returns the report filed the first time. */
export async function reportStationProblem(
  caller: Caller,
  stationId: string,
  body: { kind: ReportKind; text: string; requestId: string },
) {
  const station = await getStationById(stationId);
  if (!station) throw new AppError('STATION_NOT_FOUND');
  const at = now().toISOString();
  const report: StationReport & { userId: string } = {
    id: reportIdFor(caller.userId, body.requestId),
    stationId,
    stationName: station.name,
    orgPath: station.orgPath,
    kind: body.kind,
    text: body.text,
    state: 'new',
    note: null,
    createdAt: at,
    updatedAt: at,
    version: 1,
    userId: caller.userId,
  };
  const stored = (await insertReport(report)) ? report : await getReport(report.id);
  if (!stored) throw new Error(`report ${report.id} neither inserted nor found`);
  return { report: { id: stored.id, state: stored.state, kind: stored.kind, createdAt: stored.createdAt } };
}

const allowedMoves: Record<StationReport['state'], StationReport['state'][]> = {
  new: ['acknowledged', 'resolved'],
  acknowledged: ['resolved'],
  resolved: [],
};

export async function updateStationReport(
  caller: Caller,
  id: string,
  body: { version: number; state: 'acknowledged' | 'resolved'; note?: string },
): Promise<StationReport> {
  const current = await getReport(id);
  if (!current) throw new AppError('REPORT_NOT_FOUND');
  assertInScope(caller, current.orgPath);
  if (current.version !== body.version) {
    throw new AppError('VERSION_CONFLICT', { details: { currentVersion: current.version } });
  }
  if (!allowedMoves[current.state].includes(body.state)) throw new AppError('INVALID_TRANSITION');
  const next: StationReport = {
    ...current,
    state: body.state,
    note: body.note ?? current.note,
    updatedAt: now().toISOString(),
    version: current.version + 1,
  };
  if (!(await transitionReport(current, next, body.version))) {
    const latest = await getReport(id);
    throw new AppError('VERSION_CONFLICT', {
      details: latest ? { currentVersion: latest.version } : undefined,
    });
  }
  return next;
}

export async function listStationReports(
  caller: Caller,
  query: { org?: string; state: StationReport['state']; cursor?: string },
) {
  const root = listingRoot(caller, query.org);
  if (!root) return { reports: [] };
  return listReportsUnderOrg(root, query.state, { limit: 30, cursor: query.cursor });
}
