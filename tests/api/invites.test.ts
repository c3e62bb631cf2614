import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type Answer, expectRefused, loginAsDemo, loginWithCode, request } from './http';

/**
 * Invites and role management over real HTTP: no token, a worker, staff beside / above / below,
 * the admin; forged and malformed codes and ids; five accepts of one code at once; a revoke that
 * holds from the very next request.
 */

const ZJG = '320000/320500/320582';
const DAXIN = `${ZJG}/daxin`;
const SIP = '320000/320500/320571';

const invite = (token: string | undefined, body: Record<string, unknown>) =>
  request('POST', '/staff/invites', { token, body: { requestId: randomUUID(), ...body } });

const ORG_NAMES: Record<string, string> = {
  [DAXIN]: '大新镇工会',
  [SIP]: '苏州工业园区总工会',
};

type Made = { code: string; path: string; invite: { id: string; state: string; expiresAt: string } };

/**
 * The whole 201 answer of a create, with every value worked out here: the code's shape, the page
 * path, the node's name, the inviter as /me names them and a week's validity from the creation.
 */
async function expectCreated(result: Answer, token: string, body: { role: string; orgPath?: string }) {
  expect(result.status, JSON.stringify(result.body)).toBe(201);
  const made = result.body as Made & { invite: { createdAt: string } };
  const me = (await request('GET', '/me', { token })).body as { id: string; nickname: string };
  const createdAt = made.invite.createdAt;
  expect(Math.abs(Date.parse(createdAt) - Date.now())).toBeLessThan(60_000);
  expect(result.body).toStrictEqual({
    code: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/),
    path: `join/pages/invite/index?code=${made.code}`,
    invite: {
      id: expect.stringMatching(/^inv_[0-9a-f]{32}$/),
      role: body.role,
      org: body.orgPath ? { path: body.orgPath, name: ORG_NAMES[body.orgPath] } : null,
      state: 'pending',
      createdBy: { userId: me.id, name: me.nickname },
      createdAt,
      expiresAt: new Date(Math.floor(Date.parse(createdAt) / 1000) * 1000 + 7 * 86_400_000).toISOString(),
    },
  });
  return made;
}

async function madeInvite(token: string, orgPath = DAXIN) {
  return expectCreated(await invite(token, { role: 'staff', orgPath }), token, { role: 'staff', orgPath });
}

const worker = () => loginWithCode(`ok-${randomUUID()}`);
const forgedCode = () => randomBytes(18).toString('base64url');
const forgedId = () => `inv_${randomBytes(16).toString('hex')}`;

describe('API: invites and roles without a token or with the wrong role', () => {
  it('answers 401 on every signed-in route and 403 to a worker on the staff routes', async () => {
    const routes: [string, string, unknown?][] = [
      ['POST', '/staff/invites', { requestId: randomUUID(), role: 'staff', orgPath: DAXIN }],
      ['GET', '/staff/invites'],
      ['POST', `/staff/invites/${forgedId()}/revoke`],
      ['GET', '/staff/roles'],
      ['POST', '/staff/roles/revoke', { userId: `u_${'0'.repeat(24)}`, role: 'staff' }],
    ];
    const { token } = await worker();
    for (const [method, path, body] of routes) {
      expectRefused(await request(method, path, { body }), 401, 'UNAUTHENTICATED');
      expectRefused(await request(method, path, { body, token }), 403, 'FORBIDDEN');
    }
    expectRefused(
      await request('POST', '/invites/accept', { body: { code: forgedCode() } }),
      401,
      'UNAUTHENTICATED',
    );
  });
});

describe('API: who may invite whom', () => {
  it.each([
    ['李敏 (张家港) for 大新镇, below her', '李敏', { role: 'staff', orgPath: DAXIN }, 201, null],
    ['李敏 for her own 张家港', '李敏', { role: 'staff', orgPath: ZJG }, 403, 'NOT_BELOW_OWN_ORG'],
    ['李敏 for 苏州工业园区 beside her', '李敏', { role: 'staff', orgPath: SIP }, 403, 'OUT_OF_SCOPE'],
    ['李敏 for 苏州 above her', '李敏', { role: 'staff', orgPath: '320000/320500' }, 403, 'OUT_OF_SCOPE'],
    ['李敏 for an admin', '李敏', { role: 'admin' }, 403, 'FORBIDDEN'],
    [
      '顾晓东 (大新镇) for his own node',
      '顾晓东',
      { role: 'staff', orgPath: DAXIN },
      403,
      'NOT_BELOW_OWN_ORG',
    ],
    ['陈刚 (苏州) for 大新镇, two levels below', '陈刚', { role: 'staff', orgPath: DAXIN }, 201, null],
    ['周建国 (admin) for an admin', '周建国', { role: 'admin' }, 201, null],
    ['周建国 for 苏州工业园区', '周建国', { role: 'staff', orgPath: SIP }, 201, null],
    // Paths that share 李敏's characters but not her node: beside her, never below.
    [
      '李敏 for …/32058, a prefix of her path',
      '李敏',
      { role: 'staff', orgPath: '320000/320500/32058' },
      403,
      'OUT_OF_SCOPE',
    ],
    [
      '李敏 for …/3205821, her path plus a digit',
      '李敏',
      { role: 'staff', orgPath: `${ZJG}1` },
      403,
      'OUT_OF_SCOPE',
    ],
    [
      '李敏 for …/3205821/daxin, below that sibling',
      '李敏',
      { role: 'staff', orgPath: `${ZJG}1/daxin` },
      403,
      'OUT_OF_SCOPE',
    ],
  ] as const)('%s', async (_what, who, body, status, code) => {
    const token = await loginAsDemo(who);
    const result = await invite(token, body);
    if (code) expectRefused(result, status, code);
    else await expectCreated(result, token, body);
  });

  it('refuses malformed and huge input with 400 and a Chinese message', async () => {
    const admin = await loginAsDemo('周建国');
    for (const body of [
      { requestId: 'x'.repeat(10_000), role: 'staff', orgPath: DAXIN },
      { requestId: randomUUID(), role: 'staff', orgPath: 'x'.repeat(20_000) },
      { requestId: randomUUID(), role: 'staff', orgPath: DAXIN, validDays: 1e9 },
      { requestId: randomUUID(), role: ['staff'], orgPath: DAXIN },
    ]) {
      expectRefused(
        await request('POST', '/staff/invites', { token: admin, body }),
        400,
        'VALIDATION_FAILED',
      );
    }
    expectRefused(
      await request('POST', '/staff/invites', { token: admin, rawBody: '{"role":' }),
      400,
      'MALFORMED_JSON',
    );
  });
});

describe('API: forged codes and ids', () => {
  it('answers 404 for codes and ids no invite has, 400 for malformed ones', async () => {
    const admin = await loginAsDemo('周建国');
    const { token } = await worker();
    expectRefused(
      await request('POST', '/invites/preview', { body: { code: forgedCode() } }),
      404,
      'INVITE_NOT_FOUND',
    );
    expectRefused(
      await request('POST', '/invites/accept', { token, body: { code: forgedCode() } }),
      404,
      'INVITE_NOT_FOUND',
    );
    expectRefused(
      await request('POST', `/staff/invites/${forgedId()}/revoke`, { token: admin }),
      404,
      'INVITE_NOT_FOUND',
    );
    expectRefused(
      await request('POST', '/invites/preview', { body: { code: `${forgedCode()}' OR 1=1` } }),
      400,
      'VALIDATION_FAILED',
    );
    expectRefused(
      await request('POST', '/staff/invites/INVITE%23x/revoke', { token: admin }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('never shows the code or the inviter in the preview, and never the code in a listing', async () => {
    const limin = await loginAsDemo('李敏');
    const made = await madeInvite(limin);
    const preview = await request('POST', '/invites/preview', { body: { code: made.code } });
    expect(preview.body).toStrictEqual({
      role: 'staff',
      org: {
        path: DAXIN,
        name: '大新镇工会',
        chain: ['江苏省总工会', '苏州市总工会', '张家港市总工会', '大新镇工会'],
      },
      state: 'pending',
      expiresAt: made.invite.expiresAt,
    });
    const listed = await request('GET', '/staff/invites', { token: limin });
    expect(JSON.stringify(listed.body)).not.toContain(made.code);
    expect((listed.body as { invites: { id: string }[] }).invites.map((i) => i.id)).toContain(made.invite.id);
    await request('POST', `/staff/invites/${made.invite.id}/revoke`, { token: limin });
  });
});

describe('API: accepting and revoking', () => {
  it('makes a worker staff, shows who granted it, and a revoke holds from the very next request', async () => {
    const limin = await loginAsDemo('李敏');
    const made = await madeInvite(limin);
    const person = await worker();
    expect(
      await request('POST', '/invites/accept', { token: person.token, body: { code: made.code } }),
    ).toMatchObject({
      status: 200,
      body: { role: 'staff', org: { path: DAXIN, name: '大新镇工会' }, roles: ['worker', 'staff'] },
    });
    expect((await request('GET', '/me', { token: person.token })).body).toMatchObject({
      roles: ['worker', 'staff'],
      org: { name: '大新镇工会' },
    });
    expect((await request('GET', '/orgs', { token: person.token })).status).toBe(200);

    const holders = await request('GET', '/staff/roles', { token: limin });
    expect(
      (holders.body as { holders: { userId: string }[] }).holders.find((h) => h.userId === person.me.id),
    ).toMatchObject({
      role: 'staff',
      org: { path: DAXIN, name: '大新镇工会' },
      grantedBy: { name: '李敏' },
      revocable: true,
    });
    // 沈佳怡 (beside) and 顾晓东 (the same node) may not take it away; 李敏 may.
    for (const [who, code] of [
      ['沈佳怡', 'OUT_OF_SCOPE'],
      ['顾晓东', 'NOT_BELOW_OWN_ORG'],
    ] as const) {
      const token = await loginAsDemo(who);
      expectRefused(
        await request('POST', '/staff/roles/revoke', {
          token,
          body: { userId: person.me.id, role: 'staff' },
        }),
        403,
        code,
      );
    }
    expect(
      await request('POST', '/staff/roles/revoke', {
        token: limin,
        body: { userId: person.me.id, role: 'staff' },
      }),
    ).toMatchObject({ status: 200, body: { roles: ['worker'], orgPath: null } });
    // The same token, the next request: no longer staff.
    expectRefused(await request('GET', '/orgs', { token: person.token }), 403, 'FORBIDDEN');
    expect((await request('GET', '/me', { token: person.token })).body).toMatchObject({
      roles: ['worker'],
      org: null,
    });
    // The used code stays used.
    expectRefused(
      await request('POST', '/invites/accept', { token: person.token, body: { code: made.code } }),
      409,
      'INVITE_USED',
    );
  });

  it('lets exactly one of five people accepting one code at once win', async () => {
    const limin = await loginAsDemo('李敏');
    const made = await madeInvite(limin);
    const people = await Promise.all([1, 2, 3, 4, 5].map(() => worker()));
    const answers = await Promise.all(
      people.map((person) =>
        request('POST', '/invites/accept', { token: person.token, body: { code: made.code } }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toStrictEqual([200, 409, 409, 409, 409]);
    for (const loser of answers.filter((a) => a.status === 409)) expectRefused(loser, 409, 'INVITE_USED');
    const winner = people[answers.findIndex((a) => a.status === 200)]!;
    await request('POST', '/staff/roles/revoke', {
      token: limin,
      body: { userId: winner.me.id, role: 'staff' },
    });
  });

  it('refuses a revoked invite; staff beside may not revoke, staff above may', async () => {
    const limin = await loginAsDemo('李敏');
    const made = await madeInvite(limin);
    expectRefused(
      await request('POST', `/staff/invites/${made.invite.id}/revoke`, {
        token: await loginAsDemo('沈佳怡'),
      }),
      403,
      'OUT_OF_SCOPE',
    );
    expect(
      await request('POST', `/staff/invites/${made.invite.id}/revoke`, { token: await loginAsDemo('陈刚') }),
    ).toMatchObject({ status: 200, body: { state: 'revoked', revokedBy: { name: '陈刚' } } });
    const person = await worker();
    expectRefused(
      await request('POST', '/invites/accept', { token: person.token, body: { code: made.code } }),
      409,
      'INVITE_REVOKED',
    );
    expect((await request('GET', '/me', { token: person.token })).body).toMatchObject({ roles: ['worker'] });
  });
});

describe('API: the `root` of the invite and role listings', () => {
  it.each([
    ['beside (苏州工业园区)', SIP, 403, 'OUT_OF_SCOPE'],
    ['above (苏州)', '320000/320500', 403, 'OUT_OF_SCOPE'],
    ['a prefix of her path (…/32058)', '320000/320500/32058', 403, 'OUT_OF_SCOPE'],
    ['her path plus a digit (…/3205821)', `${ZJG}1`, 403, 'OUT_OF_SCOPE'],
    ['a county code standing alone (320582)', '320582', 403, 'OUT_OF_SCOPE'],
    ['not a path', 'zjg', 400, 'VALIDATION_FAILED'],
    ['a path with ..', `${ZJG}/../320571`, 400, 'VALIDATION_FAILED'],
    // 2 KB: longer than any path, short of the URL limit (a 20 KB URL never reaches the function).
    ['of 2,000 characters', `${ZJG}/${'a'.repeat(2_000)}`, 400, 'VALIDATION_FAILED'],
    ['a NUL byte', `${ZJG}\u0000`, 400, 'VALIDATION_FAILED'],
  ] as const)('refuses 李敏 a root %s on both listings', async (_what, root, status, code) => {
    const limin = await loginAsDemo('李敏');
    for (const path of ['/staff/invites', '/staff/roles']) {
      expectRefused(
        await request('GET', `${path}?${new URLSearchParams({ root })}`, { token: limin }),
        status,
        code,
      );
    }
  });

  it('lists her own subtree for a root below her, and only it', async () => {
    const limin = await loginAsDemo('李敏');
    const made = await madeInvite(limin);
    const listed = await request('GET', `/staff/invites?root=${DAXIN}`, { token: limin });
    expect(listed.status).toBe(200);
    const invites = (listed.body as { invites: { id: string; org: { path: string } }[] }).invites;
    expect(invites.map((i) => i.id)).toContain(made.invite.id);
    expect(invites.every((i) => i.org.path === DAXIN || i.org.path.startsWith(`${DAXIN}/`))).toBe(true);
    const roles = await request('GET', `/staff/roles?root=${DAXIN}`, { token: limin });
    expect(roles.status).toBe(200);
    const holders = (roles.body as { holders: { role: string; org: { path: string } | null }[] }).holders;
    expect(holders.length).toBeGreaterThan(0);
    expect(holders.every((h) => h.role === 'staff' && h.org?.path === DAXIN)).toBe(true);
    await request('POST', `/staff/invites/${made.invite.id}/revoke`, { token: limin });
  });
});

describe('API: revokeRole tells staff nothing about people outside their scope', () => {
  it('answers 李敏 alike for an unknown id, a worker and staff beside', async () => {
    const limin = await loginAsDemo('李敏');
    const person = await worker();
    const beside = (await request('GET', '/me', { token: await loginAsDemo('沈佳怡') })).body as {
      id: string;
    };
    const answers = [];
    for (const userId of [`u_${'e'.repeat(24)}`, person.me.id, beside.id]) {
      answers.push(
        await request('POST', '/staff/roles/revoke', { token: limin, body: { userId, role: 'staff' } }),
      );
    }
    expect(answers.map((a) => ({ status: a.status, body: a.body }))).toStrictEqual(
      Array.from({ length: 3 }, () => ({
        status: 403,
        body: { error: { code: 'OUT_OF_SCOPE', message: '超出您所在工会组织的管理范围' } },
      })),
    );
  });
});
