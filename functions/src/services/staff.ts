import type { SetStaffRoleBody } from '@ankang/shared';
import { getOrg } from '../db/orgs';
import { setUserStaffRole } from '../db/users';
import { now } from '../lib/clock';
import { AppError } from '../lib/errors';

/** Grants a staff role at an org node, or revokes it. Retrying either changes nothing more. */
export async function changeStaffRole(body: SetStaffRoleBody) {
  if (body.action === 'grant' && !(await getOrg(body.orgPath))) throw new AppError('ORG_NOT_FOUND');
  const change =
    body.action === 'grant' ? { grant: true as const, orgPath: body.orgPath } : { grant: false as const };
  const user = await setUserStaffRole(body.userId, change, now());
  if (!user) throw new AppError('USER_NOT_FOUND');
  return {
    userId: user.id,
    roles: ['worker' as const, ...user.roles],
    orgPath: user.orgPath,
    version: user.version,
  };
}
