import { type HeldComment, heldCommentSchema, type PublicComment, publicCommentSchema } from '@ankang/shared';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { decodeCursor, encodeCursor } from './cursor';
import { indexes, orgSubtreePrefix, stationCommentKeys } from './keys';
import {
  type CommentBasis,
  commentToItem,
  type StoredComment,
  storedCommentSchema,
} from './stationCommentItems';
import type { TransactItem } from './transactions';

/**
 * The comment's put, for the rating's own transaction, only if the stored comment is still as it
 * was judged (`basis`; null: there was none): a staff decision or another write of the day's comment
 * in between cancels the rating's transaction (a conflict its caller retries or answers 409).
 */
export function commentPut(comment: StoredComment, basis: CommentBasis | null): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: commentToItem(comment),
      ...(basis
        ? {
            ConditionExpression: 'version = :version AND #state = :state',
            ExpressionAttributeNames: { '#state': 'state' },
            ExpressionAttributeValues: { ':version': basis.version, ':state': basis.state },
          }
        : { ConditionExpression: 'attribute_not_exists(pk)' }),
    },
  };
}

/** Removes a comment (the day's rating was changed to one without words), in the rating's transaction. */
export function commentDelete(id: string): TransactItem {
  return { Delete: { TableName: tableName, Key: stationCommentKeys.comment(id) } };
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

/** One page of the held comments of an org subtree, oldest first (the longest-waiting on top). */
export async function listHeldCommentsUnderOrg(
  orgPath: string,
  page: { limit: number; cursor?: string },
): Promise<{ comments: HeldComment[]; nextCursor?: string }> {
  const partition = stationCommentKeys.heldPartition(orgPath);
  const scope = ['heldComments', partition, orgSubtreePrefix(orgPath)] as const;
  const result = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: indexes.heldCommentQueue,
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
      ExpressionAttributeValues: { ':pk': partition, ':prefix': orgSubtreePrefix(orgPath) },
      Limit: page.limit,
      ExclusiveStartKey: await decodeCursor(page.cursor, scope),
    }),
  );
  const nextCursor = await encodeCursor(result.LastEvaluatedKey, scope);
  return {
    comments: (result.Items ?? []).map((item) => heldCommentSchema.parse(item)),
    ...(nextCursor ? { nextCursor } : {}),
  };
}

/**
 * Staff's decision on a held comment: public (onto the station's public index, off its held one) or
 * hidden (off both), and off the review queue, if it is still held at `version`. False when it moved on meanwhile (decided by
 * someone else, or rewritten by its author).
 */
export async function decideHeldComment(
  comment: StoredComment,
  state: 'public' | 'hidden',
  reviewer: string,
  at: string,
): Promise<boolean> {
  const publicKeys = stationCommentKeys.publicByStation(comment.stationId, comment.createdAt, comment.id);
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: stationCommentKeys.comment(comment.id),
        UpdateExpression:
          state === 'public'
            ? 'SET #state = :state, reviewedBy = :by, updatedAt = :at, gsi2pk = :gpk, gsi2sk = :gsk REMOVE gsi1pk, gsi1sk'
            : 'SET #state = :state, reviewedBy = :by, updatedAt = :at REMOVE gsi1pk, gsi1sk, gsi2pk, gsi2sk',
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
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** A page of a station's held comments (any org they were written under), oldest first. */
export async function listHeldCommentsOfStation(
  stationId: string,
  page: { limit: number; after?: Record<string, unknown> },
): Promise<{ comments: StoredComment[]; after?: Record<string, unknown> }> {
  const result = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: indexes.heldCommentsByStation,
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': stationCommentKeys.heldByStationPartition(stationId) },
      Limit: page.limit,
      ExclusiveStartKey: page.after,
    }),
  );
  return {
    comments: (result.Items ?? []).map((item) => storedCommentSchema.parse(item)),
    ...(result.LastEvaluatedKey ? { after: result.LastEvaluatedKey } : {}),
  };
}

/**
 * Puts a held comment in the review queue of `orgPath` (its station's new org), if it is still held
 * under the org it was read with: one decided or moved meanwhile is left alone. False when it was.
 */
export async function moveHeldComment(comment: StoredComment, orgPath: string): Promise<boolean> {
  const queue = stationCommentKeys.held(orgPath, comment.createdAt, comment.id);
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: stationCommentKeys.comment(comment.id),
        UpdateExpression: 'SET orgPath = :org, gsi1pk = :pk, gsi1sk = :sk',
        ConditionExpression: '#state = :held AND orgPath = :from',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':org': orgPath,
          ':pk': queue.gsi1pk,
          ':sk': queue.gsi1sk,
          ':held': 'held',
          ':from': comment.orgPath,
        },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
