import type { SetStaffRoleBody } from '@ankang/shared';
import { newAuditEventId } from '../db/audit';
import { retryOnConflict } from '../db/conflictRetry';
import { getOrg } from '../db/orgs';
import { grantStaffRoleWrite, revokeStaffRoleWrite } from '../db/roleHolders';
import { getUser, type UserItem } from '../db/users';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import { type Caller, rolesOf } from './caller';

/** One more try when the user changed between the read and the write (another grant or revoke). */
const ATTEMPTS = 2;

/**
 * An admin grants a staff role at an org node (moving a staff member of another node), or revokes
 * it, the same way the role board does: who granted it is kept on the user, each change writes its
 * `grantRole` / `revokeRole` audit event, and the admin must still be admin when it commits.
 * Retrying either changes nothing more (no second event).
 */
export async function changeStaffRole(caller: Caller, body: SetStaffRoleBody) {
  const org = body.action === 'grant' ? await getOrg(body.orgPath) : null;
  if (body.action === 'grant' && !org) throw new AppError('ORG_NOT_FOUND');
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    const user = await getUser(body.userId);
    if (!user) throw new AppError('USER_NOT_FOUND');
    const staffAt = user.roles.includes('staff') ? user.orgPath : null;
    const target = body.action === 'grant' ? body.orgPath : null;
    if (staffAt === target) return answer(user, user.version);

    const at = now().toISOString();
    const node = (target ?? staffAt)!;
    const event = {
      id: newAuditEventId(),
      actorUserId: caller.userId,
      actorName: caller.nickname,
      action: target ? 'grantRole' : 'revokeRole',
      subjectType: 'user',
      subjectId: user.id,
      orgPath: node,
      detail: target
        ? `${org?.name ?? target} 工会干部（管理员直接授予${staffAt ? `，由 ${staffAt} 调入` : ''}）`
        : `撤销 ${user.nickname} 的${staffAt} 工会干部角色`,
      at,
    };
    const actor = { userId: caller.userId, role: 'admin' as const };
    const outcome = await retryOnConflict(() =>
      target
        ? grantStaffRoleWrite({
            userId: user.id,
            userVersion: user.version,
            orgPath: target,
            grant: { byUserId: caller.userId, byName: caller.nickname, at },
            actor,
            event,
          })
        : revokeStaffRoleWrite(user.id, staffAt!, actor, at, event),
    );
    if (outcome === 'actorChanged') throw new AppError('FORBIDDEN');
    if (outcome === 'saved') {
      const roles = target
        ? [...new Set([...user.roles, 'staff' as const])]
        : user.roles.filter((r) => r !== 'staff');
      return answer({ ...user, roles: roles.sort(), orgPath: target }, user.version + 1);
    }
  }
  throw new AppError('VERSION_CONFLICT');
}

function answer(user: Pick<UserItem, 'id' | 'roles' | 'orgPath'>, version: number) {
  return { userId: user.id, roles: rolesOf(user), orgPath: user.orgPath, version };
}
