import { type Campaign, isWithinOrg, shanghaiDate } from '@ankang/shared';
import type { InsertSignupOutcome } from '../db/signups';
import type { TransactItem } from '../db/transactions';
import { AppError } from '../lib/errors';
import type { Caller } from './caller';
import { getCampaign } from './campaigns';
import { dailyQuota, rateLimited } from './limits';
import { isInScope } from './scope';
import { dateRangeLabel, withinRange } from './signupRules';

/**
 * The campaign a sign-up is for, if the caller's place may see it (as in the campaign listing) and
 * it takes sign-ups today: open, and today's Shanghai date within its sign-up window.
 */
export async function campaignOpenForSignup(caller: Caller, campaignId: string, at: Date): Promise<Campaign> {
  const campaign = await getCampaign(caller, campaignId);
  if (campaign.status !== 'open') {
    throw new AppError('SIGNUP_CLOSED', { message: '该活动当前未开放报名' });
  }
  if (!withinRange(shanghaiDate(at), campaign.signup)) {
    throw new AppError('SIGNUP_CLOSED', {
      message: `该活动的报名时间为${dateRangeLabel(campaign.signup)}，当前不在报名时间内`,
    });
  }
  return campaign;
}

/**
 * Stores a new sign-up (either kind) counted against the applicant's daily quota in the same
 * transaction, and answers it; when one is already stored under its id (a concurrent request got
 * there first), answers that one instead. Three rounds when a concurrent transaction got in the way.
 */
export async function storeNewSignup<R>(
  record: R,
  applicantUserId: string,
  at: Date,
  store: {
    insert(record: R, quota: TransactItem): Promise<InsertSignupOutcome>;
    reread(): Promise<R | null>;
  },
): Promise<R> {
  const quota = await dailyQuota(applicantUserId, 'signup', at);
  for (let round = 0; round < 3; round += 1) {
    const outcome = await store.insert(record, quota);
    if (outcome === 'inserted') return record;
    if (outcome === 'overQuota') throw rateLimited('signup');
    if (outcome === 'exists') {
      const stored = await store.reread();
      if (stored) return stored;
    }
  }
  throw new AppError('RATE_LIMITED', { message: '报名提交繁忙，请稍后再试' });
}

/**
 * Staff on the campaign's line: its own union and those above it (the campaign's node is in their
 * scope), or a union below it (their node is inside the campaign's subtree). Staff beside it, in
 * another county, are not. Admins always are.
 *
 * Volunteer sign-ups are held to this rule as a whole: volunteers serve the whole campaign, and a
 * town union organises its town's deliveries from the campaign's one pool of volunteers, so town
 * staff see, review and call every volunteer of a county campaign they take part in (phones
 * masked, reveals audited). Worksite sign-ups are narrower: each is in scope only of the staff
 * whose node holds its district.
 */
function onCampaignLine(caller: Caller, campaignOrgPath: string): boolean {
  if (isInScope(caller, campaignOrgPath)) return true;
  return caller.orgPath !== null && isWithinOrg(caller.orgPath, campaignOrgPath);
}

export function assertOnCampaignLine(caller: Caller, campaignOrgPath: string): void {
  if (!onCampaignLine(caller, campaignOrgPath)) throw new AppError('OUT_OF_SCOPE');
}

/**
 * A sign-up is decided while its campaign runs: a closed campaign only stopped taking new ones, an
 * archived one is over and filed (approving would still grant the volunteer role).
 */
export function assertReviewable(campaign: Pick<Campaign, 'status'>): void {
  if (campaign.status === 'archived') {
    throw new AppError('INVALID_TRANSITION', { message: '活动已归档，不能再审核报名' });
  }
}

/**
 * Where a worksite queue starts when no district is asked: the deeper of the caller's node and the
 * campaign's (a town's staff see their town; county staff, or staff above, see the campaign's whole
 * area).
 */
export function defaultQueueRoot(caller: Caller, campaignOrgPath: string): string {
  if (caller.orgPath !== null && isWithinOrg(caller.orgPath, campaignOrgPath)) return caller.orgPath;
  return campaignOrgPath;
}
