import type { GrantableRole } from '@ankang/shared';
import { AppError } from '../lib/errors';
import type { Caller } from './caller';
import { isInScope } from './scope';

export type ManageVerdict = 'ok' | 'adminOnly' | 'outOfScope' | 'notBelow';

/**
 * Whether the caller may invite to, or revoke, `role` at `orgPath` (null: an admin role, which
 * names no node). Admins manage everything. Staff manage staff of the nodes strictly below their
 * own: never their own level (their peers and themselves), never beside or above, never admins.
 */
export function manageVerdict(caller: Caller, role: GrantableRole, orgPath: string | null): ManageVerdict {
  if (caller.roles.includes('admin')) return 'ok';
  if (role === 'admin' || orgPath === null) return 'adminOnly';
  if (!isInScope(caller, orgPath)) return 'outOfScope';
  return orgPath === caller.orgPath ? 'notBelow' : 'ok';
}

/** Throws the verdict's error (403 each) unless the caller may manage the role there. */
export function assertMayManage(caller: Caller, role: GrantableRole, orgPath: string | null): void {
  const verdict = manageVerdict(caller, role, orgPath);
  if (verdict === 'adminOnly') throw new AppError('FORBIDDEN');
  if (verdict === 'outOfScope') throw new AppError('OUT_OF_SCOPE');
  if (verdict === 'notBelow') throw new AppError('NOT_BELOW_OWN_ORG');
}

/** The role (and node, for staff) that lets someone manage a role somewhere. */
export type Authority = { role: 'admin' } | { role: 'staff'; orgPath: string };

/**
 * What `person` holds now that lets them manage `role` at `orgPath` (the manage rule above), or
 * null when nothing does. A revoke and an invite's accept check in their transaction that it still
 * holds when they commit: an invite hands on its inviter's authority and lapses with it.
 */
export function authorityOver(person: Caller, role: GrantableRole, orgPath: string | null): Authority | null {
  if (person.roles.includes('admin')) return { role: 'admin' };
  if (manageVerdict(person, role, orgPath) !== 'ok' || person.orgPath === null) return null;
  return { role: 'staff', orgPath: person.orgPath };
}
