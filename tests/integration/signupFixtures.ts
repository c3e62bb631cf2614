import { randomUUID } from 'node:crypto';
import {
  type Campaign,
  type OrgBounds,
  shanghaiDate,
  type VolunteerSignup,
  type WorksiteSignup,
  type WorksiteSignupDraftInput,
} from '@ankang/shared';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { insertCampaign } from '../../functions/src/db/campaigns';
import { db, tableName } from '../../functions/src/db/client';
import { keys } from '../../functions/src/db/keys';
import { handler as listMyVolunteerSignups } from '../../functions/src/handlers/listMyVolunteerSignups';
import { handler as listMyWorksiteSignups } from '../../functions/src/handlers/listMyWorksiteSignups';
import { handler as listVolunteerSignups } from '../../functions/src/handlers/listVolunteerSignups';
import { handler as listWorksiteSignups } from '../../functions/src/handlers/listWorksiteSignups';
import { handler as revealSignupPhone } from '../../functions/src/handlers/revealSignupPhone';
import { handler as reviewVolunteerSignup } from '../../functions/src/handlers/reviewVolunteerSignup';
import { handler as reviewWorksiteSignup } from '../../functions/src/handlers/reviewWorksiteSignup';
import { handler as submitVolunteerSignup } from '../../functions/src/handlers/submitVolunteerSignup';
import { handler as submitWorksiteSignup } from '../../functions/src/handlers/submitWorksiteSignup';
import { httpEvent, invoke } from '../support/events';
import { freshUser } from './fixtures';

/** YYYY-MM-DD `days` after `date`, by plain calendar arithmetic (independent of the code under test). */
export function plusDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Today in Shanghai (the tests hold the clock at Shanghai noon). */
export const today = () => shanghaiDate(new Date());

/** `6月1日至9月30日`, with years when the range crosses one: what the refusals should say. */
export function rangeText(range: { from: string; to: string }): string {
  const crosses = range.from.slice(0, 4) !== range.to.slice(0, 4);
  const text = (date: string) => {
    const [y, m, d] = date.split('-');
    return `${crosses ? `${y}年` : ''}${Number(m)}月${Number(d)}日`;
  };
  return `${text(range.from)}至${text(range.to)}`;
}

/** An org node (with a bounds box when given) under a fresh path segment. */
export async function boundedOrg(parentPath: string, region: string, bounds?: OrgBounds): Promise<string> {
  const path = `${parentPath}/t${randomUUID().slice(0, 8)}`;
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...keys.org(path),
        type: 'Org',
        path,
        name: `${region}工会`,
        region,
        level: 'town',
        parentPath,
        ...(bounds ? { bounds } : {}),
        version: 1,
      },
    }),
  );
  return path;
}

export const countyBox = { south: 31.7, west: 120.3, north: 32.1, east: 120.9 };
export const townBox = { south: 31.95, west: 120.45, north: 32.02, east: 120.6 };
/** Inside the town's box (and so the county's). */
export const inTown = { lat: 31.98, lng: 120.5 };
/** Inside the county's box, outside the town's. */
export const inCountyOnly = { lat: 31.87, lng: 120.55 };

/**
 * A test's own little org tree: a county (with a box) under 苏州, a town in it (with its own box),
 * a second town without one, and a county beside it.
 */
export async function outreachOrgs() {
  const city = '320000/320500';
  const county = await boundedOrg(city, '测试县', countyBox);
  const town = await boundedOrg(county, '测试镇', townBox);
  const plainTown = await boundedOrg(county, '无界镇');
  const beside = await boundedOrg(city, '邻县');
  return { city, county, town, plainTown, beside };
}

/** An open campaign stored directly: season from 10 days ago to 60 days on, sign-ups until day 30. */
export async function openCampaign(orgPath: string, overrides: Partial<Campaign> = {}): Promise<Campaign> {
  const stamp = new Date().toISOString();
  const campaign: Campaign = {
    id: `cp_it${randomUUID().replace(/-/g, '').slice(0, 16)}`,
    orgPath,
    title: '测试“三送”活动',
    season: { from: plusDays(today(), -10), to: plusDays(today(), 60) },
    signup: { from: plusDays(today(), -10), to: plusDays(today(), 30) },
    kinds: [
      {
        code: 'cool',
        name: '送清凉',
        items: [
          { code: 'water', name: '矿泉水', unit: '箱' },
          { code: 'mungbean', name: '绿豆', unit: '袋' },
        ],
      },
      { code: 'health', name: '送健康', items: [{ code: 'huoxiang', name: '藿香正气水', unit: '盒' }] },
    ],
    targetGroups: ['sanitation', 'construction'],
    status: 'open',
    version: 1,
    createdAt: stamp,
    updatedAt: stamp,
    ...overrides,
  };
  expect(await insertCampaign(campaign)).toBe(true);
  return campaign;
}

export function worksiteDraft(
  campaignId: string,
  orgPath: string,
  overrides: Partial<WorksiteSignupDraftInput> = {},
): WorksiteSignupDraftInput {
  return {
    campaignId,
    siteName: '测试环卫所',
    orgPath,
    address: '测试镇人民路 18 号',
    location: inTown,
    outdoorWorkers: 40,
    highTempWorkers: 12,
    workerGroups: ['sanitation'],
    requested: [{ kind: 'cool', items: ['water', 'mungbean'] }],
    preferredDates: [plusDays(today(), 3)],
    contactName: '陆国平',
    contactPhone: '138 1234 5678',
    ...overrides,
  };
}

export function volunteerDraft(campaignId: string, districts: string[], overrides: object = {}) {
  return {
    campaignId,
    name: '赵志愿',
    districts,
    availability: [
      { date: plusDays(today(), 2), slot: 'am' },
      { date: plusDays(today(), 2), slot: 'pm' },
    ],
    skills: ['driving'],
    phone: '139 1234 0001',
    ...overrides,
  };
}

export const submitWorksite = (token: string, signup: unknown, requestId: string = randomUUID()) =>
  invoke(
    submitWorksiteSignup,
    httpEvent({ method: 'POST', path: '/worksite-signups', token, body: { requestId, signup } }),
  );
export const submitVolunteer = (token: string, signup: unknown, requestId: string = randomUUID()) =>
  invoke(
    submitVolunteerSignup,
    httpEvent({ method: 'POST', path: '/volunteer-signups', token, body: { requestId, signup } }),
  );
export const myWorksites = async (token: string) =>
  (
    (await invoke(listMyWorksiteSignups, httpEvent({ path: '/me/worksite-signups', token }))).body as {
      signups: WorksiteSignup[];
    }
  ).signups;
export const myVolunteerSignups = async (token: string) =>
  (
    (await invoke(listMyVolunteerSignups, httpEvent({ path: '/me/volunteer-signups', token }))).body as {
      signups: VolunteerSignup[];
    }
  ).signups;
export const worksiteQueue = (token: string, campaignId: string, query: Record<string, string> = {}) =>
  invoke(
    listWorksiteSignups,
    httpEvent({
      path: `/staff/campaigns/${campaignId}/worksite-signups`,
      token,
      params: { id: campaignId },
      query,
    }),
  );
export const volunteerQueue = (token: string, campaignId: string, query: Record<string, string> = {}) =>
  invoke(
    listVolunteerSignups,
    httpEvent({
      path: `/staff/campaigns/${campaignId}/volunteer-signups`,
      token,
      params: { id: campaignId },
      query,
    }),
  );
export const reviewWorksite = (token: string, id: string, body: unknown) =>
  invoke(
    reviewWorksiteSignup,
    httpEvent({ method: 'POST', path: `/staff/worksite-signups/${id}/review`, token, params: { id }, body }),
  );
export const reviewVolunteer = (token: string, id: string, body: unknown) =>
  invoke(
    reviewVolunteerSignup,
    httpEvent({ method: 'POST', path: `/staff/volunteer-signups/${id}/review`, token, params: { id }, body }),
  );
export const revealPhone = (token: string, id: string, reason = '电话联系确认送达时间') =>
  invoke(
    revealSignupPhone,
    httpEvent({
      method: 'POST',
      path: `/staff/signups/${id}/phone`,
      token,
      params: { id },
      body: { reason },
    }),
  );

/** Every item stored under a gsi2 partition (a user's own sign-ups), read straight from the table. */
async function gsi2Items(partition: string): Promise<Record<string, unknown>[]> {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': partition },
    }),
  );
  return Items;
}
export const storedWorksitesOf = (userId: string) => gsi2Items(`WS_BY#${userId}`);
export const storedVolunteerSignupsOf = (userId: string) => gsi2Items(`VS_BY#${userId}`);

/** The audit events stored about one subject, read straight from the table. */
export async function auditEventsOf(subjectId: string): Promise<Record<string, unknown>[]> {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `AUDIT#${subjectId}` },
      ConsistentRead: true,
    }),
  );
  return Items;
}

/** All pages of a staff queue, following the cursors. */
export async function wholeQueue(
  list: typeof worksiteQueue,
  token: string,
  campaignId: string,
  query: Record<string, string> = {},
): Promise<{ id: string }[]> {
  const all: { id: string }[] = [];
  let cursor: string | null = null;
  do {
    const page = await list(token, campaignId, { ...query, ...(cursor ? { cursor } : {}) });
    expect(page.status).toBe(200);
    const body = page.body as { signups: { id: string }[]; nextCursor: string | null };
    all.push(...body.signups);
    cursor = body.nextCursor;
  } while (cursor);
  return all;
}

/** A county campaign with a bounded town under it, a worker, and the county's staff. */
export async function worksiteSetup() {
  const orgs = await outreachOrgs();
  const campaign = await openCampaign(orgs.county);
  const worker = await freshUser();
  const staff = await freshUser({ roles: ['staff'], orgPath: orgs.county });
  return { ...orgs, campaign, worker, staff };
}

export async function submitted(token: string, draft: unknown): Promise<WorksiteSignup> {
  const result = await submitWorksite(token, draft);
  expect(result.status, JSON.stringify(result.body)).toBe(201);
  return result.body as WorksiteSignup;
}

export async function submittedVolunteer(
  token: string,
  draft: object,
  requestId?: string,
): Promise<VolunteerSignup> {
  const result = await submitVolunteer(token, draft, requestId);
  expect(result.status, JSON.stringify(result.body)).toBe(201);
  return result.body as VolunteerSignup;
}

/**
 * The answer to a first approval of `signup` by a freshUser staff member (named 测试用户), at the
 * frozen clock: written out here rather than read back from the code under test.
 */
export function approvedAnswer<Signup extends object>(signup: Signup) {
  const now = new Date().toISOString();
  return {
    status: 200,
    body: { ...signup, status: 'approved', review: { by: '测试用户', at: now }, version: 2, updatedAt: now },
  };
}
