import { type Campaign, isWithinOrg, shanghaiDate } from '@ankang/shared';
import { AppError } from '../lib/errors';
import type { Caller } from './caller';
import { getCampaign } from './campaigns';
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
export function onCampaignLine(caller: Caller, campaignOrgPath: string): boolean {
  if (isInScope(caller, campaignOrgPath)) return true;
  return caller.orgPath !== null && isWithinOrg(caller.orgPath, campaignOrgPath);
}

export function assertOnCampaignLine(caller: Caller, campaignOrgPath: string): void {
  if (!onCampaignLine(caller, campaignOrgPath)) throw new AppError('OUT_OF_SCOPE');
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
