import type { GrantableRole, RevokeRoleBody, RoleHolder } from '@ankang/shared';
import { newAuditEventId } from '../db/audit';
import { retryOnConflict } from '../db/conflictRetry';
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
import { assertMayManage, authorityOver, manageVerdict } from './inviteRules';
import { isInScope } from './scope';

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
 * and the last admin stays: the write checks the revoking admin still holds the role.
 */
export async function revokeRole(caller: Caller, body: RevokeRoleBody) {
  if (body.userId === caller.userId) throw new AppError('CANNOT_REVOKE_SELF');
  // Only admins manage admins: refused before anyone is read.
  if (body.role === 'admin') assertMayManage(caller, 'admin', null);
  const target = await getUser(body.userId);
  const orgPath = body.role === 'staff' && target?.roles.includes('staff') ? target.orgPath : null;
  // Scope before anything about the person: to staff, an unknown id, someone without the role and
  // someone outside their subtree all answer alike, so ids outside their scope cannot be probed.
  if (!caller.roles.includes('admin') && (orgPath === null || !isInScope(caller, orgPath))) {
    throw new AppError('OUT_OF_SCOPE');
  }
  if (!target) throw new AppError('USER_NOT_FOUND');
  if (!target.roles.includes(body.role) || (body.role === 'staff' && orgPath === null)) {
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
  // The caller's own role is checked again when the write commits (two admins revoking each
  // other at once: the second finds its actor gone), so the last admin always stays.
  const authority = authorityOver(caller, body.role, orgPath)!;
  const outcome = await retryOnConflict(() =>
    body.role === 'staff'
      ? revokeStaffRoleWrite(target.id, orgPath!, { userId: caller.userId, ...authority }, at, event)
      : revokeAdminRoleWrite(target.id, caller.userId, at, event),
  );
  if (outcome === 'actorChanged') throw new AppError('FORBIDDEN');
  if (outcome === 'targetChanged') throw new AppError('ROLE_NOT_HELD');
  const roles = target.roles.filter((role) => role !== body.role);
  return {
    userId: target.id,
    roles: rolesOf({ roles }),
    orgPath: body.role === 'staff' ? null : target.orgPath,
  };
}
