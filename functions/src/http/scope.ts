import { isWithinOrg } from '@ankang/shared';
import type { Caller } from './context';
import { AppError } from './errors';

/**
 * For records whose org is only known after reading them (a station, a report): the same rule the
 * pipeline applies to input, applied to stored data.
 */
export function assertInScope(caller: Caller, orgPath: string): void {
  if (caller.roles.includes('admin')) return;
  if (!caller.orgPath || !isWithinOrg(orgPath, caller.orgPath)) throw new AppError('OUT_OF_SCOPE');
}

/** The org a staff listing starts from: the asked one (already scope-checked) or the caller's own. */
export function listingRoot(caller: Caller, asked: string | undefined): string | null {
  return asked ?? caller.orgPath;
}
