import { randomUUID } from 'node:crypto';
import type { AlertCounts, HardshipAlert, HardshipAlertSummary, HouseholdFile } from '@ankang/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { day } from '../support/shanghaiDay';
import { DAXIN, newCommentId, raiseAlert, rawAlert, storedOf, ZJG } from './hardshipAlertHelpers';
import { expectRefused, loginAsDemo, messagesTo, request } from './http';

/**
 * The issue's walk over real HTTP: a visit under 低保 raises an alert for 顾晓东 (大新镇, its
 * caseworker); he acknowledges it; 李敏 (张家港, above) takes it over with a reason and is told by
 * subscribe message; she starts and resolves it with 重新建档 深度困难, and the household's file
 * shows the new category. Lists, counts and comments along the way.
 */

type Page = { alerts: HardshipAlertSummary[]; nextCursor: string | null; counts?: AlertCounts };

let daxin: string;
let zjg: string;

const post = (token: string, id: string, action: string, body: unknown) =>
  request('POST', `/staff/hardship/alerts/${id}/${action}`, { token, body });
const ids = (body: unknown) => (body as Page).alerts.map((alert) => alert.id);

/**
 * Every alert id on a user's 我的预警, all pages: other tests and the demo give the demo staff many
 * alerts due the same day, so one page proves nothing either way.
 */
async function allMine(token: string): Promise<string[]> {
  const all: string[] = [];
  for (let cursor: string | null = null, page = 0; page === 0 || (cursor && page < 20); page += 1) {
    const next = await request('GET', `/staff/hardship/alerts/mine${cursor ? `?cursor=${cursor}` : ''}`, {
      token,
    });
    expect(next.status).toBe(200);
    all.push(...ids(next.body));
    cursor = (next.body as Page).nextCursor;
  }
  return all;
}

describe('API: an alert from a visit to 重新建档', () => {
  beforeAll(async () => {
    [daxin, zjg] = await Promise.all([loginAsDemo('顾晓东'), loginAsDemo('李敏')]);
  });

  it('walks open → acknowledged → reassigned → in progress → resolved, changing the file', async () => {
    const { file, alert } = await raiseAlert(daxin);
    expect(alert).toMatchObject({
      rule: 'belowPovertyLine',
      ruleLabel: '人均收入低于低保标准',
      severity: 'high',
      status: 'open',
      orgPath: DAXIN,
      assigneeName: '顾晓东',
      dueOn: day(3),
      overdue: false,
      version: 1,
      evidence: { perCapitaMonthlyFen: 50_000, povertyLine: { monthlyFen: 114_000 } },
      household: { id: file.id, idNumberMasked: file.idNumberMasked, category: 'relative' },
      comments: [],
    });
    expect(alert.history.map((entry) => [entry.action, entry.actorName])).toStrictEqual([
      ['raiseAlert', '系统'],
    ]);

    // In 顾晓东's queue (with its count) and in his own list; 张家港 sees it in its subtree too.
    const queue = await request('GET', '/staff/hardship/alerts', { token: daxin });
    expect(queue.status).toBe(200);
    expect((queue.body as Page).counts?.open).toBeGreaterThanOrEqual(1);
    const allOpen: string[] = [];
    for (let cursor: string | null = null, page = 0; page === 0 || (cursor && page < 20); page += 1) {
      const next = await request(
        'GET',
        `/staff/hardship/alerts?orgPath=${encodeURIComponent(ZJG)}${cursor ? `&cursor=${cursor}` : ''}`,
        { token: zjg },
      );
      allOpen.push(...ids(next.body));
      cursor = (next.body as Page).nextCursor;
    }
    expect(allOpen).toContain(alert.id);
    expect(await allMine(daxin)).toContain(alert.id);

    const acknowledged = await post(daxin, alert.id, 'acknowledge', { version: 1, note: '今天电话联系' });
    expect(acknowledged).toMatchObject({ status: 200, body: { status: 'acknowledged', version: 2 } });

    // 李敏 subscribed to alert messages; she takes the alert over with a reason and is told once.
    const consent = await request('POST', '/me/subscriptions', {
      token: zjg,
      body: { requestId: randomUUID(), results: [{ topic: 'alertAssigned', result: 'accept' }] },
    });
    expect(consent.status, JSON.stringify(consent.body)).toBe(200);
    const offered = await request('GET', `/staff/hardship/alerts/${alert.id}/assignees`, { token: zjg });
    const people = (offered.body as { assignees: { userId: string; name: string; orgPath: string }[] })
      .assignees;
    expect(people.map((p) => [p.name, p.orgPath])).toEqual(
      expect.arrayContaining([
        ['顾晓东', DAXIN],
        ['李敏', ZJG],
      ]),
    );
    const li = people.find((p) => p.name === '李敏')!;
    const assignBody = { version: 2, assigneeUserId: li.userId, reason: '需要市里协调医疗救助' };
    const assigned = await post(zjg, alert.id, 'assign', assignBody);
    expect(assigned).toMatchObject({
      status: 200,
      body: { assigneeName: '李敏', status: 'acknowledged', version: 3 },
    });
    const retried = await post(zjg, alert.id, 'assign', assignBody);
    expectRefused(retried, 409, 'VERSION_CONFLICT');
    expect(retried.body).toMatchObject({ error: { details: { currentVersion: 3 } } });
    const sent = (await messagesTo('demo:staff-zjg')).filter((m) => m.page.includes(alert.id));
    expect(sent).toStrictEqual([
      expect.objectContaining({
        template_id: 'local-template-alert-assigned',
        page: `staff/pages/alert/index?id=${alert.id}`,
      }),
    ]);
    expect(await allMine(daxin)).not.toContain(alert.id);
    expect(await allMine(zjg)).toContain(alert.id);

    const started = await post(zjg, alert.id, 'start', { version: 3 });
    expect(started).toMatchObject({ status: 200, body: { status: 'inProgress', version: 4 } });
    const resolved = await post(zjg, alert.id, 'resolve', {
      version: 4,
      outcome: { kind: 'refiled', category: 'deep', note: '收入远低于低保，转深度困难' },
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    const done = resolved.body as HardshipAlert;
    expect(done).toMatchObject({
      status: 'resolved',
      version: 5,
      resolvedByName: '李敏',
      outcome: { kind: 'refiled', category: 'deep' },
      household: { category: 'deep', status: 'active' },
    });
    expect(done.history[0]).toMatchObject({ action: 'raiseAlert', actorName: '系统' });
    expect(
      done.history
        .slice(1)
        .map(({ action, actorName, reason, detail }) => ({ action, actorName, reason, detail })),
    ).toStrictEqual([
      { action: 'acknowledgeAlert', actorName: '顾晓东', reason: undefined, detail: '今天电话联系' },
      { action: 'assignAlert', actorName: '李敏', reason: '需要市里协调医疗救助', detail: '顾晓东 → 李敏' },
      { action: 'startAlert', actorName: '李敏', reason: undefined, detail: undefined },
      {
        action: 'resolveAlert',
        actorName: '李敏',
        reason: undefined,
        detail: '重新建档：深度困难；收入远低于低保，转深度困难',
      },
    ]);
    const fileNow = await request('GET', `/staff/hardship/files/${file.id}`, { token: daxin });
    expect((fileNow.body as HouseholdFile).category).toBe('deep');
    // Resolved alerts leave "mine"; the resolved queue has it.
    expect(ids((await request('GET', '/staff/hardship/alerts/mine', { token: zjg })).body)).not.toContain(
      alert.id,
    );
    const stored = await rawAlert(alert.id);
    expect({ mine: stored?.gsi2pk, due: stored?.gsi3pk, queue: stored?.gsi1pk }).toStrictEqual({
      mine: undefined,
      due: undefined,
      queue: 'HA_Q#320000#resolved',
    });
  });

  it('keeps a retried comment once, answers the retry the same, and refuses its id for other text', async () => {
    const { alert } = await raiseAlert(daxin);
    const body = { id: newCommentId(), text: '已联系社区，下周入户核实。' };
    const first = await post(daxin, alert.id, 'comments', body);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await post(daxin, alert.id, 'comments', body);
    expect(again.status).toBe(201);
    expect((again.body as HardshipAlert).comments).toStrictEqual((first.body as HardshipAlert).comments);
    expect((first.body as HardshipAlert).comments).toStrictEqual([
      { id: body.id, text: body.text, authorName: '顾晓东', at: expect.any(String) },
    ]);
    expectRefused(
      await post(daxin, alert.id, 'comments', { ...body, text: '别的话' }),
      409,
      'REQUEST_ID_REUSED',
    );
    expectRefused(await post(zjg, alert.id, 'comments', body), 409, 'REQUEST_ID_REUSED');
    const { alert: items, trail } = await storedOf(alert.id);
    expect(items.filter((item) => String(item.sk).startsWith('COMMENT#'))).toHaveLength(1);
    expect(trail.filter((event) => event.action === 'commentAlert')).toHaveLength(1);
    expect((await rawAlert(alert.id))?.version).toBe(1);
  });
});
