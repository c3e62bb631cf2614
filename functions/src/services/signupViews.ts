import { maskPhone, type VolunteerSignup, type WorksiteSignup } from '@ankang/shared';
import type { VolunteerSignupRecord, WorksiteSignupRecord } from '../db/signupRecords';

/**
 * A stored worksite sign-up as anyone sees it, the applicant included: the phone masked, and
 * nothing of who applied or their request id. The full phone goes out only through the audited
 * reveal route.
 */
export function toWorksiteSignup(record: WorksiteSignupRecord): WorksiteSignup {
  const { applicantUserId: _applicant, contactPhone, requestId: _requestId, ...shown } = record;
  return { ...shown, contactPhoneMasked: maskPhone(contactPhone) };
}

/** A stored volunteer sign-up as anyone sees it: the phone masked. */
export function toVolunteerSignup(record: VolunteerSignupRecord): VolunteerSignup {
  const { phone, requestId: _requestId, ...shown } = record;
  return { ...shown, phoneMasked: maskPhone(phone) };
}
