import { type PublicComment, publicCommentSchema } from '@ankang/shared';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { retryOnConflict } from './conflictRetry';
import { type QueueRelease, releaseFromQueue } from './heldCommentQueue';
import { indexes, keys, stationCommentKeys } from './keys';
import {
  type CommentBasis,
  commentToItem,
  type StoredComment,
  storedCommentSchema,
} from './stationCommentItems';
import { type TransactItem, transactWrite } from './transactions';

/** A write of the comment requires it as judged (`basis`; null: there was none). */
const asJudged = (basis: CommentBasis | null) =>
  basis
    ? {
        ConditionExpression: 'version = :version AND #state = :state',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':version': basis.version, ':state': basis.state },
      }
    : { ConditionExpression: 'attribute_not_exists(pk)' };

/**
 * The comment's put, for the rating's own transaction, only if the stored comment is still as it
 * was judged (`basis`; null: there was none): a staff decision or another write of the day's comment
 * in between cancels the rating's transaction (a conflict its caller retries or answers 409).
 */
export function commentPut(comment: StoredComment, basis: CommentBasis | null): TransactItem {
  return { Put: { TableName: tableName, Item: commentToItem(comment), ...asJudged(basis) } };
}

/**
 * Removes the day's comment (the rating was changed to one without words), in the rating's
 * transaction, if it is still as judged (whether it was held decides its queue entry's write).
 */
export function commentDelete(id: string, basis: CommentBasis | null): TransactItem {
  return { Delete: { TableName: tableName, Key: stationCommentKeys.comment(id), ...asJudged(basis) } };
}

export async function getComment(id: string): Promise<StoredComment | null> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: stationCommentKeys.comment(id), ConsistentRead: true }),
  );
  return Item ? storedCommentSchema.parse(Item) : null;
}

/** A station's newest public comments: one query on the sparse public index. */
export async function listPublicComments(stationId: string, limit: number): Promise<PublicComment[]> {
  const result = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: indexes.publicCommentsByStation,
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': stationCommentKeys.publicPartition(stationId) },
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (result.Items ?? []).map((item) => publicCommentSchema.parse(item));
}

/**
 * Staff's decision on a held comment, in one transaction: public (onto the station's public index,
 * off its held one) or hidden (off both), its station's queue entry (as `release` read it) counting
 * it out (deleted with the last one), if it is still held at `version` and its station still in
 * `orgPath` (the org whose staff decide). 'changed' when any of them moved on meanwhile (decided by
 * someone else, rewritten by its author, another comment held or decided, the station moved): the
 * caller reads them again.
 */
export async function decideHeldComment(
  comment: StoredComment,
  orgPath: string,
  release: QueueRelease,
  state: 'public' | 'hidden',
  reviewer: string,
  at: string,
): Promise<'decided' | 'changed'> {
  const publicKeys = stationCommentKeys.publicByStation(comment.stationId, comment.createdAt, comment.id);
  const decision: TransactItem = {
    Update: {
      TableName: tableName,
      Key: stationCommentKeys.comment(comment.id),
      UpdateExpression:
        state === 'public'
          ? 'SET #state = :state, reviewedBy = :by, updatedAt = :at, gsi2pk = :gpk, gsi2sk = :gsk'
          : 'SET #state = :state, reviewedBy = :by, updatedAt = :at REMOVE gsi2pk, gsi2sk',
      ConditionExpression: '#state = :held AND version = :version',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: {
        ':state': state,
        ':by': reviewer,
        ':at': at,
        ':held': 'held',
        ':version': comment.version,
        ...(state === 'public' ? { ':gpk': publicKeys.gsi2pk, ':gsk': publicKeys.gsi2sk } : {}),
      },
    },
  };
  const stationStays: TransactItem = {
    ConditionCheck: {
      TableName: tableName,
      Key: keys.station(comment.stationId),
      ConditionExpression: 'orgPath = :org',
      ExpressionAttributeValues: { ':org': orgPath },
    },
  };
  const items = [decision, releaseFromQueue(comment.stationId, release), stationStays];
  // A TransactionConflict alone is run again as it is: the reads it was built on still hold.
  const outcome = await retryOnConflict(() =>
    transactWrite(items, [
      [0, 'changed'],
      [1, 'changed'],
      [2, 'changed'],
    ] as const),
  );
  return outcome === 'saved' ? 'decided' : 'changed';
}
