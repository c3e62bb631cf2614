import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type AuditEvent, auditEventPut } from './audit';
import { db, tableName } from './client';
import type { InviteItem } from './invites';
import { adminIndexKeys, inviteKeys, keys, staffIndexKeys } from './keys';
import { cancellationOf, type TransactItem } from './transactions';

/** Who granted a role and when, kept on the user beside the role (`staffGrant`, `adminGrant`). */
export interface RoleGrant {
  byUserId: string;
  byName: string;
  at: string;
  inviteId?: string;
}

export type AcceptOutcome = 'accepted' | 'inviteChanged' | 'userChanged';

/** The user's side of a grant: the role, its index keys, who granted it; `version` guards it. */
function grantUpdate(
  invite: InviteItem,
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
 * Accepts an invite in one transaction: the invite used (only while pending and unexpired), the
 * role, org and index keys on the user (only at the version the service read), and the audit
 * events. Of two accepts of one code exactly one passes the invite's condition.
 */
export async function acceptInviteWrite(input: {
  invite: InviteItem;
  user: { userId: string; name: string; version: number };
  at: Date;
  events: AuditEvent[];
}): Promise<AcceptOutcome> {
  const { invite, user, at } = input;
  const stamp = at.toISOString();
  const grant: RoleGrant = {
    byUserId: invite.createdBy.userId,
    byName: invite.createdBy.name,
    at: stamp,
    inviteId: invite.id,
  };
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: inviteKeys.invite(invite.id),
              ConditionExpression: '#state = :pending AND expiresAt > :nowS',
              UpdateExpression:
                'SET #state = :accepted, acceptedBy = :by, acceptedAt = :at, updatedAt = :at, ' +
                'version = version + :one REMOVE gsi1pk, gsi1sk',
              ExpressionAttributeNames: { '#state': 'state' },
              ExpressionAttributeValues: {
                ':pending': 'pending',
                ':nowS': Math.floor(at.getTime() / 1000),
                ':accepted': 'accepted',
                ':by': { userId: user.userId, name: user.name },
                ':at': stamp,
                ':one': 1,
              },
            },
          },
          grantUpdate(invite, user.userId, user.version, grant),
          ...input.events.map(auditEventPut),
        ],
      }),
    );
    return 'accepted';
  } catch (error) {
    const cancelled = cancellationOf(error);
    if (cancelled?.failed.has(0)) return 'inviteChanged';
    if (cancelled?.failed.has(1) || cancelled?.conflict) return 'userChanged';
    throw error;
  }
}
