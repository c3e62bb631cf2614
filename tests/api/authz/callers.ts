import { randomUUID } from 'node:crypto';
import type { AuthzCaller } from '@ankang/shared';
import { expect } from 'vitest';
import { day } from '../../support/shanghaiDay';
import { loginAsDemo, loginWithCode, request } from '../http';

export const ZJG = '320000/320500/320582';
export const SUZHOU = '320000/320500';
export const DAXIN = `${ZJG}/daxin`;
export const SIP = '320000/320500/320571';

/** One caller of the matrix: no token for `anonymous`. */
export interface MatrixCaller {
  token?: string;
  userId?: string;
}

/** The callers, and the two campaigns that make a volunteer "of this campaign" or "of another". */
export interface MatrixWorld {
  callers: Record<AuthzCaller, MatrixCaller>;
  /** An open campaign of 张家港: `volunteer` is its approved volunteer. */
  campaignId: string;
  /** An open campaign of 苏州工业园区: `otherVolunteer` is its approved volunteer, and of no other. */
  otherCampaignId: string;
}

/** A fresh WeChat user (the fake WeChat makes one for any `ok-` code). */
async function freshUser(label: string): Promise<Required<MatrixCaller>> {
  const { token, me } = await loginWithCode(`ok-authz-${label}-${randomUUID()}`);
  return { token, userId: me.id };
}

async function staffAt(admin: string, orgPath: string, label: string): Promise<Required<MatrixCaller>> {
  const user = await freshUser(label);
  const granted = await request('POST', '/admin/staff', {
    token: admin,
    body: { action: 'grant', userId: user.userId, orgPath },
  });
  expect(granted.status, JSON.stringify(granted.body)).toBe(200);
  return user;
}

/** An open campaign of this org with a one-kind catalog, made and opened through the API. */
export async function openCampaign(token: string, orgPath: string, title: string): Promise<string> {
  const created = await request('POST', '/staff/campaigns', {
    token,
    body: {
      requestId: randomUUID(),
      orgPath,
      title,
      season: { from: day(-5), to: day(60) },
      signup: { from: day(-5), to: day(30) },
      kinds: [
        {
          code: 'cool',
          name: '送清凉',
          items: [
            { code: 'water', name: '矿泉水', unit: '瓶' },
            { code: 'cool-pack', name: '清凉包', unit: '份' },
          ],
        },
      ],
      targetGroups: ['sanitation', 'courier'],
      coolingAllowance: { kind: 'cool', item: 'cool-pack', perWorkerPerDay: 1 },
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = (created.body as { id: string }).id;
  const opened = await request('POST', `/staff/campaigns/${id}/status`, {
    token,
    body: { version: 1, status: 'open' },
  });
  expect(opened.status, JSON.stringify(opened.body)).toBe(200);
  return id;
}

export type HalfDay = { date: string; slot: 'am' | 'pm' };

/** A volunteer's offer for a campaign, free on these half days, in this district. */
export function volunteerDraft(campaignId: string, slots: HalfDay[], district = ZJG) {
  return {
    campaignId,
    name: '矩阵志愿者',
    districts: [district],
    availability: slots,
    skills: [],
    phone: '13962310003',
  };
}

/** A pending sign-up approved by this reviewer, as staff approve one. */
export async function approveSignup(
  reviewer: string,
  kind: 'worksite' | 'volunteer',
  signup: { id: string; version: number },
): Promise<void> {
  const approved = await request('POST', `/staff/${kind}-signups/${signup.id}/review`, {
    token: reviewer,
    body: { decision: 'approve', version: signup.version },
  });
  expect(approved.status, JSON.stringify(approved.body)).toBe(200);
}

/** A volunteer of this campaign only, signed up and approved through the API as a volunteer is. */
export async function approvedVolunteer(
  reviewer: string,
  campaignId: string,
  district: string,
  label: string,
): Promise<Required<MatrixCaller>> {
  const user = await freshUser(label);
  const everyHalfDay = [0, 1, 2, 3].flatMap((n): HalfDay[] => [
    { date: day(n), slot: 'am' },
    { date: day(n), slot: 'pm' },
  ]);
  const submitted = await request('POST', '/volunteer-signups', {
    token: user.token,
    body: { requestId: randomUUID(), signup: volunteerDraft(campaignId, everyHalfDay, district) },
  });
  expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
  await approveSignup(reviewer, 'volunteer', submitted.body as { id: string; version: number });
  return user;
}

/**
 * The matrix's callers, all made for this run but the admin (周建国, the only one there is): fresh
 * users keep the matrix's writes out of other files' per-user limits and theirs out of its.
 */
export async function matrixWorld(): Promise<MatrixWorld> {
  const admin = await loginAsDemo('周建国');
  const [staffInScope, staffAbove, staffBelow, staffBeside, worker] = await Promise.all([
    staffAt(admin, ZJG, 'zjg'),
    staffAt(admin, SUZHOU, 'suzhou'),
    staffAt(admin, DAXIN, 'daxin'),
    staffAt(admin, SIP, 'sip'),
    freshUser('worker'),
  ]);
  const [campaignId, otherCampaignId] = await Promise.all([
    openCampaign(admin, ZJG, '授权矩阵测试活动（张家港）'),
    openCampaign(admin, SIP, '授权矩阵测试活动（园区）'),
  ]);
  const [volunteer, otherVolunteer] = await Promise.all([
    approvedVolunteer(admin, campaignId, ZJG, 'volunteer'),
    approvedVolunteer(admin, otherCampaignId, SIP, 'other-volunteer'),
  ]);
  const adminId = ((await request('GET', '/me', { token: admin })).body as { id: string }).id;
  return {
    callers: {
      anonymous: {},
      worker,
      volunteer,
      otherVolunteer,
      staffInScope,
      staffAbove,
      staffBelow,
      staffBeside,
      admin: { token: admin, userId: adminId },
    },
    campaignId,
    otherCampaignId,
  };
}
