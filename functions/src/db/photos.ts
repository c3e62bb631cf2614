import type { PhotoOwner } from '@ankang/shared';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { getItems } from './batchGet';
import { db, tableName } from './client';
import { retryOnConflict } from './conflictRetry';
import { photoKeys } from './keys';
import { photoToItem, type StoredPhoto, storedPhotoSchema } from './photoItems';
import { cancellationOf, type TransactItem, transactWrite } from './transactions';

export { PHOTO_STATE_TAG, photoObjectKeys, type StoredPhoto, storedPhotoSchema } from './photoItems';

function slotsKey(owner: PhotoOwner, uploaderUserId: string) {
  return photoKeys.photoSlots(owner.kind, owner.id, uploaderUserId);
}

export async function getPhoto(id: string): Promise<StoredPhoto | null> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: photoKeys.photo(id), ConsistentRead: true }),
  );
  return Item ? storedPhotoSchema.parse(Item) : null;
}

/**
 * The photos with these ids that exist (any order); callers bound how many ids they pass.
 * `consistent` where what was just written must be seen.
 */
export async function getPhotosByIds(
  ids: readonly string[],
  options: { consistent?: boolean } = {},
): Promise<StoredPhoto[]> {
  if (ids.length === 0) return [];
  const items = await getItems(
    ids.map((id) => photoKeys.photo(id)),
    options,
  );
  return items.map((item) => storedPhotoSchema.parse(item));
}

/** What became of a new photo record. */
export type InsertPhotoOutcome =
  /** Stored, its id added to the uploader's set on the owner (and counted, when a quota was given). */
  | 'inserted'
  /** A photo with this id exists already (a retry, or an id reused): nothing was written. */
  | 'exists'
  /** The uploader already has `max` photos on this owner. */
  | 'full'
  /** The uploader's daily quota is used up. */
  | 'overQuota';

/**
 * Stores a new photo (state incoming; landed for a copy of a kept file, such as a suggestion's photo
 * given to its draft station) and adds it to its uploader's set on the owner, in one transaction
 * that refuses when the set already holds `max` ids (racing uploads cannot pass the cap) and, with
 * `quota`, counts it towards the uploader's day (a refused or retried photo counts nothing). Tried
 * again while concurrent writes to the same set or count cancel it (retryOnConflict).
 */
export function insertPhotoWithRetry(
  photo: StoredPhoto,
  max: number,
  quota?: TransactItem,
): Promise<InsertPhotoOutcome> {
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName,
        Item: photoToItem(photo),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Update: {
        TableName: tableName,
        Key: slotsKey(photo.owner, photo.uploaderUserId),
        UpdateExpression: 'ADD photoIds :id SET #type = :type, updatedAt = :at',
        ConditionExpression: 'attribute_not_exists(photoIds) OR size(photoIds) < :max',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: {
          ':id': new Set([photo.id]),
          ':type': 'PhotoSlots',
          ':at': photo.createdAt,
          ':max': max,
        },
      },
    },
    ...(quota ? [quota] : []),
  ];
  // The photo first: a retry's set and count may fail only because the first request filled them.
  const outcomeAt = [
    [0, 'exists'],
    [1, 'full'],
    [2, 'overQuota'],
  ] as const;
  return retryOnConflict(async () => {
    const outcome = await transactWrite(items, outcomeAt);
    return outcome === 'saved' ? 'inserted' : outcome;
  });
}

/**
 * The transaction items that attach worker photos (those with an expiry) to the write that takes
 * them: each loses its expiry (a change of the item: one version on), only while it is landed and
 * not expired (else the write is cancelled: the photo is as good as gone). Photos without an
 * expiry need nothing.
 */
export function photoClaims(photos: readonly StoredPhoto[], at: Date): TransactItem[] {
  return photos
    .filter((photo) => photo.expiresAt !== undefined)
    .map((photo) => ({
      Update: {
        TableName: tableName,
        Key: photoKeys.photo(photo.id),
        UpdateExpression: 'REMOVE expiresAt SET version = version + :one, updatedAt = :at',
        ConditionExpression: '#state = :landed AND (attribute_not_exists(expiresAt) OR expiresAt > :now)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':landed': 'landed',
          ':now': Math.floor(at.getTime() / 1000),
          ':one': 1,
          ':at': at.toISOString(),
        },
      },
    }));
}

/** Marks an incoming photo landed if it is still at `photo.version`; false when it was not. */
export async function markPhotoLanded(photo: StoredPhoto, at: string): Promise<boolean> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: photoKeys.photo(photo.id),
        UpdateExpression: 'SET #state = :landed, version = :next, updatedAt = :at',
        ConditionExpression: '#state = :incoming AND version = :version',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':landed': 'landed',
          ':incoming': 'incoming',
          ':version': photo.version,
          ':next': photo.version + 1,
          ':at': at,
        },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/**
 * Forgets a photo whose file was refused, and frees its place in the uploader's set, so the same id
 * may be asked for again with a proper file. Only while it is still incoming at `photo.version`;
 * false when it was not (it landed or changed meanwhile).
 */
export async function removeIncomingPhoto(photo: StoredPhoto): Promise<boolean> {
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Delete: {
              TableName: tableName,
              Key: photoKeys.photo(photo.id),
              ConditionExpression: '#state = :incoming AND version = :version',
              ExpressionAttributeNames: { '#state': 'state' },
              ExpressionAttributeValues: { ':incoming': 'incoming', ':version': photo.version },
            },
          },
          {
            Update: {
              TableName: tableName,
              Key: slotsKey(photo.owner, photo.uploaderUserId),
              UpdateExpression: 'DELETE photoIds :id',
              ExpressionAttributeValues: { ':id': new Set([photo.id]) },
            },
          },
        ],
      }),
    );
    return true;
  } catch (error) {
    if (cancellationOf(error)) return false;
    throw error;
  }
}

/** The ids of the photos one uploader holds on one owner (the set the cap counts). */
export async function getPhotoSlots(owner: PhotoOwner, uploaderUserId: string): Promise<string[]> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: slotsKey(owner, uploaderUserId), ConsistentRead: true }),
  );
  const ids = Item?.photoIds as Set<string> | undefined;
  return ids ? [...ids] : [];
}

/** Takes an id out of an uploader's set (its photo item is gone). */
export async function dropPhotoSlot(owner: PhotoOwner, uploaderUserId: string, id: string): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: slotsKey(owner, uploaderUserId),
      UpdateExpression: 'DELETE photoIds :id',
      ExpressionAttributeValues: { ':id': new Set([id]) },
    }),
  );
}
