import { createHash, randomUUID } from 'node:crypto';
import { type AvailabilitySlot, type Campaign, shanghaiDate } from '@ankang/shared';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { campaignToItem } from '../../functions/src/db/campaignItems';
import { db, tableName } from '../../functions/src/db/client';
import { keys } from '../../functions/src/db/keys';
import {
  type VolunteerSignupRecord,
  volunteerSignupRecordSchema,
  type WorksiteSignupRecord,
  worksiteSignupRecordSchema,
} from '../../functions/src/db/signupRecords';
import { upsertUserOnLogin } from '../../functions/src/db/users';
import { handler as cancelAssignment } from '../../functions/src/handlers/cancelAssignment';
import { handler as createAssignment } from '../../functions/src/handlers/createAssignment';
import { handler as listAssignments } from '../../functions/src/handlers/listAssignments';
import { handler as listMyAssignments } from '../../functions/src/handlers/listMyAssignments';
import { handler as reassignAssignment } from '../../functions/src/handlers/reassignAssignment';
import { handler as respondToAssignment } from '../../functions/src/handlers/respondToAssignment';
import { userIdForOpenid } from '../../functions/src/lib/ids';
import { issueAccessToken } from '../../functions/src/services/token';
import { httpEvent, invoke } from '../support/events';
import { freshOrg, freshUser } from './fixtures';

export const zjg = '320000/320500/320582';
export const sip = '320000/320500/320571';

/** YYYY-MM-DD `days` after `date`, by plain calendar arithmetic (independent of the code under test). */
export function plusDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Today in Shanghai, and `days` on from it (tests hold the clock at Shanghai noon). */
export const today = () => shanghaiDate(new Date());
export const day = (days: number) => plusDays(today(), days);

const hexId = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 20)}`;

/**
 * The id a task of this site and half day must have: SHA-256 of its parts (no key: none of them is
 * about a person), computed here with node's crypto rather than by the code under test.
 */
export function expectedAssignmentId(worksiteSignupId: string, date: string, slot: string): string {
  const digest = createHash('sha256')
    .update(['assignment', worksiteSignupId, date, slot].join('\u001f'))
    .digest('hex');
  return `as_${digest.slice(0, 32)}`;
}

/** An open campaign stored directly: season from 10 days ago to 40 days on. */
export async function storedCampaign(orgPath: string, overrides: Partial<Campaign> = {}): Promise<Campaign> {
  const stamp = new Date().toISOString();
  const campaign: Campaign = {
    id: `cp_it${randomUUID().replace(/-/g, '').slice(0, 16)}`,
    orgPath,
    title: '测试县夏季安康“三送”',
    season: { from: day(-10), to: day(40) },
    signup: { from: day(-10), to: day(30) },
    kinds: [{ code: 'cool', name: '送清凉', items: [{ code: 'water', name: '矿泉水', unit: '箱' }] }],
    targetGroups: ['sanitation'],
    status: 'open',
    version: 1,
    createdAt: stamp,
    updatedAt: stamp,
    ...overrides,
  };
  await db.send(new PutCommand({ TableName: tableName, Item: campaignToItem(campaign) }));
  return campaign;
}

/** A worksite sign-up written straight to the table (approved unless told), shaped as the record. */
export async function storedWorksite(
  campaign: Pick<Campaign, 'id'>,
  orgPath: string,
  overrides: Partial<WorksiteSignupRecord> = {},
): Promise<WorksiteSignupRecord> {
  const stamp = new Date().toISOString();
  const record = worksiteSignupRecordSchema.parse({
    id: hexId('ws'),
    campaignId: campaign.id,
    siteName: `测试工地${randomUUID().slice(0, 4)}`,
    orgPath,
    orgName: '测试县 › 测试镇',
    address: '测试镇人民路 18 号',
    location: { lat: 31.98, lng: 120.5 },
    outdoorWorkers: 40,
    highTempWorkers: 12,
    workerGroups: ['sanitation'],
    requested: [{ kind: 'cool', items: ['water'] }],
    preferredDates: [],
    contactName: '陆国平',
    contactPhone: '13812345678',
    status: 'approved',
    review: { by: '测试员', at: stamp },
    version: 2,
    createdAt: stamp,
    updatedAt: stamp,
    applicantUserId: 'u_applicant',
    requestId: randomUUID(),
    ...overrides,
  });
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...keys.worksiteSignup(record.id), type: 'WorksiteSignup', ...record },
    }),
  );
  return record;
}

/** Both half days of each of `days` (days from today). */
export const halfDays = (...days: number[]): AvailabilitySlot[] =>
  days.flatMap((n) => [
    { date: day(n), slot: 'am' as const },
    { date: day(n), slot: 'pm' as const },
  ]);

/** A volunteer sign-up written straight to the table (approved unless told), for `userId`. */
export async function storedVolunteer(
  campaign: Pick<Campaign, 'id'>,
  userId: string,
  overrides: Partial<VolunteerSignupRecord> = {},
): Promise<VolunteerSignupRecord> {
  const stamp = new Date().toISOString();
  const record = volunteerSignupRecordSchema.parse({
    id: hexId('vs'),
    campaignId: campaign.id,
    userId,
    name: `志愿者${randomUUID().slice(0, 4)}`,
    districts: [zjg],
    availability: halfDays(1, 2, 3),
    skills: [],
    phone: '13962310001',
    status: 'approved',
    review: { by: '测试员', at: stamp },
    version: 2,
    createdAt: stamp,
    updatedAt: stamp,
    requestId: randomUUID(),
    ...overrides,
  });
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...keys.volunteerSignup(record.id), type: 'VolunteerSignup', ...record },
    }),
  );
  return record;
}

/** A signed-in user whose openid carries `tag` (the fake WeChat decides its answers by it). */
export async function userWithOpenid(tag: string) {
  const openid = `it-${tag}-${randomUUID()}`;
  const userId = userIdForOpenid(openid);
  await upsertUserOnLogin({ userId, openid, defaultNickname: '测试志愿者', at: new Date() });
  const { token } = await issueAccessToken({ id: userId, tokenVersion: 0 }, new Date());
  return { userId, openid, token };
}

/**
 * A test's own scene: a county under 张家港 running a campaign, a town in it, their staff, a
 * site in each, and two approved volunteers free on days 1–3.
 */
export async function assignmentScene() {
  const county = await freshOrg(zjg, '测试县工会');
  const town = await freshOrg(county, '测试镇工会');
  const campaign = await storedCampaign(county);
  const [staff, townStaff, volunteerA, volunteerB] = await Promise.all([
    freshUser({ roles: ['staff'], orgPath: county }),
    freshUser({ roles: ['staff'], orgPath: town }),
    freshUser({ roles: ['volunteer'] }),
    freshUser({ roles: ['volunteer'] }),
  ]);
  const [countySite, townSite, signupA, signupB] = await Promise.all([
    storedWorksite(campaign, county, { orgName: '测试县' }),
    storedWorksite(campaign, town),
    storedVolunteer(campaign, volunteerA.userId, { name: '赵测试' }),
    storedVolunteer(campaign, volunteerB.userId, { name: '钱测试' }),
  ]);
  return {
    county,
    town,
    campaign,
    staff,
    townStaff,
    volunteerA,
    volunteerB,
    countySite,
    townSite,
    signupA,
    signupB,
  };
}

export const create = (token: string, body: unknown) =>
  invoke(createAssignment, httpEvent({ method: 'POST', path: '/staff/assignments', token, body }));
export const reassign = (token: string, id: string, body: unknown) =>
  invoke(
    reassignAssignment,
    httpEvent({ method: 'POST', path: `/staff/assignments/${id}/reassign`, token, params: { id }, body }),
  );
export const cancel = (token: string, id: string, body: unknown) =>
  invoke(
    cancelAssignment,
    httpEvent({ method: 'POST', path: `/staff/assignments/${id}/cancel`, token, params: { id }, body }),
  );
export const respond = (token: string, id: string, body: unknown) =>
  invoke(
    respondToAssignment,
    httpEvent({ method: 'POST', path: `/assignments/${id}/response`, token, params: { id }, body }),
  );
export const board = (token: string, campaignId: string, query: Record<string, string>) =>
  invoke(
    listAssignments,
    httpEvent({
      path: `/staff/campaigns/${campaignId}/assignments`,
      token,
      params: { id: campaignId },
      query,
    }),
  );
export const mine = (token: string) =>
  invoke(listMyAssignments, httpEvent({ path: '/me/assignments', token }));

/** An item read straight from the table (consistently), or null. */
export async function storedItem(key: Record<string, string>): Promise<Record<string, unknown> | null> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
  return Item ?? null;
}

/** Which task holds the volunteer's half day, read straight from the table (null: free). */
export async function slotHolder(volunteerSignupId: string, date: string, slot: string): Promise<unknown> {
  return (await storedItem(keys.volunteerSlot(volunteerSignupId, date, slot)))?.assignmentId ?? null;
}
