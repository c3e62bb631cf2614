import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { keys } from './keys';
import { volunteerSignupToItem, worksiteSignupToItem } from './signupItems';
import type { VolunteerSignupRecord, WorksiteSignupRecord } from './signupRecords';
import { cancellationOf, type TransactItem } from './transactions';

/** What became of a review write. */
export type ReviewWriteOutcome =
  | 'saved'
  /** The sign-up is no longer at the expected version (someone decided meanwhile). */
  | 'stale'
  /** The applicant's user item is gone, so the volunteer role could not be granted: nothing written. */
  | 'userMissing';

/**
 * The whole record, rewritten if it is still at `expectedVersion`: a sign-up is small, and the
 * builder moves its queue key to the new status in the same write.
 */
function replaceAt(item: Record<string, unknown>, expectedVersion: number): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: item,
      ConditionExpression: 'attribute_exists(pk) AND version = :expected',
      ExpressionAttributeValues: { ':expected': expectedVersion },
    },
  };
}

/**
 * Adds `volunteer` to the user's role set (set arithmetic: a retry or a role granted meanwhile
 * changes nothing more) and bumps the version that guards role edits, as granting staff does.
 */
function grantVolunteerRole(userId: string, at: string): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: keys.user(userId),
      UpdateExpression: 'ADD #roles :volunteer SET updatedAt = :now, version = version + :one',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#roles': 'roles' },
      ExpressionAttributeValues: { ':volunteer': new Set(['volunteer']), ':now': at, ':one': 1 },
    },
  };
}

async function write(items: TransactItem[]): Promise<ReviewWriteOutcome> {
  // Two rounds: one more try when only a concurrent transaction got in the way.
  for (let round = 1; ; round += 1) {
    try {
      await db.send(new TransactWriteCommand({ TransactItems: items }));
      return 'saved';
    } catch (error) {
      const cancelled = cancellationOf(error);
      if (!cancelled) throw error;
      if (cancelled.failed.has(0)) return 'stale';
      if (cancelled.failed.has(1)) return 'userMissing';
      if (round >= 2) throw error;
    }
  }
}

/** Saves a reviewed worksite sign-up if it is still at `expectedVersion`. */
export function saveWorksiteReview(next: WorksiteSignupRecord, expectedVersion: number) {
  return write([replaceAt(worksiteSignupToItem(next), expectedVersion)]);
}

/**
 * Saves a reviewed volunteer sign-up if it is still at `expectedVersion`; an approval grants the
 * user the volunteer role in the same transaction, so neither happens without the other.
 */
export function saveVolunteerReview(next: VolunteerSignupRecord, expectedVersion: number) {
  const items = [replaceAt(volunteerSignupToItem(next), expectedVersion)];
  if (next.status === 'approved') items.push(grantVolunteerRole(next.userId, next.updatedAt));
  return write(items);
}
