import { roleSchema } from '@ankang/shared';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { db, tableName } from './client';
import { indexes, keys, staffIndexKeys } from './keys';

/** Roles granted to a user; `worker` is implied (services/caller.ts) and never stored. */
const grantedRoleSchema = roleSchema.exclude(['worker']);

export const userItemSchema = z.object({
  id: z.string(),
  openid: z.string(),
  nickname: z.string(),
  roles: z
    .union([z.set(grantedRoleSchema), z.array(grantedRoleSchema)])
    .optional()
    .transform((value) => [...(value ?? [])].sort()),
  orgPath: z
    .string()
    .nullish()
    .transform((value) => value ?? null),
  demo: z.boolean().optional(),
  /** Bumped by sign-out; access tokens carry the value they were issued with (services/token.ts). */
  tokenVersion: z.number().int().nonnegative().default(0),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type UserItem = z.infer<typeof userItemSchema>;

export async function getUser(userId: string): Promise<UserItem | null> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: keys.user(userId) }));
  return Item ? userItemSchema.parse(Item) : null;
}

/**
 * Creates the user on first login and records the login otherwise. Idempotent: the id is derived
 * from the openid, so retries and concurrent first logins touch one item. Login does not bump
 * `version`, which guards edits of the user's roles.
 */
export async function upsertUserOnLogin(input: {
  userId: string;
  openid: string;
  unionid?: string;
  defaultNickname: string;
  at: Date;
}): Promise<UserItem> {
  const now = input.at.toISOString();
  const { Attributes } = await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.user(input.userId),
      UpdateExpression:
        'SET #type = :type, id = :id, openid = :openid, unionid = :unionid, lastLoginAt = :now, ' +
        'nickname = if_not_exists(nickname, :nickname), createdAt = if_not_exists(createdAt, :now), ' +
        'updatedAt = :now, version = if_not_exists(version, :one)',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: {
        ':type': 'User',
        ':id': input.userId,
        ':openid': input.openid,
        ':unionid': input.unionid ?? null,
        ':now': now,
        ':nickname': input.defaultNickname,
        ':one': 1,
      },
      ReturnValues: 'ALL_NEW',
    }),
  );
  return userItemSchema.parse(Attributes);
}

/** Staff of one org node read per query at most: more than any real union office has. */
const STAFF_PER_ORG = 50;

/**
 * The staff members of exactly `orgPath` (not its children), by user id, at most STAFF_PER_ORG.
 * A user whose role was revoked left the index in the same write.
 */
export async function listStaffAtOrg(orgPath: string): Promise<UserItem[]> {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: indexes.staffByOrg,
      KeyConditionExpression: 'gsi2pk = :pk AND begins_with(gsi2sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': staffIndexKeys.byOrgPartition(orgPath),
        ':prefix': staffIndexKeys.atOrgPrefix(orgPath),
      },
      Limit: STAFF_PER_ORG,
    }),
  );
  return Items.map((item) => userItemSchema.parse(item));
}

/**
 * Grants (with an org node) or revokes the staff role. Set arithmetic in one UpdateItem, so a retry
 * changes nothing more and two admins never overwrite each other's unrelated changes.
 * Returns null when the user does not exist.
 */
export async function setUserStaffRole(
  userId: string,
  change: { grant: true; orgPath: string } | { grant: false },
  at: Date,
): Promise<UserItem | null> {
  const staff = new Set(['staff']);
  const update = change.grant
    ? {
        UpdateExpression:
          'ADD #roles :staff SET orgPath = :orgPath, gsi2pk = :staffPk, gsi2sk = :staffSk, ' +
          'updatedAt = :now, version = version + :one',
        ExpressionAttributeValues: {
          ':staff': staff,
          ':orgPath': change.orgPath,
          ':staffPk': staffIndexKeys.byOrg(change.orgPath, userId).gsi2pk,
          ':staffSk': staffIndexKeys.byOrg(change.orgPath, userId).gsi2sk,
          ':now': at.toISOString(),
          ':one': 1,
        },
      }
    : {
        UpdateExpression:
          'DELETE #roles :staff REMOVE orgPath, gsi2pk, gsi2sk SET updatedAt = :now, version = version + :one',
        ExpressionAttributeValues: { ':staff': staff, ':now': at.toISOString(), ':one': 1 },
      };
  try {
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.user(userId),
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#roles': 'roles' },
        ReturnValues: 'ALL_NEW',
        ...update,
      }),
    );
    return userItemSchema.parse(Attributes);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return null;
    throw error;
  }
}

/**
 * Revokes every access token issued to the user so far: tokens carry the token version they were
 * issued with and the pipeline refuses any other. An atomic ADD, so concurrent sign-outs each
 * count; `version` (which guards role edits) is left alone. Returns the new token version, or
 * null when the user does not exist.
 */
export async function bumpTokenVersion(userId: string, at: Date): Promise<number | null> {
  try {
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.user(userId),
        ConditionExpression: 'attribute_exists(pk)',
        UpdateExpression: 'ADD tokenVersion :one SET updatedAt = :now',
        ExpressionAttributeValues: { ':one': 1, ':now': at.toISOString() },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return z.number().int().parse(Attributes?.tokenVersion);
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return null;
    throw error;
  }
}

/** The seeded demo accounts offered by the development login (local stage only). */
export async function listDemoUsers(): Promise<UserItem[]> {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: indexes.demoUsers,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.demoUsers().gsi1pk },
    }),
  );
  return Items.map((item) => userItemSchema.parse(item));
}
