import { isWithinOrg } from '@ankang/shared';
import { AppError } from '../lib/errors';
import type { Caller } from './caller';

/**
 * For records whose org is only known after reading them (a station, a report): the same rule the
 * pipeline applies to input, applied to stored data.
 */
export function assertInScope(caller: Caller, orgPath: string): void {
  if (!isInScope(caller, orgPath)) throw new AppError('OUT_OF_SCOPE');
}

/** Admins act everywhere; staff on their node and below, never beside or above it. */
export function isInScope(caller: Caller, orgPath: string): boolean {
  if (caller.roles.includes('admin')) return true;
  return caller.orgPath !== null && isWithinOrg(orgPath, caller.orgPath);
}

/** The org a staff listing starts from: the asked one (already scope-checked) or the caller's own. */
export function listingRoot(caller: Caller, asked: string | undefined): string | null {
  return asked ?? caller.orgPath;
}
