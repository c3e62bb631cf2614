import type { OrgNode } from '@ankang/shared';
import { getOrg, listOrgSubtree } from '../db/orgs';
import { AppError } from '../lib/errors';
import type { Caller } from './caller';

/**
 * The org tree visible to the caller: staff from their own node down (the pipeline has already
 * refused a `root` outside it), admins from the asked root, or the whole tree.
 */
export async function listVisibleOrgs(
  caller: Caller,
  root: string | undefined,
): Promise<{ orgs: OrgNode[] }> {
  const isAdmin = caller.roles.includes('admin');
  const start = root ?? (isAdmin ? null : caller.orgPath);
  if (start === null && !isAdmin) return { orgs: [] };
  if (start !== null && !(await getOrg(start))) throw new AppError('ORG_NOT_FOUND');
  return { orgs: await listOrgSubtree(start) };
}
