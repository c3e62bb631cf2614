import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { AuditEvent } from './audit';
import { db, tableName } from './client';
import { adminIndexKeys, indexes, keys, orgSubtreePrefix, staffIndexKeys } from './keys';
import { grantUpdate, type RoleGrant, type RoleHold, type RoleWriteOutcome, roleWrite } from './roleGrants';
import { userItemSchema } from './users';

const grantSchema = z.object({
  byUserId: z.string(),
  byName: z.string(),
  at: z.string(),
  inviteId: z.string().optional(),
});

/** A user with the record of who granted their roles (absent for roles granted before it existed). */
export const roleHolderItemSchema = userItemSchema.extend({
  staffGrant: grantSchema.optional(),
  adminGrant: grantSchema.optional(),
});
export type RoleHolderItem = z.infer<typeof roleHolderItemSchema>;

/** Staff read per listing at most: a province's union offices down to the towns of one county. */
export const STAFF_PER_LIST = 200;
/** Admins read per listing at most: a deployment has a few. */
export const ADMINS_PER_LIST = 50;

/** Staff of `root`'s subtree (the node itself and below), by org path; `more` when there are further ones. */
export async function listStaffUnder(root: string): Promise<{ holders: RoleHolderItem[]; more: boolean }> {
  const { Items = [], LastEvaluatedKey } = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: indexes.staffByOrg,
      KeyConditionExpression: 'gsi2pk = :pk AND begins_with(gsi2sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': staffIndexKeys.byOrgPartition(root),
        ':prefix': orgSubtreePrefix(root),
      },
      Limit: STAFF_PER_LIST,
    }),
  );
  return {
    holders: Items.map((item) => roleHolderItemSchema.parse(item)),
    more: LastEvaluatedKey !== undefined,
  };
}

/** Holders of the admin role, at most `limit` (ADMINS_PER_LIST by default). */
export async function listAdmins(
  limit = ADMINS_PER_LIST,
): Promise<{ holders: RoleHolderItem[]; more: boolean }> {
  const { Items = [], LastEvaluatedKey } = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: indexes.admins,
      KeyConditionExpression: 'gsi3pk = :pk',
      ExpressionAttributeValues: { ':pk': adminIndexKeys.partition },
      Limit: limit,
    }),
  );
  return {
    holders: Items.map((item) => roleHolderItemSchema.parse(item)),
    more: LastEvaluatedKey !== undefined,
  };
}

/**
 * Gives the staff role at `orgPath` (a staff member of another node moves) with who granted it and
 * the audit event, over the version of the user the service read, while `actor` still holds admin.
 */
export function grantStaffRoleWrite(input: {
  userId: string;
  userVersion: number;
  orgPath: string;
  grant: RoleGrant;
  actor: RoleHold;
  event: AuditEvent;
}): Promise<RoleWriteOutcome> {
  const update = grantUpdate(
    { role: 'staff', orgPath: input.orgPath },
    input.userId,
    input.userVersion,
    input.grant,
  );
  return roleWrite(update, input.actor, input.event);
}

/**
 * Takes the staff role (and its org and index keys) from a user who holds it at `orgPath`, with the
 * audit event, while `actor` still holds the role that let them revoke (of a revoke and a revoke
 * of its actor racing, the later one fails). A TransactionConflict is thrown.
 */
export function revokeStaffRoleWrite(
  userId: string,
  orgPath: string,
  actor: RoleHold,
  at: string,
  event: AuditEvent,
): Promise<RoleWriteOutcome> {
  return roleWrite(
    {
      Update: {
        TableName: tableName,
        Key: keys.user(userId),
        ConditionExpression: 'contains(#roles, :name) AND orgPath = :orgPath',
        UpdateExpression:
          'DELETE #roles :role REMOVE orgPath, gsi2pk, gsi2sk, staffGrant ' +
          'SET updatedAt = :at, version = version + :one',
        ExpressionAttributeNames: { '#roles': 'roles' },
        ExpressionAttributeValues: {
          ':name': 'staff',
          ':role': new Set(['staff']),
          ':orgPath': orgPath,
          ':at': at,
          ':one': 1,
        },
      },
    },
    actor,
    event,
  );
}

/**
 * Takes the admin role from a user while `actorId`, another admin, still holds it: of two admins
 * revoking each other at once, one transaction sees the other's change and fails, so the last
 * admin is never removed (nobody revokes themselves).
 */
export function revokeAdminRoleWrite(
  userId: string,
  actorId: string,
  at: string,
  event: AuditEvent,
): Promise<RoleWriteOutcome> {
  return roleWrite(
    {
      Update: {
        TableName: tableName,
        Key: keys.user(userId),
        ConditionExpression: 'contains(#roles, :name)',
        UpdateExpression:
          'DELETE #roles :role REMOVE gsi3pk, gsi3sk, adminGrant SET updatedAt = :at, version = version + :one',
        ExpressionAttributeNames: { '#roles': 'roles' },
        ExpressionAttributeValues: { ':name': 'admin', ':role': new Set(['admin']), ':at': at, ':one': 1 },
      },
    },
    { userId: actorId, role: 'admin' },
    event,
  );
}
