import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { keys } from './keys';
import type { TransactItem } from './transactions';

/**
 * Per-person limits kept in the table (Lambda instances share no memory), as transaction items: a
 * limited write carries its limit item in its own transaction, so the limit and the write hold or
 * fail together, and a retry that is cancelled because the write exists already counts nothing.
 * An action that writes nothing (a search) is counted by the same update alone (countAlone).
 */

/** One window's count of an action by one caller (a keyed pseudonym), refused once it reaches `cap`. */
export interface QuotaCount {
  action: string;
  subject: string;
  /** The window counted: a Shanghai day `YYYY-MM-DD`, or a minute `YYYY-MM-DDTHH:mm`. */
  window: string;
  cap: number;
  /** When the count may be dropped: epoch seconds, for the table's TTL. */
  expiresAt: number;
  at: string;
}

/** The update adding one to the window's count; its condition fails when the count is at the cap. */
function quotaUpdate(quota: QuotaCount) {
  return {
    TableName: tableName,
    Key: keys.quota(quota.action, quota.subject, quota.window),
    UpdateExpression:
      'SET #type = :type, expiresAt = :expires, updatedAt = :at ADD #count :one, version :one',
    ConditionExpression: 'attribute_not_exists(#count) OR #count < :cap',
    ExpressionAttributeNames: { '#type': 'type', '#count': 'count' },
    ExpressionAttributeValues: {
      ':type': 'Quota',
      ':expires': quota.expiresAt,
      ':at': quota.at,
      ':one': 1,
      ':cap': quota.cap,
    },
  };
}

/** Adds one to the window's count; its condition fails (cancelling the write) when the count is at the cap. */
export function countTowardsQuota(quota: QuotaCount): TransactItem {
  return { Update: quotaUpdate(quota) };
}

/**
 * Counts one action that writes nothing else: true when it is within the cap, false once the
 * window's count has reached it (nothing is added then). One conditional update, no read.
 */
export async function countAlone(quota: QuotaCount): Promise<boolean> {
  try {
    await db.send(new UpdateCommand(quotaUpdate(quota)));
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * Takes a lock (`kind`, `lockId`) for `holder`; its condition fails when the lock is held already.
 * `expiresAt` (epoch seconds) lets the table's TTL drop a lock nobody releases.
 */
export function takeLock(
  kind: string,
  lockId: string,
  holder: string,
  at: string,
  expiresAt?: number,
): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...keys.lock(kind, lockId),
        type: 'Lock',
        holder,
        version: 1,
        updatedAt: at,
        ...(expiresAt === undefined ? {} : { expiresAt }),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * Releases a lock if `holder` holds it (or it is gone already); its condition fails when another
 * write holds it, which must then be left alone.
 */
export function releaseLock(kind: string, lockId: string, holder: string): TransactItem {
  return {
    Delete: {
      TableName: tableName,
      Key: keys.lock(kind, lockId),
      ConditionExpression: 'attribute_not_exists(pk) OR holder = :holder',
      ExpressionAttributeValues: { ':holder': holder },
    },
  };
}
