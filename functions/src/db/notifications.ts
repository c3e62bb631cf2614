import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { keys } from './keys';

/**
 * Where one notification event stands. `sending` is held from the claim until the outcome is known;
 * `failed` may be claimed again (a later retry or run); the others are final.
 */
type NotificationState = 'sending' | 'sent' | 'failed' | 'no-consent';

/**
 * Claims an event for sending: true when this caller is the one to send it now — the event is new,
 * or its earlier sends failed and fewer than `maxAttempts` were made. One conditional write, so of
 * two concurrent or repeated claims exactly one wins, and a message is never sent twice.
 */
export async function claimNotification(claim: {
  eventKey: string;
  topic: string;
  at: string;
  /** Epoch seconds after which the table's TTL may drop the record. */
  expiresAt: number;
  maxAttempts: number;
}): Promise<boolean> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.notification(claim.eventKey),
        UpdateExpression:
          'SET #type = :type, eventKey = :key, topic = :topic, #state = :sending, ' +
          'createdAt = if_not_exists(createdAt, :at), updatedAt = :at, expiresAt = :expires ' +
          'REMOVE errcode ADD attempts :one, version :one',
        ConditionExpression: 'attribute_not_exists(pk) OR (#state = :failed AND attempts < :max)',
        ExpressionAttributeNames: { '#type': 'type', '#state': 'state' },
        ExpressionAttributeValues: {
          ':type': 'Notification',
          ':key': claim.eventKey,
          ':topic': claim.topic,
          ':sending': 'sending',
          ':failed': 'failed',
          ':at': claim.at,
          ':expires': claim.expiresAt,
          ':one': 1,
          ':max': claim.maxAttempts,
        },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Records how a claimed send ended. Only a claim still `sending` is settled (it is ours). */
export async function settleNotification(
  eventKey: string,
  outcome: { state: Exclude<NotificationState, 'sending'>; errcode?: number },
  at: string,
): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.notification(eventKey),
      UpdateExpression: `SET #state = :state, updatedAt = :at${
        outcome.errcode === undefined ? '' : ', errcode = :errcode'
      } ADD version :one`,
      ConditionExpression: '#state = :sending',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: {
        ':state': outcome.state,
        ':at': at,
        ':sending': 'sending',
        ':one': 1,
        ...(outcome.errcode === undefined ? {} : { ':errcode': outcome.errcode }),
      },
    }),
  );
}
