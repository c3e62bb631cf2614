import type { Assignment, AssignmentHistoryEntry } from '@ankang/shared';
import type { AssignmentRecord } from '../db/assignmentItems';
import { getAssignmentRecord } from '../db/assignments';
import type { VolunteerSignupRecord } from '../db/signupRecords';
import { AppError } from '../lib/errors';
import type { Caller } from './caller';
import { assertInScope } from './scope';

/**
 * Earlier holders a task keeps. Past this, the task is not handed on again (409): twenty changes of
 * hands for one site and half day means the plan needs a rethink, not another reassignment.
 */
export const MAX_HISTORY = 20;

/** The task as readers see it: explicit fields, never the stored record with its user id. */
export function assignmentView(record: AssignmentRecord): Assignment {
  return {
    id: record.id,
    campaignId: record.campaignId,
    campaignTitle: record.campaignTitle,
    worksiteSignupId: record.worksiteSignupId,
    volunteerSignupId: record.volunteerSignupId,
    volunteerName: record.volunteerName,
    date: record.date,
    slot: record.slot,
    status: record.status,
    ...(record.reason === undefined ? {} : { reason: record.reason }),
    site: {
      siteName: record.site.siteName,
      address: record.site.address,
      orgName: record.site.orgName,
      ...(record.site.location ? { location: record.site.location } : {}),
      contactName: record.site.contactName,
      contactPhoneMasked: record.site.contactPhoneMasked,
      outdoorWorkers: record.site.outdoorWorkers,
      requested: record.site.requested,
    },
    history: record.history,
    version: record.version,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

/** The holder a task leaves behind when it changes hands: who, the status they left it in, why. */
export function formerHolder(record: AssignmentRecord, at: string): AssignmentHistoryEntry {
  return {
    volunteerSignupId: record.volunteerSignupId,
    volunteerName: record.volunteerName,
    status: record.status,
    ...(record.reason === undefined ? {} : { reason: record.reason }),
    at,
  };
}

/** A 400 naming one body field, as the pipeline words its own. */
export function fieldError(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', { details: { issues: [{ path: `body.${field}`, message }] } });
}

export function versionConflict(current: Pick<AssignmentRecord, 'version'> | null): AppError {
  return new AppError('VERSION_CONFLICT', {
    ...(current ? { details: { currentVersion: current.version } } : {}),
  });
}

/** The stored task, if it exists and its site lies within the caller's org. */
export async function loadManagedAssignment(caller: Caller, id: string): Promise<AssignmentRecord> {
  const record = await getAssignmentRecord(id);
  if (!record) throw new AppError('ASSIGNMENT_NOT_FOUND');
  assertInScope(caller, record.orgPath);
  return record;
}

/**
 * The volunteer may take a task of `campaignId` on `date`/`slot`: their sign-up is for that
 * campaign, approved, and offers that half day. Whether they are free then is the slot lock's to say.
 */
export function assertVolunteerFits(
  volunteer: VolunteerSignupRecord,
  task: { campaignId: string; date: string; slot: string },
): void {
  if (volunteer.campaignId !== task.campaignId) {
    throw fieldError('volunteerSignupId', '该志愿者报名的不是这个工地所在的活动');
  }
  if (volunteer.status !== 'approved') {
    throw new AppError('NOT_APPROVED', { message: '该志愿者的报名尚未通过审核，不能分配任务' });
  }
  if (!volunteer.availability.some((free) => free.date === task.date && free.slot === task.slot)) {
    throw new AppError('VOLUNTEER_UNAVAILABLE', { message: '该志愿者没有报名这个时段' });
  }
}

export const volunteerBusy = () =>
  new AppError('VOLUNTEER_UNAVAILABLE', { message: '该志愿者这个时段已有其他任务' });
