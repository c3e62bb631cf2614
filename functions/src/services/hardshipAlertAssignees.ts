import { isWithinOrg, orgPathChain } from '@ankang/shared';
import type { AlertRecord } from '../db/hardshipAlertItems';
import { getOrgs } from '../db/orgs';
import { getUser, listStaffAtOrg } from '../db/users';
import { AppError } from '../lib/errors';
import type { Caller } from './caller';
import { alertInScope } from './hardshipAlertViews';
import { isInScope } from './scope';

export interface AlertAssignee {
  userId: string;
  name: string;
  orgPath: string;
  orgName: string;
}

/**
 * The nodes whose staff may hold an alert: the household file's org and its ancestors (at most 5),
 * nearest first, those inside the caller's scope only — nobody hands work to a node they cannot
 * see, and an escalated alert can go to the node it was escalated to.
 */
function assigneeNodes(caller: Caller, record: AlertRecord): string[] {
  return orgPathChain(record.orgPath)
    .reverse()
    .filter((node) => isInScope(caller, node));
}

/** Who an alert may be given to: staff of the file's org and the nodes above it, in the caller's scope. */
export async function listHardshipAlertAssignees(
  caller: Caller,
  id: string,
): Promise<{ assignees: AlertAssignee[] }> {
  const record = await alertInScope(caller, id);
  const nodes = assigneeNodes(caller, record);
  const [orgs, staffPerNode] = await Promise.all([
    getOrgs(nodes),
    Promise.all(nodes.map((node) => listStaffAtOrg(node))),
  ]);
  const names = new Map(orgs.map((org) => [org.path, org.name]));
  return {
    assignees: nodes.flatMap((node, index) =>
      (staffPerNode[index] ?? []).map((user) => ({
        userId: user.id,
        name: user.nickname,
        orgPath: node,
        orgName: names.get(node) ?? node,
      })),
    ),
  };
}

/**
 * The new assignee of an alert and their name, or 409 ALERT_ASSIGNEE_UNCHANGED (the same person) /
 * 422 ALERT_ASSIGNEE_INVALID (not a staff member of the file's org or a node above it inside the
 * caller's scope — the same people the assignee list offers).
 */
export async function resolveAssignee(
  caller: Caller,
  record: AlertRecord,
  userId: string,
): Promise<{ assigneeUserId: string; assigneeName: string }> {
  if (userId === record.assigneeUserId) throw new AppError('ALERT_ASSIGNEE_UNCHANGED');
  const user = await getUser(userId);
  const node = user?.roles.includes('staff') ? user.orgPath : null;
  if (!user || node === null || !isWithinOrg(record.orgPath, node) || !isInScope(caller, node)) {
    throw new AppError('ALERT_ASSIGNEE_INVALID');
  }
  return { assigneeUserId: user.id, assigneeName: user.nickname };
}
