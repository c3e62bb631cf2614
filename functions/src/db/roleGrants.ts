import type { GrantableRole } from '@ankang/shared';
import { type AuditEvent, auditEventPut } from './audit';
import { tableName } from './client';
import { adminIndexKeys, keys, staffIndexKeys } from './keys';
import { type TransactItem, transactWrite } from './transactions';

/** The user's side of granting and holding roles, shared by invites, revokes and the admin route. */

/** Who granted a role and when, kept on the user beside the role (`staffGrant`, `adminGrant`). */
export interface RoleGrant {
  byUserId: string;
  byName: string;
  at: string;
  inviteId?: string;
}

/** The user's side of a grant: the role, its index keys, who granted it; `version` guards it. */
export function grantUpdate(
  invite: { role: GrantableRole; orgPath: string | null },
  userId: string,
  userVersion: number,
  grant: RoleGrant,
): TransactItem {
  const staff = invite.role === 'staff' && invite.orgPath !== null;
  // Staff join the staff-by-org index (gsi2), admins the admins partition (gsi3).
  const index: Record<string, string> = staff
    ? staffIndexKeys.byOrg(invite.orgPath!, userId)
    : adminIndexKeys.of(userId);
  const indexNames = Object.keys(index);
  return {
    Update: {
      TableName: tableName,
      Key: keys.user(userId),
      // The service decided on this version of the user (not staff elsewhere, not holding the role).
      ConditionExpression: 'attribute_exists(pk) AND version = :version',
      UpdateExpression:
        `ADD #roles :role SET ${staff ? 'orgPath = :orgPath, ' : ''}` +
        `${indexNames[0]} = :ipk, ${indexNames[1]} = :isk, #grant = :grant, updatedAt = :at, version = version + :one`,
      ExpressionAttributeNames: { '#roles': 'roles', '#grant': `${invite.role}Grant` },
      ExpressionAttributeValues: {
        ':version': userVersion,
        ':role': new Set([invite.role]),
        ...(staff ? { ':orgPath': invite.orgPath } : {}),
        ':ipk': index[indexNames[0]!],
        ':isk': index[indexNames[1]!],
        ':grant': grant,
        ':at': grant.at,
        ':one': 1,
      },
    },
  };
}

/**
 * A role someone must still hold when a write commits: admin, or staff at exactly `orgPath`. What
 * a revoke's actor or an invite's inviter must keep for their write to count.
 */
export type RoleHold = { userId: string; role: 'admin' } | { userId: string; role: 'staff'; orgPath: string };

/** The condition that `hold` still holds, as one item of a transaction. */
export function roleHoldCheck(hold: RoleHold): TransactItem {
  const staff = hold.role === 'staff';
  return {
    ConditionCheck: {
      TableName: tableName,
      Key: keys.user(hold.userId),
      ConditionExpression: `contains(#roles, :role)${staff ? ' AND orgPath = :orgPath' : ''}`,
      ExpressionAttributeNames: { '#roles': 'roles' },
      ExpressionAttributeValues: { ':role': hold.role, ...(staff ? { ':orgPath': hold.orgPath } : {}) },
    },
  };
}

/** What became of a grant or revoke: done, the target changed since it was read, the actor lost their role. */
export type RoleWriteOutcome = 'saved' | 'targetChanged' | 'actorChanged';

/**
 * A role change of `target` (an Update of the user, conditional on what the service read) with its
 * audit event, while `actor` still holds the role that let them make it: of a change and a revoke
 * of its actor racing, the later one fails. An actor changing their own roles is covered by the
 * target's version condition instead (DynamoDB refuses two operations on one item in a transaction).
 */
export function roleWrite(
  target: TransactItem,
  actor: RoleHold,
  event: AuditEvent,
): Promise<RoleWriteOutcome> {
  const ownRoles = target.Update?.Key?.pk === keys.user(actor.userId).pk;
  return transactWrite(
    ownRoles ? [target, auditEventPut(event)] : [target, roleHoldCheck(actor), auditEventPut(event)],
    ownRoles
      ? [[0, 'targetChanged']]
      : [
          [0, 'targetChanged'],
          [1, 'actorChanged'],
        ],
  );
}
