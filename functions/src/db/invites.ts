import { grantableRoleSchema } from '@ankang/shared';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { type AuditEvent, auditEventPut } from './audit';
import { db, tableName } from './client';
import { indexes, inviteKeys, orgSubtreePrefix } from './keys';
import { cancellationOf, transactWrite } from './transactions';

const personSchema = z.object({ userId: z.string(), name: z.string() });

/**
 * An invite as stored. The code is not here: the id is a keyed hash of it. `expiresAt` (epoch
 * seconds) is the table's TTL attribute, so DynamoDB removes an invite some time after it lapses;
 * until then the services check it themselves.
 */
export const inviteItemSchema = z.object({
  id: z.string(),
  role: grantableRoleSchema,
  orgPath: z.string().nullable(),
  orgName: z.string().nullable(),
  state: z.enum(['pending', 'accepted', 'revoked']),
  createdBy: personSchema,
  createdAt: z.string(),
  expiresAt: z.number().int(),
  /** What the create was asked for, so a retry with other content is told apart from a retry. */
  contentHash: z.string(),
  acceptedBy: personSchema.optional(),
  acceptedAt: z.string().optional(),
  revokedBy: personSchema.optional(),
  revokedAt: z.string().optional(),
  version: z.number().int(),
});
export type InviteItem = z.infer<typeof inviteItemSchema>;

/** Pending invites read per listing at most (a union office has a handful open at a time). */
export const PENDING_INVITES_PER_LIST = 100;

export function inviteToItem(invite: InviteItem): Record<string, unknown> {
  return {
    ...inviteKeys.invite(invite.id),
    ...(invite.state === 'pending' ? inviteKeys.pending(invite.orgPath, invite.createdAt, invite.id) : {}),
    type: 'Invite',
    ...invite,
    updatedAt: invite.createdAt,
  };
}

/** The lasting mark that an invite was issued (kept for good, no TTL; see inviteKeys.issued). */
export function issuedMarkItem(invite: Pick<InviteItem, 'id' | 'createdAt'>): Record<string, unknown> {
  return {
    ...inviteKeys.issued(invite.id),
    type: 'InviteIssued',
    createdAt: invite.createdAt,
    updatedAt: invite.createdAt,
    version: 1,
  };
}

/** What became of an invite's create: written, there already (a retry), or issued before and gone. */
export type InvitePutOutcome = 'created' | 'exists' | 'spent';

/**
 * Writes a new invite, the lasting mark that it was issued, and its audit event together. `exists`
 * when an invite with this id is stored (a retried create: the id comes from the inviter and the
 * request id); `spent` when it was issued before and TTL has removed it since. Nothing is written
 * then.
 */
export async function putInviteOnce(invite: InviteItem, event: AuditEvent): Promise<InvitePutOutcome> {
  const outcome = await transactWrite(
    [
      {
        Put: {
          TableName: tableName,
          Item: inviteToItem(invite),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: tableName,
          Item: issuedMarkItem(invite),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      auditEventPut(event),
    ],
    [
      [0, 'exists'],
      [1, 'spent'],
    ],
  );
  return outcome === 'saved' ? 'created' : outcome;
}

export async function getInviteItem(id: string): Promise<InviteItem | null> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: inviteKeys.invite(id), ConsistentRead: true }),
  );
  return Item ? inviteItemSchema.parse(Item) : null;
}

/**
 * Pending staff invites of `root`'s subtree (the node itself and below), oldest first, at most
 * PENDING_INVITES_PER_LIST; `more` when the index holds further ones.
 */
export async function listPendingInvitesUnder(
  root: string,
): Promise<{ invites: InviteItem[]; more: boolean }> {
  return queryPending({
    KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
    ExpressionAttributeValues: {
      ':pk': inviteKeys.pendingPartition(root),
      ':prefix': orgSubtreePrefix(root),
    },
  });
}

/** Pending admin invites (they name no node), oldest first, bounded like the staff ones. */
export async function listPendingAdminInvites(): Promise<{ invites: InviteItem[]; more: boolean }> {
  return queryPending({
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': inviteKeys.pendingPartition(null) },
  });
}

async function queryPending(query: {
  KeyConditionExpression: string;
  ExpressionAttributeValues: Record<string, string>;
}): Promise<{ invites: InviteItem[]; more: boolean }> {
  const { Items = [], LastEvaluatedKey } = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: indexes.pendingInvitesByOrg,
      Limit: PENDING_INVITES_PER_LIST,
      ...query,
    }),
  );
  return { invites: Items.map((item) => inviteItemSchema.parse(item)), more: LastEvaluatedKey !== undefined };
}

/**
 * Marks a pending invite revoked and takes it off the pending index, with its audit event. False
 * when it is no longer pending (accepted or revoked meanwhile): nothing is written then.
 */
export async function revokeInviteItem(
  id: string,
  by: { userId: string; name: string },
  at: string,
  event: AuditEvent,
): Promise<boolean> {
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: inviteKeys.invite(id),
              ConditionExpression: '#state = :pending',
              UpdateExpression:
                'SET #state = :revoked, revokedBy = :by, revokedAt = :at, updatedAt = :at, ' +
                'version = version + :one REMOVE gsi1pk, gsi1sk',
              ExpressionAttributeNames: { '#state': 'state' },
              ExpressionAttributeValues: {
                ':pending': 'pending',
                ':revoked': 'revoked',
                ':by': by,
                ':at': at,
                ':one': 1,
              },
            },
          },
          auditEventPut(event),
        ],
      }),
    );
    return true;
  } catch (error) {
    if (cancellationOf(error)?.failed.has(0)) return false;
    throw error;
  }
}
