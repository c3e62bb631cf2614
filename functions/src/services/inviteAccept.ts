import { roleLabels } from '@ankang/shared';
import { newAuditEventId } from '../db/audit';
import { acceptInviteWrite } from '../db/inviteAccept';
import { getInviteItem, type InviteItem } from '../db/invites';
import type { RoleHold } from '../db/roleGrants';
import { getUser, type UserItem } from '../db/users';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';
import { BOOTSTRAP_ACTOR } from './adminBootstrap';
import { type Caller, rolesOf } from './caller';
import { inviteIdOf } from './inviteCodes';
import { authorityOver } from './inviteRules';
import { stateOf } from './inviteViews';

/** One more try when the invite or the user changed between our read and the write. */
const ATTEMPTS = 2;

/**
 * Accepts an invite for the caller. A user holds one org node: someone already staff at another
 * node is refused (ALREADY_STAFF_ELSEWHERE) rather than silently moved, since moving would drop
 * them from the node whose staff granted the first role; that node revokes first. A retry by the
 * user who accepted answers as the first accept did.
 */
export async function acceptInvite(caller: Caller, code: string) {
  const id = await inviteIdOf(code);
  // Bounded: a second read sees whatever changed the first time (used, revoked, the user edited).
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    const invite = await getInviteItem(id);
    if (!invite) throw new AppError('INVITE_NOT_FOUND');
    const [user, inviter] = await Promise.all([getUser(caller.userId), inviterOf(invite)]);
    if (!user) throw new AppError('UNAUTHENTICATED');
    const at = now();
    // A retry of this user's own accept answers the same while the role holds; after a revoke the
    // code stays used and grants nothing again.
    if (
      invite.state === 'accepted' &&
      invite.acceptedBy?.userId === caller.userId &&
      holdsGrant(invite, user)
    ) {
      return answer(invite, user);
    }
    refuseUnusable(invite, at);
    const hold = inviterHold(invite, inviter);
    refuseRoleClash(invite, user);
    const outcome = await acceptInviteWrite({
      invite,
      user: { userId: user.id, name: user.nickname, version: user.version },
      // The caller's own version condition already covers an inviter who is the caller.
      inviter: hold && hold.userId !== user.id ? hold : null,
      at,
      events: acceptEvents(invite, caller, at.toISOString()),
    });
    if (outcome === 'accepted') {
      return answer(invite, { roles: [...new Set([...user.roles, invite.role])].sort() });
    }
  }
  throw new AppError('VERSION_CONFLICT');
}

/** The inviter as they are now: the bootstrap command stands for itself (no user holds its id). */
async function inviterOf(invite: InviteItem): Promise<Caller | 'bootstrap' | null> {
  const { userId } = invite.createdBy;
  if (userId === BOOTSTRAP_ACTOR.userId) return 'bootstrap';
  const user = await getUser(userId);
  return user && { userId: user.id, nickname: user.nickname, roles: rolesOf(user), orgPath: user.orgPath };
}

/**
 * What the accept's transaction checks the inviter still holds (null: the bootstrap command), or
 * INVITER_ROLE_REVOKED when their role is gone: an invite hands on its inviter's authority and
 * lapses with it, whoever revoked them and however long ago the invite was made.
 */
function inviterHold(invite: InviteItem, inviter: Caller | 'bootstrap' | null): RoleHold | null {
  if (inviter === 'bootstrap') return null;
  const authority = inviter ? authorityOver(inviter, invite.role, invite.orgPath) : null;
  if (!inviter || !authority) throw new AppError('INVITER_ROLE_REVOKED');
  return { userId: inviter.userId, ...authority };
}

function holdsGrant(invite: InviteItem, user: UserItem): boolean {
  if (!user.roles.includes(invite.role)) return false;
  return invite.role === 'admin' || user.orgPath === invite.orgPath;
}

function refuseUnusable(invite: InviteItem, at: Date): void {
  const state = stateOf(invite, at);
  if (state === 'expired') throw new AppError('INVITE_EXPIRED');
  if (state === 'revoked') throw new AppError('INVITE_REVOKED');
  if (state === 'accepted') throw new AppError('INVITE_USED');
}

function refuseRoleClash(invite: InviteItem, user: UserItem): void {
  if (invite.role === 'admin') {
    if (user.roles.includes('admin')) throw new AppError('ROLE_ALREADY_HELD');
    return;
  }
  if (!user.roles.includes('staff')) return;
  if (user.orgPath === invite.orgPath) throw new AppError('ROLE_ALREADY_HELD');
  throw new AppError('ALREADY_STAFF_ELSEWHERE');
}

/** The grant on the user's trail (by the inviter) and the use on the invite's (by the invitee). */
function acceptEvents(invite: InviteItem, caller: Caller, at: string) {
  const where = invite.orgPath === null ? '' : `${invite.orgName ?? invite.orgPath} `;
  const base = { ...(invite.orgPath ? { orgPath: invite.orgPath } : {}), at };
  return [
    {
      ...base,
      id: newAuditEventId(),
      actorUserId: invite.createdBy.userId,
      actorName: invite.createdBy.name,
      action: 'grantRole',
      subjectType: 'user',
      subjectId: caller.userId,
      detail: `${where}${roleLabels[invite.role]}（经邀请授予，${caller.nickname} 已接受）`,
    },
    {
      ...base,
      id: newAuditEventId(),
      actorUserId: caller.userId,
      actorName: caller.nickname,
      action: 'acceptInvite',
      subjectType: 'invite',
      subjectId: invite.id,
      detail: `${caller.nickname} 接受邀请，成为${where}${roleLabels[invite.role]}`,
    },
  ];
}

function answer(invite: InviteItem, user: Pick<UserItem, 'roles'>) {
  return {
    role: invite.role,
    org: invite.orgPath === null ? null : { path: invite.orgPath, name: invite.orgName ?? invite.orgPath },
    roles: rolesOf(user),
  };
}
