import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type AuditEvent, auditEventPut } from './audit';
import { db, tableName } from './client';
import type { InviteItem } from './invites';
import { inviteKeys } from './keys';
import { grantUpdate, type RoleGrant, type RoleHold, roleHoldCheck } from './roleGrants';
import { cancellationOf } from './transactions';

export type AcceptOutcome = 'accepted' | 'inviteChanged' | 'userChanged' | 'inviterChanged';

/**
 * Accepts an invite in one transaction: the invite used (only while pending and unexpired), the
 * role, org and index keys on the user (only at the version the service read), the inviter still
 * holding their role (`inviter`; null when nobody needs checking: the bootstrap command, or the
 * inviter is the user, whose version condition covers it) and the audit events. Of two accepts of
 * one code exactly one passes the invite's condition.
 */
export async function acceptInviteWrite(input: {
  invite: InviteItem;
  user: { userId: string; name: string; version: number };
  inviter: RoleHold | null;
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
          ...(input.inviter ? [roleHoldCheck(input.inviter)] : []),
          ...input.events.map(auditEventPut),
        ],
      }),
    );
    return 'accepted';
  } catch (error) {
    const cancelled = cancellationOf(error);
    if (cancelled?.failed.has(0)) return 'inviteChanged';
    if (cancelled?.failed.has(1) || cancelled?.conflict) return 'userChanged';
    if (input.inviter && cancelled?.failed.has(2)) return 'inviterChanged';
    throw error;
  }
}
