import {
  type Assignment,
  type Campaign,
  type CampaignDraft,
  type CampaignStatus,
  type ContractCallInput,
  cancelAssignment,
  createAssignment,
  createCampaign,
  getCampaign,
  listAssignments,
  listCampaigns,
  listOrgs,
  listVolunteerSignups,
  listWorksiteSignups,
  type OrgNode,
  reassignAssignment,
  revealSignupPhone,
  reviewVolunteerSignup,
  reviewWorksiteSignup,
  type SignupStatus,
  setCampaignStatus,
  updateCampaign,
  type VolunteerSignup,
  type WorksiteSignup,
} from '@ankang/shared';
import { call } from './api';

/** A page of a staff queue as usePagedList takes it (the API's null cursor is "no more"). */
export interface OutreachPage<T> {
  items: T[];
  nextCursor?: string;
}

const page = <T>(items: T[], nextCursor: string | null): OutreachPage<T> => ({
  items,
  nextCursor: nextCursor ?? undefined,
});

/** The campaigns a place takes part in (its own union's and those above it), newest season first. */
export async function fetchCampaigns(org: string): Promise<Campaign[]> {
  const { campaigns } = await call(listCampaigns, { query: { org } });
  return campaigns;
}

export function fetchCampaign(id: string): Promise<Campaign> {
  return call(getCampaign, { params: { id } });
}

/**
 * The caller's org subtree: who may run a campaign, and the districts a queue can narrow to. With a
 * `root` (in scope), the subtree from there: an admin's own node, so a national admin is not
 * handed every node in the country.
 */
export async function fetchScopeOrgs(root?: string): Promise<OrgNode[]> {
  const { orgs } = await call(listOrgs, { query: { root } });
  return orgs;
}

/**
 * `requestId` is made once per new campaign and sent again on every retry, so a create whose
 * answer was lost returns the first campaign instead of making a second.
 */
export function saveNewCampaign(draft: CampaignDraft, requestId: string): Promise<Campaign> {
  return call(createCampaign, { body: { ...draft, requestId } });
}

/** Saves with the version that was loaded; a stale version answers 409 VERSION_CONFLICT. */
export function saveCampaign(id: string, version: number, draft: CampaignDraft): Promise<Campaign> {
  return call(updateCampaign, { params: { id }, body: { ...draft, version } });
}

export function moveCampaign(
  campaign: Pick<Campaign, 'id' | 'version'>,
  status: CampaignStatus,
): Promise<Campaign> {
  return call(setCampaignStatus, {
    params: { id: campaign.id },
    body: { version: campaign.version, status },
  });
}

export async function fetchWorksiteSignups(
  campaignId: string,
  query: { status: SignupStatus; org?: string; cursor?: string },
): Promise<OutreachPage<WorksiteSignup>> {
  const answer = await call(listWorksiteSignups, { params: { id: campaignId }, query });
  return page(answer.signups, answer.nextCursor);
}

export async function fetchVolunteerSignups(
  campaignId: string,
  query: { status: SignupStatus; cursor?: string },
): Promise<OutreachPage<VolunteerSignup>> {
  const answer = await call(listVolunteerSignups, { params: { id: campaignId }, query });
  return page(answer.signups, answer.nextCursor);
}

/** 通过, or 不通过 with the reason the applicant will read. */
export type SignupDecision = { decision: 'approve' } | { decision: 'decline'; reason: string };

/** Sent with the version shown; a retry of the same decision is answered with its result. */
export function reviewSignup(
  signup: WorksiteSignup | VolunteerSignup,
  decision: SignupDecision,
): Promise<WorksiteSignup | VolunteerSignup> {
  const body = { ...decision, version: signup.version };
  return signup.id.startsWith('ws_')
    ? call(reviewWorksiteSignup, { params: { id: signup.id }, body })
    : call(reviewVolunteerSignup, { params: { id: signup.id }, body });
}

/** The full phone of a sign-up; the server records who asked, when and why. */
export async function revealPhone(signupId: string, reason: string): Promise<string> {
  const { phone } = await call(revealSignupPhone, { params: { id: signupId }, body: { reason } });
  return phone;
}

export async function fetchAssignments(
  campaignId: string,
  date: string,
  cursor?: string,
): Promise<OutreachPage<Assignment>> {
  const answer = await call(listAssignments, { params: { id: campaignId }, query: { date, cursor } });
  return page(answer.assignments, answer.nextCursor);
}

export type NewAssignment = ContractCallInput<typeof createAssignment>['body'];

/** Retry-safe on the server: one task per site and half day, a retry answers the same task. */
export function assign(input: NewAssignment): Promise<Assignment> {
  return call(createAssignment, { body: input });
}

export function reassign(
  assignment: Pick<Assignment, 'id' | 'version'>,
  volunteerSignupId: string,
): Promise<Assignment> {
  return call(reassignAssignment, {
    params: { id: assignment.id },
    body: { version: assignment.version, volunteerSignupId },
  });
}

export function cancelTask(
  assignment: Pick<Assignment, 'id' | 'version'>,
  reason: string,
): Promise<Assignment> {
  return call(cancelAssignment, {
    params: { id: assignment.id },
    body: { version: assignment.version, reason },
  });
}
