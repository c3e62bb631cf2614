import { type NotificationTopic, notificationTopics } from '@ankang/shared';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { keys } from './keys';
import { cancellationOf } from './transactions';

/**
 * A user's unused one-time subscribe-message consents, one count per topic, in one item
 * (`keys.subscriptions`): an attribute per topic, changed only by atomic arithmetic.
 */
export type ConsentCounts = Record<NotificationTopic, number>;

/** The lock kind that makes one consent dialog count once however often its result is posted. */
const CONSENT_REQUEST_LOCK = 'consentRequest';

export async function getConsentCounts(userId: string): Promise<ConsentCounts> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: keys.subscriptions(userId), ConsistentRead: true }),
  );
  return Object.fromEntries(
    notificationTopics.map((topic) => [topic, typeof Item?.[topic] === 'number' ? Item[topic] : 0]),
  ) as ConsentCounts;
}

/** What became of recording one consent dialog's accepted topics. */
export type AddConsentsOutcome = 'added' | 'duplicate' | 'capped' | 'conflict';

/**
 * Adds one consent to each of `topics` (each below `cap`), and claims the dialog's request lock
 * (`requestKey`, a keyed pseudonym; it expires with the table's TTL) in the same transaction: a
 * repeated post of one dialog is refused by the lock and counts nothing. `capped` means a count
 * reached the cap since the caller read it.
 */
export async function addConsents(input: {
  userId: string;
  topics: NotificationTopic[];
  requestKey: string;
  cap: number;
  at: string;
  expiresAt: number;
}): Promise<AddConsentsOutcome> {
  const names: Record<string, string> = { '#type': 'type' };
  const values: Record<string, unknown> = {
    ':type': 'Subscriptions',
    ':at': input.at,
    ':one': 1,
    ':zero': 0,
    ':cap': input.cap,
  };
  const sets = ['#type = :type', 'updatedAt = :at'];
  const conditions: string[] = [];
  input.topics.forEach((topic, index) => {
    names[`#t${index}`] = topic;
    sets.push(`#t${index} = if_not_exists(#t${index}, :zero) + :one`);
    conditions.push(`(attribute_not_exists(#t${index}) OR #t${index} < :cap)`);
  });
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: {
                ...keys.lock(CONSENT_REQUEST_LOCK, input.requestKey),
                type: 'Lock',
                holder: input.userId,
                expiresAt: input.expiresAt,
                version: 1,
                updatedAt: input.at,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: tableName,
              Key: keys.subscriptions(input.userId),
              UpdateExpression: `SET ${sets.join(', ')} ADD version :one`,
              ...(conditions.length ? { ConditionExpression: conditions.join(' AND ') } : {}),
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: values,
            },
          },
        ],
      }),
    );
    return 'added';
  } catch (error) {
    const cancelled = cancellationOf(error);
    if (!cancelled) throw error;
    if (cancelled.failed.has(0)) return 'duplicate';
    if (cancelled.failed.has(1)) return 'capped';
    return 'conflict';
  }
}

/**
 * Uses one consent of `topic`: true if there was one. Atomic (the condition and the decrement are
 * one write), so two sends at once never spend the same consent.
 */
export async function takeConsent(userId: string, topic: NotificationTopic, at: string): Promise<boolean> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.subscriptions(userId),
        UpdateExpression: 'SET #topic = #topic - :one, updatedAt = :at ADD version :one',
        ConditionExpression: '#topic > :zero',
        ExpressionAttributeNames: { '#topic': topic },
        ExpressionAttributeValues: { ':one': 1, ':zero': 0, ':at': at },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Gives back a consent that WeChat did not spend (the send failed before it reached the user). */
export async function returnConsent(userId: string, topic: NotificationTopic, at: string): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.subscriptions(userId),
      UpdateExpression: 'SET updatedAt = :at ADD #topic :one, version :one',
      ExpressionAttributeNames: { '#topic': topic },
      ExpressionAttributeValues: { ':one': 1, ':at': at },
    }),
  );
}

/** WeChat says the user holds no consent for `topic` (they withdrew it): our count follows. */
export async function clearConsents(userId: string, topic: NotificationTopic, at: string): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keys.subscriptions(userId),
      UpdateExpression: 'SET #topic = :zero, updatedAt = :at ADD version :one',
      ExpressionAttributeNames: { '#topic': topic },
      ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':at': at },
    }),
  );
}
