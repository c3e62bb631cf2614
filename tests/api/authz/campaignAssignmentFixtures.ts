import { randomUUID } from 'node:crypto';
import { type AuthzCaller, authzCallers } from '@ankang/shared';
import { day } from '../../support/shanghaiDay';
import { request } from '../http';
import type { HalfDay } from './callers';
import { approvedSite, approvedVolunteerSignup, assignment } from './campaignSetup';
import type { FixtureContext, FixtureSet } from './fixture';

/**
 * Assignments and the consents their messages need. Every task is of a fresh approved worksite of
 * 张家港 itself. A volunteer is in one place per half day, so each caller's task takes a half day
 * of its own: day 1 + the caller's place in the list.
 */

const dayOf = (caller: AuthzCaller) => day(1 + authzCallers.indexOf(caller));

/** The mornings of days 1–9: one for each caller. */
const nineMornings = (): HalfDay[] => authzCallers.map((caller) => ({ date: dayOf(caller), slot: 'am' }));

/** A volunteer of the open campaign shared by one fixture's callers, free days 1–9 in the morning. */
const sharedVolunteer = (ctx: FixtureContext, key: string) =>
  ctx.once(`D:volunteer:${key}`, () => approvedVolunteerSignup(ctx, nineMornings()));

/** A fresh task of a fresh site held by the fixture's shared volunteer, on the caller's own day. */
async function freshTask(ctx: FixtureContext, caller: AuthzCaller, key: string) {
  const [worksiteSignupId, volunteerSignupId] = await Promise.all([
    approvedSite(ctx, key),
    sharedVolunteer(ctx, key),
  ]);
  return assignment(ctx, { worksiteSignupId, volunteerSignupId, date: dayOf(caller), slot: 'am' });
}

/** The `volunteer` caller's sign-up for the open campaign (free days 0–3, both half days). */
const volunteersSignup = (ctx: FixtureContext) =>
  ctx.once('D:volunteersSignup', async () => {
    const mine = await request('GET', '/me/volunteer-signups', { token: ctx.token('volunteer') });
    const signups = (mine.body as { signups: { id: string; campaignId: string }[] }).signups;
    const signup = signups.find((s) => s.campaignId === ctx.campaignId);
    if (!signup) throw new Error('the matrix volunteer has no sign-up for its campaign');
    return signup.id;
  });

/** A task of a fresh site given to the `volunteer` caller on day 3 (their days end on day 3). */
async function volunteersTask(ctx: FixtureContext, slot: HalfDay['slot']) {
  const [worksiteSignupId, volunteerSignupId] = await Promise.all([
    approvedSite(ctx, 'respondToAssignment'),
    volunteersSignup(ctx),
  ]);
  return assignment(ctx, { worksiteSignupId, volunteerSignupId, date: day(3), slot });
}

export const campaignAssignmentFixtures = {
  createAssignment: async (caller, ctx) => {
    const [worksiteSignupId, volunteerSignupId] = await Promise.all([
      approvedSite(ctx, 'createAssignment'),
      sharedVolunteer(ctx, 'createAssignment'),
    ]);
    return { body: { worksiteSignupId, volunteerSignupId, date: dayOf(caller), slot: 'am' } };
  },

  reassignAssignment: async (caller, ctx) => {
    const [task, volunteerSignupId] = await Promise.all([
      freshTask(ctx, caller, 'reassignAssignment'),
      // Whom it is handed to: free on every caller's day.
      ctx.once('D:reassignTo', () => approvedVolunteerSignup(ctx, nineMornings())),
    ]);
    return { params: { id: task.id }, body: { version: task.version, volunteerSignupId } };
  },

  cancelAssignment: async (caller, ctx) => {
    const task = await freshTask(ctx, caller, 'cancelAssignment');
    return { params: { id: task.id }, body: { version: task.version, reason: '工地临时停工' } };
  },

  listAssignments: async (_caller, ctx) => ({
    params: { id: ctx.campaignId },
    query: { date: day(1) },
  }),

  listMyAssignments: async () => ({}),

  /**
   * The `volunteer` answers a task of their own; everyone else tries a task that is the
   * volunteer's too (one for them all: a refusal changes nothing, and the volunteer has only eight
   * half days to be given).
   */
  respondToAssignment: async (caller, ctx) => {
    const task =
      caller === 'volunteer'
        ? await volunteersTask(ctx, 'pm')
        : await ctx.once('D:othersTask', () => volunteersTask(ctx, 'am'));
    return { params: { id: task.id }, body: { version: task.version, response: { decision: 'accept' } } };
  },

  getSubscriptions: async () => ({}),

  recordSubscriptions: async () => ({
    body: { requestId: randomUUID(), results: [{ topic: 'assignment', result: 'accept' }] },
  }),
} satisfies FixtureSet;
