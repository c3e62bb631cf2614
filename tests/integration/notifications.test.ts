import { randomUUID } from 'node:crypto';
import type { Assignment } from '@ankang/shared';
import { describe, expect, inject, it, vi } from 'vitest';
import { sqsEventOf } from '../../functions/local/fakeSqs';
import type { MessagesSeen } from '../../functions/local/fakeWechatMessages';
import { keys } from '../../functions/src/db/keys';
import type { VolunteerSignupRecord } from '../../functions/src/db/signupRecords';
import { handler as getSubscriptions } from '../../functions/src/handlers/getSubscriptions';
import { handler as recordSubscriptions } from '../../functions/src/handlers/recordSubscriptions';
import {
  handler as remindersHandler,
  remindTomorrow,
} from '../../functions/src/handlers/sendAssignmentReminders';
import { httpEvent, invoke, lambdaContext } from '../support/events';
import {
  assignmentScene,
  cancel,
  create,
  day,
  reassign,
  respond,
  storedItem,
  storedVolunteer,
  storedWorksite,
  userWithOpenid,
} from './assignmentFixtures';
import { atShanghaiNoon } from './shanghaiNoon';

/** A run of the reminders' job for a schedule that fired just now. */
const sendAssignmentReminders = () =>
  remindTomorrow({ job: 'reminders', scheduledAt: new Date().toISOString() });

const wechat = inject('wechatApiBase');

/** What the fake WeChat received for one openid (every test file shares it; each asks about its own users). */
async function seen(openid: string): Promise<MessagesSeen> {
  const response = await fetch(`${wechat}/__fake/messages?touser=${encodeURIComponent(openid)}`);
  return (await response.json()) as MessagesSeen;
}

const consent = (
  token: string,
  results: { topic: string; result: string }[],
  requestId: string = randomUUID(),
) =>
  invoke(
    recordSubscriptions,
    httpEvent({ method: 'POST', path: '/me/subscriptions', token, body: { requestId, results } }),
  );
const subscriptions = (token: string) =>
  invoke(getSubscriptions, httpEvent({ path: '/me/subscriptions', token }));
/** The volunteer topics' consents (the alert topics are staff's; these tests never grant them). */
const remaining = async (token: string) =>
  Object.fromEntries(
    (
      (await subscriptions(token)).body as { subscriptions: { topic: string; remaining: number }[] }
    ).subscriptions
      .filter((s) => s.topic === 'assignment' || s.topic === 'reminder')
      .map((s) => [s.topic, s.remaining]),
  );

/** 2026-07-01 → 2026年7月1日, worked out here from the date's digits. */
function dateField(date: string): string {
  const [y, m, d] = date.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** A volunteer with their own openid (its tag steers the fake WeChat) and consents given. */
async function volunteer(
  campaign: { id: string },
  tag: string,
  consents: { assignment?: number; reminder?: number } = {},
): Promise<{ openid: string; token: string; userId: string; signup: VolunteerSignupRecord }> {
  const user = await userWithOpenid(tag);
  const signup = await storedVolunteer(campaign, user.userId);
  for (const [topic, count] of Object.entries(consents)) {
    for (let i = 0; i < count; i += 1) {
      expect((await consent(user.token, [{ topic, result: 'accept' }])).status).toBe(200);
    }
  }
  return { ...user, signup };
}

const assign = (
  token: string,
  site: { id: string },
  signup: { id: string },
  date: string,
  slot: 'am' | 'pm',
) => create(token, { worksiteSignupId: site.id, volunteerSignupId: signup.id, date, slot });

describe('Handler: getSubscriptions and recordSubscriptions', () => {
  it('offers the configured templates and counts one consent per accepted dialog, once, up to ten', async () => {
    const user = await userWithOpenid('consent');
    expect(await subscriptions(user.token)).toStrictEqual({
      status: 200,
      body: {
        subscriptions: [
          { topic: 'assignment', templateId: 'test-template-assignment', remaining: 0 },
          { topic: 'reminder', templateId: 'test-template-reminder', remaining: 0 },
          { topic: 'alertAssigned', templateId: 'test-template-alert-assigned', remaining: 0 },
          { topic: 'alertDue', templateId: 'test-template-alert-due', remaining: 0 },
          { topic: 'suggestionOutcome', templateId: 'test-template-suggestion', remaining: 0 },
        ],
      },
    });
    const dialog = randomUUID();
    const answer = [
      { topic: 'assignment', result: 'accept' },
      { topic: 'reminder', result: 'reject' },
    ];
    const first = await consent(user.token, answer, dialog);
    expect(first).toStrictEqual({
      status: 200,
      body: {
        subscriptions: [
          { topic: 'assignment', templateId: 'test-template-assignment', remaining: 1 },
          { topic: 'reminder', templateId: 'test-template-reminder', remaining: 0 },
          { topic: 'alertAssigned', templateId: 'test-template-alert-assigned', remaining: 0 },
          { topic: 'alertDue', templateId: 'test-template-alert-due', remaining: 0 },
          { topic: 'suggestionOutcome', templateId: 'test-template-suggestion', remaining: 0 },
        ],
      },
    });
    // The same dialog posted again (and twice at once) counts nothing more.
    const repeats = await Promise.all([
      consent(user.token, answer, dialog),
      consent(user.token, answer, dialog),
    ]);
    expect(repeats).toStrictEqual([first, first]);
    await consent(user.token, [
      { topic: 'assignment', result: 'accept' },
      { topic: 'reminder', result: 'accept' },
    ]);
    expect(await remaining(user.token)).toStrictEqual({ assignment: 2, reminder: 1 });
    for (const result of ['ban', 'filter', 'reject'])
      await consent(user.token, [{ topic: 'reminder', result }]);
    expect(await remaining(user.token)).toStrictEqual({ assignment: 2, reminder: 1 });

    // Ten at most, however often the user taps 允许 (and at once).
    await Promise.all(
      Array.from({ length: 12 }, () => consent(user.token, [{ topic: 'assignment', result: 'accept' }])),
    );
    expect(await remaining(user.token)).toStrictEqual({ assignment: 10, reminder: 1 });
  });

  it('refuses a malformed answer and counts nothing', async () => {
    const user = await userWithOpenid('consent');
    const bad = [
      { requestId: 'short', results: [{ topic: 'assignment', result: 'accept' }] },
      { requestId: randomUUID(), results: [] },
      { requestId: randomUUID(), results: [{ topic: 'news', result: 'accept' }] },
      { requestId: randomUUID(), results: [{ topic: 'assignment', result: 'yes' }] },
    ];
    for (const body of bad) {
      const result = await invoke(
        recordSubscriptions,
        httpEvent({ method: 'POST', path: '/me/subscriptions', token: user.token, body }),
      );
      expect(result, JSON.stringify(body)).toMatchObject({
        status: 400,
        body: { error: { code: 'VALIDATION_FAILED' } },
      });
    }
    expect(await remaining(user.token)).toStrictEqual({ assignment: 0, reminder: 0 });
    expect(await invoke(getSubscriptions, httpEvent({ path: '/me/subscriptions' }))).toMatchObject({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED' } },
    });
  });
});

describe('Notifications: 新任务', () => {
  atShanghaiNoon();

  it('sends one message per assignment, however often the create is retried, spending one consent', async () => {
    const s = await assignmentScene();
    const v = await volunteer(s.campaign, 'ok', { assignment: 2 });
    const [first, second] = await Promise.all([
      assign(s.staff.token, s.townSite, v.signup, day(2), 'am'),
      assign(s.staff.token, s.townSite, v.signup, day(2), 'am'),
    ]);
    expect([first.status, second.status]).toStrictEqual([201, 201]);
    await assign(s.staff.token, s.townSite, v.signup, day(2), 'am');
    const task = first.body as Assignment;
    expect(await seen(v.openid)).toStrictEqual({
      attempts: 1,
      messages: [
        {
          touser: v.openid,
          template_id: 'test-template-assignment',
          page: `volunteer/pages/task/index?id=${task.id}`,
          data: {
            thing1: { value: s.townSite.siteName },
            date2: { value: dateField(day(2)) },
            phrase3: { value: '上午' },
            thing4: { value: '测试镇人民路 18 号' },
            thing5: { value: '新任务，请在小程序内接受或婉拒' },
          },
          miniprogram_state: 'formal',
          lang: 'zh_CN',
        },
      ],
    });
    expect(await remaining(v.token)).toStrictEqual({ assignment: 1, reminder: 0 });
    expect(await storedItem(keys.notification(`assign#${task.id}#${v.signup.id}#1`))).toMatchObject({
      state: 'sent',
      attempts: 1,
    });
  });

  it('sends nothing without consent for the topic, and assigns the task all the same', async () => {
    const s = await assignmentScene();
    const v = await volunteer(s.campaign, 'ok', { reminder: 2 });
    const result = await assign(s.staff.token, s.countySite, v.signup, day(1), 'pm');
    expect(result).toMatchObject({ status: 201, body: { status: 'assigned' } });
    const task = result.body as Assignment;
    expect(await seen(v.openid)).toStrictEqual({ attempts: 0, messages: [] });
    expect(await storedItem(keys.notification(`assign#${task.id}#${v.signup.id}#1`))).toMatchObject({
      state: 'no-consent',
    });
    // A consent given later does not send the old news.
    await consent(v.token, [{ topic: 'assignment', result: 'accept' }]);
    await assign(s.staff.token, s.countySite, v.signup, day(1), 'pm');
    expect(await seen(v.openid)).toStrictEqual({ attempts: 0, messages: [] });
    expect(await remaining(v.token)).toStrictEqual({ assignment: 1, reminder: 2 });
  });

  it('tells the volunteer a task is handed to, once, with a long site name cut to fit', async () => {
    const s = await assignmentScene();
    const longName = '张家港市杨舍镇暨阳湖东住宅项目二期建筑工地北区';
    const site = await storedWorksite(s.campaign, s.town, { siteName: longName });
    const first = await volunteer(s.campaign, 'ok', { assignment: 3 });
    const second = await volunteer(s.campaign, 'ok', { assignment: 3 });
    const task = (await assign(s.staff.token, site, first.signup, day(3), 'pm')).body as Assignment;
    await respond(first.token, task.id, {
      version: 1,
      response: { decision: 'decline', reason: '临时出差' },
    });
    const handed = await reassign(s.staff.token, task.id, {
      version: 2,
      volunteerSignupId: second.signup.id,
    });
    expect(handed.status).toBe(200);
    await reassign(s.staff.token, task.id, { version: 2, volunteerSignupId: second.signup.id });

    expect((await seen(first.openid)).messages).toHaveLength(1);
    const toSecond = await seen(second.openid);
    expect(toSecond.messages).toHaveLength(1);
    expect(toSecond.messages[0]!.page).toBe(`volunteer/pages/task/index?id=${task.id}`);
    expect(longName.length).toBeGreaterThan(20);
    expect(toSecond.messages[0]!.data.thing1).toStrictEqual({
      value: `${[...longName].slice(0, 19).join('')}…`,
    });
    expect(await remaining(second.token)).toStrictEqual({ assignment: 2, reminder: 0 });
  });

  it('takes WeChat’s refusal (43101) as no consent: nothing delivered, the count drops to zero', async () => {
    const s = await assignmentScene();
    const v = await volunteer(s.campaign, 'refuse', { assignment: 3 });
    const result = await assign(s.staff.token, s.townSite, v.signup, day(1), 'am');
    expect(result.status).toBe(201);
    const task = result.body as Assignment;
    expect(await seen(v.openid)).toStrictEqual({ attempts: 1, messages: [] });
    expect(await remaining(v.token)).toStrictEqual({ assignment: 0, reminder: 0 });
    expect(await storedItem(keys.notification(`assign#${task.id}#${v.signup.id}#1`))).toMatchObject({
      state: 'no-consent',
      errcode: 43101,
    });
  });

  it('never fails the write when the send fails; the consent comes back and a retried create delivers once', async () => {
    const s = await assignmentScene();
    const v = await volunteer(s.campaign, 'flaky', { assignment: 1 });
    const first = await assign(s.staff.token, s.townSite, v.signup, day(2), 'pm');
    expect(first).toMatchObject({ status: 201, body: { status: 'assigned', version: 1 } });
    const task = first.body as Assignment;
    expect(await seen(v.openid)).toStrictEqual({ attempts: 1, messages: [] });
    expect(await remaining(v.token)).toStrictEqual({ assignment: 1, reminder: 0 });
    expect(await storedItem(keys.notification(`assign#${task.id}#${v.signup.id}#1`))).toMatchObject({
      state: 'failed',
    });

    expect(await assign(s.staff.token, s.townSite, v.signup, day(2), 'pm')).toStrictEqual(first);
    await assign(s.staff.token, s.townSite, v.signup, day(2), 'pm');
    const after = await seen(v.openid);
    expect(after.attempts).toBe(2);
    expect(after.messages).toHaveLength(1);
    expect(await remaining(v.token)).toStrictEqual({ assignment: 0, reminder: 0 });
  });

  it('gives an event up after three failed sends, spending no consent', async () => {
    const s = await assignmentScene();
    const v = await volunteer(s.campaign, 'broken', { assignment: 5 });
    for (let i = 0; i < 5; i += 1) {
      expect((await assign(s.staff.token, s.countySite, v.signup, day(3), 'am')).status).toBe(201);
    }
    expect(await seen(v.openid)).toStrictEqual({ attempts: 3, messages: [] });
    expect(await remaining(v.token)).toStrictEqual({ assignment: 5, reminder: 0 });
  });

  it('gets a new access token when WeChat has revoked the one it holds', async () => {
    const s = await assignmentScene();
    const v = await volunteer(s.campaign, 'ok', { assignment: 1 });
    // A token is cached by an earlier send in this file's process.
    const warm = await volunteer(s.campaign, 'ok', { assignment: 1 });
    await assign(s.staff.token, s.countySite, warm.signup, day(1), 'am');
    expect((await seen(warm.openid)).messages).toHaveLength(1);
    await fetch(`${wechat}/__fake/revoke-tokens`, { method: 'POST', body: '{}' });
    await assign(s.staff.token, s.townSite, v.signup, day(1), 'am');
    expect((await seen(v.openid)).messages).toHaveLength(1);
  });
});

describe('Notifications: 明天的任务 (the evening job)', () => {
  atShanghaiNoon();

  it('reminds each holder of tomorrow’s waiting or accepted tasks once, however often the job runs', async () => {
    const s = await assignmentScene();
    const sites = await Promise.all([1, 2, 3].map(() => storedWorksite(s.campaign, s.town)));
    const waiting = await volunteer(s.campaign, 'ok', { reminder: 2 });
    const accepted = await volunteer(s.campaign, 'ok', { reminder: 1 });
    const noConsent = await volunteer(s.campaign, 'ok');
    const declined = await volunteer(s.campaign, 'ok', { reminder: 1 });
    const cancelled = await volunteer(s.campaign, 'ok', { reminder: 1 });
    const dayAfter = await volunteer(s.campaign, 'ok', { reminder: 1 });
    const created = async (
      site: { id: string },
      v: { signup: { id: string } },
      date: string,
      slot: 'am' | 'pm',
    ) => {
      const result = await assign(s.staff.token, site, v.signup, date, slot);
      expect(result.status).toBe(201);
      return result.body as Assignment;
    };
    const waitingTask = await created(s.countySite, waiting, day(1), 'am');
    const acceptedTask = await created(s.townSite, accepted, day(1), 'am');
    await respond(accepted.token, acceptedTask.id, { version: 1, response: { decision: 'accept' } });
    await created(sites[0]!, noConsent, day(1), 'pm');
    const declinedTask = await created(sites[1]!, declined, day(1), 'pm');
    await respond(declined.token, declinedTask.id, {
      version: 1,
      response: { decision: 'decline', reason: '临时出差' },
    });
    const cancelledTask = await created(sites[2]!, cancelled, day(1), 'am');
    await cancel(s.staff.token, cancelledTask.id, { version: 1, reason: '工地停工' });
    await created(s.countySite, dayAfter, day(2), 'am');

    const runs = [await sendAssignmentReminders(), await sendAssignmentReminders()];
    expect(runs.map((run) => [run.date, run.complete])).toStrictEqual([
      [day(1), true],
      [day(1), true],
    ]);
    expect(await seen(waiting.openid)).toStrictEqual({
      attempts: 1,
      messages: [
        {
          touser: waiting.openid,
          template_id: 'test-template-reminder',
          page: `volunteer/pages/task/index?id=${waitingTask.id}`,
          data: {
            thing1: { value: s.countySite.siteName },
            date2: { value: dateField(day(1)) },
            phrase3: { value: '上午' },
            thing4: { value: '测试镇人民路 18 号' },
            thing5: { value: '明天的任务，请按时前往' },
          },
          miniprogram_state: 'formal',
          lang: 'zh_CN',
        },
      ],
    });
    expect((await seen(accepted.openid)).messages.map((m) => m.template_id)).toStrictEqual([
      'test-template-reminder',
    ]);
    for (const nobody of [noConsent, declined, cancelled, dayAfter]) {
      expect(await seen(nobody.openid)).toStrictEqual({ attempts: 0, messages: [] });
    }
    expect(await remaining(waiting.token)).toStrictEqual({ assignment: 0, reminder: 1 });

    // Handed to someone else after the reminder: the next run reminds the new holder, not the old one again.
    const newcomer = await volunteer(s.campaign, 'ok', { assignment: 1, reminder: 1 });
    expect(
      (await reassign(s.staff.token, waitingTask.id, { version: 1, volunteerSignupId: newcomer.signup.id }))
        .status,
    ).toBe(200);
    await sendAssignmentReminders();
    expect((await seen(newcomer.openid)).messages.map((m) => m.template_id)).toStrictEqual([
      'test-template-assignment',
      'test-template-reminder',
    ]);
    expect((await seen(waiting.openid)).messages).toHaveLength(1);
  });

  /**
   * The schedule fires at 18:00 Shanghai (10:00 UTC) and its message says so; a failed run sent
   * again later from the failed-jobs queue carries that message. This evening's run is about day(1);
   * the clock is then set to the next morning, when now's "tomorrow" is day(2).
   */
  const tonightsRun = () => ({ job: 'reminders' as const, scheduledAt: `${day(0)}T10:00:00Z` });

  /** A volunteer with a reminder subscription and a task on `date`. */
  async function taskOn(date: string) {
    const s = await assignmentScene();
    const v = await volunteer(s.campaign, 'ok', { reminder: 1 });
    expect((await assign(s.staff.token, s.countySite, v.signup, date, 'pm')).status).toBe(201);
    return v;
  }

  it('reminds of the day after the schedule’s moment when its run is sent again hours later', async () => {
    const [tomorrow, dayAfter] = [day(1), day(2)];
    const s = await assignmentScene();
    const due = await volunteer(s.campaign, 'ok', { reminder: 1 });
    const later = await volunteer(s.campaign, 'ok', { reminder: 1 });
    expect((await assign(s.staff.token, s.countySite, due.signup, tomorrow, 'pm')).status).toBe(201);
    expect((await assign(s.staff.token, s.townSite, later.signup, dayAfter, 'pm')).status).toBe(201);
    const event = tonightsRun();
    // 11 h 59 min after 18:00: still in time, and about the schedule's tomorrow.
    vi.setSystemTime(new Date(`${tomorrow}T05:59:00+08:00`));

    const run = await remindTomorrow(event);
    expect([run.date, run.complete, run.skipped]).toStrictEqual([tomorrow, true, undefined]);
    const reminded = (await seen(due.openid)).messages;
    expect(reminded.map((m) => [m.template_id, m.data.date2?.value])).toStrictEqual([
      ['test-template-reminder', dateField(tomorrow)],
    ]);
    expect(await seen(later.openid)).toStrictEqual({ attempts: 0, messages: [] });
  });

  it('sends nothing when its run comes more than 12 hours after the schedule’s moment', async () => {
    const tomorrow = day(1);
    const v = await taskOn(tomorrow);
    const event = tonightsRun();
    vi.setSystemTime(new Date(`${tomorrow}T06:01:00+08:00`));

    expect(await remindTomorrow(event)).toStrictEqual({
      date: tomorrow,
      tasks: 0,
      outcomes: {},
      complete: true,
      skipped: 'stale',
    });
    expect(await seen(v.openid)).toStrictEqual({ attempts: 0, messages: [] });
  });

  it('runs from its queue: a reminders message reminds, any other message is reported failed', async () => {
    const v = await taskOn(day(1));
    const message = (body: object) =>
      sqsEventOf({
        queueName: 'ankang-local-reminders-jobs',
        messageId: randomUUID(),
        body: JSON.stringify(body),
        receiveCount: 1,
      });
    const wrong = message({ job: 'sweep' });
    expect(await remindersHandler(wrong, lambdaContext)).toStrictEqual({
      batchItemFailures: [{ itemIdentifier: wrong.Records[0]!.messageId }],
    });
    expect(await seen(v.openid)).toStrictEqual({ attempts: 0, messages: [] });
    expect(await remindersHandler(message(tonightsRun()), lambdaContext)).toStrictEqual({
      batchItemFailures: [],
    });
    expect((await seen(v.openid)).messages.map((m) => m.template_id)).toStrictEqual([
      'test-template-reminder',
    ]);
  });
});
