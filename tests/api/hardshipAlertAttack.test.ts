import { randomUUID } from 'node:crypto';
import type { HardshipAlert, HardshipAlertSummary } from '@ankang/shared';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { hardshipAlertKeys } from '../../functions/src/db/keys';
import { testTableName } from '../support/stack';
import { DAXIN, newCommentId, raiseAlert, rawAlert, SIP, storedOf, ZJG } from './hardshipAlertHelpers';
import { expectRefused, loginAsDemo, loginWithCode, request } from './http';
import { table } from './table';

/**
 * Attacks on the alert routes over real HTTP: no token, the wrong role, staff beside, hostile and
 * huge bodies, forged ids and cursors, stale versions, the same write sent at once. Every refusal
 * is a declared 4xx (request() checks the code against the contract) with a Chinese message, and
 * leaves the alert, its comments and its trail exactly as they were.
 */

let daxin: string;
let alert: HardshipAlert;
let zjgUserId: string;

const base = (id: string) => `/staff/hardship/alerts/${id}`;

/** Every alert route, with a body that would be accepted from the right caller. */
function routes(id: string): [method: string, path: string, body?: unknown][] {
  return [
    ['GET', '/staff/hardship/alerts'],
    ['GET', '/staff/hardship/alerts/mine'],
    ['GET', '/staff/hardship/alerts/escalated'],
    ['GET', base(id)],
    ['POST', `${base(id)}/acknowledge`, { version: 1 }],
    ['POST', `${base(id)}/start`, { version: 1 }],
    ['POST', `${base(id)}/resolve`, { version: 1, outcome: { kind: 'noHelp', note: '收入已恢复' } }],
    ['POST', `${base(id)}/assign`, { version: 1, assigneeUserId: zjgUserId, reason: '请上级协调' }],
    ['POST', `${base(id)}/comments`, { id: newCommentId(), text: '看一下' }],
    ['GET', `${base(id)}/assignees`],
  ];
}
const idRoutes = (id: string) => routes(id).filter(([, path]) => path.startsWith(base(id)));

describe('API: attacks on the alert routes', () => {
  beforeAll(async () => {
    daxin = await loginAsDemo('顾晓东');
    ({ alert } = await raiseAlert(daxin));
    const zjg = await loginAsDemo('李敏');
    zjgUserId = ((await request('GET', '/me', { token: zjg })).body as { id: string }).id;
  });

  it('answers 401 without a token or with a forged one, and 403 FORBIDDEN to workers and volunteers', async () => {
    const before = await storedOf(alert.id);
    const worker = await loginWithCode(`alert-attack-${randomUUID()}`);
    const volunteer = await loginAsDemo('赵磊');
    for (const [method, path, body] of routes(alert.id)) {
      expectRefused(await request(method, path, { body }), 401, 'UNAUTHENTICATED');
      expect((await request(method, path, { body, token: `${daxin.slice(0, -4)}AAAA` })).status).toBe(401);
      expectRefused(await request(method, path, { body, token: worker.token }), 403, 'FORBIDDEN');
      expectRefused(await request(method, path, { body, token: volunteer }), 403, 'FORBIDDEN');
    }
    expect(await storedOf(alert.id)).toStrictEqual(before);
  });

  it('refuses staff beside the household on every alert route; staff above and admins may read and act', async () => {
    const before = await storedOf(alert.id);
    const sip = await loginAsDemo('沈佳怡');
    for (const [method, path, body] of idRoutes(alert.id)) {
      expectRefused(await request(method, path, { body, token: sip }), 403, 'OUT_OF_SCOPE');
    }
    for (const path of [
      `/staff/hardship/alerts?orgPath=${encodeURIComponent(DAXIN)}`,
      `/staff/hardship/alerts?childOrg=${encodeURIComponent(DAXIN)}`,
      `/staff/hardship/alerts/escalated?orgPath=${encodeURIComponent(ZJG)}`,
    ]) {
      expectRefused(await request('GET', path, { token: sip }), 403, 'OUT_OF_SCOPE');
    }
    const own = await request('GET', `/staff/hardship/alerts?orgPath=${encodeURIComponent(SIP)}`, {
      token: sip,
    });
    expect((own.body as { alerts: HardshipAlertSummary[] }).alerts.map((a) => a.id)).not.toContain(alert.id);
    expect(await storedOf(alert.id)).toStrictEqual(before);

    for (const name of ['李敏', '陈刚', '王芳', '周建国']) {
      const read = await request('GET', base(alert.id), { token: await loginAsDemo(name) });
      expect(read.status, name).toBe(200);
    }
  });

  it('refuses malformed, hostile and huge bodies with 400, storing nothing', async () => {
    const { alert: target } = await raiseAlert(daxin);
    const before = await storedOf(target.id);
    const path = (action: string) => `${base(target.id)}/${action}`;
    const bad: [string, string, { body?: unknown; rawBody?: string }][] = [
      ['not JSON', path('acknowledge'), { rawBody: '{"version": 1' }],
      ['null', path('acknowledge'), { rawBody: 'null' }],
      ['an array', path('acknowledge'), { body: [1] }],
      ['no version', path('acknowledge'), { body: {} }],
      ['version as text', path('acknowledge'), { body: { version: '1' } }],
      ['version 0', path('start'), { body: { version: 0 } }],
      ['version -1', path('start'), { body: { version: -1 } }],
      ['version 1.5', path('start'), { body: { version: 1.5 } }],
      ['a 201-character note', path('acknowledge'), { body: { version: 1, note: '注'.repeat(201) } }],
      ['a control character', path('acknowledge'), { body: { version: 1, note: '好\u0000的' } }],
      ['no outcome', path('resolve'), { body: { version: 1 } }],
      ['an unknown outcome', path('resolve'), { body: { version: 1, outcome: { kind: 'forgotten' } } }],
      [
        '无需帮扶 without a reason',
        path('resolve'),
        { body: { version: 1, outcome: { kind: 'noHelp', note: '' } } },
      ],
      ['no measures', path('resolve'), { body: { version: 1, outcome: { kind: 'helped', measures: [] } } }],
      [
        'a measure twice',
        path('resolve'),
        { body: { version: 1, outcome: { kind: 'helped', measures: ['warmth', 'warmth'] } } },
      ],
      [
        'a negative amount',
        path('resolve'),
        { body: { version: 1, outcome: { kind: 'helped', measures: ['warmth'], amountFen: -1 } } },
      ],
      [
        'an amount in fractions of a fen',
        path('resolve'),
        { body: { version: 1, outcome: { kind: 'helped', measures: ['warmth'], amountFen: 10.5 } } },
      ],
      [
        'an unknown category',
        path('resolve'),
        { body: { version: 1, outcome: { kind: 'refiled', category: 'rich' } } },
      ],
      [
        'a 41-character referral',
        path('resolve'),
        { body: { version: 1, outcome: { kind: 'referred', referredTo: '民'.repeat(41) } } },
      ],
      ['no reason', path('assign'), { body: { version: 1, assigneeUserId: zjgUserId } }],
      [
        'a 61-character reason',
        path('assign'),
        { body: { version: 1, assigneeUserId: zjgUserId, reason: '因'.repeat(61) } },
      ],
      [
        'a forged user id',
        path('assign'),
        { body: { version: 1, assigneeUserId: 'USER#admin', reason: '请协调' } },
      ],
      ['no comment id', path('comments'), { body: { text: '看一下' } }],
      [
        'an upper-case comment id',
        path('comments'),
        { body: { id: `hc_${'A'.repeat(32)}`, text: '看一下' } },
      ],
      ['an empty comment', path('comments'), { body: { id: newCommentId(), text: '' } }],
      ['a 301-character comment', path('comments'), { body: { id: newCommentId(), text: '评'.repeat(301) } }],
      [
        'a 10,000-character comment (a larger body is 413 by size)',
        path('comments'),
        { body: { id: newCommentId(), text: '评'.repeat(10_000) } },
      ],
    ];
    for (const [name, target, options] of bad) {
      const answer = await request('POST', target, { token: daxin, ...options });
      expect(answer.status, `${name}: ${JSON.stringify(answer.body).slice(0, 200)}`).toBe(400);
      expect((answer.body as { error: { message: string } }).error.message).toMatch(/\p{Script=Han}/u);
    }
    expect(await storedOf(target.id)).toStrictEqual(before);
  });

  it('answers forged alert ids with 400 and unknown well-formed ones with 404', async () => {
    const forged = [
      `ha_${'A'.repeat(32)}`,
      'ha_123',
      `ha_${'0'.repeat(33)}`,
      `hf_${'0'.repeat(32)}`,
      'HALERT%23x',
    ];
    for (const id of forged) {
      for (const [method, path, body] of idRoutes(id)) {
        expectRefused(await request(method, path, { body, token: daxin }), 400, 'VALIDATION_FAILED');
      }
    }
    for (const [method, path, body] of idRoutes(`ha_${'0'.repeat(32)}`)) {
      expectRefused(await request(method, path, { body, token: daxin }), 404, 'ALERT_NOT_FOUND');
    }
  });

  it('lets one of five racing transitions with the same version win and answers the rest 409', async () => {
    const { alert: target } = await raiseAlert(daxin);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () =>
        request('POST', `${base(target.id)}/acknowledge`, { token: daxin, body: { version: 1 } }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toStrictEqual([200, 409, 409, 409, 409]);
    for (const lost of answers.filter((a) => a.status === 409)) expectRefused(lost, 409, 'VERSION_CONFLICT');
    const { trail } = await storedOf(target.id);
    expect(trail.filter((event) => event.action === 'acknowledgeAlert')).toHaveLength(1);
    // Stale and out-of-order moves are refused and change nothing.
    const before = await storedOf(target.id);
    expectRefused(
      await request('POST', `${base(target.id)}/start`, { token: daxin, body: { version: 1 } }),
      409,
      'VERSION_CONFLICT',
    );
    expectRefused(
      await request('POST', `${base(target.id)}/acknowledge`, { token: daxin, body: { version: 2 } }),
      409,
      'ALERT_TRANSITION_INVALID',
    );
    expect(await storedOf(target.id)).toStrictEqual(before);
  });

  it('stores a comment sent five times at once exactly once, and never under another alert', async () => {
    const { alert: target } = await raiseAlert(daxin);
    const body = { id: newCommentId(), text: '同一条评论' };
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => request('POST', `${base(target.id)}/comments`, { token: daxin, body })),
    );
    expect(answers.map((a) => a.status)).toStrictEqual([201, 201, 201, 201, 201]);
    const { alert: items, trail } = await storedOf(target.id);
    expect(items.filter((item) => String(item.sk).startsWith('COMMENT#'))).toHaveLength(1);
    expect(trail.filter((event) => event.action === 'commentAlert')).toHaveLength(1);
    expectRefused(
      await request('POST', `${base(alert.id)}/comments`, { token: daxin, body }),
      409,
      'REQUEST_ID_REUSED',
    );
    expect(
      (await storedOf(alert.id)).alert.filter((item) => String(item.sk).startsWith('COMMENT#')),
    ).toHaveLength(0);
  });

  it('opens a list’s next page only with the cursor it handed out for that same list', async () => {
    // 21 more alerts in 顾晓东's lists: copies of a raised one under new ids (as the raise stores them).
    const source = (await rawAlert(alert.id))!;
    for (let n = 0; n < 21; n += 1) {
      const id = `ha_${randomUUID().replace(/-/g, '')}`;
      const dueOn = String(source.dueOn);
      await table.send(
        new PutCommand({
          TableName: testTableName,
          Item: {
            ...source,
            ...hardshipAlertKeys.alert(id),
            ...hardshipAlertKeys.queue('open', DAXIN, dueOn, id),
            ...hardshipAlertKeys.mine(String(source.assigneeUserId), dueOn, id),
            ...hardshipAlertKeys.due(id, dueOn),
            id,
            fileId: `hf_${randomUUID().replace(/-/g, '')}`,
          },
        }),
      );
    }
    const lists = ['/staff/hardship/alerts', '/staff/hardship/alerts/mine'];
    const cursors: string[] = [];
    for (const list of lists) {
      const first = await request('GET', list, { token: daxin });
      expect((first.body as { alerts: unknown[] }).alerts).toHaveLength(20);
      cursors.push((first.body as { nextCursor: string }).nextCursor);
    }
    const [queueCursor, mineCursor] = cursors as [string, string];
    const [payload, signature] = queueCursor.split('.');
    const forged: [string, string][] = [
      ['/staff/hardship/alerts', 'not-a-cursor'],
      ['/staff/hardship/alerts', payload!],
      ['/staff/hardship/alerts', `${payload}.${'A'.repeat(signature!.length)}`],
      ['/staff/hardship/alerts', `${queueCursor}.x`],
      ['/staff/hardship/alerts?status=acknowledged', queueCursor],
      ['/staff/hardship/alerts?severity=high', queueCursor],
      ['/staff/hardship/alerts', mineCursor],
      ['/staff/hardship/alerts/mine', queueCursor],
      ['/staff/hardship/alerts/escalated', mineCursor],
    ];
    for (const [path, given] of forged) {
      const glue = path.includes('?') ? '&' : '?';
      expectRefused(
        await request('GET', `${path}${glue}cursor=${encodeURIComponent(given)}`, { token: daxin }),
        400,
        'BAD_CURSOR',
      );
    }
    // Another staff member's "mine" cannot be opened with 顾晓东's cursor.
    const zjg = await loginAsDemo('李敏');
    expectRefused(
      await request('GET', `/staff/hardship/alerts/mine?cursor=${encodeURIComponent(mineCursor)}`, {
        token: zjg,
      }),
      400,
      'BAD_CURSOR',
    );
    const next = await request(
      'GET',
      `/staff/hardship/alerts/mine?cursor=${encodeURIComponent(mineCursor)}`,
      {
        token: daxin,
      },
    );
    expect(next.status).toBe(200);
  });
});
