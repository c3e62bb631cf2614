import { createHash } from 'node:crypto';
import { assignmentSchema, maskPhone, orgPathSchema } from '@ankang/shared';
import { z } from 'zod';
import { keys, outreachIndexKeys } from './keys';
import type { WorksiteSignupRecord } from './signupRecords';

/**
 * An assignment as stored: what readers see plus what only the server uses — the site's district
 * (the board's scope filter) and the volunteer's user id (their task list, their notifications,
 * who may answer). Services turn a record into its view; nothing returns a record as it is.
 */
export const assignmentRecordSchema = assignmentSchema.extend({
  orgPath: orgPathSchema,
  volunteerUserId: z.string(),
});
export type AssignmentRecord = z.infer<typeof assignmentRecordSchema>;

/**
 * The item of an assignment: the record, the date index (board, reminders) and the volunteer index
 * (我的任务; it follows the task to a new volunteer on reassignment). Pure, so the seed writes
 * exactly what the API reads.
 */
export function assignmentToItem(record: AssignmentRecord): Record<string, unknown> {
  return {
    ...keys.assignment(record.id),
    ...outreachIndexKeys.assignmentByDate(record.date, record.campaignId, record.slot, record.id),
    ...outreachIndexKeys.assignmentByVolunteer(record.volunteerUserId, record.date, record.slot, record.id),
    type: 'Assignment',
    ...record,
  };
}

/**
 * What the volunteer needs of the site on the day, copied onto the task (the phone masked). Pure,
 * so the seeded demo tasks carry the same snapshot a create makes.
 */
export function siteSnapshot(worksite: WorksiteSignupRecord): AssignmentRecord['site'] {
  return {
    siteName: worksite.siteName,
    address: worksite.address,
    orgName: worksite.orgName,
    ...(worksite.location ? { location: worksite.location } : {}),
    contactName: worksite.contactName,
    contactPhoneMasked: maskPhone(worksite.contactPhone),
    outdoorWorkers: worksite.outdoorWorkers,
    requested: worksite.requested.map((entry) => ({ kind: entry.kind, items: [...entry.items] })),
  };
}

/** One volunteer's half day, held by at most one live task. */
export interface VolunteerSlot {
  volunteerSignupId: string;
  date: string;
  slot: string;
}

/** A half day's lock outlives its day by this long; then the table's TTL drops it. */
const SLOT_KEPT_S = 30 * 86_400;

/** The lock item that holds `slot` for `assignmentId`. */
export function volunteerSlotItem(
  slot: VolunteerSlot,
  assignmentId: string,
  at: string,
): Record<string, unknown> {
  return {
    ...keys.volunteerSlot(slot.volunteerSignupId, slot.date, slot.slot),
    type: 'VolunteerSlot',
    ...slot,
    assignmentId,
    expiresAt: Math.floor(Date.parse(`${slot.date}T00:00:00+08:00`) / 1000) + SLOT_KEPT_S,
    version: 1,
    updatedAt: at,
  };
}

/** The half day a task's volunteer holds while the task is live (waiting for an answer, or accepted). */
export function heldSlot(record: AssignmentRecord): VolunteerSlot | null {
  if (record.status !== 'assigned' && record.status !== 'accepted') return null;
  return { volunteerSignupId: record.volunteerSignupId, date: record.date, slot: record.slot };
}

/**
 * One task per site and half day: the id is a hash of the worksite sign-up, date and half day, so a
 * retried create, two staff assigning the same site at once, and the seeded demo tasks all land on
 * the same item. Unkeyed on purpose: none of the parts says anything about a person.
 */
export function assignmentIdFor(worksiteSignupId: string, date: string, slot: string): string {
  const digest = createHash('sha256').update(['assignment', worksiteSignupId, date, slot].join('\u001f'));
  return `as_${digest.digest('hex').slice(0, 32)}`;
}
