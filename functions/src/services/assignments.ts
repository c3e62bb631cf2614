import { type Assignment, type Campaign, shanghaiDate } from '@ankang/shared';
import { type AssignmentRecord, assignmentIdFor, siteSnapshot } from '../db/assignmentItems';
import { getAssignmentRecord, saveAssignment } from '../db/assignments';
import { getCampaignById } from '../db/campaigns';
import type { VolunteerSignupRecord, WorksiteSignupRecord } from '../db/signupRecords';
import { getVolunteerSignupRecord, getWorksiteSignupRecord } from '../db/signups';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import { assignedNotice } from './assignmentNotices';
import {
  assertVolunteerFits,
  assignmentView,
  fieldError,
  formerHolder,
  MAX_HISTORY,
  volunteerBusy,
} from './assignmentRules';
import type { Caller } from './caller';
import { notify } from './notifier';
import { assertInScope } from './scope';

interface NewTask {
  worksiteSignupId: string;
  volunteerSignupId: string;
  date: string;
  slot: 'am' | 'pm';
}

/** The sign-ups and campaign a new task needs, each checked; refusals in the order staff fix them. */
async function loadTaskParts(
  caller: Caller,
  body: NewTask,
): Promise<{ worksite: WorksiteSignupRecord; volunteer: VolunteerSignupRecord; campaign: Campaign }> {
  const [worksite, volunteer] = await Promise.all([
    getWorksiteSignupRecord(body.worksiteSignupId),
    getVolunteerSignupRecord(body.volunteerSignupId),
  ]);
  if (!worksite) throw new AppError('SIGNUP_NOT_FOUND', { message: '未找到该工地报名' });
  // Scope before anything else is said about the site (its state, its campaign).
  assertInScope(caller, worksite.orgPath);
  if (!volunteer) throw new AppError('SIGNUP_NOT_FOUND', { message: '未找到该志愿者报名' });
  if (worksite.status !== 'approved') {
    throw new AppError('NOT_APPROVED', { message: '该工地的报名尚未通过审核，不能分配任务' });
  }
  const campaign = await getCampaignById(worksite.campaignId);
  if (!campaign) throw new AppError('CAMPAIGN_NOT_FOUND');
  // A closed campaign only stopped taking sign-ups; an archived one is over and filed.
  if (campaign.status === 'archived') {
    throw new AppError('INVALID_TRANSITION', { message: '活动已归档，不能再分配任务' });
  }
  if (body.date < shanghaiDate(now())) throw fieldError('date', '不能分配今天之前的日期');
  if (body.date < campaign.season.from || body.date > campaign.season.to) {
    throw fieldError('date', `日期须在活动期间（${campaign.season.from} 至 ${campaign.season.to}）`);
  }
  assertVolunteerFits(volunteer, { campaignId: worksite.campaignId, date: body.date, slot: body.slot });
  return { worksite, volunteer, campaign };
}

/**
 * The task a create writes: new, or — when the site's task in that half day was cancelled — the
 * same task started again with the cancelled holder kept in its history.
 */
function taskRecord(
  id: string,
  body: NewTask,
  parts: { worksite: WorksiteSignupRecord; volunteer: VolunteerSignupRecord; campaign: Campaign },
  cancelled: AssignmentRecord | null,
  at: string,
): AssignmentRecord {
  return {
    id,
    campaignId: parts.campaign.id,
    campaignTitle: parts.campaign.title,
    worksiteSignupId: parts.worksite.id,
    volunteerSignupId: parts.volunteer.id,
    volunteerName: parts.volunteer.name,
    volunteerUserId: parts.volunteer.userId,
    orgPath: parts.worksite.orgPath,
    date: body.date,
    slot: body.slot,
    status: 'assigned',
    site: siteSnapshot(parts.worksite),
    history: cancelled ? [...cancelled.history, formerHolder(cancelled, at)] : [],
    version: cancelled ? cancelled.version + 1 : 1,
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * Staff give an approved site to an approved volunteer for one half day. The volunteer's half day
 * is locked in the same transaction, so nobody is sent to two sites at once. A retry (same site,
 * half day and volunteer) answers the task as it is now and sends no second message; another
 * volunteer for a site already served then is ALREADY_ASSIGNED (reassign it instead). A cancelled
 * task of that site and half day is started again, the cancelled holder kept in its history.
 */
export async function createAssignment(caller: Caller, body: NewTask): Promise<Assignment> {
  const parts = await loadTaskParts(caller, body);
  const id = assignmentIdFor(body.worksiteSignupId, body.date, body.slot);
  // Each round that loses a race reads the task again and answers from what won.
  for (let round = 0; round < 3; round += 1) {
    const existing = await getAssignmentRecord(id);
    if (existing && existing.status !== 'cancelled') {
      if (existing.volunteerSignupId !== body.volunteerSignupId) {
        throw new AppError('ALREADY_ASSIGNED');
      }
      // A retry. If the first try died between its write and its message, this sends it (once).
      if (existing.status === 'assigned') await notify(assignedNotice(existing));
      return assignmentView(existing);
    }
    if (existing && existing.history.length >= MAX_HISTORY) {
      throw new AppError('ALREADY_ASSIGNED', { message: '该工地这个时段的任务已多次变更，不能再分配' });
    }
    const next = taskRecord(id, body, parts, existing, now().toISOString());
    const outcome = await saveAssignment(next, existing ? existing.version : null, {
      take: { volunteerSignupId: next.volunteerSignupId, date: next.date, slot: next.slot },
    });
    if (outcome === 'saved') {
      await notify(assignedNotice(next));
      return assignmentView(next);
    }
    if (outcome === 'slotTaken') throw volunteerBusy();
  }
  throw new AppError('ALREADY_ASSIGNED', { message: '该工地这个时段的任务正在被他人修改，请刷新后重试' });
}
