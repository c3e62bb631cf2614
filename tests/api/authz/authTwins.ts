import { randomUUID } from 'node:crypto';
import type { AuthzCaller } from '@ankang/shared';
import { expect } from 'vitest';
import { day } from '../../support/shanghaiDay';
import { loginWithCode, request } from '../http';
import { DAXIN, SIP, SUZHOU, ZJG } from './callers';
import type { FixtureContext } from './fixture';

/**
 * Twins: a fresh user of a caller's kind, for the routes whose success spends or changes the caller
 * themselves (logout revokes every token of the user; accepting an invite grants them a role). The
 * world's callers are shared by every route, and its admin is the demo 周建国 that other files sign
 * in as, so these routes must never be sent with the world's tokens.
 */

const staffOrg: Partial<Record<AuthzCaller, string>> = {
  staffInScope: ZJG,
  staffAbove: SUZHOU,
  staffBelow: DAXIN,
  staffBeside: SIP,
};

async function freshUser(label: string) {
  const code = `ok-authz-twin-${label}-${randomUUID()}`;
  const { token, me } = await loginWithCode(code);
  return { code, token, userId: me.id };
}

function expectOk(answer: { status: number; body: unknown }, status = 200) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  return answer.body;
}

/** Signed up and approved through the API, as the world's volunteers are. */
async function approvedVolunteer(admin: string, campaignId: string, district: string, label: string) {
  const user = await freshUser(label);
  const signup = expectOk(
    await request('POST', '/volunteer-signups', {
      token: user.token,
      body: {
        requestId: randomUUID(),
        signup: {
          campaignId,
          name: '矩阵志愿者',
          districts: [district],
          availability: [0, 1].map((n) => ({ date: day(n), slot: 'am' })),
          skills: [],
          phone: '13962310000',
        },
      },
    }),
    201,
  ) as { id: string; version: number };
  expectOk(
    await request('POST', `/staff/volunteer-signups/${signup.id}/review`, {
      token: admin,
      body: { decision: 'approve', version: signup.version },
    }),
  );
  return user.token;
}

/**
 * An admin made through an admin invite (once per run: the role cannot be taken back by the
 * fixture, so one twin serves every route). Each use signs in afresh, since logout revokes the
 * tokens it had.
 */
function adminTwin(ctx: FixtureContext): Promise<string> {
  const made = ctx.once('auth:adminTwin', async () => {
    const user = await freshUser('admin');
    const { code } = expectOk(
      await request('POST', '/staff/invites', {
        token: ctx.token('admin'),
        body: { requestId: randomUUID(), role: 'admin', validDays: 1 },
      }),
      201,
    ) as { code: string };
    expectOk(await request('POST', '/invites/accept', { token: user.token, body: { code } }));
    return user.code;
  });
  return made.then(async (code) => (await loginWithCode(code)).token);
}

/** A token of a fresh user of this caller's kind; none for `anonymous`. */
export async function twinToken(caller: AuthzCaller, ctx: FixtureContext): Promise<string | undefined> {
  const admin = ctx.token('admin');
  const org = staffOrg[caller];
  if (org) {
    const user = await freshUser(caller);
    expectOk(
      await request('POST', '/admin/staff', {
        token: admin,
        body: { action: 'grant', userId: user.userId, orgPath: org },
      }),
    );
    return user.token;
  }
  switch (caller) {
    case 'anonymous':
      return undefined;
    case 'worker':
      return (await freshUser('worker')).token;
    case 'volunteer':
      return approvedVolunteer(admin, ctx.campaignId, ZJG, 'volunteer');
    case 'otherVolunteer':
      return approvedVolunteer(admin, ctx.otherCampaignId, SIP, 'other-volunteer');
    default:
      return adminTwin(ctx);
  }
}
