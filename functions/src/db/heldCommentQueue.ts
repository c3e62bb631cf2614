import { type HeldComment, heldCommentSchema } from '@ankang/shared';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { type CursorScope, decodeCursor, encodeCursor } from './cursor';
import { indexQuery } from './indexPage';
import { indexes, orgSubtreePrefix, stationCommentKeys } from './keys';
import { type HeldQueueEntry, heldQueueEntrySchema } from './stationCommentItems';
import type { TransactItem } from './transactions';

/*
 * The staff queue of held comments is one entry per station, not the org on every comment.
 *
 * A held comment names only its station. Each station with held comments has one queue entry: the
 * ids of its held comments, the station's org and the queue keys of that org (gsi1, per province,
 * by org path then station). So a move of the station rewrites one item, in the station's own
 * transaction (a follower, like its open problems): atomic, a constant cost, nothing written after
 * the station is saved. Copying the org onto each comment instead made a move rewrite every held
 * comment after the save (unbounded, and a failure there answered 500 for a saved edit).
 *
 * The queue reads a page of entries of the org subtree, then each listed station's held comments
 * through the held-by-station index, at once: a constant number of reads per page (at most
 * QUEUE_STATIONS_PER_PAGE + 3: the entries, and the station a page stopped in, its entry and its
 * comments), and an org's staff only ever see stations their org holds now. A scope filter over every held comment through its station's current org would have needed
 * no entry, but then a page of one town could read a province's held comments and find none.
 */

/** Stations one queue page reads at most (each one query of its held comments, in parallel). */
const QUEUE_STATIONS_PER_PAGE = 10;

/**
 * In a rating's transaction (which also checks that the station is still in `station.orgPath`):
 * the held comment's id joins its station's entry, which takes the queue keys of the station's org
 * and lives as long as the newest held comment (so it expires with the last one TTL removes).
 */
export function holdInQueue(
  station: { id: string; orgPath: string },
  commentId: string,
  expiresAt: number,
): TransactItem {
  const queue = stationCommentKeys.heldQueue(station.orgPath, station.id);
  return {
    Update: {
      TableName: tableName,
      Key: stationCommentKeys.heldQueueEntry(station.id),
      UpdateExpression:
        'SET #type = :type, stationId = :station, orgPath = :org, gsi1pk = :pk, gsi1sk = :sk, expiresAt = :exp ADD heldIds :ids',
      ExpressionAttributeNames: { '#type': 'type' },
      ExpressionAttributeValues: {
        ':type': 'HeldCommentQueueEntry',
        ':station': station.id,
        ':org': station.orgPath,
        ':pk': queue.gsi1pk,
        ':sk': queue.gsi1sk,
        ':exp': expiresAt,
        ':ids': new Set([commentId]),
      },
    },
  };
}

/**
 * In the transaction that decides, rewrites or removes a held comment: its id leaves its station's
 * entry. An entry left with no id (DynamoDB drops an emptied set) is skipped by the queue until
 * dropEmptyQueueEntry deletes it.
 */
export function releaseFromQueue(stationId: string, commentId: string): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: stationCommentKeys.heldQueueEntry(stationId),
      UpdateExpression: 'DELETE heldIds :ids',
      ExpressionAttributeValues: { ':ids': new Set([commentId]) },
    },
  };
}

/** Deletes the station's entry if it holds no comment (one held meanwhile keeps it). False if it does. */
export async function dropEmptyQueueEntry(stationId: string): Promise<boolean> {
  try {
    await db.send(
      new DeleteCommand({
        TableName: tableName,
        Key: stationCommentKeys.heldQueueEntry(stationId),
        ConditionExpression: 'attribute_not_exists(heldIds)',
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** The station's queue entry as it stands (a consistent read), or null. */
export async function getQueueEntry(stationId: string): Promise<HeldQueueEntry | null> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: stationCommentKeys.heldQueueEntry(stationId),
      ConsistentRead: true,
    }),
  );
  return Item ? heldQueueEntrySchema.parse(Item) : null;
}

/**
 * For a station's move to `orgPath`, in the station's transaction: an entry holding comments (as
 * `entry` was read) takes the new org's queue keys; without any, it must stay without, so a rating
 * holding one meanwhile (under the old org) cancels the move, which reads again.
 */
export function queueEntryFollowing(
  stationId: string,
  entry: HeldQueueEntry | null,
  orgPath: string,
): TransactItem {
  const Key = stationCommentKeys.heldQueueEntry(stationId);
  if (!entry?.heldIds?.size || !entry.orgPath) {
    return {
      ConditionCheck: { TableName: tableName, Key, ConditionExpression: 'attribute_not_exists(heldIds)' },
    };
  }
  const queue = stationCommentKeys.heldQueue(orgPath, stationId);
  return {
    Update: {
      TableName: tableName,
      Key,
      UpdateExpression: 'SET orgPath = :org, gsi1pk = :pk, gsi1sk = :sk',
      ConditionExpression: 'attribute_exists(heldIds) AND orgPath = :from',
      ExpressionAttributeValues: {
        ':org': orgPath,
        ':pk': queue.gsi1pk,
        ':sk': queue.gsi1sk,
        ':from': entry.orgPath,
      },
    },
  };
}

type Key = Record<string, string>;

/** The attributes that place an item in an index: its table key and that index's key. */
function keyOf(item: Record<string, unknown>, index: 'gsi1' | 'gsi2', as = ''): Key {
  const names = ['pk', 'sk', `${index}pk`, `${index}sk`];
  return Object.fromEntries(names.map((name) => [`${as}${name}`, String(item[name])]));
}

/** A cursor's comment key (`c.`-prefixed), back to the held-by-station index's start key. */
function commentStart(start: Key | undefined): Key | undefined {
  if (!start?.['c.pk']) return undefined;
  return Object.fromEntries(['pk', 'sk', 'gsi2pk', 'gsi2sk'].map((name) => [name, start[`c.${name}`] ?? '']));
}

/** A station's held comments after `after`, oldest first. */
function heldOfStation(stationId: string, limit: number, after: Key | undefined) {
  return db.send(
    new QueryCommand({
      ...indexQuery(
        { indexName: indexes.heldCommentsByStation, keys: 'gsi2' },
        stationCommentKeys.heldByStationPartition(stationId),
        '',
      ),
      Limit: limit,
      ExclusiveStartKey: after,
    }),
  );
}

/** The entry a cursor stopped in, if it is still in this queue partition and subtree (a move takes it out). */
async function resumedEntry(start: Key, partition: string, prefix: string) {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: { pk: start.pk!, sk: start.sk! }, ConsistentRead: true }),
  );
  if (!Item || Item.gsi1pk !== partition || !String(Item.gsi1sk).startsWith(prefix)) return null;
  return Item;
}

/**
 * One page of the held comments of an org subtree: its stations by org path then id, each
 * station's comments oldest first. The cursor holds the last station's entry and, when the page
 * stopped inside that station, its last comment's key; it opens only this org's listing.
 */
export async function listHeldCommentsUnderOrg(
  orgPath: string,
  page: { limit: number; cursor?: string },
): Promise<{ comments: HeldComment[]; nextCursor?: string }> {
  const partition = stationCommentKeys.heldQueuePartition(orgPath);
  const prefix = orgSubtreePrefix(orgPath);
  const scope: CursorScope = ['heldComments', partition, prefix];
  const start = (await decodeCursor(page.cursor, scope)) as Key | undefined;
  const within = commentStart(start);
  const [current, entries] = await Promise.all([
    start && within ? resumedEntry(start, partition, prefix) : null,
    db.send(
      new QueryCommand({
        ...indexQuery({ indexName: indexes.heldCommentQueue, keys: 'gsi1' }, partition, prefix),
        Limit: QUEUE_STATIONS_PER_PAGE,
        ExclusiveStartKey: start ? keyOf(start, 'gsi1') : undefined,
      }),
    ),
  ]);
  const stations = [
    ...(current ? [{ entry: current, after: within }] : []),
    ...(entries.Items ?? [])
      .filter((entry) => heldQueueEntrySchema.parse(entry).heldIds?.size)
      .map((entry) => ({ entry, after: undefined })),
  ];
  const found = await Promise.all(
    stations.map(({ entry, after }) => heldOfStation(String(entry.stationId), page.limit, after)),
  );
  const comments: HeldComment[] = [];
  const done = async (next: Key | undefined) => {
    const nextCursor = await encodeCursor(next, scope);
    return { comments, ...(nextCursor ? { nextCursor } : {}) };
  };
  for (const [at, { entry }] of stations.entries()) {
    const result = found[at]!;
    const items = result.Items ?? [];
    for (const [index, item] of items.entries()) {
      // The station's org now (its entry's), not one the comment was written under.
      comments.push(heldCommentSchema.parse({ ...item, orgPath: entry.orgPath }));
      if (comments.length < page.limit) continue;
      const moreHere = index < items.length - 1 || result.LastEvaluatedKey !== undefined;
      const moreAfter = at < stations.length - 1 || entries.LastEvaluatedKey !== undefined;
      if (moreHere) return done({ ...keyOf(entry, 'gsi1'), ...keyOf(item, 'gsi2', 'c.') });
      return done(moreAfter ? keyOf(entry, 'gsi1') : undefined);
    }
    // DynamoDB cut the station's page short (its 1 MB): go on inside it next time.
    if (result.LastEvaluatedKey)
      return done({ ...keyOf(entry, 'gsi1'), ...keyOf(result.LastEvaluatedKey, 'gsi2', 'c.') });
  }
  return done(entries.LastEvaluatedKey as Key | undefined);
}
