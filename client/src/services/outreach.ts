import {
  assignmentResponseSchema,
  type Campaign,
  type ContractCallInput,
  type ContractOutput,
  campaignIdSchema,
  getCampaign,
  getSubscriptions,
  listCampaigns,
  listMyAssignments,
  listMyVolunteerSignups,
  listMyWorksiteSignups,
  type NotificationTopic,
  recordSubscriptions,
  respondToAssignment,
  submitVolunteerSignup,
  submitWorksiteSignup,
} from '@ankang/shared';
import { call } from './api';
import { reasonRule } from './reasonRule';

/**
 * The campaign a sign-up page is for, from its query (`?campaign=<id>`, or the `scene` of a QR
 * code, which WeChat hands over URL-encoded); null when it is missing or not a campaign id.
 */
export function campaignIdOf(raw: string | undefined): string | null {
  if (!raw) return null;
  let id: string;
  try {
    id = decodeURIComponent(raw).trim();
  } catch {
    return null;
  }
  return campaignIdSchema.safeParse(id).success ? id : null;
}

/** 三送 campaigns run by the union of a place or the unions above it. */
export async function fetchCampaigns(org: string): Promise<Campaign[]> {
  const { campaigns } = await call(listCampaigns, { query: { org } });
  return campaigns;
}

// Campaigns change rarely while the app is open: 我的报名 and a task need the titles and item names
// of the same few campaigns, read once each.
const campaignCache = new Map<string, Promise<Campaign>>();

/** One campaign with its catalog, fresh from the server (a sign-up form needs its current status). */
export function fetchCampaign(id: string): Promise<Campaign> {
  const pending = call(getCampaign, { params: { id } });
  campaignCache.set(id, pending);
  // A failed read is forgotten, so the next asks again.
  pending.catch(() => {
    if (campaignCache.get(id) === pending) campaignCache.delete(id);
  });
  return pending;
}

/** The campaigns of a list of ids, each read once per app run; one that cannot be read is left out. */
export async function fetchCampaignsById(ids: string[]): Promise<Map<string, Campaign>> {
  const unique = [...new Set(ids)];
  const settled = await Promise.allSettled(unique.map((id) => campaignCache.get(id) ?? fetchCampaign(id)));
  const found = new Map<string, Campaign>();
  settled.forEach((result, index) => {
    if (result.status === 'fulfilled') found.set(unique[index]!, result.value);
  });
  return found;
}

export type WorksiteSignupBody = ContractCallInput<typeof submitWorksiteSignup>['body'];
export type WorksiteSignupView = ContractOutput<typeof submitWorksiteSignup>;

/** Retry-safe: the same `requestId` returns the sign-up stored first. */
export function sendWorksiteSignup(body: WorksiteSignupBody): Promise<WorksiteSignupView> {
  return call(submitWorksiteSignup, { body });
}

/** The caller's worksite sign-ups, latest first. */
export async function fetchMyWorksiteSignups(): Promise<WorksiteSignupView[]> {
  const { signups } = await call(listMyWorksiteSignups, {});
  return signups;
}

export type VolunteerSignupBody = ContractCallInput<typeof submitVolunteerSignup>['body'];
export type VolunteerSignupView = ContractOutput<typeof submitVolunteerSignup>;

/** Retry-safe as the worksite one; a second sign-up for the campaign is ALREADY_SIGNED_UP. */
export function sendVolunteerSignup(body: VolunteerSignupBody): Promise<VolunteerSignupView> {
  return call(submitVolunteerSignup, { body });
}

export async function fetchMyVolunteerSignups(): Promise<VolunteerSignupView[]> {
  const { signups } = await call(listMyVolunteerSignups, {});
  return signups;
}

export type Task = ContractOutput<typeof respondToAssignment>;

/** The volunteer's tasks: waiting and accepted ones first, by date. */
export async function fetchMyTasks(): Promise<Task[]> {
  const { assignments } = await call(listMyAssignments, {});
  return assignments;
}

export type TaskResponse = ContractCallInput<typeof respondToAssignment>['body']['response'];

/** 婉拒's reason, required (staff read it to reassign), checked with the route's own rule. */
export const checkTaskDeclineReason = reasonRule(
  assignmentResponseSchema,
  (reason) => ({ decision: 'decline', reason }),
  '请填写婉拒原因',
);

/** Accept, or decline with a reason, the version the volunteer saw (a stale one is VERSION_CONFLICT). */
export function respondToTask(task: Pick<Task, 'id' | 'version'>, response: TaskResponse): Promise<Task> {
  return call(respondToAssignment, { params: { id: task.id }, body: { version: task.version, response } });
}

export type Subscription = ContractOutput<typeof getSubscriptions>['subscriptions'][number];

export async function fetchSubscriptions(): Promise<Subscription[]> {
  const { subscriptions } = await call(getSubscriptions, {});
  return subscriptions;
}

export type ConsentRecord = ContractCallInput<typeof recordSubscriptions>['body'];

/** `requestId` is made once per consent dialog: a retried record does not count the consent twice. */
export async function recordConsent(body: ConsentRecord): Promise<Subscription[]> {
  const { subscriptions } = await call(recordSubscriptions, { body });
  return subscriptions;
}

/**
 * Which notices to ask consent for, and when: a volunteer who just signed up wants to hear of a
 * task; one who accepted a task wants the reminder the day before, and the notice of the next task
 * (each consent lets the server send one message, and the first task used the last one).
 */
export const consentTopics = {
  volunteerSignup: ['assignment'],
  taskAccepted: ['reminder', 'assignment'],
} as const satisfies Record<string, readonly NotificationTopic[]>;
