import { appendAuditEvent, newAuditEventId } from '../db/audit';
import { getWorksiteSignupRecord } from '../db/signups';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import type { Caller } from './caller';
import { assertInScope } from './scope';
import { loadReviewableVolunteerSignup } from './volunteerSignups';

/** The full phone of a sign-up and where it sits, once the caller's scope over it is checked. */
async function phoneInScope(caller: Caller, id: string) {
  if (id.startsWith('ws_')) {
    const signup = await getWorksiteSignupRecord(id);
    if (!signup) throw new AppError('SIGNUP_NOT_FOUND');
    assertInScope(caller, signup.orgPath);
    return { phone: signup.contactPhone, subjectType: 'worksiteSignup', orgPath: signup.orgPath };
  }
  const { signup, campaign } = await loadReviewableVolunteerSignup(caller, id);
  return { phone: signup.phone, subjectType: 'volunteerSignup', orgPath: campaign.orgPath };
}

/**
 * Staff in scope read a sign-up's full phone, giving a reason. The audit event is written before
 * the phone is answered: a reveal that could not be recorded is not made. Out of scope or unknown,
 * nothing is revealed and nothing recorded.
 */
export async function revealSignupPhone(
  caller: Caller,
  id: string,
  reason: string,
): Promise<{ phone: string }> {
  const { phone, subjectType, orgPath } = await phoneInScope(caller, id);
  await appendAuditEvent({
    id: newAuditEventId(),
    actorUserId: caller.userId,
    action: 'revealPhone',
    subjectType,
    subjectId: id,
    orgPath,
    reason,
    at: now().toISOString(),
  });
  return { phone };
}
