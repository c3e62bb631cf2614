import {
  type Campaign,
  type FieldIssue,
  isWithinOrg,
  orgPathChain,
  type ReviewDecision,
  type SignupStatus,
  type WorksiteSignup,
  type WorksiteSignupDraft,
} from '@ankang/shared';
import { getCampaignById } from '../db/campaigns';
import { getOrgs } from '../db/orgs';
import type { WorksiteSignupRecord } from '../db/signupRecords';
import { saveWorksiteReview } from '../db/signupReviews';
import {
  getWorksiteSignupRecord,
  insertWorksiteSignup,
  listWorksiteQueue,
  listWorksiteSignupsOfApplicant,
} from '../db/signups';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import { pseudonym } from '../lib/pseudonym';
import type { Caller } from './caller';
import { getCampaign } from './campaigns';
import { assertInScope } from './scope';
import {
  assertOnCampaignLine,
  assertReviewable,
  campaignOpenForSignup,
  defaultQueueRoot,
  storeNewSignup,
} from './signupCampaign';
import { decide } from './signupReview';
import {
  catalogIssues,
  chainOf,
  datesOutsideSeason,
  districtName,
  locationIssues,
  outsideCampaignMessage,
  SIGNUP_PATH,
  workerGroupIssues,
} from './signupRules';
import { toWorksiteSignup } from './signupViews';

/** How many of their own sign-ups a contact sees (the latest is offered as the start of the next). */
const MY_SIGNUPS = 50;
const QUEUE_PAGE = 20;

function invalid(issues: FieldIssue[]): AppError {
  return new AppError('VALIDATION_FAILED', { details: { issues } });
}

/**
 * Checks the draft against its campaign and district; answers the district's name as people say
 * it. Every field problem is reported at once.
 */
async function checkedDistrict(draft: WorksiteSignupDraft, campaign: Campaign): Promise<string> {
  const nodes = await getOrgs([...new Set([...orgPathChain(draft.orgPath), campaign.orgPath])]);
  if (!nodes.some((node) => node.path === draft.orgPath)) throw new AppError('ORG_NOT_FOUND');
  const chain = chainOf(nodes, draft.orgPath);
  const campaignOrg = nodes.find((node) => node.path === campaign.orgPath);
  const inCampaign = isWithinOrg(draft.orgPath, campaign.orgPath);
  const issues: FieldIssue[] = [
    ...(inCampaign
      ? []
      : [
          {
            path: `${SIGNUP_PATH}.orgPath`,
            message: outsideCampaignMessage(campaignOrg?.region ?? '活动所在地区'),
          },
        ]),
    ...locationIssues(draft.location, chain),
    ...workerGroupIssues(draft.workerGroups, campaign.targetGroups),
    ...catalogIssues(draft.requested, campaign.kinds),
    ...datesOutsideSeason(draft.preferredDates, campaign.season, `${SIGNUP_PATH}.preferredDates`),
  ];
  if (issues.length > 0) throw invalid(issues);
  return districtName(chain, campaign.orgPath);
}

/** The phone of the caller's own earlier sign-up; anyone else's is as absent as a missing one. */
async function reusedPhone(caller: Caller, signupId: string): Promise<string> {
  const earlier = await getWorksiteSignupRecord(signupId);
  if (!earlier || earlier.applicantUserId !== caller.userId) throw new AppError('SIGNUP_NOT_FOUND');
  return earlier.contactPhone;
}

/**
 * A worksite signs up for a campaign. The id is a keyed pseudonym of who sent it and the client's
 * request id, so a retry finds the first sign-up and answers with it (nothing stored or counted
 * again). Bad input is refused before anything is written; the sign-up and its daily quota count
 * are one transaction.
 */
export async function submitWorksiteSignup(
  caller: Caller,
  body: { requestId: string; signup: WorksiteSignupDraft },
): Promise<WorksiteSignup> {
  const id = `ws_${await pseudonym('worksiteSignup', caller.userId, body.requestId)}`;
  const first = await getWorksiteSignupRecord(id);
  if (first) return toWorksiteSignup(first);

  const draft = body.signup;
  const at = now();
  const campaign = await campaignOpenForSignup(caller, draft.campaignId, at);
  const orgName = await checkedDistrict(draft, campaign);
  const contactPhone = draft.contactPhone ?? (await reusedPhone(caller, draft.reusePhoneFrom ?? ''));
  const stamp = at.toISOString();
  const record: WorksiteSignupRecord = {
    id,
    campaignId: campaign.id,
    siteName: draft.siteName,
    orgPath: draft.orgPath,
    orgName,
    address: draft.address,
    ...(draft.location ? { location: { lat: draft.location.lat, lng: draft.location.lng } } : {}),
    outdoorWorkers: draft.outdoorWorkers,
    highTempWorkers: draft.highTempWorkers,
    workerGroups: [...new Set(draft.workerGroups)],
    requested: draft.requested.map((entry) => ({ kind: entry.kind, items: [...new Set(entry.items)] })),
    preferredDates: [...draft.preferredDates].sort(),
    contactName: draft.contactName,
    ...(draft.note ? { note: draft.note } : {}),
    status: 'pending',
    version: 1,
    createdAt: stamp,
    updatedAt: stamp,
    applicantUserId: caller.userId,
    contactPhone,
    requestId: body.requestId,
  };
  // A concurrent retry of the same request may store it first: it is answered alike.
  const stored = await storeNewSignup(record, caller.userId, at, {
    insert: insertWorksiteSignup,
    reread: () => getWorksiteSignupRecord(id),
  });
  return toWorksiteSignup(stored);
}

/** The caller's own worksite sign-ups and their review results, newest first. */
export async function listMyWorksiteSignups(caller: Caller): Promise<{ signups: WorksiteSignup[] }> {
  const records = await listWorksiteSignupsOfApplicant(caller.userId, MY_SIGNUPS);
  return { signups: records.map(toWorksiteSignup) };
}

/**
 * A campaign's review queue in one status, within a district subtree: the one asked (the pipeline
 * has checked it is within the caller's scope) or the default root. Staff beside the campaign are
 * refused even when they ask for their own node, which could never hold its sign-ups.
 */
export async function listWorksiteSignups(
  caller: Caller,
  campaignId: string,
  query: { status: SignupStatus; org?: string; cursor?: string },
): Promise<{ signups: WorksiteSignup[]; nextCursor: string | null }> {
  const campaign = await getCampaign(caller, campaignId);
  assertOnCampaignLine(caller, campaign.orgPath);
  const root = query.org ?? defaultQueueRoot(caller, campaign.orgPath);
  const page = await listWorksiteQueue(campaign.id, query.status, root, {
    limit: QUEUE_PAGE,
    cursor: query.cursor,
  });
  return { signups: page.signups.map(toWorksiteSignup), nextCursor: page.nextCursor };
}

/**
 * Staff whose scope holds the site's district approve it, or decline it with a reason the applicant
 * reads. The queue key moves with the status in the same write; retries and races as in `decide`.
 */
export async function reviewWorksiteSignup(
  caller: Caller,
  id: string,
  decision: ReviewDecision,
): Promise<WorksiteSignup> {
  const current = await getWorksiteSignupRecord(id);
  if (!current) throw new AppError('SIGNUP_NOT_FOUND');
  assertInScope(caller, current.orgPath);
  const campaign = await getCampaignById(current.campaignId);
  if (!campaign) throw new AppError('SIGNUP_NOT_FOUND');
  assertReviewable(campaign);
  const decided = await decide(current, decision, caller.nickname, {
    save: saveWorksiteReview,
    reread: () => getWorksiteSignupRecord(id),
  });
  return toWorksiteSignup(decided);
}
