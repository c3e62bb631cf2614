import {
  type Campaign,
  type FieldIssue,
  isWithinOrg,
  type ReviewDecision,
  type SignupStatus,
  type VolunteerSignup,
  type VolunteerSignupDraft,
} from '@ankang/shared';
import { getCampaignById } from '../db/campaigns';
import { getOrgs } from '../db/orgs';
import type { VolunteerSignupRecord } from '../db/signupRecords';
import { saveVolunteerReview } from '../db/signupReviews';
import {
  getVolunteerSignupRecord,
  insertVolunteerSignup,
  listVolunteerQueue,
  listVolunteerSignupsOfUser,
} from '../db/signups';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import { pseudonym } from '../lib/pseudonym';
import type { Caller } from './caller';
import { getCampaign } from './campaigns';
import {
  assertOnCampaignLine,
  assertReviewable,
  campaignOpenForSignup,
  storeNewSignup,
} from './signupCampaign';
import { decide } from './signupReview';
import { datesOutsideSeason, outsideCampaignMessage, SIGNUP_PATH } from './signupRules';
import { toVolunteerSignup } from './signupViews';

const MY_SIGNUPS = 50;
const QUEUE_PAGE = 20;

/** One sign-up per person and campaign: the id is a keyed pseudonym of the two. */
async function volunteerSignupIdFor(userId: string, campaignId: string): Promise<string> {
  return `vs_${await pseudonym('volunteerSignup', userId, campaignId)}`;
}

/**
 * The caller's sign-up for the campaign, if any: by its id, or (for sign-ups stored under another
 * id, as the seeded demo ones are) among the caller's own.
 */
async function existingSignup(caller: Caller, campaignId: string, id: string) {
  const byId = await getVolunteerSignupRecord(id);
  if (byId) return byId;
  const mine = await listVolunteerSignupsOfUser(caller.userId, MY_SIGNUPS);
  return mine.find((signup) => signup.campaignId === campaignId) ?? null;
}

/** A retry of the request that made it is answered with it; any other request is a second sign-up. */
function answerFor(existing: VolunteerSignupRecord, requestId: string): VolunteerSignup {
  if (existing.requestId !== requestId) throw new AppError('ALREADY_SIGNED_UP');
  return toVolunteerSignup(existing);
}

/** Districts must exist and lie within the campaign's area; available dates within its season. */
async function checkDraft(draft: VolunteerSignupDraft, campaign: Campaign): Promise<void> {
  const districts = [...new Set(draft.districts)];
  const nodes = await getOrgs([...districts, campaign.orgPath]);
  if (districts.some((path) => !nodes.some((node) => node.path === path))) {
    throw new AppError('ORG_NOT_FOUND');
  }
  const region = nodes.find((node) => node.path === campaign.orgPath)?.region ?? '活动所在地区';
  const issues: FieldIssue[] = [
    ...draft.districts.flatMap((path, index) =>
      isWithinOrg(path, campaign.orgPath)
        ? []
        : [{ path: `${SIGNUP_PATH}.districts.${index}`, message: outsideCampaignMessage(region) }],
    ),
    ...datesOutsideSeason(
      draft.availability.map((slot) => slot.date),
      campaign.season,
      `${SIGNUP_PATH}.availability`,
      'date',
    ),
  ];
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', { details: { issues } });
}

/**
 * A person offers to volunteer for a campaign, once. A retry with the same request id answers with
 * the stored sign-up; another request for a campaign already signed up for is a 409
 * ALREADY_SIGNED_UP. The sign-up and its daily quota count are one transaction.
 */
export async function submitVolunteerSignup(
  caller: Caller,
  body: { requestId: string; signup: VolunteerSignupDraft },
): Promise<VolunteerSignup> {
  const draft = body.signup;
  const id = await volunteerSignupIdFor(caller.userId, draft.campaignId);
  const existing = await existingSignup(caller, draft.campaignId, id);
  if (existing) return answerFor(existing, body.requestId);

  const at = now();
  const campaign = await campaignOpenForSignup(caller, draft.campaignId, at);
  await checkDraft(draft, campaign);
  const stamp = at.toISOString();
  const record: VolunteerSignupRecord = {
    id,
    campaignId: campaign.id,
    userId: caller.userId,
    name: draft.name,
    districts: [...new Set(draft.districts)],
    availability: [...draft.availability].sort(
      (a, b) => a.date.localeCompare(b.date) || a.slot.localeCompare(b.slot),
    ),
    skills: [...new Set(draft.skills)],
    status: 'pending',
    version: 1,
    createdAt: stamp,
    updatedAt: stamp,
    phone: draft.phone,
    requestId: body.requestId,
  };
  // Stored meanwhile by a concurrent request: the same one is answered, another refused.
  const stored = await storeNewSignup(record, caller.userId, at, {
    insert: insertVolunteerSignup,
    reread: () => getVolunteerSignupRecord(id),
  });
  return answerFor(stored, body.requestId);
}

export async function listMyVolunteerSignups(caller: Caller): Promise<{ signups: VolunteerSignup[] }> {
  const records = await listVolunteerSignupsOfUser(caller.userId, MY_SIGNUPS);
  return { signups: records.map(toVolunteerSignup) };
}

/** A campaign's volunteer queue in one status, for staff on the campaign's line (signupCampaign.ts). */
export async function listVolunteerSignups(
  caller: Caller,
  campaignId: string,
  query: { status: SignupStatus; cursor?: string },
): Promise<{ signups: VolunteerSignup[]; nextCursor: string | null }> {
  const campaign = await getCampaign(caller, campaignId);
  assertOnCampaignLine(caller, campaign.orgPath);
  const page = await listVolunteerQueue(campaign.id, query.status, {
    limit: QUEUE_PAGE,
    cursor: query.cursor,
  });
  return { signups: page.signups.map(toVolunteerSignup), nextCursor: page.nextCursor };
}

/**
 * The stored sign-up, if the caller is on its campaign's line. A sign-up whose campaign is gone has
 * no scope to act in and is treated as missing.
 */
export async function loadReviewableVolunteerSignup(
  caller: Caller,
  id: string,
): Promise<{ signup: VolunteerSignupRecord; campaign: Campaign }> {
  const signup = await getVolunteerSignupRecord(id);
  const campaign = signup ? await getCampaignById(signup.campaignId) : null;
  if (!signup || !campaign) throw new AppError('SIGNUP_NOT_FOUND');
  assertOnCampaignLine(caller, campaign.orgPath);
  return { signup, campaign };
}

/**
 * Staff approve a volunteer (granting the volunteer role in the same transaction) or decline with
 * a reason. Retry-safe and version-checked as for worksites.
 */
export async function reviewVolunteerSignup(
  caller: Caller,
  id: string,
  decision: ReviewDecision,
): Promise<VolunteerSignup> {
  const { signup: current, campaign } = await loadReviewableVolunteerSignup(caller, id);
  assertReviewable(campaign);
  const decided = await decide(current, decision, caller.nickname, {
    save: saveVolunteerReview,
    reread: () => getVolunteerSignupRecord(id),
  });
  return toVolunteerSignup(decided);
}
