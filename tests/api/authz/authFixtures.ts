import { randomUUID } from 'node:crypto';
import type { AuthzCaller } from '@ankang/shared';
import { expect } from 'vitest';
import { loginWithCode, request } from '../http';
import { twinToken } from './authTwins';
import { ZJG } from './callers';
import type { FixtureContext, FixtureSet, MatrixRequest } from './fixture';

/** 张家港's place code (the last part of its org path): its towns are what listPlaces answers. */
const ZJG_PLACE = '320582';

/** A pending staff invite to 张家港, made by the admin; a day's validity keeps few lying about. */
async function zjgInvite(ctx: FixtureContext): Promise<{ id: string; code: string }> {
  const made = await request('POST', '/staff/invites', {
    token: ctx.token('admin'),
    body: { requestId: randomUUID(), role: 'staff', orgPath: ZJG, validDays: 1 },
  });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  const { invite, code } = made.body as { invite: { id: string }; code: string };
  return { id: invite.id, code };
}

/** A fresh user made staff of 张家港 by the admin: what setStaffRole and revokeRole act on. */
async function zjgStaffMember(ctx: FixtureContext): Promise<string> {
  const { me } = await loginWithCode(`ok-authz-member-${randomUUID()}`);
  const granted = await request('POST', '/admin/staff', {
    token: ctx.token('admin'),
    body: { action: 'grant', userId: me.id, orgPath: ZJG },
  });
  expect(granted.status, JSON.stringify(granted.body)).toBe(200);
  return me.id;
}

/**
 * For the routes whose success spends or changes the caller (logout, acceptInvite): the request is
 * sent with a twin's token, a fresh user of the caller's kind (./authTwins.ts). Sent with the
 * world's tokens instead, logout would sign out every caller for the routes after it (and the demo
 * admin everywhere), and an accepted invite would make the world's callers staff of 张家港.
 */
async function asTwin(
  caller: AuthzCaller,
  ctx: FixtureContext,
  make: () => Promise<MatrixRequest> = async () => ({}),
): Promise<MatrixRequest> {
  return { ...(await make()), token: await twinToken(caller, ctx) };
}

export const authFixtures = {
  health: async () => ({}),

  login: async (caller) => ({ body: { code: `ok-authz-login-${caller}-${randomUUID()}` } }),

  logout: (caller, ctx) => asTwin(caller, ctx),

  listDevAccounts: async () => ({}),

  devLogin: async (_caller, ctx) => {
    // Any demo account will do: signing in as one changes nothing of it.
    const userId = await ctx.once('auth:devAccount', async () => {
      const listed = await request('GET', '/auth/dev-accounts');
      const { accounts } = listed.body as { accounts: { userId: string; roles: string[] }[] };
      return accounts.find((account) => !account.roles.includes('staff') && !account.roles.includes('admin'))!
        .userId;
    });
    return { body: { userId } };
  },

  getMe: async () => ({}),

  listPlaces: async () => ({ query: { parent: ZJG_PLACE } }),

  listOrgs: async () => ({ query: { root: ZJG } }),

  setStaffRole: async () => {
    const { me } = await loginWithCode(`ok-authz-grantee-${randomUUID()}`);
    return { body: { action: 'grant', userId: me.id, orgPath: ZJG } };
  },

  createInvite: async () => ({
    body: { requestId: randomUUID(), role: 'staff', orgPath: ZJG, validDays: 1 },
  }),

  getInvite: async (_caller, ctx) => {
    // Previewing changes nothing: one invite serves every caller.
    const { code } = await ctx.once('auth:previewedInvite', () => zjgInvite(ctx));
    return { body: { code } };
  },

  // One-time: each caller's twin accepts an invite of its own.
  acceptInvite: (caller, ctx) =>
    asTwin(caller, ctx, async () => ({ body: { code: (await zjgInvite(ctx)).code } })),

  listInvites: async () => ({ query: { root: ZJG } }),

  revokeInvite: async (_caller, ctx) => ({ params: { id: (await zjgInvite(ctx)).id } }),

  listRoleHolders: async () => ({ query: { root: ZJG } }),

  revokeRole: async (_caller, ctx) => ({ body: { userId: await zjgStaffMember(ctx), role: 'staff' } }),
} satisfies FixtureSet;
