import type { HardshipAlert } from '@ankang/shared';
import { expect } from 'vitest';
import { newCommentId, raiseAlert } from '../hardshipAlertHelpers';
import { request } from '../http';
import { ZJG } from './callers';
import type { Fixture, FixtureContext, FixtureSet } from './fixture';

/**
 * Hardship-return alerts. The record is an alert on a 张家港 household, raised the way the product
 * raises one (a file, then a visit far under the 低保 line). Its caseworker, and so its assignee, is
 * 苏州's staff member: then handing it to 张家港's staff member is a real change for every caller
 * that may assign (张家港's own staff may only hand it to 张家港's staff).
 */

async function freshAlert(ctx: FixtureContext): Promise<HardshipAlert> {
  const { alert } = await raiseAlert(
    ctx.token('admin'),
    { caseworkerUserId: ctx.callers.staffAbove.userId },
    ZJG,
  );
  return alert;
}

/** A fresh alert moved by the admin into the state the caller's action starts from. */
async function alertAcknowledged(ctx: FixtureContext): Promise<HardshipAlert> {
  const alert = await freshAlert(ctx);
  const acknowledged = await request('POST', `/staff/hardship/alerts/${alert.id}/acknowledge`, {
    token: ctx.token('admin'),
    body: { version: alert.version, note: '已知悉，安排走访' },
  });
  expect(acknowledged.status, JSON.stringify(acknowledged.body)).toBe(200);
  return acknowledged.body as HardshipAlert;
}

/** One alert every caller only reads (the lists find it, the detail and assignees read it). */
const sharedAlert = (ctx: FixtureContext) => ctx.once('alert:shared', () => freshAlert(ctx));

const readAlert: Fixture = async (_caller, ctx) => ({ params: { id: (await sharedAlert(ctx)).id } });

export const alertFixtures = {
  listHardshipAlerts: async (_caller, ctx) => {
    await sharedAlert(ctx);
    return { query: { orgPath: ZJG } };
  },
  // The caller's own alerts: no org is named, so any staff member's answer is their own list.
  listMyHardshipAlerts: async () => ({}),
  listEscalatedHardshipAlerts: async () => ({ query: { orgPath: ZJG } }),
  getHardshipAlert: readAlert,
  listHardshipAlertAssignees: readAlert,

  // Each changes the alert: a fresh one per caller, in the state the action starts from.
  acknowledgeHardshipAlert: async (_caller, ctx) => {
    const alert = await freshAlert(ctx);
    return { params: { id: alert.id }, body: { version: alert.version, note: '已确认，联系户主' } };
  },
  startHardshipAlert: async (_caller, ctx) => {
    const alert = await alertAcknowledged(ctx);
    return { params: { id: alert.id }, body: { version: alert.version } };
  },
  resolveHardshipAlert: async (_caller, ctx) => {
    const alert = await alertAcknowledged(ctx);
    return {
      params: { id: alert.id },
      body: { version: alert.version, outcome: { kind: 'noHelp', note: '户主已找到稳定工作，收入恢复' } },
    };
  },
  assignHardshipAlert: async (_caller, ctx) => {
    const alert = await freshAlert(ctx);
    return {
      params: { id: alert.id },
      body: {
        version: alert.version,
        assigneeUserId: ctx.callers.staffInScope.userId,
        reason: '请张家港总工会跟进',
      },
    };
  },
  commentHardshipAlert: async (_caller, ctx) => {
    const alert = await freshAlert(ctx);
    return { params: { id: alert.id }, body: { id: newCommentId(), text: '已电话联系户主，明天上门' } };
  },
} satisfies FixtureSet;
