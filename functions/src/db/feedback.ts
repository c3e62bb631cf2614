import { type Feedback, feedbackSchema } from '@ankang/shared';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { keys } from './keys';
import { conditionFailedAt } from './transactions';

export interface StoredFeedback extends Feedback {
  userId: string;
  version: number;
}

export async function getFeedback(
  stationId: string,
  date: string,
  userId: string,
): Promise<StoredFeedback | null> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: keys.feedback(stationId, date, userId) }),
  );
  if (!Item) return null;
  return { ...feedbackSchema.parse(Item), userId: Item.userId as string, version: Item.version as number };
}

/**
 * The user's first rating of the station today, and the station's counters, in one transaction.
 * Returns false when the user already rated it today (nothing was written).
 */
export async function insertFeedback(feedback: StoredFeedback): Promise<boolean> {
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: {
                ...keys.feedback(feedback.stationId, feedback.date, feedback.userId),
                type: 'Feedback',
                ...feedback,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: tableName,
              Key: keys.station(feedback.stationId),
              UpdateExpression: 'ADD ratingCount :one, ratingSum :stars, #star :one',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeNames: { '#star': `stars${feedback.stars}` },
              ExpressionAttributeValues: { ':one': 1, ':stars': feedback.stars },
            },
          },
        ],
      }),
    );
    return true;
  } catch (error) {
    if (conditionFailedAt(error)) return false;
    throw error;
  }
}

/**
 * Replaces today's rating with a changed one, moving the counters by the difference, if the stored
 * rating is still `previous` (a concurrent change makes this return false).
 */
export async function replaceFeedback(previous: StoredFeedback, next: StoredFeedback): Promise<boolean> {
  const starsChanged = previous.stars !== next.stars;
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: { ...keys.feedback(next.stationId, next.date, next.userId), type: 'Feedback', ...next },
              ConditionExpression: 'version = :version',
              ExpressionAttributeValues: { ':version': previous.version },
            },
          },
          ...(starsChanged
            ? [
                {
                  Update: {
                    TableName: tableName,
                    Key: keys.station(next.stationId),
                    UpdateExpression: 'ADD ratingSum :delta, #old :minus, #new :one',
                    ExpressionAttributeNames: {
                      '#old': `stars${previous.stars}`,
                      '#new': `stars${next.stars}`,
                    },
                    ExpressionAttributeValues: {
                      ':delta': next.stars - previous.stars,
                      ':minus': -1,
                      ':one': 1,
                    },
                  },
                },
              ]
            : []),
        ],
      }),
    );
    return true;
  } catch (error) {
    if (conditionFailedAt(error)) return false;
    throw error;
  }
}
