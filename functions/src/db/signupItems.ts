import { keys, outreachIndexKeys } from './keys';
import type { VolunteerSignupRecord, WorksiteSignupRecord } from './signupRecords';

/**
 * A worksite sign-up as stored: the record and the keys of its two access patterns (the campaign's
 * review queue for its status, by district; the applicant's own list). Pure, so the seed writes
 * exactly what the API reads, and a review rewrites the queue key with the status.
 */
export function worksiteSignupToItem(record: WorksiteSignupRecord): Record<string, unknown> {
  return {
    ...keys.worksiteSignup(record.id),
    ...outreachIndexKeys.worksiteQueue(
      record.campaignId,
      record.status,
      record.orgPath,
      record.createdAt,
      record.id,
    ),
    ...outreachIndexKeys.worksiteByApplicant(record.applicantUserId, record.createdAt, record.id),
    type: 'WorksiteSignup',
    ...record,
  };
}

/** A volunteer sign-up as stored: the record, its campaign queue key (per status) and the user's list key. */
export function volunteerSignupToItem(record: VolunteerSignupRecord): Record<string, unknown> {
  return {
    ...keys.volunteerSignup(record.id),
    ...outreachIndexKeys.volunteerQueue(record.campaignId, record.status, record.createdAt, record.id),
    ...outreachIndexKeys.volunteerByUser(record.userId, record.createdAt, record.id),
    type: 'VolunteerSignup',
    ...record,
  };
}
