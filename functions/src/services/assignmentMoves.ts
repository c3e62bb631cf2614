import {
  type Assignment,
  type AssignmentResponse,
  assignmentTransitions,
  shanghaiDate,
} from '@ankang/shared';
import { type AssignmentRecord, heldSlot, type VolunteerSlot } from '../db/assignmentItems';
import { getAssignmentRecord, saveAssignment } from '../db/assignments';
import { getVolunteerSignupRecord } from '../db/signups';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import { assignedNotice } from './assignmentNotices';
import {
  assertVolunteerFits,
  assignmentView,
  formerHolder,
  loadManagedAssignment,
  MAX_HISTORY,
  versionConflict,
  volunteerBusy,
} from './assignmentRules';
import type { Caller } from './caller';
import { notify } from './notifier';

/**
 * Writes a move checked against `expectedVersion`; the half day the task gives up and the one it
 * takes move in the same transaction. A lost race is answered from the task that won: when it is
 * what this very request makes (`sameMove`: a copy of the request sent at the same time), with the
 * stored task, as the retry it is; otherwise VERSION_CONFLICT with the version now.
 */
async function commit(
  next: AssignmentRecord,
  expectedVersion: number,
  slots: { release?: VolunteerSlot | null; take?: VolunteerSlot | null },
  sameMove: (stored: AssignmentRecord) => boolean,
): Promise<AssignmentRecord> {
  const outcome = await saveAssignment(next, expectedVersion, slots);
  if (outcome === 'saved') return next;
  if (outcome === 'slotTaken') throw volunteerBusy();
  const latest = await getAssignmentRecord(next.id);
  if (latest && sameMove(latest)) return latest;
  throw versionConflict(latest);
}

/**
 * Staff hand a waiting, accepted or declined task to another volunteer: the earlier one goes into
 * the history with the status they left it in (and their reason, if they declined), their half day
 * is released and the new volunteer's taken, and the new volunteer is notified. Handing a task to
 * the volunteer who holds it is refused (INVALID_TRANSITION): it changes nothing, and a volunteer
 * who declined is asked again outside the app, not by resending the task. The same reassignment
 * sent again (its answer was lost), or at the same time, answers the task as it is, and sends the
 * message if the first try did not get to it (the notifier sends each event once).
 */
export async function reassignAssignment(
  caller: Caller,
  id: string,
  body: { version: number; volunteerSignupId: string },
): Promise<Assignment> {
  const current = await loadManagedAssignment(caller, id);
  const sameMove = (stored: AssignmentRecord) =>
    stored.volunteerSignupId === body.volunteerSignupId &&
    stored.status === 'assigned' &&
    stored.version === body.version + 1 &&
    stored.history.length > 0;
  if (sameMove(current)) {
    // A retry. If the first try died between its write and its message, this sends it (once).
    await notify(assignedNotice(current));
    return assignmentView(current);
  }
  if (current.version !== body.version) throw versionConflict(current);
  if (!assignmentTransitions[current.status].includes('assigned')) throw new AppError('INVALID_TRANSITION');
  // Past its day nobody can go, answer or be reminded: a message would only name a day gone by.
  if (current.date < shanghaiDate(now())) {
    throw new AppError('INVALID_TRANSITION', { message: '任务日期已过，不能改派' });
  }
  if (current.volunteerSignupId === body.volunteerSignupId) {
    throw new AppError('INVALID_TRANSITION', { message: '任务已由该志愿者负责，请选择其他志愿者' });
  }
  if (current.history.length >= MAX_HISTORY) {
    throw new AppError('INVALID_TRANSITION', { message: '该任务改派次数已达上限，不能再改派' });
  }
  const volunteer = await getVolunteerSignupRecord(body.volunteerSignupId);
  if (!volunteer) throw new AppError('SIGNUP_NOT_FOUND', { message: '未找到该志愿者报名' });
  assertVolunteerFits(volunteer, current);
  const at = now().toISOString();
  const next: AssignmentRecord = {
    ...current,
    volunteerSignupId: volunteer.id,
    volunteerName: volunteer.name,
    volunteerUserId: volunteer.userId,
    status: 'assigned',
    reason: undefined,
    history: [...current.history, formerHolder(current, at)],
    version: current.version + 1,
    updatedAt: at,
  };
  const stored = await commit(
    next,
    body.version,
    {
      release: heldSlot(current),
      take: { volunteerSignupId: volunteer.id, date: next.date, slot: next.slot },
    },
    sameMove,
  );
  await notify(assignedNotice(stored));
  return assignmentView(stored);
}

/** Staff cancel a task with a reason; the volunteer's half day is free again. Cancelled is final. */
export async function cancelAssignment(
  caller: Caller,
  id: string,
  body: { version: number; reason: string },
): Promise<Assignment> {
  const current = await loadManagedAssignment(caller, id);
  // The same cancel sent again (its answer was lost): it happened, answer as the first time.
  const sameMove = (stored: AssignmentRecord) =>
    stored.status === 'cancelled' && stored.version === body.version + 1;
  if (sameMove(current)) return assignmentView(current);
  if (current.version !== body.version) throw versionConflict(current);
  if (!assignmentTransitions[current.status].includes('cancelled')) throw new AppError('INVALID_TRANSITION');
  const at = now().toISOString();
  const next: AssignmentRecord = {
    ...current,
    status: 'cancelled',
    reason: body.reason,
    version: current.version + 1,
    updatedAt: at,
  };
  return assignmentView(await commit(next, body.version, { release: heldSlot(current) }, sameMove));
}

/**
 * The volunteer holding a waiting task accepts it, or declines it with a reason (their half day is
 * free again). Anyone else is told the task does not exist. The same answer sent again returns the
 * task unchanged; a different answer to an answered task is INVALID_TRANSITION.
 */
export async function respondToAssignment(
  caller: Caller,
  id: string,
  body: { version: number; response: AssignmentResponse },
): Promise<Assignment> {
  const current = await getAssignmentRecord(id);
  if (!current || current.volunteerUserId !== caller.userId) throw new AppError('ASSIGNMENT_NOT_FOUND');
  const target = body.response.decision === 'accept' ? 'accepted' : 'declined';
  const sameMove = (stored: AssignmentRecord) =>
    stored.volunteerUserId === caller.userId && stored.status === target;
  if (sameMove(current)) return assignmentView(current);
  if (current.version !== body.version) throw versionConflict(current);
  if (!assignmentTransitions[current.status].includes(target)) throw new AppError('INVALID_TRANSITION');
  const at = now().toISOString();
  const next: AssignmentRecord = {
    ...current,
    status: target,
    reason: body.response.decision === 'decline' ? body.response.reason : undefined,
    version: current.version + 1,
    updatedAt: at,
  };
  const slots = target === 'declined' ? { release: heldSlot(current) } : {};
  return assignmentView(await commit(next, body.version, slots, sameMove));
}
