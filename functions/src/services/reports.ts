import type { ReportKind, Station, StationReport } from '@ankang/shared';
import {
  getReport,
  insertReport,
  listOpenReportsOfStation,
  listReportsUnderOrg,
  reportMoveItems,
  type StoredReport,
  transitionReport,
} from '../db/reports';
import { getStationById } from '../db/stations';
import { MAX_TRANSACT_ITEMS, type TransactItem } from '../db/transactions';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import { pseudonym } from '../lib/pseudonym';
import { MAX_SEARCH_TERMS } from '../lib/searchText';
import type { Caller } from './caller';
import { dailyQuota, rateLimited } from './limits';
import { assertInScope, listingRoot } from './scope';

function filed(report: StationReport) {
  return { report: { id: report.id, state: report.state, kind: report.kind, createdAt: report.createdAt } };
}

/**
 * A worker reports a problem; a retry with the same request id returns the report filed the first
 * time and counts nothing. One open report per person, station and kind, and a daily cap per
 * person. The report names no user: its id and lock are keyed pseudonyms. A closed station takes
 * no reports.
 */
export async function reportStationProblem(
  caller: Caller,
  stationId: string,
  body: { kind: ReportKind; text: string; requestId: string },
) {
  // From who sent it and the client's request id: a retry maps to the same report, and the id,
  // a keyed pseudonym, does not tell who sent it.
  const id = `rp_${(await pseudonym('report', caller.userId, body.requestId)).slice(0, 24)}`;
  const lockId = await pseudonym('openReport', caller.userId, stationId, body.kind);
  const at = now();
  const quota = await dailyQuota(caller.userId, 'report', at);
  // The station is read again when it changed (its org moved) between reading and writing.
  for (let round = 0; round < 3; round += 1) {
    const station = await getStationById(stationId);
    if (!station || station.status.state === 'closed') {
      const earlier = await getReport(id);
      if (earlier) return filed(earlier);
      throw new AppError('STATION_NOT_FOUND');
    }
    const report: StoredReport & { lockId: string } = {
      id,
      stationId,
      stationName: station.name,
      orgPath: station.orgPath,
      kind: body.kind,
      text: body.text,
      state: 'new',
      note: null,
      createdAt: at.toISOString(),
      updatedAt: at.toISOString(),
      version: 1,
      lockId,
    };
    const outcome = await insertReport(report, quota);
    if (outcome === 'inserted') return filed(report);
    if (outcome === 'exists') {
      const earlier = await getReport(id);
      if (earlier) return filed(earlier);
    }
    if (outcome === 'lockHeld') {
      throw new AppError('RATE_LIMITED', {
        message: '您已反映过该驿站的这类问题，工会正在处理，请勿重复提交',
      });
    }
    if (outcome === 'overQuota') throw rateLimited('report');
  }
  throw new AppError('VERSION_CONFLICT');
}

const allowedMoves: Record<StationReport['state'], StationReport['state'][]> = {
  new: ['acknowledged', 'resolved'],
  acknowledged: ['resolved'],
  resolved: [],
};

/**
 * Staff acknowledge or resolve a report. Both the report's org and its station's current org must
 * be within the caller's scope: a report left behind by a station's move is not the old org's to
 * work, and working it brings it to the station's org.
 */
export async function updateStationReport(
  caller: Caller,
  id: string,
  body: { version: number; state: 'acknowledged' | 'resolved'; note?: string },
): Promise<StationReport> {
  const current = await getReport(id);
  if (!current) throw new AppError('REPORT_NOT_FOUND');
  assertInScope(caller, current.orgPath);
  const station = await getStationById(current.stationId);
  if (station) assertInScope(caller, station.orgPath);
  if (current.version !== body.version) {
    throw new AppError('VERSION_CONFLICT', { details: { currentVersion: current.version } });
  }
  if (!allowedMoves[current.state].includes(body.state)) throw new AppError('INVALID_TRANSITION');
  const { lockId: _lockId, ...report } = current;
  const next: StationReport = {
    ...report,
    orgPath: station?.orgPath ?? current.orgPath,
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

/**
 * Open reports a station takes along when it moves to another org, in the move's one transaction:
 * its limit less ten items kept for the station's own writes (the record, its external-id claim and
 * release) and its search entries (old and new: 2 × (MAX_SEARCH_TERMS + 1) at most). A station with more open reports is refused the move rather than moving them in several
 * transactions, which could leave some in the old org's queue if one failed; the per-person limits
 * make such a backlog rare, and staff clear it by resolving reports.
 */
export const MAX_REPORTS_MOVED = MAX_TRANSACT_ITEMS - 10 - 2 * (MAX_SEARCH_TERMS + 1);

/**
 * The transaction items that bring `station`'s open reports (new or acknowledged) to `orgPath`:
 * none when the org stays. Refuses (409 TOO_MANY_OPEN_REPORTS) a station with more than
 * MAX_REPORTS_MOVED open reports. The move's transaction fails if one of them is worked meanwhile.
 */
export async function reportsFollowingStation(
  station: Pick<Station, 'id' | 'orgPath'>,
  orgPath: string,
  at: Date,
): Promise<TransactItem[]> {
  if (orgPath === station.orgPath) return [];
  const open = await listOpenReportsOfStation(station.id, MAX_REPORTS_MOVED + 1);
  if (open.length > MAX_REPORTS_MOVED) {
    throw new AppError('TOO_MANY_OPEN_REPORTS', {
      message: `该驿站有超过 ${MAX_REPORTS_MOVED} 条待处理的问题反映，请先处理后再变更所属组织`,
    });
  }
  return reportMoveItems(
    open.filter((report) => report.orgPath !== orgPath),
    orgPath,
    at.toISOString(),
  );
}
