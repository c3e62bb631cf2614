import { feedbackSchema } from '@ankang/shared';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { db, tableName } from './client';
import { keys } from './keys';
import { cancellationOf, type TransactItem } from './transactions';

/**
 * A day's rating as stored: it exists only to count each person once per station and day, so it
 * names no user (`rater` is a keyed pseudonym of user, station and day) and expires (`expiresAt`,
 * epoch seconds) once that day is over; what lasts is the station's counters.
 */
export const storedFeedbackSchema = feedbackSchema.extend({
  rater: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
  expiresAt: z.number().int(),
});
export type StoredFeedback = z.infer<typeof storedFeedbackSchema>;

function feedbackItem(feedback: StoredFeedback) {
  return {
    ...keys.feedback(feedback.stationId, feedback.date, feedback.rater),
    type: 'Feedback',
    ...feedback,
  };
}

/**
 * The station is still open and in the org the rating read it in: a held comment's queue entry
 * takes that org (the review queue's), so a move in between cancels the rating, which reads again.
 */
const stationUnmoved = (orgPath: string) => ({
  ConditionExpression: 'attribute_exists(pk) AND #status.#state <> :closed AND orgPath = :org',
  names: { '#status': 'status', '#state': 'state' },
  values: { ':closed': 'closed', ':org': orgPath },
});

export async function getFeedback(
  stationId: string,
  date: string,
  rater: string,
): Promise<StoredFeedback | null> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: keys.feedback(stationId, date, rater),
      ConsistentRead: true,
    }),
  );
  return Item ? storedFeedbackSchema.parse(Item) : null;
}

/** What became of a rating write: stored, or which condition refused it (nothing was written then). */
export type FeedbackWriteOutcome =
  | 'written'
  /** Inserting: this person rated the station today already. Replacing: the rating changed meanwhile. */
  | 'stale'
  /** The station is gone, was closed, or moved to another org since it was read. */
  | 'stationChanged'
  /** The day's comment (or its station's queue entry) is no longer as it was judged: judge it again. */
  | 'commentChanged'
  /** The person's daily quota is used up. */
  | 'overQuota'
  /** A concurrent transaction touched one of the items: try again. */
  | 'conflict';

/**
 * Runs a rating's transaction: the rating first, the station at `stationAt`, the comment's writes
 * (`alongside`) right after it, the quota last; a failed condition answers for its own item.
 */
async function writeFeedback(
  items: TransactItem[],
  stationAt: number,
  alongside: number,
): Promise<FeedbackWriteOutcome> {
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items }));
    return 'written';
  } catch (error) {
    const cancelled = cancellationOf(error);
    if (!cancelled) throw error;
    if (cancelled.failed.has(0)) return 'stale';
    if (cancelled.failed.has(stationAt)) return 'stationChanged';
    for (let at = stationAt + 1; at <= stationAt + alongside; at += 1)
      if (cancelled.failed.has(at)) return 'commentChanged';
    if (cancelled.failed.has(items.length - 1)) return 'overQuota';
    return 'conflict';
  }
}

/**
 * The person's first rating of the station today, the station's counters (if it is still open and
 * in `orgPath`) and the daily quota `quota`, in one transaction, with `alongside` (the writes of
 * this rating's comment): a repeated rating is refused by the first item and counts nothing.
 */
export function insertFeedback(
  feedback: StoredFeedback,
  orgPath: string,
  quota: TransactItem,
  alongside: TransactItem[] = [],
): Promise<FeedbackWriteOutcome> {
  const station = stationUnmoved(orgPath);
  return writeFeedback(
    [
      {
        Put: {
          TableName: tableName,
          Item: feedbackItem(feedback),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: tableName,
          Key: keys.station(feedback.stationId),
          UpdateExpression: 'ADD ratingCount :one, ratingSum :stars, #star :one',
          ConditionExpression: station.ConditionExpression,
          ExpressionAttributeNames: { '#star': `stars${feedback.stars}`, ...station.names },
          ExpressionAttributeValues: { ':one': 1, ':stars': feedback.stars, ...station.values },
        },
      },
      ...alongside,
      quota,
    ],
    1,
    alongside.length,
  );
}

/**
 * Replaces today's rating with a changed one, moving the counters by the difference and counting
 * the quota, if the stored rating is still `previous` (a concurrent change makes it `stale`) and
 * the station still open in `orgPath`.
 */
export function replaceFeedback(
  previous: StoredFeedback,
  next: StoredFeedback,
  orgPath: string,
  quota: TransactItem,
  alongside: TransactItem[] = [],
): Promise<FeedbackWriteOutcome> {
  const station = stationUnmoved(orgPath);
  const counters: TransactItem[] =
    previous.stars !== next.stars
      ? [
          {
            Update: {
              TableName: tableName,
              Key: keys.station(next.stationId),
              UpdateExpression: 'ADD ratingSum :delta, #old :minus, #new :one',
              ConditionExpression: station.ConditionExpression,
              ExpressionAttributeNames: {
                '#old': `stars${previous.stars}`,
                '#new': `stars${next.stars}`,
                ...station.names,
              },
              ExpressionAttributeValues: {
                ':delta': next.stars - previous.stars,
                ':minus': -1,
                ':one': 1,
                ...station.values,
              },
            },
          },
        ]
      : [
          {
            ConditionCheck: {
              TableName: tableName,
              Key: keys.station(next.stationId),
              ConditionExpression: station.ConditionExpression,
              ExpressionAttributeNames: station.names,
              ExpressionAttributeValues: station.values,
            },
          },
        ];
  return writeFeedback(
    [
      {
        Put: {
          TableName: tableName,
          Item: feedbackItem(next),
          ConditionExpression: 'version = :version',
          ExpressionAttributeValues: { ':version': previous.version },
        },
      },
      ...counters,
      ...alongside,
      quota,
    ],
    1,
    alongside.length,
  );
}
