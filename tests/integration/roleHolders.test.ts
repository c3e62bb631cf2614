import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { demoUserId, demoUsers } from '../../functions/local/demoData';
import { listAdmins, revokeAdminRoleWrite, revokeStaffRoleWrite } from '../../functions/src/db/roleHolders';
import { getUser, listStaffAtOrg, setUserStaffRole } from '../../functions/src/db/users';
import { handler as listOrgs } from '../../functions/src/handlers/listOrgs';
import { issueAccessToken } from '../../functions/src/services/token';
import { httpEvent, invoke } from '../support/events';
import { freshOrg, freshUser, putOrg } from './fixtures';
import { api, errorBody, inviteFor, trailOf, ZJG } from './inviteFixtures';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');

/** A user made staff at `orgPath` through an invite `inviterToken` makes (so the grant is recorded). */
async function invitedStaff(inviterToken: string, orgPath: string) {
  const person = await freshUser();
  const { code } = await inviteFor(inviterToken, { role: 'staff', orgPath });
  expect((await api.accept(person.token, code)).status).toBe(200);
  return person;
}

/** A user made admin through an admin invite (so they are in the admins index). */
async function invitedAdmin(adminToken: string) {
  const person = await freshUser();
  const { code } = await inviteFor(adminToken, { role: 'admin' });
  expect((await api.accept(person.token, code)).status).toBe(200);
  return person;
}

interface Holder {
  userId: string;
  role: string;
  org: { path: string; name: string } | null;
  grantedBy: { name: string } | null;
  revocable: boolean;
}

describe('Handler: listRoleHolders', () => {
  it('shows staff the holders of their subtree with who granted each role, revocable only below them', async () => {
    const own = await freshOrg(ZJG, '上级测试工会');
    const below = await freshOrg(own, '下级测试工会');
    const staff = await freshUser({ roles: ['staff'], orgPath: own });
    const peer = await freshUser({ roles: ['staff'], orgPath: own });
    const newcomer = await invitedStaff(staff.token, below);

    const result = await api.holders(staff.token);
    expect(result.status).toBe(200);
    const { holders, truncated } = result.body as { holders: Holder[]; truncated: boolean };
    expect(truncated).toBe(false);
    const byId = new Map(holders.map((holder) => [holder.userId, holder]));
    expect(holders.every((holder) => holder.role === 'staff')).toBe(true);
    expect(byId.get(newcomer.userId)).toMatchObject({
      role: 'staff',
      org: { path: below, name: '下级测试工会' },
      grantedBy: { name: '测试用户' },
      revocable: true,
    });
    expect(byId.get(staff.userId)).toMatchObject({ revocable: false, grantedBy: null });
    expect(byId.get(peer.userId)).toMatchObject({ revocable: false });
    expect(new Set(holders.map((h) => h.userId))).toStrictEqual(
      new Set([staff.userId, peer.userId, newcomer.userId]),
    );
  });

  it('shows admins the admins too; refuses staff a root beside or above them, and workers', async () => {
    const admin = await freshUser({ roles: ['admin'] });
    const invited = await invitedAdmin(admin.token);
    const { holders } = (await api.holders(admin.token, ZJG)).body as { holders: Holder[] };
    expect(holders.find((h) => h.userId === invited.userId)).toMatchObject({
      role: 'admin',
      org: null,
      grantedBy: { name: '测试用户' },
      revocable: true,
    });

    const own = await freshOrg(ZJG);
    const staff = await freshUser({ roles: ['staff'], orgPath: own });
    for (const rootPath of [ZJG, await freshOrg(ZJG)]) {
      expect(await api.holders(staff.token, rootPath)).toMatchObject({
        status: 403,
        body: { error: { code: 'OUT_OF_SCOPE' } },
      });
    }
    expect((await api.holders((await freshUser()).token)).status).toBe(403);
  });
});

describe('Handler: revokeRole', () => {
  it('takes the staff role away on the next request, with an audit event, and refuses a repeat', async () => {
    const own = await freshOrg(ZJG);
    const below = await freshOrg(own);
    const staff = await freshUser({ roles: ['staff'], orgPath: own });
    const target = await freshUser();
    const { code } = await inviteFor(staff.token, { role: 'staff', orgPath: below });
    expect((await api.accept(target.token, code)).status).toBe(200);
    const orgsAs = (token: string) => invoke(listOrgs, httpEvent({ path: '/orgs', token }));
    expect((await orgsAs(target.token)).status).toBe(200);

    const revoked = await api.revokeRole(staff.token, { userId: target.userId, role: 'staff' });
    expect(revoked).toStrictEqual({
      status: 200,
      body: { userId: target.userId, roles: ['worker'], orgPath: null },
    });
    // The very same token, next request: the pipeline reads the caller afresh.
    expect(await orgsAs(target.token)).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
    expect(await listStaffAtOrg(below)).toStrictEqual([]);
    expect(await getUser(target.userId)).toMatchObject({ roles: [], orgPath: null });
    expect(await trailOf(target.userId)).toStrictEqual([
      { action: 'grantRole', actorUserId: staff.userId },
      { action: 'revokeRole', actorUserId: staff.userId },
    ]);
    // The used code grants nothing again, not even to the person who used it.
    expect(await api.accept(target.token, code)).toMatchObject({
      status: 409,
      body: { error: { code: 'INVITE_USED' } },
    });
    expect(await getUser(target.userId)).toMatchObject({ roles: [] });
    // Once the role is gone the person is outside the staff member's scope like anyone else.
    expect(await api.revokeRole(staff.token, { userId: target.userId, role: 'staff' })).toStrictEqual({
      status: 403,
      body: errorBody('OUT_OF_SCOPE', '超出您所在工会组织的管理范围'),
    });
  });

  it('refuses staff revoking a peer, someone above or beside, an admin, or themselves; changes nothing', async () => {
    const own = await freshOrg(ZJG);
    const beside = await freshOrg(ZJG);
    const staff = await freshUser({ roles: ['staff'], orgPath: own });
    const peer = await freshUser({ roles: ['staff'], orgPath: own });
    const above = await freshUser({ roles: ['staff'], orgPath: ZJG });
    const besideStaff = await freshUser({ roles: ['staff'], orgPath: beside });
    const admin = await freshUser({ roles: ['admin'] });
    const cases = [
      [peer.userId, 'staff', 403, 'NOT_BELOW_OWN_ORG'],
      [above.userId, 'staff', 403, 'OUT_OF_SCOPE'],
      [besideStaff.userId, 'staff', 403, 'OUT_OF_SCOPE'],
      [admin.userId, 'admin', 403, 'FORBIDDEN'],
      [staff.userId, 'staff', 409, 'CANNOT_REVOKE_SELF'],
    ] as const;
    for (const [userId, role, status, code] of cases) {
      expect(await api.revokeRole(staff.token, { userId, role }), code).toMatchObject({
        status,
        body: { error: { code } },
      });
    }
    expect(await getUser(peer.userId)).toMatchObject({ roles: ['staff'], orgPath: own });
    expect(await getUser(besideStaff.userId)).toMatchObject({ roles: ['staff'], orgPath: beside });
    expect(await getUser(admin.userId)).toMatchObject({ roles: ['admin'] });
  });

  it('lets an admin revoke staff anywhere and another admin, never themselves', async () => {
    const admin = await freshUser({ roles: ['admin'] });
    const other = await invitedAdmin(admin.token);
    const staff = await invitedStaff(admin.token, await freshOrg(ZJG));
    expect((await api.revokeRole(admin.token, { userId: staff.userId, role: 'staff' })).status).toBe(200);
    expect(await api.revokeRole(admin.token, { userId: other.userId, role: 'admin' })).toStrictEqual({
      status: 200,
      body: { userId: other.userId, roles: ['worker'], orgPath: null },
    });
    expect(await api.revokeRole(other.token, { userId: admin.userId, role: 'admin' })).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
    expect(await api.revokeRole(admin.token, { userId: admin.userId, role: 'admin' })).toMatchObject({
      status: 409,
      body: { error: { code: 'CANNOT_REVOKE_SELF' } },
    });
    expect(await api.revokeRole(admin.token, { userId: `u_${'f'.repeat(24)}`, role: 'staff' })).toMatchObject(
      {
        status: 404,
        body: { error: { code: 'USER_NOT_FOUND' } },
      },
    );
    expect(await api.revokeRole(admin.token, { userId: staff.userId, role: 'staff' })).toMatchObject({
      status: 409,
      body: { error: { code: 'ROLE_NOT_HELD' } },
    });
  });

  it('records a grant and a revoke through POST /admin/staff like the role board does; retries add nothing', async () => {
    const admin = await freshUser({ roles: ['admin'] });
    const org = await freshOrg(ZJG, '直接授予测试工会');
    const target = await freshUser();
    const { handler: setStaffRole } = await import('../../functions/src/handlers/setStaffRole');
    const change = (body: unknown) =>
      invoke(setStaffRole, httpEvent({ method: 'POST', path: '/admin/staff', token: admin.token, body }));
    const grant = { action: 'grant', userId: target.userId, orgPath: org };

    const granted = await change(grant);
    expect(granted).toStrictEqual({
      status: 200,
      body: { userId: target.userId, roles: ['worker', 'staff'], orgPath: org, version: 2 },
    });
    expect(await change(grant)).toStrictEqual(granted);
    expect(await trailOf(target.userId)).toStrictEqual([{ action: 'grantRole', actorUserId: admin.userId }]);
    const { holders } = (await api.holders(admin.token, org)).body as { holders: Holder[] };
    expect(holders.find((holder) => holder.userId === target.userId)).toMatchObject({
      role: 'staff',
      org: { path: org, name: '直接授予测试工会' },
      grantedBy: { name: '测试用户' },
      revocable: true,
    });

    const revoke = { action: 'revoke', userId: target.userId };
    const revoked = await change(revoke);
    expect(revoked).toStrictEqual({
      status: 200,
      body: { userId: target.userId, roles: ['worker'], orgPath: null, version: 3 },
    });
    expect(await change(revoke)).toStrictEqual(revoked);
    expect(await trailOf(target.userId)).toStrictEqual([
      { action: 'grantRole', actorUserId: admin.userId },
      { action: 'revokeRole', actorUserId: admin.userId },
    ]);
    expect(await listStaffAtOrg(org)).toStrictEqual([]);
  });

  it('lets an admin grant and revoke their own staff role through POST /admin/staff, recorded', async () => {
    const admin = await freshUser({ roles: ['admin'] });
    const org = await freshOrg(ZJG, '自己兼任测试工会');
    const { handler: setStaffRole } = await import('../../functions/src/handlers/setStaffRole');
    const change = (body: unknown) =>
      invoke(setStaffRole, httpEvent({ method: 'POST', path: '/admin/staff', token: admin.token, body }));

    expect(await change({ action: 'grant', userId: admin.userId, orgPath: org })).toStrictEqual({
      status: 200,
      body: { userId: admin.userId, roles: ['worker', 'admin', 'staff'], orgPath: org, version: 2 },
    });
    expect(await change({ action: 'revoke', userId: admin.userId })).toStrictEqual({
      status: 200,
      body: { userId: admin.userId, roles: ['worker', 'admin'], orgPath: null, version: 3 },
    });
    expect(await trailOf(admin.userId)).toStrictEqual([
      { action: 'grantRole', actorUserId: admin.userId },
      { action: 'revokeRole', actorUserId: admin.userId },
    ]);
  });
});

describe('Access pattern: revokeAdminRoleWrite', () => {
  it('of two admins revoking each other at once, exactly one succeeds: the last admin stays', async () => {
    const admin = await freshUser({ roles: ['admin'] });
    const a = await invitedAdmin(admin.token);
    const b = await invitedAdmin(admin.token);
    const at = new Date().toISOString();
    const event = (subjectId: string, actor: string) => ({
      id: `ev_${subjectId.slice(2, 22)}${actor.slice(2, 6)}`,
      actorUserId: actor,
      action: 'revokeRole',
      subjectType: 'user',
      subjectId,
      at,
    });
    const results = await Promise.all([
      revokeAdminRoleWrite(a.userId, b.userId, at, event(a.userId, b.userId)),
      revokeAdminRoleWrite(b.userId, a.userId, at, event(b.userId, a.userId)),
    ]);
    expect(results.sort()).toStrictEqual(['actorChanged', 'saved']);
    const users = await Promise.all([getUser(a.userId), getUser(b.userId)]);
    expect(users.filter((user) => user?.roles.includes('admin'))).toHaveLength(1);
  });
});

describe('Command: admin:bootstrap', () => {
  const bootstrap = (...args: string[]) =>
    run('npx', ['tsx', 'functions/local/adminBootstrap.ts', '--stage', 'local', ...args], {
      cwd: root,
      env: {
        ...process.env,
        ANKANG_LOOKUP_KEY: process.env.LOOKUP_KEY,
        STAGE: '',
        TABLE_NAME: '',
      },
    });
  const target = ['--table', process.env.TABLE_NAME!, '--endpoint', process.env.DYNAMODB_ENDPOINT!];

  it('refuses while an admin exists (the seeded 周建国), and with --force prints a code that makes an admin', async () => {
    const refused = await bootstrap(...target).catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({ code: 1 });
    expect((refused as { stderr: string }).stderr).toMatch(/已有管理员：.*周建国/);

    const { stdout } = await bootstrap(...target, '--force');
    const code = stdout.match(/邀请码：([A-Za-z0-9_-]{24})/)?.[1];
    expect(stdout).toContain(`小程序页面：join/pages/invite/index?code=${code}`);
    expect((await api.preview(code!)).body).toMatchObject({ role: 'admin', org: null, state: 'pending' });
    const operator = await freshUser();
    expect(await api.accept(operator.token, code!)).toMatchObject({
      status: 200,
      body: { role: 'admin', roles: ['worker', 'admin'] },
    });
    expect((await getUser(operator.userId))?.roles).toStrictEqual(['admin']);
  }, 60_000);
});

describe('Demo data: role management under npm start', () => {
  it('shows 李敏 her pending invite for 大新镇 and 顾晓东 granted by 周建国; the admin is indexed', async () => {
    const limin = demoUsers.find((user) => user.nickname === '李敏')!;
    const { token } = await issueAccessToken({ id: demoUserId(limin), tokenVersion: 0 }, new Date());
    const invites = (await api.list(token)).body as {
      invites: { org: { name: string }; createdBy: { name: string } }[];
    };
    expect(invites.invites).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          org: expect.objectContaining({ name: '大新镇工会' }),
          createdBy: expect.objectContaining({ name: '李敏' }),
        }),
      ]),
    );
    const { holders } = (await api.holders(token)).body as { holders: (Holder & { nickname: string })[] };
    expect(holders.find((holder) => holder.nickname === '顾晓东')).toMatchObject({
      grantedBy: { name: '周建国' },
      revocable: true,
    });
    const admins = await listAdmins();
    expect(admins.holders.map((user) => user.nickname)).toContain('周建国');
  });
});

describe('Handler: revokeRole — scope before anything about the person', () => {
  it('answers staff OUT_OF_SCOPE alike for an unknown id, a worker, staff beside, above and at a prefix-sibling node', async () => {
    const own = await freshOrg(ZJG);
    // `<own>9` starts with the staff member's path but is a sibling, not a child.
    const prefixSibling = await putOrg(`${own}9`, ZJG);
    const prefixChild = await freshOrg(prefixSibling);
    const beside = await freshOrg(ZJG);
    const staff = await freshUser({ roles: ['staff'], orgPath: own });
    const targets = {
      unknown: `u_${'e'.repeat(24)}`,
      worker: (await freshUser()).userId,
      beside: (await freshUser({ roles: ['staff'], orgPath: beside })).userId,
      above: (await freshUser({ roles: ['staff'], orgPath: ZJG })).userId,
      prefixSibling: (await freshUser({ roles: ['staff'], orgPath: prefixSibling })).userId,
      prefixChild: (await freshUser({ roles: ['staff'], orgPath: prefixChild })).userId,
    };
    for (const [what, userId] of Object.entries(targets)) {
      expect(await api.revokeRole(staff.token, { userId, role: 'staff' }), what).toStrictEqual({
        status: 403,
        body: errorBody('OUT_OF_SCOPE', '超出您所在工会组织的管理范围'),
      });
    }
    expect(await getUser(targets.prefixSibling)).toMatchObject({ roles: ['staff'], orgPath: prefixSibling });
    expect(await getUser(targets.prefixChild)).toMatchObject({ roles: ['staff'], orgPath: prefixChild });
    expect(await trailOf(targets.prefixChild)).toStrictEqual([]);
    // An admin role is refused to staff before the target is looked at.
    expect(await api.revokeRole(staff.token, { userId: targets.unknown, role: 'admin' })).toStrictEqual({
      status: 403,
      body: errorBody('FORBIDDEN', '您没有执行此操作的权限'),
    });
  });

  it('does not list or revoke staff of a prefix-sibling node to staff of the shorter path', async () => {
    const own = await freshOrg(ZJG);
    const prefixSibling = await putOrg(`${own}9`, ZJG);
    const staff = await freshUser({ roles: ['staff'], orgPath: own });
    const sibling = await freshUser({ roles: ['staff'], orgPath: prefixSibling });
    const { holders } = (await api.holders(staff.token)).body as { holders: Holder[] };
    expect(holders.map((holder) => holder.userId)).toStrictEqual([staff.userId]);
    expect(await api.holders(staff.token, prefixSibling)).toMatchObject({
      status: 403,
      body: { error: { code: 'OUT_OF_SCOPE' } },
    });
    expect(await getUser(sibling.userId)).toMatchObject({ roles: ['staff'] });
  });
});

describe('Handler: revokeRole — races', () => {
  it('of two admins revoking each other at once, exactly one wins and the other is refused', async () => {
    const admin = await freshUser({ roles: ['admin'] });
    for (let round = 0; round < 3; round += 1) {
      const a = await invitedAdmin(admin.token);
      const b = await invitedAdmin(admin.token);
      const results = await Promise.all([
        api.revokeRole(a.token, { userId: b.userId, role: 'admin' }),
        api.revokeRole(b.token, { userId: a.userId, role: 'admin' }),
      ]);
      expect(results.map((result) => result.status).sort()).toStrictEqual([200, 403]);
      expect(results.find((result) => result.status === 403)?.body).toStrictEqual(
        errorBody('FORBIDDEN', '您没有执行此操作的权限'),
      );
      const users = await Promise.all([getUser(a.userId), getUser(b.userId)]);
      expect(users.filter((user) => user?.roles.includes('admin'))).toHaveLength(1);
    }
  });

  it('revokes one staff member sent twice at once exactly once', async () => {
    const admin = await freshUser({ roles: ['admin'] });
    const other = await invitedAdmin(admin.token);
    const target = await invitedStaff(admin.token, await freshOrg(ZJG));
    const results = await Promise.all([
      api.revokeRole(admin.token, { userId: target.userId, role: 'staff' }),
      api.revokeRole(other.token, { userId: target.userId, role: 'staff' }),
    ]);
    expect(results.map((result) => result.status).sort()).toStrictEqual([200, 409]);
    expect(results.find((result) => result.status === 409)?.body).toMatchObject({
      error: { code: 'ROLE_NOT_HELD' },
    });
    expect((await trailOf(target.userId)).filter((event) => event.action === 'revokeRole')).toHaveLength(1);
    expect(await getUser(target.userId)).toMatchObject({ roles: [], orgPath: null });
  });
});

describe('Access pattern: revokeStaffRoleWrite', () => {
  it('fails on the actor check when the revoking staff member lost their role before the write', async () => {
    const own = await freshOrg(ZJG);
    const below = await freshOrg(own);
    const actor = await freshUser({ roles: ['staff'], orgPath: own });
    const target = await freshUser({ roles: ['staff'], orgPath: below });
    await setUserStaffRole(actor.userId, { grant: false }, new Date());
    const at = new Date().toISOString();
    const outcome = await revokeStaffRoleWrite(
      target.userId,
      below,
      { userId: actor.userId, role: 'staff', orgPath: own },
      at,
      {
        id: `ev_${target.userId.slice(2, 22)}`,
        actorUserId: actor.userId,
        action: 'revokeRole',
        subjectType: 'user',
        subjectId: target.userId,
        at,
      },
    );
    expect(outcome).toBe('actorChanged');
    expect(await getUser(target.userId)).toMatchObject({ roles: ['staff'], orgPath: below });
    expect(await trailOf(target.userId)).toStrictEqual([]);
  });
});
