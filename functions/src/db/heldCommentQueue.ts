import { type HeldComment, heldCommentSchema, orgPathChain } from '@ankang/shared';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from './client';
import { type CursorScope, decodeCursor, encodeCursor } from './cursor';
import { indexQuery } from './indexPage';
import { HELD_QUEUE_DEPTHS, indexes, stationCommentKeys } from './keys';
import { type HeldQueueEntry, heldQueueEntryFields, heldQueueEntrySchema } from './stationCommentItems';
import type { TransactItem } from './transactions';

/*
 * The staff queue of held comments is one entry per station, not the org on every comment.
 *
 * A held comment names only its station. Each station with held comments has one queue entry: the
 * station's org, the queue keys of every org level above it (like a problem's), when its oldest
 * waiting comment was held, and a COUNT of its held comments. So a move of the station rewrites one item, in the station's
 * own transaction (a follower, like its open problems): atomic, a constant cost, nothing written
 * after the station is saved.
 *
 * Why a count and not the held ids: the comments themselves are already listed by the
 * held-by-station index (gsi2), which the page reads; a list of them on the entry grew without a
 * bound (an item is at most 400 KB) and drifted from the index. The count only says whether the
 * entry must still exist: +1 in the transaction that makes a comment held, −1 in the one that takes
 * it out (a decision, a rewrite, a removal), which deletes the entry instead when it counted one
 * (both as read: a change meanwhile cancels the transaction, which reads again). So it is never too
 * low, and no entry is left counting none. A comment TTL removes leaves it one too high: such an
 * entry may list nothing, the page goes past it, and it expires with its newest comment (its
 * expiresAt follows every hold).
 *
 * The entry's sort key starts with `heldSince`, when its oldest waiting comment was held: set by
 * the hold that makes the entry, kept by later holds and by moves, moved on by a release to the
 * oldest comment still held (read from the held-by-station index). So each org's queue lists its
 * stations by how long their comments have waited, oldest first. (A comment its author rewrites
 * stays held from its new time, but its station keeps its place until a release.)
 */

/** Entries one read of a queue page takes, and such reads per page at most. */
const QUEUE_STATIONS_PER_READ = 10;
const QUEUE_READS = 3;

/** Attributes a hold keeps on an entry that exists: when its station began waiting orders the queue. */
const keptWhileItLives = (name: string) => name === 'heldSince' || /^gsi\dsk$/.test(name);

/**
 * An Update of the entry that sets `fields` (those `kept` names only if absent) and removes the
 * null ones.
 */
function entryUpdate(fields: Record<string, unknown>, kept: (name: string) => boolean = () => false) {
  const set: string[] = [];
  const remove: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    names[`#${name}`] = name;
    if (value === null) {
      remove.push(`#${name}`);
      continue;
    }
    values[`:${name}`] = value;
    set.push(kept(name) ? `#${name} = if_not_exists(#${name}, :${name})` : `#${name} = :${name}`);
  }
  return { set, remove: remove.length ? ` REMOVE ${remove.join(', ')}` : '', names, values };
}

/**
 * In the rating's transaction that leaves a comment held (which also checks that the station is
 * still in `station.orgPath`): the station's entry exists, in the queues of that org, and lives as
 * long as this comment. `newlyHeld`: the comment was not held before, so it counts one more.
 */
export function holdInQueue(
  station: { id: string; orgPath: string },
  at: string,
  expiresAt: number,
  newlyHeld: boolean,
): TransactItem {
  const update = entryUpdate(heldQueueEntryFields(station, at, expiresAt), keptWhileItLives);
  const count = newlyHeld ? ' ADD heldCount :one' : '';
  // A comment held before entries existed has none: the entry made now counts it.
  const setCount = newlyHeld ? [] : ['heldCount = if_not_exists(heldCount, :one)'];
  return {
    Update: {
      TableName: tableName,
      Key: stationCommentKeys.heldQueueEntry(station.id),
      UpdateExpression: `SET ${[...update.set, ...setCount].join(', ')}${count}${update.remove}`,
      ExpressionAttributeNames: update.names,
      ExpressionAttributeValues: { ...update.values, ':one': 1 },
    },
  };
}

/**
 * What taking a held comment out of its station's queue entry is built on: the entry as it stands
 * (null: none, a comment held before entries existed) and when the station's oldest OTHER held
 * comment was held (undefined: none seen; the held-by-station index may lag a moment behind).
 */
export interface QueueRelease {
  entry: HeldQueueEntry | null;
  nextSince: string | undefined;
}

/** Reads what releaseFromQueue needs to take `commentId` out of its station's entry (two reads at once). */
export async function readQueueRelease(stationId: string, commentId: string): Promise<QueueRelease> {
  const [entry, oldest] = await Promise.all([
    getQueueEntry(stationId),
    // The two oldest held: one of them is the oldest other than `commentId`, if any.
    db.send(
      new QueryCommand({
        ...indexQuery(
          { indexName: indexes.heldCommentsByStation, keys: 'gsi2' },
          stationCommentKeys.heldByStationPartition(stationId),
          '',
        ),
        Limit: 2,
      }),
    ),
  ]);
  const next = (oldest.Items ?? []).find((item) => item.id !== commentId);
  return { entry, nextSince: next ? String(next.createdAt) : undefined };
}

/**
 * In the transaction that decides, rewrites or removes a held comment: its station's entry (as
 * `release.entry` was read) counts one fewer and takes the time its oldest other comment was held
 * (its place in the queue), or is deleted when this was the last one it counted. A change of the
 * entry meanwhile (a move, another comment held or released) cancels the transaction, whose caller
 * reads again. No entry: there must still be none.
 */
export function releaseFromQueue(stationId: string, release: QueueRelease): TransactItem {
  const { entry, nextSince } = release;
  const Key = stationCommentKeys.heldQueueEntry(stationId);
  if (!entry) {
    return { ConditionCheck: { TableName: tableName, Key, ConditionExpression: 'attribute_not_exists(pk)' } };
  }
  if (entry.heldCount <= 1) {
    return {
      Delete: {
        TableName: tableName,
        Key,
        ConditionExpression: 'heldCount <= :one',
        ExpressionAttributeValues: { ':one': 1 },
      },
    };
  }
  // Only ever later: a comment the index does not show yet was held after the entry was made.
  const since = nextSince && nextSince > entry.heldSince ? nextSince : entry.heldSince;
  const update = entryUpdate({
    heldSince: since,
    ...stationCommentKeys.heldQueue(entry.orgPath, since, stationId),
  });
  return {
    Update: {
      TableName: tableName,
      Key,
      UpdateExpression: `SET ${update.set.join(', ')}${update.remove} ADD heldCount :minus`,
      ConditionExpression: 'heldCount > :one AND heldSince = :was AND #orgPath = :org',
      ExpressionAttributeNames: { ...update.names, '#orgPath': 'orgPath' },
      ExpressionAttributeValues: {
        ...update.values,
        ':minus': -1,
        ':one': 1,
        ':was': entry.heldSince,
        ':org': entry.orgPath,
      },
    },
  };
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
 * For a station's move to `orgPath`, in the station's transaction: its entry (as `entry` was read)
 * takes the new org's queue keys, keeping its place in time; without one, there must still be
 * none, so a rating holding a comment meanwhile (under the old org) cancels the move, which reads
 * again, as does the entry's removal meanwhile.
 */
export function queueEntryFollowing(
  stationId: string,
  entry: HeldQueueEntry | null,
  orgPath: string,
): TransactItem {
  const Key = stationCommentKeys.heldQueueEntry(stationId);
  if (!entry) {
    return { ConditionCheck: { TableName: tableName, Key, ConditionExpression: 'attribute_not_exists(pk)' } };
  }
  const { heldSince } = entry;
  const update = entryUpdate({ orgPath, ...stationCommentKeys.heldQueue(orgPath, heldSince, stationId) });
  return {
    Update: {
      TableName: tableName,
      Key,
      UpdateExpression: `SET ${update.set.join(', ')}${update.remove}`,
      ConditionExpression: '#orgPath = :from AND heldSince = :since',
      ExpressionAttributeNames: update.names,
      ExpressionAttributeValues: { ...update.values, ':from': entry.orgPath, ':since': heldSince },
    },
  };
}

/**
 * Where a queue page stopped: the station's entry (by its id and when it was made), and, when the
 * page stopped inside it, the last comment listed there (its id and time).
 */
interface QueuePlace extends Record<string, string> {
  station: string;
  since: string;
}

const placeOf = (entry: HeldQueueEntry): QueuePlace => ({ station: entry.stationId, since: entry.heldSince });

/** A station's held comments after the one `place` names (all: none named), oldest first. */
function heldOfStation(stationId: string, limit: number, place: QueuePlace | undefined) {
  const after =
    place?.comment && place.commentAt
      ? {
          ...stationCommentKeys.comment(place.comment),
          ...stationCommentKeys.heldByStation(stationId, place.commentAt, place.comment),
        }
      : undefined;
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

/**
 * One page of the held comments of an org subtree: its stations oldest waiting first, each
 * station's comments oldest first. The org's level has its own index, whose partition holds
 * exactly the subtree's stations (never a filter). A read takes QUEUE_STATIONS_PER_READ entries and
 * each one's comments at once; entries that list nothing (their comments expired) are gone past,
 * at most QUEUE_READS reads a page, so a page is short of comments only at that bound (with a
 * cursor). The cursor names the station a page stopped at (and the comment inside it); the next
 * page's entries start AT that station when it stopped inside it, so one query finds whether it
 * still waits here (a move or its last decision takes it out) and what follows. It opens only
 * this org's listing.
 */
export async function listHeldCommentsUnderOrg(
  orgPath: string,
  page: { limit: number; cursor?: string },
): Promise<{ comments: HeldComment[]; nextCursor?: string }> {
  const depth = orgPathChain(orgPath).length;
  // No station sits deeper than the indexed levels (stationOrgPathSchema): such a node has none.
  if (depth > HELD_QUEUE_DEPTHS) return { comments: [] };
  const index = indexes.heldCommentQueueByDepth[depth - 1]!;
  const partition = stationCommentKeys.heldQueuePartition(orgPath);
  const scope: CursorScope = ['heldComments', partition, ''];
  const start = (await decodeCursor(page.cursor, scope)) as QueuePlace | undefined;

  const comments: HeldComment[] = [];
  const done = async (next: QueuePlace | undefined) => {
    const nextCursor = await encodeCursor(next, scope);
    return { comments, ...(nextCursor ? { nextCursor } : {}) };
  };
  let from = start;
  for (let read = 0; read < QUEUE_READS; read += 1) {
    const inside = read === 0 && start?.comment ? start : undefined;
    const batch = await db.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: index,
        KeyConditionExpression: `${index}pk = :pk${from ? ` AND ${index}sk ${inside ? '>=' : '>'} :from` : ''}`,
        ExpressionAttributeValues: {
          ':pk': partition,
          ...(from ? { ':from': stationCommentKeys.heldQueueSortKey(from.since, from.station) } : {}),
        },
        Limit: QUEUE_STATIONS_PER_READ,
      }),
    );
    const entries = (batch.Items ?? []).map((item) => heldQueueEntrySchema.parse(item));
    const resumes = (entry: HeldQueueEntry) =>
      inside !== undefined && entry.stationId === inside.station && entry.heldSince === inside.since;
    const wanted = page.limit - comments.length;
    const found = await Promise.all(
      entries.map((entry) => heldOfStation(entry.stationId, wanted, resumes(entry) ? inside : undefined)),
    );
    for (const [at, entry] of entries.entries()) {
      const result = found[at]!;
      const items = result.Items ?? [];
      for (const [position, item] of items.entries()) {
        // The station's org now (its entry's, which moves with it).
        const comment = heldCommentSchema.parse({ ...item, orgPath: entry.orgPath });
        comments.push(comment);
        if (comments.length < page.limit) continue;
        const moreHere = position < items.length - 1 || result.LastEvaluatedKey !== undefined;
        if (moreHere) return done({ ...placeOf(entry), comment: comment.id, commentAt: comment.createdAt });
        const moreAfter = at < entries.length - 1 || batch.LastEvaluatedKey !== undefined;
        return done(moreAfter ? placeOf(entry) : undefined);
      }
      // DynamoDB cut the station's comments short (its 1 MB a query): go on inside it next page.
      const last = comments.at(-1);
      if (result.LastEvaluatedKey && last && items.length > 0)
        return done({ ...placeOf(entry), comment: last.id, commentAt: last.createdAt });
    }
    const last = entries.at(-1);
    if (!batch.LastEvaluatedKey || !last) return done(undefined);
    from = placeOf(last);
  }
  return done(from);
}
