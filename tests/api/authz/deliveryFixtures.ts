import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { loginWithCode, request } from '../http';
import { ZJG } from './callers';
import type { FixtureContext, FixtureSet } from './fixture';

/**
 * Deliveries, 清凉码 hand-outs and the delivery report export: every record lies in 张家港 itself
 * (the county node, where `volunteer` serves), so 大新镇's staff are below it and out of scope.
 */

const newId = (prefix: 'dl' | 'ho') => `${prefix}_${randomUUID().replace(/-/g, '')}`;

/** What a volunteer types for a delivery, besides its campaign and site (the edit's fields too). */
const deliveryFields = () => ({
  kind: 'cool',
  items: [{ code: 'water', quantity: 2 }],
  peopleReached: 12,
  photoIds: [],
  position: { lat: 31.87, lng: 120.55, accuracy: 15 },
  deliveredAt: new Date(Date.now() - 30 * 60_000).toISOString(),
});

/** A new ad-hoc delivery in 张家港 for the matrix's campaign. */
const deliveryBody = (ctx: FixtureContext) => ({
  id: newId('dl'),
  campaignId: ctx.campaignId,
  site: { type: 'adHoc', name: '杨舍镇临时保洁点', address: '杨舍镇人民路 1 号', orgPath: ZJG },
  ...deliveryFields(),
});

/** A fresh 待审核 delivery of `volunteer`'s (version 1): its id. */
async function pendingDelivery(ctx: FixtureContext): Promise<string> {
  const body = deliveryBody(ctx);
  const made = await request('POST', '/deliveries', { token: ctx.token('volunteer'), body });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  return body.id;
}

/** The current 清凉码 of a fresh worker (a new WeChat user): the allowance is one a day each. */
async function freshWorkerCode(): Promise<string> {
  const { token } = await loginWithCode(`ok-authz-cooling-${randomUUID()}`);
  const answer = await request('GET', '/me/cooling-code', { token });
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return (answer.body as { code: string }).code;
}

/** A hand-out in 张家港's field for the matrix's campaign, to the worker with this code. */
const handoutBody = (ctx: FixtureContext, code: string, mode: 'live' | 'queued') => ({
  id: newId('ho'),
  campaignId: ctx.campaignId,
  code,
  handedAt: new Date().toISOString(),
  place: { type: 'adHoc', orgPath: ZJG },
  mode,
});

/**
 * A fresh over-allowance hand-out waiting for review (version 1): `volunteer` hands a fresh worker
 * their one 清凉包 live, then sends a second one scanned offline, which is kept and flagged.
 */
async function flaggedHandout(ctx: FixtureContext): Promise<string> {
  const token = ctx.token('volunteer');
  const code = await freshWorkerCode();
  const first = await request('POST', '/handouts', { token, body: handoutBody(ctx, code, 'live') });
  expect(first.status, JSON.stringify(first.body)).toBe(201);
  const second = await request('POST', '/handouts', { token, body: handoutBody(ctx, code, 'queued') });
  expect(second.status, JSON.stringify(second.body)).toBe(201);
  expect(second.body).toMatchObject({ flags: ['overAllowance'], review: { status: 'pending' } });
  return (second.body as { id: string }).id;
}

/** The staff listings' query: 张家港's view, asked for explicitly, so the pipeline checks its scope. */
const countyView = { orgPath: ZJG };

export const deliveryFixtures = {
  // 清凉码
  getCoolingCode: async () => ({}),
  listCoolingCodeKeys: async () => ({}),

  // Hand-outs: each caller scans a fresh worker's code (a second live scan would exceed the allowance).
  createHandout: async (_caller, ctx) => ({ body: handoutBody(ctx, await freshWorkerCode(), 'live') }),
  listMyHandouts: async (_caller, ctx) => ({ query: { campaignId: ctx.campaignId } }),
  listCampaignHandouts: async (_caller, ctx) => ({
    params: { id: ctx.campaignId },
    query: { ...countyView, flagged: 'true' },
  }),
  reviewHandout: async (_caller, ctx) => ({
    params: { id: await flaggedHandout(ctx) },
    body: { version: 1, decision: 'approve', comment: '职工加班，确认保留' },
  }),

  // Deliveries
  createDelivery: async (_caller, ctx) => ({ body: deliveryBody(ctx) }),
  updateDelivery: async (_caller, ctx) => ({
    params: { id: await pendingDelivery(ctx) },
    body: { ...deliveryFields(), peopleReached: 15, version: 1 },
  }),
  listMyDeliveries: async (_caller, ctx) => ({ query: { campaignId: ctx.campaignId } }),
  listCampaignDeliveries: async (_caller, ctx) => ({
    params: { id: ctx.campaignId },
    query: { ...countyView, status: 'pending' },
  }),
  reviewDelivery: async (_caller, ctx) => ({
    params: { id: await pendingDelivery(ctx) },
    body: { version: 1, decision: 'approve' },
  }),
  getDeliveryDashboard: async (_caller, ctx) => ({ params: { id: ctx.campaignId }, query: countyView }),

  // The report export
  createDeliveryExport: async (_caller, ctx) => ({
    params: { id: ctx.campaignId },
    body: { requestId: randomUUID(), format: 'csv', orgPath: ZJG },
  }),
  /** Every caller asks for the one export 张家港's staff member started: only they may follow it. */
  getDeliveryExport: async (_caller, ctx) => {
    const id = await ctx.once('delivery:export', async () => {
      const made = await request('POST', `/staff/campaigns/${ctx.campaignId}/exports`, {
        token: ctx.token('staffInScope'),
        body: { requestId: randomUUID(), format: 'xlsx', orgPath: ZJG },
      });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      return (made.body as { id: string }).id;
    });
    return { params: { id } };
  },
} satisfies FixtureSet;
