import { type CreateInviteBody, INVITE_PAGE } from '@ankang/shared';
import { newAuditEventId } from '../db/audit';
import {
  getInviteItem,
  type InviteItem,
  listPendingAdminInvites,
  listPendingInvitesUnder,
  putInviteOnce,
  revokeInviteItem,
} from '../db/invites';
import { getOrg } from '../db/orgs';
import { now } from '../lib/clock';
import { contentHash } from '../lib/contentHash';
import { AppError } from '../lib/errors';
import type { Caller } from './caller';
import { inviteCodeFor, inviteIdOf } from './inviteCodes';
import { assertMayManage } from './inviteRules';
import { invitePreview, inviteSummary } from './inviteViews';

const DAY_S = 86_400;

/**
 * Makes a one-time invite to a role (at a node for staff). The code comes from the inviter and the
 * request id (services/inviteCodes.ts), so a retried create answers the same invite and code and
 * writes nothing more; the same request id with other content is refused.
 */
export async function createInvite(caller: Caller, body: CreateInviteBody) {
  const orgPath = body.orgPath ?? null;
  assertMayManage(caller, body.role, orgPath);
  const org = orgPath === null ? null : await getOrg(orgPath);
  if (orgPath !== null && !org) throw new AppError('ORG_NOT_FOUND');

  const code = await inviteCodeFor(caller.userId, body.requestId);
  const id = await inviteIdOf(code);
  const at = now();
  const hash = contentHash({ role: body.role, orgPath, validDays: body.validDays });
  const invite: InviteItem = {
    id,
    role: body.role,
    orgPath,
    orgName: org?.name ?? null,
    state: 'pending',
    createdBy: { userId: caller.userId, name: caller.nickname },
    createdAt: at.toISOString(),
    expiresAt: Math.floor(at.getTime() / 1000) + body.validDays * DAY_S,
    contentHash: hash,
    version: 1,
  };
  const created = await putInviteOnce(invite, {
    id: newAuditEventId(),
    actorUserId: caller.userId,
    actorName: caller.nickname,
    action: 'createInvite',
    subjectType: 'invite',
    subjectId: id,
    ...(orgPath ? { orgPath } : {}),
    detail: `邀请担任${body.role === 'admin' ? '管理员' : `${org?.name ?? orgPath} 工会干部`}，${body.validDays} 天内有效`,
    at: invite.createdAt,
  });
  // A replay after TTL removed the invite must not bring its code back (a revoked or used code).
  if (created === 'spent') throw new AppError('INVITE_REQUEST_SPENT');
  const stored = created === 'created' ? invite : await getInviteItem(id);
  if (!stored || stored.createdBy.userId !== caller.userId || stored.contentHash !== hash) {
    throw new AppError('REQUEST_ID_REUSED');
  }
  return { invite: inviteSummary(stored, at), code, path: `${INVITE_PAGE}?code=${code}` };
}

/** The public preview of an invite by its code: unknown and forged codes alike are not found. */
export async function previewInvite(code: string) {
  const invite = await getInviteItem(await inviteIdOf(code));
  if (!invite) throw new AppError('INVITE_NOT_FOUND');
  return invitePreview(invite, now());
}

/**
 * Pending invites under the listing root (the asked one, already scope-checked, or the caller's own
 * node), and for admins the pending admin invites too; each read is bounded.
 */
export async function listInvites(caller: Caller, root: string | undefined) {
  const from = root ?? caller.orgPath;
  const isAdmin = caller.roles.includes('admin');
  const [staffInvites, adminInvites] = await Promise.all([
    from === null ? { invites: [], more: false } : listPendingInvitesUnder(from),
    isAdmin ? listPendingAdminInvites() : { invites: [], more: false },
  ]);
  const at = now();
  return {
    invites: [...adminInvites.invites, ...staffInvites.invites].map((invite) => inviteSummary(invite, at)),
    truncated: staffInvites.more || adminInvites.more,
  };
}

/** Revokes a pending invite the caller may manage; revoking it again answers the same. */
export async function revokeInvite(caller: Caller, id: string) {
  const invite = await getInviteItem(id);
  if (!invite) throw new AppError('INVITE_NOT_FOUND');
  assertMayManage(caller, invite.role, invite.orgPath);
  const at = now();
  if (invite.state === 'pending') {
    const by = { userId: caller.userId, name: caller.nickname };
    const revoked = await revokeInviteItem(id, by, at.toISOString(), {
      id: newAuditEventId(),
      actorUserId: caller.userId,
      actorName: caller.nickname,
      action: 'revokeInvite',
      subjectType: 'invite',
      subjectId: id,
      ...(invite.orgPath ? { orgPath: invite.orgPath } : {}),
      at: at.toISOString(),
    });
    // Lost a race with an accept (or another revoke): answer from what is stored now.
    if (revoked)
      return inviteSummary({ ...invite, state: 'revoked', revokedBy: by, revokedAt: at.toISOString() }, at);
  }
  const current = await getInviteItem(id);
  if (!current) throw new AppError('INVITE_NOT_FOUND');
  if (current.state === 'accepted') throw new AppError('INVITE_USED');
  return inviteSummary(current, at);
}
