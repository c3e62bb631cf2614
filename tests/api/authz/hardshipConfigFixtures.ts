import { randomInt } from 'node:crypto';
import { type AuthzCaller, authzCallers } from '@ankang/shared';
import { expect } from 'vitest';
import { policyDraft } from '../../support/households';
import { request } from '../http';
import { putOrg } from '../table';
import { ZJG } from './callers';
import type { FixtureContext, FixtureSet } from './fixture';

/**
 * 低保标准 and 监测规则, org-wide settings that every file of the org is judged by while other test
 * files run alongside: reads ask 张家港's; writes must not change what 张家港's files are judged by.
 */

/**
 * A county of a province of this run's own, one per route and caller. Setting or clearing rules is for admins
 * only (staff are refused before their org is looked at), so the org only decides the admin's
 * answer; at 张家港 it would change the rules 大新镇's files inherit from 苏州, which
 * hardshipPolicy.test.ts and the alert tests rely on.
 */
async function policyCounty(use: 'set' | 'clear', caller: AuthzCaller, ctx: FixtureContext): Promise<string> {
  const root = await ctx.once('hardship:policy-root', async () => {
    const path = `9${String(randomInt(100_000)).padStart(5, '0')}`;
    await putOrg(path, null, '矩阵测试省总工会', 'province');
    return path;
  });
  const path = `${root}/${use}-${caller.toLowerCase()}`;
  await putOrg(path, root, '矩阵测试县总工会', 'county');
  return path;
}

export const hardshipConfigFixtures = {
  listPovertyLines: async () => ({ query: { orgPath: ZJG } }),

  /**
   * 张家港's own standard, from a date in 2099, one date per caller: a line not yet in force judges
   * no file and no visit (the standard in force is the latest on or before the day), so 张家港's
   * files keep 苏州's. A new amount each run makes every success a real change.
   */
  setPovertyLine: async (caller) => ({
    body: {
      orgPath: ZJG,
      effectiveFrom: `2099-12-${String(authzCallers.indexOf(caller) + 1).padStart(2, '0')}`,
      monthlyFen: randomInt(100_000, 200_000),
    },
  }),

  getHardshipPolicy: async () => ({ query: { orgPath: ZJG } }),

  setHardshipPolicy: async (caller, ctx) => ({
    body: {
      orgPath: await policyCounty('set', caller, ctx),
      expectedVersion: 0,
      policy: policyDraft,
      note: '矩阵测试细则',
    },
  }),

  // Each caller clears a county's own rules, set by the admin just before (version 1).
  clearHardshipPolicy: async (caller, ctx) => {
    const orgPath = await policyCounty('clear', caller, ctx);
    const set = await request('PUT', '/staff/hardship/policy', {
      token: ctx.token('admin'),
      body: { orgPath, expectedVersion: 0, policy: policyDraft },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    return { query: { orgPath, expectedVersion: '1' } };
  },
} satisfies FixtureSet;
