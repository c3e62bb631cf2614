import { type QueuedProblem, type ReportKind, type ReportState, reportKindSchema } from '@ankang/shared';
import { decodeCursor, encodeCursor } from '../db/cursor';
import { getProblem, listProblemQueue, type StoredProblem } from '../db/problems';
import { transitionProblem } from '../db/reports';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import type { Caller } from './caller';
import { attachedPhotoViews } from './photoViews';
import { assertInScope, listingRoot } from './scope';

/** Problems per page of the staff queue. */
export const PROBLEM_QUEUE_PAGE = 20;

const allKinds = reportKindSchema.options;

/**
 * A problem as the queue shows it: its latest reports' photos as links, signed from the ids each
 * report lists (checked when it was filed), so a page costs no photo reads.
 */
function queued(problems: StoredProblem[]): Promise<QueuedProblem[]> {
  return Promise.all(
    problems.map(async (problem) => ({
      ...problem,
      recent: await Promise.all(
        problem.recent.map(async ({ photoIds, photoOwnerId, ...report }) => ({
          ...report,
          photos: photoOwnerId
            ? await attachedPhotoViews({ kind: 'report', id: photoOwnerId }, photoIds)
            : [],
        })),
      ),
    })),
  );
}

/**
 * 问题处理: the problems of the caller's org subtree (or the asked org, checked by the pipeline) in
 * one state, newest report first, of one kind or all. At most one query per kind a page, and no
 * photo read.
 */
export async function listStationProblems(
  caller: Caller,
  query: { org?: string; state: ReportState; kind?: ReportKind; cursor?: string },
) {
  const root = listingRoot(caller, query.org);
  if (!root) return { problems: [] };
  const scope = ['problemQueue', `${query.state}#${query.kind ?? '*'}`, root] as const;
  const after = (await decodeCursor(query.cursor, scope))?.after;
  if (query.cursor && typeof after !== 'string') throw new AppError('BAD_CURSOR');
  const page = await listProblemQueue(root, query.state, query.kind ? [query.kind] : allKinds, {
    limit: PROBLEM_QUEUE_PAGE,
    ...(typeof after === 'string' ? { after } : {}),
  });
  return {
    problems: await queued(page.problems),
    ...(page.after ? { nextCursor: await encodeCursor({ after: page.after }, scope) } : {}),
  };
}

const allowedMoves: Record<ReportState, ReportState[]> = {
  new: ['acknowledged', 'resolved'],
  acknowledged: ['resolved'],
  resolved: [],
};

/** What staff asked a problem to become, with the version they saw. */
interface ProblemChange {
  version: number;
  state: 'acknowledged' | 'resolved';
  note?: string;
}

/**
 * Whether a problem moved on from the version in `change` already holds it (its state, and its note
 * if one was sent): a retry of a change that went through, or the same answer from a colleague.
 */
function holdsChange(problem: StoredProblem, change: ProblemChange): boolean {
  return (
    problem.version > change.version &&
    problem.state === change.state &&
    (change.note === undefined || problem.note === change.note)
  );
}

/** The refusal of a change made against an old version, unless the problem already holds it. */
async function answerStale(problem: StoredProblem, change: ProblemChange): Promise<QueuedProblem> {
  if (!holdsChange(problem, change)) {
    throw new AppError('VERSION_CONFLICT', { details: { currentVersion: problem.version } });
  }
  const [shown] = await queued([problem]);
  return shown!;
}

/**
 * Staff acknowledge or resolve a problem, for everyone who reported it; the note is the answer
 * they all see in 我的反馈. The problem's org follows its station while open, so it is the scope.
 * A retry of a change that went through (the answer was lost) gets the problem as it is now.
 */
export async function updateStationProblem(
  caller: Caller,
  id: string,
  body: ProblemChange,
): Promise<QueuedProblem> {
  const current = await getProblem(id);
  if (!current) throw new AppError('REPORT_NOT_FOUND');
  assertInScope(caller, current.orgPath);
  if (current.version !== body.version) return answerStale(current, body);
  if (!allowedMoves[current.state].includes(body.state)) throw new AppError('INVALID_TRANSITION');
  const at = now().toISOString();
  const next: StoredProblem = {
    ...current,
    state: body.state,
    note: body.note ?? current.note,
    handledAt: at,
    updatedAt: at,
    version: current.version + 1,
  };
  if (!(await transitionProblem(current, next, body.version))) {
    const latest = await getProblem(id);
    if (!latest) throw new AppError('VERSION_CONFLICT');
    return answerStale(latest, body);
  }
  const [shown] = await queued([next]);
  return shown!;
}
