import { randomUUID } from 'node:crypto';
import { day } from '../../support/shanghaiDay';
import { volunteerDraft, ZJG } from './callers';
import { campaignAssignmentFixtures } from './campaignAssignmentFixtures';
import { campaignDraft, draftCampaign, pendingSite, pendingVolunteer, worksiteDraft } from './campaignSetup';
import type { FixtureSet } from './fixture';

/**
 * Campaigns and sign-ups. The matrix's open campaign (`ctx.campaignId`, of 张家港) is read and
 * signed up for; whatever a caller's success changes (a draft edited or opened, a sign-up
 * reviewed) is made afresh for that caller.
 */

/** The next four days, both half days: what a volunteer offers. */
const fourDays = [1, 2, 3, 4].flatMap((n) => [
  { date: day(n), slot: 'am' as const },
  { date: day(n), slot: 'pm' as const },
]);

export const campaignFixtures = {
  listCampaigns: async () => ({ query: { org: ZJG } }),

  getCampaign: async (_caller, ctx) => ({ params: { id: ctx.campaignId } }),

  createCampaign: async () => ({
    body: { requestId: randomUUID(), ...campaignDraft('授权矩阵新建活动') },
  }),

  updateCampaign: async (_caller, ctx) => {
    const draft = await draftCampaign(ctx);
    return {
      params: { id: draft.id },
      body: { ...campaignDraft('授权矩阵草稿活动（修改）'), version: draft.version },
    };
  },

  setCampaignStatus: async (_caller, ctx) => {
    const draft = await draftCampaign(ctx);
    return { params: { id: draft.id }, body: { version: draft.version, status: 'open' } };
  },

  getCampaignSignupCode: async (_caller, ctx) => ({ params: { id: ctx.campaignId } }),

  submitWorksiteSignup: async (_caller, ctx) => ({
    body: { requestId: randomUUID(), signup: worksiteDraft(ctx.campaignId) },
  }),

  listMyWorksiteSignups: async () => ({}),

  // The campaign the `volunteer` already volunteers for: theirs is the one second offer refused.
  submitVolunteerSignup: async (_caller, ctx) => ({
    body: { requestId: randomUUID(), signup: volunteerDraft(ctx.campaignId, fourDays) },
  }),

  listMyVolunteerSignups: async () => ({}),

  // No district asked: each caller gets their default part of the queue.
  listWorksiteSignups: async (_caller, ctx) => ({ params: { id: ctx.campaignId } }),

  listVolunteerSignups: async (_caller, ctx) => ({ params: { id: ctx.campaignId } }),

  reviewWorksiteSignup: async (_caller, ctx) => {
    const site = await pendingSite(ctx, 'reviewWorksiteSignup');
    return { params: { id: site.id }, body: { decision: 'approve', version: site.version } };
  },

  reviewVolunteerSignup: async (_caller, ctx) => {
    const offer = await pendingVolunteer(ctx, fourDays);
    return {
      params: { id: offer.id },
      body: { decision: 'decline', version: offer.version, reason: '本期志愿者已满' },
    };
  },

  // A reveal changes nothing but the audit log: one site of 张家港 for every caller.
  revealSignupPhone: async (_caller, ctx) => {
    const site = await ctx.once('D:revealSite', () => pendingSite(ctx, 'revealSignupPhone'));
    return { params: { id: site.id }, body: { reason: '核实联系方式' } };
  },

  ...campaignAssignmentFixtures,
} satisfies FixtureSet;
