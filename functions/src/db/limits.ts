import { tableName } from './client';
import { keys } from './keys';
import type { TransactItem } from './transactions';

/**
 * Per-person limits kept in the table (Lambda instances share no memory), as transaction items: a
 * limited write carries its limit item in its own transaction, so the limit and the write hold or
 * fail together, and a retry that is cancelled because the write exists already counts nothing.
 */

/** One day's count of an action by one person (a keyed pseudonym), refused once it reaches `cap`. */
export interface QuotaCount {
  action: string;
  subject: string;
  /** The (Shanghai) day counted, `YYYY-MM-DD`. */
  day: string;
  cap: number;
  /** When the count may be dropped: epoch seconds, for the table's TTL. */
  expiresAt: number;
  at: string;
}

/** Adds one to the day's count; its condition fails (cancelling the write) when the count is at the cap. */
export function countTowardsQuota(quota: QuotaCount): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: keys.quota(quota.action, quota.subject, quota.day),
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
    },
  };
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
