import { PROBLEM_RECENT_REPORTS, type ReportState } from '@ankang/shared';
import {
  claimOpenSlot,
  getOpenProblemId,
  getProblem,
  listOpenSlots,
  openSlotsUnchanged,
  putNewProblem,
  replaceProblem,
  type StoredProblem,
} from '../db/problems';
import {
  getLegacyReport,
  invitesPage,
  type LegacyReport,
  legacyLockReleased,
  legacyReportConverted,
  legacyReportsPage,
  markInviteIssued,
  openProblemCountSet,
} from '../db/reportMigration';
import { cancellationOf, type TransactItem, transactWrite } from '../db/transactions';
import { backfillProvinces } from './stationBackfill';

/** Where the scan stands: reports by province and state, then the invite scan. */
export type MigrationPosition =
  | { step: 'reports'; province: string; state: ReportState; startKey?: Record<string, unknown> }
  | { step: 'invites'; startKey?: Record<string, unknown> };

/**
 * What a run leaves for the next: where the scan reads on (null once it has read everything), and
 * what it could not finish, tried again by id at the end of each run that finishes the scan (the
 * scan, resumed, never passes them again).
 */
export interface MigrationProgress {
  at: MigrationPosition | null;
  /** Old reports that changed or met a concurrent write three times running (still in the old queue). */
  skippedReports: string[];
  /**
   * Stations whose open-problem count could not be set (their problems kept changing): no scan
   * finds them again (their reports are migrated), so only this list does.
   */
  unrecounted: string[];
}

export interface MigrationCounts {
  /** Old reports read. */
  reports: number;
  /** Problems opened by an old report (open ones claim their station's slot). */
  opened: number;
  /** Old reports that joined an open problem of their station and kind. */
  joined: number;
  /** Invites read, and those given the mark they lacked. */
  invites: number;
  marked: number;
}

/** The left-over ids of a run, as sets: each listed once, and removed when done after all. */
interface Left {
  reports: Set<string>;
  unrecounted: Set<string>;
}

const STATES: ReportState[] = ['new', 'acknowledged', 'resolved'];
const PAGE = 100;
const INVITE_PAGE = 500;
/** Tries per report when its problem or slot changed between the read and the write. */
const TRIES = 3;
const stage: Record<ReportState, number> = { new: 0, acknowledged: 1, resolved: 2 };

const entryOf = (report: LegacyReport) => ({
  id: report.id,
  text: report.text,
  createdAt: report.createdAt,
  photoIds: [],
});

/** A cancelled transaction (a condition or a concurrent write) is tried again; anything else is thrown. */
function again(error: unknown): 'again' {
  if (cancellationOf(error)) return 'again';
  throw error;
}

/** The later of two ISO times (null: none). */
const later = <T extends string | null>(a: T, b: T): T => (a === null ? b : b === null ? a : a > b ? a : b);
const earlier = (a: string, b: string) => (b < a ? b : a);

/** The problem one old report makes alone: its id from the report's, as the API derives it. */
function problemOf(report: LegacyReport): StoredProblem {
  return {
    id: `pb_${report.id.slice(3)}`,
    stationId: report.stationId,
    stationName: report.stationName,
    orgPath: report.orgPath,
    kind: report.kind,
    state: report.state,
    note: report.note,
    reportCount: 1,
    recent: [entryOf(report)],
    openedAt: report.createdAt,
    lastReportedAt: report.createdAt,
    handledAt: report.state === 'new' ? null : report.updatedAt,
    updatedAt: report.updatedAt,
    version: 1,
  };
}

/**
 * An open problem with an old open report added: the furthest state of the two, the note written
 * last, the latest three reports by time. Its org stays the problem's (it follows the station).
 */
function joined(problem: StoredProblem, report: LegacyReport): StoredProblem {
  const reportHandled = report.state === 'new' ? null : report.updatedAt;
  const noteFromReport = report.note !== null && (problem.handledAt ?? '') <= report.updatedAt;
  return {
    ...problem,
    state: stage[report.state] > stage[problem.state] ? report.state : problem.state,
    note: noteFromReport ? report.note : problem.note,
    reportCount: problem.reportCount + 1,
    recent: [entryOf(report), ...problem.recent]
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0))
      .slice(0, PROBLEM_RECENT_REPORTS),
    openedAt: earlier(problem.openedAt, report.createdAt),
    lastReportedAt: later(problem.lastReportedAt, report.createdAt),
    handledAt: later<string | null>(problem.handledAt, reportHandled),
    updatedAt: later(problem.updatedAt, report.updatedAt),
    version: problem.version + 1,
  };
}

/** The writes that migrate one old report, against its station's slot as read now. */
async function migrationOf(report: LegacyReport): Promise<{ items: TransactItem[]; opens: boolean }> {
  const converted = (problemId: string) => legacyReportConverted(report, problemId);
  // A resolved report was answered on its own: it becomes a resolved problem of one report.
  if (report.state === 'resolved') {
    const problem = problemOf(report);
    return {
      items: [converted(problem.id), putNewProblem(problem), ...legacyLockReleased(report)],
      opens: true,
    };
  }
  const slot = await getOpenProblemId(report.stationId, report.kind);
  const open = slot ? await getProblem(slot) : null;
  if (open && open.state !== 'resolved') {
    return {
      items: [
        converted(open.id),
        replaceProblem(joined(open, report), open.version),
        ...legacyLockReleased(report),
      ],
      opens: false,
    };
  }
  const problem = problemOf(report);
  return {
    items: [
      converted(problem.id),
      putNewProblem(problem),
      claimOpenSlot(problem, slot),
      ...legacyLockReleased(report),
    ],
    opens: true,
  };
}

/**
 * The station counts open problems now, where the old model counted open reports: set it to its
 * open slots, checked unchanged in the same transaction (a report opening one meanwhile: again).
 * 'gone' when there is no such station, 'busy' when its slots changed three times running.
 */
async function recountStation(stationId: string): Promise<'saved' | 'gone' | 'busy'> {
  for (let attempt = 0; attempt < TRIES; attempt += 1) {
    const slots = await listOpenSlots(stationId);
    const outcome = await transactWrite(
      [openProblemCountSet(stationId, slots.length), ...openSlotsUnchanged(stationId, slots)],
      [[0, 'gone' as const]],
    ).catch(again);
    if (outcome !== 'again') return outcome;
  }
  return 'busy';
}

/**
 * Sets each station's open-problem count again (`--recount`, for those a migration run listed as
 * unrecounted): answers the ids of no station, and those that still met a concurrent write every
 * time. One after another, as the run.
 */
export async function recountStations(
  stationIds: readonly string[],
): Promise<{ notFound: string[]; busy: string[] }> {
  const notFound: string[] = [];
  const busy: string[] = [];
  for (const id of new Set(stationIds)) {
    const outcome = await recountStation(id);
    if (outcome === 'gone') notFound.push(id);
    if (outcome === 'busy') busy.push(id);
  }
  return { notFound, busy };
}

/** Recounts each station once, keeping the busy ones in (and taking the rest out of) the left-over set. */
async function recountAll(stationIds: Iterable<string>, left: Left): Promise<void> {
  for (const id of [...stationIds]) {
    // A station gone meanwhile has nothing to count.
    if ((await recountStation(id)) === 'busy') left.unrecounted.add(id);
    else left.unrecounted.delete(id);
  }
}

/**
 * Migrates one old report: 'left' when it kept changing, 'recount' when an open report was
 * migrated and its station's count must be set again, 'done' otherwise (resolved, or migrated by
 * someone else meanwhile).
 */
async function migrateOne(read: LegacyReport, counts: MigrationCounts): Promise<'left' | 'recount' | 'done'> {
  let report: LegacyReport | null = read;
  for (let attempt = 0; attempt < TRIES && report; attempt += 1) {
    const { items, opens } = await migrationOf(report);
    // Item 0 is the report itself: its condition fails when it was migrated already or changed.
    const outcome = await transactWrite(items, [[0, 'changed' as const]]).catch(again);
    if (outcome === 'saved') {
      counts[opens ? 'opened' : 'joined'] += 1;
      return report.state === 'resolved' ? 'done' : 'recount';
    }
    // Read again: a report staff answered meanwhile is migrated as it is now; a migrated one is done.
    report = await getLegacyReport(report.id);
  }
  return report ? 'left' : 'done';
}

/**
 * Migrates the reports one after another, keeping those left in (and taking the rest out of) the
 * left-over set, then sets the count of each station that had an open report migrated, once each.
 */
async function migrateAll(
  reports: readonly LegacyReport[],
  counts: MigrationCounts,
  left: Left,
): Promise<void> {
  const recount = new Set<string>();
  for (const report of reports) {
    const outcome = await migrateOne(report, counts);
    if (outcome === 'left') left.reports.add(report.id);
    else left.reports.delete(report.id);
    if (outcome === 'recount') recount.add(report.stationId);
  }
  await recountAll(recount, left);
}

/** The left-over reports as they are now; those migrated meanwhile (by anyone) leave the set. */
async function leftReports(left: Left): Promise<LegacyReport[]> {
  const found: LegacyReport[] = [];
  for (const id of [...left.reports]) {
    const report = await getLegacyReport(id);
    if (report) found.push(report);
    else left.reports.delete(id);
  }
  return found;
}

/**
 * The one-off migration from the per-report model (issue 11 step 1) to problems, and the mark of
 * issue 11 step 2 on invites made before it. Each old report, read from the old queue province by
 * province and state by state, becomes a report of a problem in one transaction (it leaves the old
 * queue as it does): an open one joins its station's open problem of its kind or opens it, a
 * resolved one becomes a resolved problem of its own; after each page the count of each station
 * with a report migrated is set to its open problems. Then every invite gets the lasting ISSUED
 * mark it lacks, and the reports and stations left over (this run's and the progress's) are tried
 * again by id. Idempotent (a migrated report is no longer in the old queue, a marked invite is
 * skipped) and resumable: `onPage` gets the progress after each page, from which a later run
 * carries on. `maxPages` stops it early (its answer's `progress.at` is where); everything done:
 * `progress` is null.
 */
export async function migrateReports(options: {
  from?: MigrationProgress;
  provinces?: string[];
  maxPages?: number;
  onPage?: (progress: MigrationProgress, counts: MigrationCounts) => Promise<void> | void;
}): Promise<{ counts: MigrationCounts; progress: MigrationProgress | null }> {
  const provinces = options.provinces ?? backfillProvinces();
  const counts: MigrationCounts = { reports: 0, opened: 0, joined: 0, invites: 0, marked: 0 };
  const left: Left = {
    reports: new Set(options.from?.skippedReports),
    unrecounted: new Set(options.from?.unrecounted),
  };
  const progress = (at: MigrationPosition | null): MigrationProgress => ({
    at,
    skippedReports: [...left.reports],
    unrecounted: [...left.unrecounted],
  });
  let position: MigrationPosition | null = options.from
    ? options.from.at
    : { step: 'reports', province: provinces[0]!, state: 'new' };
  let pages = 0;
  while (position) {
    if (options.maxPages !== undefined && pages >= options.maxPages) {
      return { counts, progress: progress(position) };
    }
    position = await (position.step === 'reports'
      ? reportsPage(position, provinces, counts, left)
      : invitePage(position, counts));
    pages += 1;
    await options.onPage?.(progress(position), counts);
  }
  const retried = await leftReports(left);
  counts.reports += retried.length;
  await migrateAll(retried, counts, left);
  await recountAll(left.unrecounted, left);
  const done = left.reports.size === 0 && left.unrecounted.size === 0;
  return { counts, progress: done ? null : progress(null) };
}

async function reportsPage(
  at: Extract<MigrationPosition, { step: 'reports' }>,
  provinces: string[],
  counts: MigrationCounts,
  left: Left,
): Promise<MigrationPosition> {
  const page = await legacyReportsPage(at.province, at.state, { limit: PAGE, startKey: at.startKey });
  counts.reports += page.reports.length;
  // One report after another: a deployed table's capacity is shared with the live app.
  await migrateAll(page.reports, counts, left);
  if (page.startKey) return { ...at, startKey: page.startKey };
  const nextState = STATES[STATES.indexOf(at.state) + 1];
  if (nextState) return { step: 'reports', province: at.province, state: nextState };
  const nextProvince = provinces[provinces.indexOf(at.province) + 1];
  return nextProvince ? { step: 'reports', province: nextProvince, state: 'new' } : { step: 'invites' };
}

async function invitePage(
  at: Extract<MigrationPosition, { step: 'invites' }>,
  counts: MigrationCounts,
): Promise<MigrationPosition | null> {
  const page = await invitesPage({ limit: INVITE_PAGE, startKey: at.startKey });
  for (const invite of page.invites) {
    counts.invites += 1;
    if (await markInviteIssued(invite)) counts.marked += 1;
  }
  return page.startKey ? { step: 'invites', startKey: page.startKey } : null;
}
