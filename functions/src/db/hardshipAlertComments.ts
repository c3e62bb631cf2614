import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import {
  type AlertCommentClaim,
  type AlertCommentRecord,
  alertCommentClaimSchema,
  alertCommentClaimToItem,
  alertCommentRecordSchema,
  alertCommentToItem,
} from './hardshipAlertItems';
import { hardshipAlertKeys } from './keys';
import { type TransactItem, transactWrite } from './transactions';

/** Comments a detail shows at most (the newest): far more than one alert gathers. */
export const COMMENTS_SHOWN = 100;

/** Who used a comment id, on which alert, with what text (by keyed hash), or null. */
export async function getAlertCommentClaim(commentId: string): Promise<AlertCommentClaim | null> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: hardshipAlertKeys.commentClaim(commentId),
      ConsistentRead: true,
    }),
  );
  return Item ? alertCommentClaimSchema.parse(Item) : null;
}

/** What became of a comment's write. */
export type CommentWriteOutcome =
  | 'saved'
  /** The comment id is claimed already (a retry, a racing retry or a reused id): nothing written. */
  | 'claimed'
  /** The alert is gone: nothing written. */
  | 'noAlert';

/**
 * Stores a comment, the claim on its id, the alert's `updatedAt` and comment count (its version is
 * left alone: a comment never makes someone's transition stale) and `audit`, in one transaction.
 * Failed conditions are answered; a TransactionConflict is thrown for retryOnConflict.
 */
export async function insertAlertComment(
  comment: AlertCommentRecord,
  claim: AlertCommentClaim,
  audit: TransactItem,
): Promise<CommentWriteOutcome> {
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName,
        Item: alertCommentClaimToItem(claim),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Update: {
        TableName: tableName,
        Key: hardshipAlertKeys.alert(comment.alertId),
        UpdateExpression: 'SET updatedAt = :at ADD commentCount :one',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': comment.at, ':one': 1 },
      },
    },
    {
      Put: {
        TableName: tableName,
        Item: alertCommentToItem(comment),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    audit,
  ];
  return transactWrite(items, [
    [0, 'claimed'],
    [1, 'noAlert'],
  ]);
}

/** The newest COMMENTS_SHOWN comments of an alert, oldest first. */
export async function listAlertComments(alertId: string): Promise<AlertCommentRecord[]> {
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: {
        ':pk': hardshipAlertKeys.alert(alertId).pk,
        ':prefix': hardshipAlertKeys.commentPrefix,
      },
      ScanIndexForward: false,
      Limit: COMMENTS_SHOWN,
      ConsistentRead: true,
    }),
  );
  return Items.map((item) => alertCommentRecordSchema.parse(item)).reverse();
}
