import { type InviteState, type InviteSummary, orgPathChain } from '@ankang/shared';
import type { InviteItem } from '../db/invites';
import { getOrgs } from '../db/orgs';

/** The state a person sees: a pending invite past its expiry is expired, whether or not TTL removed it yet. */
export function stateOf(invite: InviteItem, at: Date): InviteState {
  if (invite.state === 'pending' && invite.expiresAt * 1000 <= at.getTime()) return 'expired';
  return invite.state;
}

/** An invite as its inviter sees it: explicit fields, never the code. */
export function inviteSummary(invite: InviteItem, at: Date): InviteSummary {
  return {
    id: invite.id,
    role: invite.role,
    org: invite.orgPath === null ? null : { path: invite.orgPath, name: invite.orgName ?? invite.orgPath },
    state: stateOf(invite, at),
    createdBy: invite.createdBy,
    createdAt: invite.createdAt,
    expiresAt: new Date(invite.expiresAt * 1000).toISOString(),
    ...(invite.acceptedBy ? { acceptedBy: invite.acceptedBy, acceptedAt: invite.acceptedAt } : {}),
    ...(invite.revokedBy ? { revokedBy: invite.revokedBy, revokedAt: invite.revokedAt } : {}),
  };
}

/** What the invitee sees before accepting: the node with its chain of names, the role, expiry, state. */
export async function invitePreview(invite: InviteItem, at: Date) {
  let org = null;
  if (invite.orgPath !== null) {
    const chain = await getOrgs(orgPathChain(invite.orgPath));
    org = {
      path: invite.orgPath,
      name: invite.orgName ?? invite.orgPath,
      chain: chain.map((node) => node.name),
    };
  }
  return {
    role: invite.role,
    org,
    state: stateOf(invite, at),
    expiresAt: new Date(invite.expiresAt * 1000).toISOString(),
  };
}
