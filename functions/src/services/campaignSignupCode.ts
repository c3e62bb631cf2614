import type { Campaign } from '@ankang/shared';
import { AppError } from '../lib/errors';
import type { Caller } from './caller';
import { loadManagedCampaign } from './campaigns';
import { type CodeImage, fetchUnlimitedCode } from './wechatCodes';

/** The worksite sign-up page; it reads the campaign id from the code's `scene`. */
const SIGNUP_CODE_PAGE = 'outreach/pages/signup/index';

/**
 * A code is made while posters can still bring sign-ups: before opening (printed ahead) and while
 * open. A closed or archived campaign's code would only lead to a form that refuses.
 */
const CODE_STATUSES: ReadonlySet<Campaign['status']> = new Set(['draft', 'open']);

/**
 * The mini-program code staff post or send so a worksite signs up for this campaign by scanning it.
 * WeChat makes it anew on each request (unlimited codes cost nothing and never expire), so nothing
 * is stored.
 */
export async function getCampaignSignupCode(
  caller: Caller,
  id: string,
): Promise<{ image: string; mimeType: CodeImage['mimeType']; page: string; scene: string }> {
  const campaign = await loadManagedCampaign(caller, id);
  if (!CODE_STATUSES.has(campaign.status)) throw new AppError('INVALID_TRANSITION');
  // Campaign ids are cp_ + 24 hex characters, within the scene's 32-character limit.
  const code = await fetchUnlimitedCode(campaign.id, SIGNUP_CODE_PAGE);
  return {
    image: code.bytes.toString('base64'),
    mimeType: code.mimeType,
    page: SIGNUP_CODE_PAGE,
    scene: campaign.id,
  };
}
