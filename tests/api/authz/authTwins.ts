import { randomUUID } from 'node:crypto';
import type { AuthzCaller } from '@ankang/shared';
import { expect } from 'vitest';
import { loginWithCode, request } from '../http';
import { approvedVolunteer, DAXIN, SIP, SUZHOU, ZJG } from './callers';
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
      return (await approvedVolunteer(admin, ctx.campaignId, ZJG, 'twin-volunteer')).token;
    case 'otherVolunteer':
      return (await approvedVolunteer(admin, ctx.otherCampaignId, SIP, 'twin-other-volunteer')).token;
    default:
      return adminTwin(ctx);
  }
}
