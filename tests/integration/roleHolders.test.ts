import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { demoUserId, demoUsers } from '../../functions/local/demoData';
import { listAdmins, revokeAdminRoleWrite } from '../../functions/src/db/roleHolders';
import { getUser, listStaffAtOrg } from '../../functions/src/db/users';
import { handler as listOrgs } from '../../functions/src/handlers/listOrgs';
import { issueAccessToken } from '../../functions/src/services/token';
import { httpEvent, invoke } from '../support/events';
import { freshOrg, freshUser } from './fixtures';
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
    expect(await api.revokeRole(staff.token, { userId: target.userId, role: 'staff' })).toStrictEqual({
      status: 403,
      body: errorBody('FORBIDDEN', '您没有执行此操作的权限'),
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

  it('keeps the setStaffRole route working beside invites (grant, then revoke through revokeRole)', async () => {
    const admin = await freshUser({ roles: ['admin'] });
    const org = await freshOrg(ZJG);
    const target = await freshUser();
    const { handler: setStaffRole } = await import('../../functions/src/handlers/setStaffRole');
    const granted = await invoke(
      setStaffRole,
      httpEvent({
        method: 'POST',
        path: '/admin/staff',
        token: admin.token,
        body: { action: 'grant', userId: target.userId, orgPath: org },
      }),
    );
    expect(granted.status).toBe(200);
    expect((await api.revokeRole(admin.token, { userId: target.userId, role: 'staff' })).status).toBe(200);
    expect(await getUser(target.userId)).toMatchObject({ roles: [], orgPath: null });
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
    expect(results.filter(Boolean)).toHaveLength(1);
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
