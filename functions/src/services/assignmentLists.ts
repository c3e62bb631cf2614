import { type Assignment, isWithinOrg, shanghaiDate } from '@ankang/shared';
import { listAssignmentsOfVolunteer, listAssignmentsOnDate } from '../db/assignments';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import { assignmentView } from './assignmentRules';
import type { Caller } from './caller';
import { getCampaign } from './campaigns';
import { isInScope } from './scope';

/** Tasks per page of the board. */
const BOARD_PAGE = 50;
/** Tasks 我的任务 shows: far more than one person takes on in a season. */
const MY_TASKS = 100;

/**
 * Whose tasks a staff member sees on a campaign's board: all of them when they run the campaign
 * (or a union above it); only their district's sites when their union is below the campaign's
 * (a town under a county's campaign) — returned as that district's path; refused beside it.
 */
function boardDistrict(caller: Caller, campaignOrgPath: string): string | null {
  if (isInScope(caller, campaignOrgPath)) return null;
  if (caller.orgPath && isWithinOrg(caller.orgPath, campaignOrgPath)) return caller.orgPath;
  throw new AppError('OUT_OF_SCOPE');
}

/** The assignment board: a campaign's tasks on one date, morning first, a page at a time. */
export async function listAssignments(
  caller: Caller,
  campaignId: string,
  query: { date: string; cursor?: string },
): Promise<{ assignments: Assignment[]; nextCursor: string | null }> {
  // Found only as the campaign itself is to this caller: a draft is not confirmed beside it.
  const campaign = await getCampaign(caller, campaignId);
  const within = boardDistrict(caller, campaign.orgPath);
  const page = await listAssignmentsOnDate(campaign.id, query.date, {
    limit: BOARD_PAGE,
    cursor: query.cursor,
    within,
  });
  return { assignments: page.records.map(assignmentView), nextCursor: page.nextCursor };
}

const isLive = (task: Assignment) => task.status === 'assigned' || task.status === 'accepted';

/**
 * 我的任务: the tasks the caller holds from today (Shanghai) on. Waiting and accepted ones come
 * first, by date and half day; declined and cancelled ones after them, so the volunteer still
 * learns what became of a task until staff hand it to someone else.
 */
export async function listMyAssignments(caller: Caller): Promise<{ assignments: Assignment[] }> {
  const records = await listAssignmentsOfVolunteer(caller.userId, shanghaiDate(now()), MY_TASKS);
  const tasks = records.map(assignmentView);
  return { assignments: [...tasks.filter(isLive), ...tasks.filter((task) => !isLive(task))] };
}
