import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { day } from '../../support/shanghaiDay';
import { loginWithCode, request } from '../http';
import { approveSignup, type HalfDay, volunteerDraft, ZJG } from './callers';
import type { FixtureContext } from './fixture';

/**
 * Records the campaign and assignment fixtures stand on, made through the API as people make them:
 * sign-ups by fresh applicants (each person's sign-ups count towards a daily quota of 20), reviews
 * and tasks by 张家港's staff.
 */

type Made = { id: string; version: number };

async function ok<T>(answer: Promise<{ status: number; body: unknown }>, status = 200): Promise<T> {
  const { status: got, body } = await answer;
  expect(got, JSON.stringify(body)).toBe(status);
  return body as T;
}

/** A fresh signed-in person. */
export async function freshPerson(): Promise<{ token: string; userId: string }> {
  const { token, me } = await loginWithCode(`ok-authz-D-${randomUUID()}`);
  return { token, userId: me.id };
}

/**
 * A campaign's draft. Its season lies well before the seeded campaigns' (last year's included): a
 * node's listing reads its 20 newest campaigns, and the matrix's throwaway ones must not push the
 * seeded ones other files read out of it.
 */
export function campaignDraft(title: string) {
  return {
    orgPath: ZJG,
    title,
    season: { from: day(-430), to: day(-400) },
    signup: { from: day(-440), to: day(-405) },
    kinds: [{ code: 'cool', name: '送清凉', items: [{ code: 'water', name: '矿泉水', unit: '瓶' }] }],
    targetGroups: ['sanitation'],
  };
}

/** A fresh draft campaign of 张家港, made by its staff. */
export async function draftCampaign(ctx: FixtureContext): Promise<Made> {
  return ok<Made>(
    request('POST', '/staff/campaigns', {
      token: ctx.token('staffInScope'),
      body: { requestId: randomUUID(), ...campaignDraft('授权矩阵草稿活动') },
    }),
    201,
  );
}

/** A worksite of 张家港 itself (not of a town in it) signing up for the matrix's open campaign. */
export function worksiteDraft(campaignId: string) {
  return {
    campaignId,
    siteName: '授权矩阵保洁作业点',
    orgPath: ZJG,
    address: '张家港市杨舍镇人民中路 1 号',
    outdoorWorkers: 12,
    highTempWorkers: 4,
    workerGroups: ['sanitation'],
    requested: [{ kind: 'cool', items: ['water'] }],
    preferredDates: [day(2)],
    contactName: '陆师傅',
    contactPhone: '13962310002',
  };
}

/**
 * An applicant for one fixture's sign-ups, shared by its callers: nine sign-ups each, under the
 * daily quota.
 */
function applicant(ctx: FixtureContext, key: string): Promise<{ token: string }> {
  return ctx.once(`D:applicant:${key}`, freshPerson);
}

/** A fresh pending worksite sign-up of 张家港. */
export async function pendingSite(ctx: FixtureContext, key: string): Promise<Made> {
  const { token } = await applicant(ctx, key);
  return ok<Made>(
    request('POST', '/worksite-signups', {
      token,
      body: { requestId: randomUUID(), signup: worksiteDraft(ctx.campaignId) },
    }),
    201,
  );
}

/** A fresh worksite sign-up of 张家港, approved by its staff. */
export async function approvedSite(ctx: FixtureContext, key: string): Promise<string> {
  const site = await pendingSite(ctx, key);
  await approveSignup(ctx.token('staffInScope'), 'worksite', site);
  return site.id;
}

/** A fresh person's pending volunteer sign-up for the matrix's open campaign. */
export async function pendingVolunteer(ctx: FixtureContext, slots: HalfDay[]): Promise<Made> {
  const { token } = await freshPerson();
  return ok<Made>(
    request('POST', '/volunteer-signups', {
      token,
      body: { requestId: randomUUID(), signup: volunteerDraft(ctx.campaignId, slots) },
    }),
    201,
  );
}

/** A fresh person approved as a volunteer of the matrix's open campaign; answers the sign-up id. */
export async function approvedVolunteerSignup(ctx: FixtureContext, slots: HalfDay[]): Promise<string> {
  const offer = await pendingVolunteer(ctx, slots);
  await approveSignup(ctx.token('staffInScope'), 'volunteer', offer);
  return offer.id;
}

/** A task 张家港's staff give: this site to this volunteer on this half day. */
export async function assignment(
  ctx: FixtureContext,
  task: { worksiteSignupId: string; volunteerSignupId: string; date: string; slot: HalfDay['slot'] },
): Promise<Made> {
  return ok<Made>(
    request('POST', '/staff/assignments', { token: ctx.token('staffInScope'), body: task }),
    201,
  );
}
