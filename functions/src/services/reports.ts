import { PROBLEM_RECENT_REPORTS, type ReportKind, type Station } from '@ankang/shared';
import { takeLock } from '../db/limits';
import {
  getOpenProblemId,
  getProblem,
  getProblems,
  listOpenSlots,
  openSlotsUnchanged,
  replaceProblem,
  type StoredProblem,
} from '../db/problems';
import {
  fileReport,
  getReport,
  listReportsOfReporter,
  type ProblemLanding,
  type StoredReport,
} from '../db/reports';
import { getStationById } from '../db/stations';
import type { TransactItem } from '../db/transactions';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import { countBusiness } from '../lib/metrics';
import { pseudonym } from '../lib/pseudonym';
import type { Caller } from './caller';
import { dailyQuota, rateLimited } from './limits';
import { checkPhotos, claimPhotos, releasePhotoClaims } from './photos';
import { attachedPhotoViews } from './photoViews';

/** The lock kind that allows one report per person and problem. */
export const PROBLEM_REPORT_LOCK = 'problemReport';
/** A lock outlives any problem left open (the table's TTL drops it after a year). */
const LOCK_SECONDS = 366 * 86_400;
/** Rounds of reading the station and its problem again when a concurrent report changed them. */
const FILING_ROUNDS = 4;

/** The pseudonym a reporter's reports are listed under (never their user id). */
export function reporterOf(userId: string): Promise<string> {
  return pseudonym('reporter', userId);
}

function filed(report: StoredReport, problem: Pick<StoredProblem, 'state'>) {
  return {
    report: {
      id: report.id,
      problemId: report.problemId,
      state: problem.state,
      kind: report.kind,
      createdAt: report.createdAt,
    },
  };
}

/** A retried submission: the report filed the first time, with its problem's state now. */
async function earlierFiling(id: string) {
  const earlier = await getReport(id);
  if (!earlier) return null;
  const problem = await getProblem(earlier.problemId);
  return filed(earlier, problem ?? { state: 'resolved' });
}

/** The problem a new report lands on: the open one of its kind (joined) or a new one it opens. */
async function landingFor(report: StoredReport, station: Station): Promise<ProblemLanding> {
  const openId = await getOpenProblemId(station.id, report.kind);
  const open = openId ? await getProblem(openId) : null;
  const latest = {
    id: report.id,
    text: report.text,
    createdAt: report.createdAt,
    photoIds: report.photoIds,
    ...(report.photoOwnerId ? { photoOwnerId: report.photoOwnerId } : {}),
  };
  if (open && open.state !== 'resolved') {
    return {
      opens: false,
      expectedVersion: open.version,
      problem: {
        ...open,
        stationName: station.name,
        reportCount: open.reportCount + 1,
        recent: [latest, ...open.recent].slice(0, PROBLEM_RECENT_REPORTS),
        lastReportedAt: report.createdAt,
        updatedAt: report.createdAt,
        version: open.version + 1,
      },
    };
  }
  return {
    opens: true,
    // A slot naming a resolved (or vanished) problem was left behind: the new problem replaces it.
    staleSlot: openId,
    problem: {
      id: `pb_${report.id.slice(3)}`,
      stationId: station.id,
      stationName: station.name,
      orgPath: station.orgPath,
      kind: report.kind,
      state: 'new',
      note: null,
      reportCount: 1,
      recent: [latest],
      openedAt: report.createdAt,
      lastReportedAt: report.createdAt,
      handledAt: null,
      updatedAt: report.createdAt,
      version: 1,
    },
  };
}

/**
 * The id of the report `userId` files with `requestId`: from who sent it and the client's request
 * id, so a retry maps to the same report, and, a keyed pseudonym, it does not tell who sent it.
 */
export async function reportIdOf(userId: string, requestId: string): Promise<string> {
  return `rp_${(await pseudonym('report', userId, requestId)).slice(0, 24)}`;
}

/**
 * A worker reports a problem, with up to 3 photos they uploaded for it (owned by the request id).
 * The report joins the station's open problem of that kind, or opens one; a retry with the same
 * request id returns the report filed the first time and counts nothing. One report per person
 * and problem, and a daily cap per person. The report names no user: its id, lock and listing key
 * are keyed pseudonyms. A closed station takes no reports.
 */
export async function reportStationProblem(
  caller: Caller,
  stationId: string,
  body: { kind: ReportKind; text: string; requestId: string; photoIds?: string[] },
) {
  const id = await reportIdOf(caller.userId, body.requestId);
  const requested = body.photoIds ?? [];
  const checked = await checkPhotos({ kind: 'report', id: body.requestId }, requested, caller);
  const photoIds = checked.ids;
  const at = now();
  // Made once, right before the first filing attempt (see claimPhotos).
  let claims: TransactItem[] | undefined;
  const quota = await dailyQuota(caller.userId, 'report', at);
  const reporter = await reporterOf(caller.userId);
  // A write that does not take the photos claimed for it gives them back (releasePhotoClaims).
  try {
    for (let round = 0; round < FILING_ROUNDS; round += 1) {
      const station = await getStationById(stationId);
      if (!station || station.status.state === 'closed') {
        const earlier = await earlierFiling(id);
        if (earlier) return earlier;
        throw new AppError('STATION_NOT_FOUND');
      }
      const report: StoredReport = {
        id,
        problemId: '',
        stationId,
        stationName: station.name,
        kind: body.kind,
        text: body.text,
        photoIds,
        ...(photoIds.length > 0 ? { photoOwnerId: body.requestId } : {}),
        reporter,
        createdAt: at.toISOString(),
        version: 1,
      };
      const landing = await landingFor(report, station);
      report.problemId = landing.problem.id;
      const lockId = await pseudonym('problemReport', caller.userId, landing.problem.id);
      const lock = takeLock(
        PROBLEM_REPORT_LOCK,
        lockId,
        id,
        report.createdAt,
        Math.floor(at.getTime() / 1000) + LOCK_SECONDS,
      );
      claims ??= await claimPhotos(checked, at);
      const outcome = await fileReport(report, landing, lock, quota, claims);
      if (outcome === 'inserted') {
        countBusiness('problemReported');
        return filed(report, landing.problem);
      }
      if (outcome === 'exists') {
        const earlier = await earlierFiling(id);
        if (earlier) {
          // The first filing took its photos; any this retry added go back to expiring.
          await releasePhotoClaims(checked);
          return earlier;
        }
      }
      if (outcome === 'lockHeld') {
        throw new AppError('RATE_LIMITED', {
          message: '您已反映过该驿站的这类问题，工会正在处理，请勿重复提交',
        });
      }
      if (outcome === 'overQuota') throw rateLimited('report');
      // A photo expired (or went) since it was checked.
      if (outcome === 'photoGone') throw new AppError('PHOTO_NOT_FOUND');
    }
    throw new AppError('VERSION_CONFLICT');
  } catch (error) {
    if (claims) await releasePhotoClaims(checked);
    throw error;
  }
}

/** 我的反馈 pages. */
export const MY_REPORTS_PAGE = 20;

/**
 * 我的反馈: the caller's own reports, newest first, each with its problem's state, staff's answer
 * and when they gave it. One query on the caller's pseudonym and one batched read of the page's
 * problems; the photos are links signed from the ids each report lists (checked when it was filed,
 * as the caller's own), with no read. Nobody else's reports can be reached.
 */
export async function listMyReports(caller: Caller, query: { cursor?: string }) {
  const page = await listReportsOfReporter(await reporterOf(caller.userId), {
    limit: MY_REPORTS_PAGE,
    cursor: query.cursor,
  });
  const problems = new Map(
    (await getProblems([...new Set(page.reports.map((report) => report.problemId))])).map((problem) => [
      problem.id,
      problem,
    ]),
  );
  const photos = await Promise.all(
    page.reports.map((report) =>
      report.photoOwnerId
        ? attachedPhotoViews({ kind: 'report', id: report.photoOwnerId }, report.photoIds)
        : [],
    ),
  );
  return {
    reports: page.reports.map((report, index) => {
      const problem = problems.get(report.problemId);
      return {
        id: report.id,
        stationId: report.stationId,
        stationName: report.stationName,
        kind: report.kind,
        text: report.text,
        createdAt: report.createdAt,
        photos: photos[index] ?? [],
        // A problem is never deleted; were it missing, the report shows as handled.
        state: problem?.state ?? 'resolved',
        note: problem?.note ?? null,
        handledAt: problem?.handledAt ?? null,
        reportCount: problem?.reportCount ?? 1,
      };
    }),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
}

/**
 * The transaction items that bring `station`'s open problems (at most one per kind) to `orgPath`
 * with it: none when the org stays. Each applies only if its problem is unchanged since it was
 * read, and every open slot is checked as read, so a problem worked, reported or first opened
 * meanwhile cancels the move (which reads again) instead of landing in the wrong queue. Its reports
 * need no change: they take their state and scope from the problem.
 */
export async function reportsFollowingStation(
  station: Pick<Station, 'id' | 'orgPath'>,
  orgPath: string,
  at: Date,
): Promise<TransactItem[]> {
  if (orgPath === station.orgPath) return [];
  const slots = await listOpenSlots(station.id);
  const open = await getProblems(slots.map((slot) => slot.problemId));
  return [
    ...open
      .filter((problem) => problem.state !== 'resolved' && problem.orgPath !== orgPath)
      .map((problem) =>
        replaceProblem(
          { ...problem, orgPath, updatedAt: at.toISOString(), version: problem.version + 1 },
          problem.version,
        ),
      ),
    ...openSlotsUnchanged(station.id, slots),
  ];
}
