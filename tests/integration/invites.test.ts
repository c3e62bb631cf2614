import { randomUUID } from 'node:crypto';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { db, tableName } from '../../functions/src/db/client';
import { acceptInviteWrite } from '../../functions/src/db/inviteAccept';
import { getInviteItem } from '../../functions/src/db/invites';
import { getUser, listStaffAtOrg, setUserStaffRole } from '../../functions/src/db/users';
import { handler as listOrgs } from '../../functions/src/handlers/listOrgs';
import { issueAccessToken } from '../../functions/src/services/token';
import { httpEvent, invoke } from '../support/events';
import { freshOrg, freshUser } from './fixtures';
import {
  api,
  errorBody,
  expectedInviteId,
  forgedCode,
  inviteFor,
  storedInvite,
  trailOf,
  ZJG,
} from './inviteFixtures';

const DAY_MS = 86_400_000;

/** A staff member at a fresh node under 张家港, with a fresh node below it and one beside it. */
async function staffTree() {
  const own = await freshOrg(ZJG, '上级测试工会');
  const below = await freshOrg(own, '下级测试工会');
  const beside = await freshOrg(ZJG, '旁支测试工会');
  const staff = await freshUser({ roles: ['staff'], orgPath: own });
  return { own, below, beside, staff };
}

/** A token issued at the (possibly faked) present: the fixtures' ones expire within hours. */
async function tokenNow(userId: string) {
  return (await issueAccessToken({ id: userId, tokenVersion: 0 }, new Date())).token;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('Handler: createInvite', () => {
  it('makes a one-time invite for a node below the staff member, storing only a keyed hash of the code', async () => {
    const { below, staff } = await staffTree();
    const requestId = randomUUID();
    const result = await api.createRaw(staff.token, { requestId, role: 'staff', orgPath: below });
    expect(result.status).toBe(201);
    const body = result.body as { code: string; path: string; invite: Record<string, unknown> };
    expect(body.code).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(body.path).toBe(`join/pages/invite/index?code=${body.code}`);
    const createdAt = body.invite.createdAt as string;
    expect(body.invite).toStrictEqual({
      id: expectedInviteId(body.code),
      role: 'staff',
      org: { path: below, name: '下级测试工会' },
      state: 'pending',
      createdBy: { userId: staff.userId, name: '测试用户' },
      createdAt,
      expiresAt: new Date(Math.floor(Date.parse(createdAt) / 1000) * 1000 + 7 * DAY_MS).toISOString(),
    });

    const item = await storedInvite(expectedInviteId(body.code));
    expect(JSON.stringify(item)).not.toContain(body.code);
    expect(JSON.stringify(item)).not.toContain(requestId);
    // The TTL attribute is epoch seconds, a week on.
    expect(item?.expiresAt).toBe(Math.floor(Date.parse(createdAt) / 1000) + 7 * 86_400);
    expect(await trailOf(expectedInviteId(body.code))).toStrictEqual([
      { action: 'createInvite', actorUserId: staff.userId },
    ]);
  });

  it('answers a retried create with the same invite and code and writes nothing more', async () => {
    const { below, staff } = await staffTree();
    const body = { requestId: randomUUID(), role: 'staff', orgPath: below, validDays: 3 };
    const [first, second] = await Promise.all([
      api.createRaw(staff.token, body),
      api.createRaw(staff.token, body),
    ]);
    expect(first.status).toBe(201);
    expect(second).toStrictEqual(first);
    const { code } = first.body as { code: string };
    expect(await trailOf(expectedInviteId(code))).toHaveLength(1);

    const reused = await api.createRaw(staff.token, { ...body, validDays: 4 });
    expect(reused).toStrictEqual({
      status: 409,
      body: errorBody('REQUEST_ID_REUSED', '该记录编号已用于另一条内容不同的记录，请重新填写提交'),
    });
  });

  it('gives two inviters who use the same request id two different codes', async () => {
    const { below, staff } = await staffTree();
    const admin = await freshUser({ roles: ['admin'] });
    const requestId = randomUUID();
    const a = await api.createRaw(staff.token, { requestId, role: 'staff', orgPath: below });
    const b = await api.createRaw(admin.token, { requestId, role: 'staff', orgPath: below });
    expect((a.body as { code: string }).code).not.toBe((b.body as { code: string }).code);
  });

  it.each([
    ['their own node', 'own', 403, 'NOT_BELOW_OWN_ORG'],
    ['a node beside theirs', 'beside', 403, 'OUT_OF_SCOPE'],
    ['the node above theirs', 'above', 403, 'OUT_OF_SCOPE'],
  ] as const)('refuses staff an invite to %s and stores nothing', async (_what, where, status, code) => {
    const tree = await staffTree();
    const orgPath = where === 'above' ? ZJG : tree[where];
    const result = await api.create(tree.staff.token, { role: 'staff', orgPath });
    expect(result).toMatchObject({ status, body: { error: { code } } });
    const admin = await freshUser({ roles: ['admin'] });
    const { invites } = (await api.list(admin.token, orgPath)).body as {
      invites: { org: { path: string } }[];
    };
    expect(invites.filter((invite) => invite.org.path === orgPath)).toStrictEqual([]);
  });

  it('lets only admins invite admins, and refuses workers and callers without a token', async () => {
    const { staff } = await staffTree();
    const worker = await freshUser();
    const admin = await freshUser({ roles: ['admin'] });
    expect(await api.create(staff.token, { role: 'admin' })).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
    expect(await api.create(worker.token, { role: 'staff', orgPath: ZJG })).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
    expect(await api.create(undefined, { role: 'staff', orgPath: ZJG })).toMatchObject({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED' } },
    });
    expect((await api.create(admin.token, { role: 'admin' })).status).toBe(201);
    expect((await api.create(admin.token, { role: 'staff', orgPath: '320000' })).status).toBe(201);
  });

  it.each([
    ['a staff invite without a node', { role: 'staff' }],
    ['an admin invite with a node', { role: 'admin', orgPath: ZJG }],
    ['a validity over 14 days', { role: 'staff', orgPath: ZJG, validDays: 15 }],
    ['an unknown role', { role: 'volunteer', orgPath: ZJG }],
    ['a malformed org path', { role: 'staff', orgPath: 'zjg' }],
  ])('answers 400 for %s', async (_what, body) => {
    const admin = await freshUser({ roles: ['admin'] });
    expect(await api.create(admin.token, body)).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED' } },
    });
  });

  it('answers 404 ORG_NOT_FOUND for a node that does not exist', async () => {
    const admin = await freshUser({ roles: ['admin'] });
    expect(await api.create(admin.token, { role: 'staff', orgPath: `${ZJG}/nowhere` })).toMatchObject({
      status: 404,
      body: { error: { code: 'ORG_NOT_FOUND' } },
    });
  });
});

describe('Handler: getInvite', () => {
  it('shows the org with its chain, the role, expiry and state, and nothing about the inviter', async () => {
    const { below, staff } = await staffTree();
    const { code, invite } = await inviteFor(staff.token, { role: 'staff', orgPath: below });
    const result = await api.preview(code);
    expect(result).toStrictEqual({
      status: 200,
      body: {
        role: 'staff',
        org: {
          path: below,
          name: '下级测试工会',
          chain: ['江苏省总工会', '苏州市总工会', '张家港市总工会', '上级测试工会', '下级测试工会'],
        },
        state: 'pending',
        expiresAt: invite.expiresAt,
      },
    });
    expect(JSON.stringify(result.body)).not.toContain(staff.userId);
  });

  it('answers 404 for a forged code and 400 for a malformed one', async () => {
    expect(await api.preview(forgedCode())).toStrictEqual({
      status: 404,
      body: errorBody('INVITE_NOT_FOUND', '邀请不存在或已失效，请向邀请人索取新的邀请'),
    });
    expect(await api.preview('short')).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED' } },
    });
  });
});

describe('Handler: acceptInvite', () => {
  it('grants the role at the node, records who granted it, and the new staff member is staff on the next request', async () => {
    const { below, staff } = await staffTree();
    const worker = await freshUser();
    const { code, id } = await inviteFor(staff.token, { role: 'staff', orgPath: below });
    expect((await invoke(listOrgs, httpEvent({ path: '/orgs', token: worker.token }))).status).toBe(403);

    const accepted = await api.accept(worker.token, code);
    expect(accepted).toStrictEqual({
      status: 200,
      body: { role: 'staff', org: { path: below, name: '下级测试工会' }, roles: ['worker', 'staff'] },
    });
    const user = await getUser(worker.userId);
    expect(user).toMatchObject({ roles: ['staff'], orgPath: below });
    expect((await listStaffAtOrg(below)).map((u) => u.id)).toStrictEqual([worker.userId]);
    expect((await invoke(listOrgs, httpEvent({ path: '/orgs', token: worker.token }))).status).toBe(200);
    expect(await trailOf(worker.userId)).toStrictEqual([{ action: 'grantRole', actorUserId: staff.userId }]);
    expect(await trailOf(id)).toEqual(
      expect.arrayContaining([
        { action: 'createInvite', actorUserId: staff.userId },
        { action: 'acceptInvite', actorUserId: worker.userId },
      ]),
    );
    expect(await trailOf(id)).toHaveLength(2);
    expect(await storedInvite(id)).not.toHaveProperty('gsi1pk');

    // A retry by the same user answers the same; anyone else finds it used.
    expect(await api.accept(worker.token, code)).toStrictEqual(accepted);
    const other = await freshUser();
    expect(await api.accept(other.token, code)).toStrictEqual({
      status: 409,
      body: errorBody('INVITE_USED', '该邀请已被使用，每个邀请只能接受一次'),
    });
    expect(await getUser(other.userId)).toMatchObject({ roles: [], orgPath: null });
  });

  it('lets exactly one of several people accepting one code at once win', async () => {
    const { below, staff } = await staffTree();
    const { code } = await inviteFor(staff.token, { role: 'staff', orgPath: below });
    const people = await Promise.all([1, 2, 3, 4, 5].map(() => freshUser()));
    const results = await Promise.all(people.map((person) => api.accept(person.token, code)));
    expect(results.map((r) => r.status).sort()).toStrictEqual([200, 409, 409, 409, 409]);
    for (const loser of results.filter((r) => r.status === 409)) {
      expect(loser.body).toMatchObject({ error: { code: 'INVITE_USED' } });
    }
    const users = await Promise.all(people.map((person) => getUser(person.userId)));
    expect(users.filter((u) => u?.roles.includes('staff'))).toHaveLength(1);
    expect(await listStaffAtOrg(below)).toHaveLength(1);
  });

  it('refuses an expired invite (checked in code, before TTL removes it) and changes nothing', async () => {
    const { below, staff } = await staffTree();
    const worker = await freshUser();
    const { code, id, invite } = await inviteFor(staff.token, {
      role: 'staff',
      orgPath: below,
      validDays: 1,
    });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse(invite.expiresAt) + 1000);
    expect(await api.accept(await tokenNow(worker.userId), code)).toStrictEqual({
      status: 409,
      body: errorBody('INVITE_EXPIRED', '邀请已过期，请向邀请人索取新的邀请'),
    });
    expect((await api.preview(code)).body).toMatchObject({ state: 'expired' });
    vi.useRealTimers();
    expect(await getUser(worker.userId)).toMatchObject({ roles: [], orgPath: null });
    expect(await storedInvite(id)).toMatchObject({ state: 'pending' });
  });

  it('still accepts an invite a second before it expires', async () => {
    const { below, staff } = await staffTree();
    const worker = await freshUser();
    const { code, invite } = await inviteFor(staff.token, { role: 'staff', orgPath: below, validDays: 1 });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse(invite.expiresAt) - 1000);
    expect((await api.accept(await tokenNow(worker.userId), code)).status).toBe(200);
  });

  it('refuses a revoked invite and a forged code', async () => {
    const { below, staff } = await staffTree();
    const worker = await freshUser();
    const { code, id } = await inviteFor(staff.token, { role: 'staff', orgPath: below });
    expect((await api.revoke(staff.token, id)).status).toBe(200);
    expect(await api.accept(worker.token, code)).toStrictEqual({
      status: 409,
      body: errorBody('INVITE_REVOKED', '该邀请已被邀请人撤销'),
    });
    expect(await api.accept(worker.token, forgedCode())).toMatchObject({
      status: 404,
      body: { error: { code: 'INVITE_NOT_FOUND' } },
    });
    expect(await api.accept(undefined, code)).toMatchObject({ status: 401 });
    expect(await getUser(worker.userId)).toMatchObject({ roles: [], orgPath: null });
  });

  it('refuses someone already staff at another node, and keeps the invite for someone else', async () => {
    const { below, beside, staff } = await staffTree();
    const elsewhere = await freshUser({ roles: ['staff'], orgPath: beside });
    const { code } = await inviteFor(staff.token, { role: 'staff', orgPath: below });
    expect(await api.accept(elsewhere.token, code)).toStrictEqual({
      status: 409,
      body: errorBody(
        'ALREADY_STAFF_ELSEWHERE',
        '您已是另一工会组织的工会干部，须先由该组织撤销后才能接受此邀请',
      ),
    });
    expect(await getUser(elsewhere.userId)).toMatchObject({ roles: ['staff'], orgPath: beside });
    const already = await freshUser({ roles: ['staff'], orgPath: below });
    expect(await api.accept(already.token, code)).toMatchObject({
      status: 409,
      body: { error: { code: 'ROLE_ALREADY_HELD' } },
    });
    expect((await api.preview(code)).body).toMatchObject({ state: 'pending' });
    expect((await api.accept((await freshUser()).token, code)).status).toBe(200);
  });

  it('makes an admin of whoever accepts an admin invite, keeping their org', async () => {
    const admin = await freshUser({ roles: ['admin'] });
    const { beside } = await staffTree();
    const staffElsewhere = await freshUser({ roles: ['staff'], orgPath: beside });
    const { code } = await inviteFor(admin.token, { role: 'admin' });
    expect(await api.accept(staffElsewhere.token, code)).toStrictEqual({
      status: 200,
      body: { role: 'admin', org: null, roles: ['worker', 'admin', 'staff'] },
    });
    expect(await getUser(staffElsewhere.userId)).toMatchObject({
      roles: ['admin', 'staff'],
      orgPath: beside,
    });
  });
});

describe('Handlers: listInvites and revokeInvite', () => {
  it('lists pending invites of the subtree to staff above them, and not to staff beside', async () => {
    const { own, below, beside, staff } = await staffTree();
    const { id } = await inviteFor(staff.token, { role: 'staff', orgPath: below });
    const listed = await api.list(staff.token);
    expect(listed.body).toMatchObject({ truncated: false });
    expect((listed.body as { invites: { id: string }[] }).invites.map((i) => i.id)).toStrictEqual([id]);
    const besideStaff = await freshUser({ roles: ['staff'], orgPath: beside });
    expect((await api.list(besideStaff.token)).body).toStrictEqual({ invites: [], truncated: false });
    expect(await api.list(besideStaff.token, own)).toMatchObject({
      status: 403,
      body: { error: { code: 'OUT_OF_SCOPE' } },
    });
  });

  it('revokes once, answers a repeat the same, and takes the invite off the pending list', async () => {
    const { below, staff } = await staffTree();
    const { id } = await inviteFor(staff.token, { role: 'staff', orgPath: below });
    const first = await api.revoke(staff.token, id);
    expect(first).toMatchObject({
      status: 200,
      body: { id, state: 'revoked', revokedBy: { userId: staff.userId, name: '测试用户' } },
    });
    expect(await api.revoke(staff.token, id)).toStrictEqual(first);
    expect((await api.list(staff.token)).body).toStrictEqual({ invites: [], truncated: false });
    expect(await trailOf(id)).toEqual([
      { action: 'createInvite', actorUserId: staff.userId },
      { action: 'revokeInvite', actorUserId: staff.userId },
    ]);
  });

  it('refuses revoking an accepted invite, one beside, one at the own level and a forged id', async () => {
    const { own, below, beside, staff } = await staffTree();
    const admin = await freshUser({ roles: ['admin'] });
    const used = await inviteFor(staff.token, { role: 'staff', orgPath: below });
    await api.accept((await freshUser()).token, used.code);
    expect(await api.revoke(staff.token, used.id)).toMatchObject({
      status: 409,
      body: { error: { code: 'INVITE_USED' } },
    });

    const besideInvite = await inviteFor(admin.token, { role: 'staff', orgPath: beside });
    expect(await api.revoke(staff.token, besideInvite.id)).toMatchObject({
      status: 403,
      body: { error: { code: 'OUT_OF_SCOPE' } },
    });
    const ownInvite = await inviteFor(admin.token, { role: 'staff', orgPath: own });
    expect(await api.revoke(staff.token, ownInvite.id)).toMatchObject({
      status: 403,
      body: { error: { code: 'NOT_BELOW_OWN_ORG' } },
    });
    const adminInvite = await inviteFor(admin.token, { role: 'admin' });
    expect(await api.revoke(staff.token, adminInvite.id)).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
    expect(await api.revoke(staff.token, expectedInviteId(forgedCode()))).toMatchObject({
      status: 404,
      body: { error: { code: 'INVITE_NOT_FOUND' } },
    });
    expect((await api.preview(besideInvite.code)).body).toMatchObject({ state: 'pending' });
  });

  it('lets a revoke and an accept race with exactly one outcome', async () => {
    const { below, staff } = await staffTree();
    const worker = await freshUser();
    const { code, id } = await inviteFor(staff.token, { role: 'staff', orgPath: below });
    const [revoked, accepted] = await Promise.all([
      api.revoke(staff.token, id),
      api.accept(worker.token, code),
    ]);
    const user = await getUser(worker.userId);
    if (accepted.status === 200) {
      expect(revoked).toMatchObject({ status: 409, body: { error: { code: 'INVITE_USED' } } });
      expect(user?.roles).toStrictEqual(['staff']);
    } else {
      expect(revoked.status).toBe(200);
      expect(accepted).toMatchObject({ status: 409, body: { error: { code: 'INVITE_REVOKED' } } });
      expect(user?.roles).toStrictEqual([]);
    }
  });
});

describe('Handler: acceptInvite — an invite lapses with its inviter', () => {
  /** A staff member above `below`, made by an admin's invite so an admin can revoke them. */
  async function inviterAbove() {
    const admin = await freshUser({ roles: ['admin'] });
    const own = await freshOrg(ZJG, '上级测试工会');
    const below = await freshOrg(own, '下级测试工会');
    const inviter = await freshUser({ roles: ['staff'], orgPath: own });
    return { admin, own, below, inviter };
  }

  it('refuses an invite whose staff inviter was revoked first, and changes nothing', async () => {
    const { admin, below, inviter } = await inviterAbove();
    const worker = await freshUser();
    const { code, id } = await inviteFor(inviter.token, { role: 'staff', orgPath: below });
    expect((await api.revokeRole(admin.token, { userId: inviter.userId, role: 'staff' })).status).toBe(200);

    expect(await api.accept(worker.token, code)).toStrictEqual({
      status: 409,
      body: errorBody(
        'INVITER_ROLE_REVOKED',
        '邀请人已不再担任相应职务，该邀请已失效，请向其他工会干部索取新的邀请',
      ),
    });
    expect(await getUser(worker.userId)).toMatchObject({ roles: [], orgPath: null });
    expect(await listStaffAtOrg(below)).toStrictEqual([]);
    expect(await storedInvite(id)).toMatchObject({ state: 'pending' });
    expect(await trailOf(worker.userId)).toStrictEqual([]);
  });

  it('keeps a role accepted before the inviter was revoked (the grant was good when made)', async () => {
    const { admin, below, inviter } = await inviterAbove();
    const worker = await freshUser();
    const { code } = await inviteFor(inviter.token, { role: 'staff', orgPath: below });
    expect((await api.accept(worker.token, code)).status).toBe(200);
    expect((await api.revokeRole(admin.token, { userId: inviter.userId, role: 'staff' })).status).toBe(200);
    expect(await getUser(worker.userId)).toMatchObject({ roles: ['staff'], orgPath: below });
  });

  it('refuses an admin invite whose inviter is no longer admin', async () => {
    const admin = await freshUser({ roles: ['admin'] });
    const inviter = await freshUser();
    const adminInvite = await inviteFor(admin.token, { role: 'admin' });
    expect((await api.accept(inviter.token, adminInvite.code)).status).toBe(200);
    const { code } = await inviteFor(inviter.token, { role: 'admin' });
    expect((await api.revokeRole(admin.token, { userId: inviter.userId, role: 'admin' })).status).toBe(200);
    const worker = await freshUser();
    expect(await api.accept(worker.token, code)).toMatchObject({
      status: 409,
      body: { error: { code: 'INVITER_ROLE_REVOKED' } },
    });
    expect(await getUser(worker.userId)).toMatchObject({ roles: [] });
  });

  it('lets a revoke of the inviter and an accept race with one consistent outcome', async () => {
    for (let round = 0; round < 4; round += 1) {
      const { admin, below, inviter } = await inviterAbove();
      const worker = await freshUser();
      const { code } = await inviteFor(inviter.token, { role: 'staff', orgPath: below });
      const [revoked, accepted] = await Promise.all([
        api.revokeRole(admin.token, { userId: inviter.userId, role: 'staff' }),
        api.accept(worker.token, code),
      ]);
      expect(revoked.status).toBe(200);
      const user = await getUser(worker.userId);
      if (accepted.status === 200) {
        expect(user).toMatchObject({ roles: ['staff'], orgPath: below });
      } else {
        expect(accepted).toMatchObject({ status: 409, body: { error: { code: 'INVITER_ROLE_REVOKED' } } });
        expect(user).toMatchObject({ roles: [], orgPath: null });
      }
    }
  });
});

describe('Access pattern: acceptInviteWrite', () => {
  it('fails on the inviter check when the inviter lost the role between the read and the write', async () => {
    const own = await freshOrg(ZJG);
    const below = await freshOrg(own);
    const inviter = await freshUser({ roles: ['staff'], orgPath: own });
    const worker = await freshUser();
    const { id } = await inviteFor(inviter.token, { role: 'staff', orgPath: below });
    const invite = (await getInviteItem(id))!;
    const user = (await getUser(worker.userId))!;
    // What the service read said the inviter held; the revoke lands before the accept's write.
    await setUserStaffRole(inviter.userId, { grant: false }, new Date());
    const outcome = await acceptInviteWrite({
      invite,
      user: { userId: user.id, name: user.nickname, version: user.version },
      inviter: { userId: inviter.userId, role: 'staff', orgPath: own },
      at: new Date(),
      events: [],
    });
    expect(outcome).toBe('inviterChanged');
    expect(await getUser(worker.userId)).toMatchObject({ roles: [], orgPath: null });
    expect(await storedInvite(id)).toMatchObject({ state: 'pending' });
  });
});

describe('Handler: createInvite — a replay after TTL removed the invite', () => {
  /** What DynamoDB's TTL does some time after an invite lapses: the item is gone. */
  const ttlRemoves = (id: string) =>
    db.send(new DeleteCommand({ TableName: tableName, Key: { pk: `INVITE#${id}`, sk: 'INVITE' } }));

  it.each([
    ['used', 'accept'],
    ['revoked', 'revoke'],
    ['expired unused', 'none'],
  ] as const)(
    'never revives the code of a %s invite: 409 INVITE_REQUEST_SPENT, nothing stored',
    async (_what, end) => {
      const { below, staff } = await staffTree();
      const body = { requestId: randomUUID(), role: 'staff', orgPath: below, validDays: 1 };
      const first = await api.createRaw(staff.token, body);
      expect(first.status).toBe(201);
      const { code, invite } = first.body as { code: string; invite: { id: string } };
      if (end === 'accept') expect((await api.accept((await freshUser()).token, code)).status).toBe(200);
      if (end === 'revoke') expect((await api.revoke(staff.token, invite.id)).status).toBe(200);
      await ttlRemoves(invite.id);

      expect(await api.createRaw(staff.token, body)).toStrictEqual({
        status: 409,
        body: errorBody('INVITE_REQUEST_SPENT', '这次生成的邀请已失效并被清除，请重新生成邀请'),
      });
      expect(await storedInvite(invite.id)).toBeUndefined();
      expect(await api.accept((await freshUser()).token, code)).toMatchObject({
        status: 404,
        body: { error: { code: 'INVITE_NOT_FOUND' } },
      });
      expect((await api.list(staff.token)).body).toStrictEqual({ invites: [], truncated: false });
      expect((await trailOf(invite.id)).filter((event) => event.action === 'createInvite')).toHaveLength(1);
    },
  );
});

describe('Handler: acceptInvite — one person accepting at once', () => {
  it('of two invites to two nodes accepted at once, grants exactly one', async () => {
    const { own, below, staff } = await staffTree();
    const other = await freshOrg(own, '另一下级工会');
    const person = await freshUser();
    const [a, b] = await Promise.all([
      inviteFor(staff.token, { role: 'staff', orgPath: below }),
      inviteFor(staff.token, { role: 'staff', orgPath: other }),
    ]);
    const answers = await Promise.all([api.accept(person.token, a.code), api.accept(person.token, b.code)]);
    expect(answers.map((answer) => answer.status).sort()).toStrictEqual([200, 409]);
    expect(answers.find((answer) => answer.status === 409)?.body).toStrictEqual(
      errorBody('ALREADY_STAFF_ELSEWHERE', '您已是另一工会组织的工会干部，须先由该组织撤销后才能接受此邀请'),
    );
    const won = answers[0]!.status === 200 ? below : other;
    expect(await getUser(person.userId)).toMatchObject({ roles: ['staff'], orgPath: won });
    expect(await trailOf(person.userId)).toStrictEqual([{ action: 'grantRole', actorUserId: staff.userId }]);
    // The losing invite is still pending for someone else.
    const lost = won === below ? b : a;
    expect(await storedInvite(lost.id)).toMatchObject({ state: 'pending' });
  });

  it('answers one code accepted twice at once the same both times, granting once', async () => {
    const { below, staff } = await staffTree();
    const person = await freshUser();
    const { code, id } = await inviteFor(staff.token, { role: 'staff', orgPath: below });
    const [first, second] = await Promise.all([
      api.accept(person.token, code),
      api.accept(person.token, code),
    ]);
    expect(first).toStrictEqual({
      status: 200,
      body: { role: 'staff', org: { path: below, name: '下级测试工会' }, roles: ['worker', 'staff'] },
    });
    expect(second).toStrictEqual(first);
    expect(await trailOf(person.userId)).toStrictEqual([{ action: 'grantRole', actorUserId: staff.userId }]);
    expect((await trailOf(id)).filter((event) => event.action === 'acceptInvite')).toHaveLength(1);
  });
});
