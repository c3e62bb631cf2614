import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { keys } from './keys';

/**
 * Counts one search by `subject` (a keyed pseudonym) in the minute `window`: true when it is within
 * `cap`, false once the window's count has reached it (nothing is added then). One conditional
 * update, no read; the count expires with the table's TTL at `expiresAt` (epoch seconds).
 */
export async function countSearchInWindow(
  subject: string,
  window: string,
  cap: number,
  expiresAt: number,
): Promise<boolean> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.quota('search', subject, window),
        UpdateExpression: 'SET #type = :type, expiresAt = :expires ADD #count :one',
        ConditionExpression: 'attribute_not_exists(#count) OR #count < :cap',
        ExpressionAttributeNames: { '#type': 'type', '#count': 'count' },
        ExpressionAttributeValues: { ':type': 'Quota', ':expires': expiresAt, ':one': 1, ':cap': cap },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
