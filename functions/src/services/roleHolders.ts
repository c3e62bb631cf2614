import type { GrantableRole, RevokeRoleBody, RoleHolder } from '@ankang/shared';
import { newAuditEventId } from '../db/audit';
import { getOrgs } from '../db/orgs';
import {
  listAdmins,
  listStaffUnder,
  type RoleHolderItem,
  revokeAdminRoleWrite,
  revokeStaffRoleWrite,
} from '../db/roleHolders';
import { getUser } from '../db/users';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import { type Caller, rolesOf } from './caller';
import { assertMayManage, manageVerdict } from './inviteRules';

/**
 * Who holds a role in the caller's view: the staff of the listing root's subtree (the asked root,
 * already scope-checked, or the caller's own node) and, for admins, every admin. Both reads are
 * bounded; org names come in one batch read.
 */
export async function listRoleHolders(caller: Caller, root: string | undefined) {
  const from = root ?? caller.orgPath;
  const isAdmin = caller.roles.includes('admin');
  const [staff, admins] = await Promise.all([
    from === null ? { holders: [], more: false } : listStaffUnder(from),
    isAdmin ? listAdmins() : { holders: [], more: false },
  ]);
  const paths = [...new Set(staff.holders.flatMap((user) => (user.orgPath ? [user.orgPath] : [])))];
  const names = new Map((await getOrgs(paths)).map((org) => [org.path, org.name]));
  const holders: RoleHolder[] = [
    ...admins.holders.map((user) => holderView(caller, user, 'admin', null)),
    ...staff.holders.flatMap((user) =>
      user.orgPath
        ? [
            holderView(caller, user, 'staff', {
              path: user.orgPath,
              name: names.get(user.orgPath) ?? user.orgPath,
            }),
          ]
        : [],
    ),
  ];
  return { holders, truncated: staff.more || admins.more };
}

function holderView(
  caller: Caller,
  user: RoleHolderItem,
  role: GrantableRole,
  org: RoleHolder['org'],
): RoleHolder {
  const grant = role === 'admin' ? user.adminGrant : user.staffGrant;
  return {
    userId: user.id,
    nickname: user.nickname,
    role,
    org,
    grantedBy: grant ? { name: grant.byName } : null,
    grantedAt: grant?.at ?? null,
    revocable: user.id !== caller.userId && manageVerdict(caller, role, org?.path ?? null) === 'ok',
  };
}

/**
 * Takes a role away; the holder's next request is answered with what remains, since the pipeline
 * reads the caller afresh each time. Nobody revokes their own role (a slip would lock them out),
 * and the last admin stays: the write checks another admin still holds the role.
 */
export async function revokeRole(caller: Caller, body: RevokeRoleBody) {
  if (body.userId === caller.userId) throw new AppError('CANNOT_REVOKE_SELF');
  const target = await getUser(body.userId);
  if (!target) throw new AppError('USER_NOT_FOUND');
  const orgPath = body.role === 'staff' ? target.orgPath : null;
  if (!target.roles.includes(body.role) || (body.role === 'staff' && orgPath === null)) {
    // Scope first, so a staff member learns nothing about people outside their scope.
    if (body.role === 'admin' || orgPath === null) assertMayManage(caller, body.role, orgPath);
    throw new AppError('ROLE_NOT_HELD');
  }
  assertMayManage(caller, body.role, orgPath);
  const at = now().toISOString();
  const event = {
    id: newAuditEventId(),
    actorUserId: caller.userId,
    actorName: caller.nickname,
    action: 'revokeRole',
    subjectType: 'user',
    subjectId: target.id,
    ...(orgPath ? { orgPath } : {}),
    detail: `撤销 ${target.nickname} 的${body.role === 'admin' ? '管理员' : `${orgPath} 工会干部`}角色`,
    at,
  };
  const done =
    body.role === 'staff'
      ? await revokeStaffRoleWrite(target.id, orgPath!, at, event)
      : await revokeAdminRoleWrite(target.id, await anotherAdmin(target.id), at, event);
  if (!done) {
    const fresh = await getUser(target.id);
    if (fresh?.roles.includes(body.role) && body.role === 'admin') throw new AppError('LAST_ADMIN');
    throw new AppError('ROLE_NOT_HELD');
  }
  const roles = target.roles.filter((role) => role !== body.role);
  return {
    userId: target.id,
    roles: rolesOf({ roles }),
    orgPath: body.role === 'staff' ? null : target.orgPath,
  };
}

/** An admin other than `userId` whose role the revoke's transaction will check; none: LAST_ADMIN. */
async function anotherAdmin(userId: string): Promise<string> {
  // Two are enough: the target and one other.
  const { holders } = await listAdmins(2);
  const other = holders.find((user) => user.id !== userId);
  if (!other) throw new AppError('LAST_ADMIN');
  return other.id;
}
