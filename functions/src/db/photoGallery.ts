import { tableName } from './client';
import { isTransactionConflict, retryOnConflict } from './conflictRetry';
import { keys, photoKeys } from './keys';
import type { StoredPhoto } from './photoItems';
import { type TransactItem, transactWrite } from './transactions';

/** What became of a gallery write. */
export type GalleryWriteOutcome =
  /** The station's photo list and version are set; removed photos are forgotten. */
  | 'saved'
  /** The station is gone or its gallery moved past `expectedVersion`: nothing was written. */
  | 'conflict'
  /** An added photo is gone or not landed (released meanwhile): nothing was written. */
  | 'photoGone';

/** Takes photos out of their uploaders' sets, one update per uploader (a transaction names an item once). */
function slotReleases(photos: readonly StoredPhoto[]): TransactItem[] {
  const byUploader = new Map<string, StoredPhoto[]>();
  for (const photo of photos) {
    byUploader.set(photo.uploaderUserId, [...(byUploader.get(photo.uploaderUserId) ?? []), photo]);
  }
  return [...byUploader.values()].map((own) => ({
    Update: {
      TableName: tableName,
      Key: photoKeys.photoSlots(own[0]!.owner.kind, own[0]!.owner.id, own[0]!.uploaderUserId),
      UpdateExpression: 'DELETE photoIds :ids',
      ExpressionAttributeValues: { ':ids': new Set(own.map((photo) => photo.id)) },
    },
  }));
}

/**
 * Sets a station's gallery to `photoIds` (in order) if it is still at `expectedVersion` (a station
 * written before galleries had one is at 0), in one transaction that also checks every added photo
 * is still there and landed, and forgets the removed ones (their items and their places in the
 * uploaders' sets, so the cap counts what the station shows). At most 1 + 9 + 9 + 9 items. The
 * removed photos' files are the caller's to delete.
 */
export async function setStationGallery(input: {
  stationId: string;
  photoIds: readonly string[];
  expectedVersion: number;
  added: readonly string[];
  removed: readonly StoredPhoto[];
  at: string;
}): Promise<GalleryWriteOutcome> {
  const items: TransactItem[] = [
    {
      Update: {
        TableName: tableName,
        Key: keys.station(input.stationId),
        UpdateExpression: 'SET photos = :photos, photosVersion = :next, updatedAt = :at',
        ConditionExpression:
          'attribute_exists(pk) AND (photosVersion = :expected OR (attribute_not_exists(photosVersion) AND :expected = :zero))',
        ExpressionAttributeValues: {
          ':photos': [...input.photoIds],
          ':next': input.expectedVersion + 1,
          ':expected': input.expectedVersion,
          ':zero': 0,
          ':at': input.at,
        },
      },
    },
    ...input.added.map(
      (id): TransactItem => ({
        ConditionCheck: {
          TableName: tableName,
          Key: photoKeys.photo(id),
          ConditionExpression: '#state = :landed',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':landed': 'landed' },
        },
      }),
    ),
    ...input.removed.map(
      (photo): TransactItem => ({ Delete: { TableName: tableName, Key: photoKeys.photo(photo.id) } }),
    ),
    ...slotReleases(input.removed),
  ];
  const photoChecks = input.added.map((_, index) => [index + 1, 'photoGone'] as const);
  return retryOnConflict(() => transactWrite(items, [[0, 'conflict'], ...photoChecks]));
}

/**
 * Forgets a landed station photo its gallery does not hold (sent, then never saved to the
 * gallery): its item and its place in the uploader's set, only while the station still does not
 * list it and the photo is unchanged. False when either moved meanwhile.
 */
export async function removeUnattachedStationPhoto(photo: StoredPhoto): Promise<boolean> {
  try {
    return (await removeUnattached(photo)) === 'saved';
  } catch (error) {
    // Another write touched the photo, the station or the set at this moment: left as it is.
    if (isTransactionConflict(error)) return false;
    throw error;
  }
}

function removeUnattached(photo: StoredPhoto) {
  return transactWrite(
    [
      {
        Delete: {
          TableName: tableName,
          Key: photoKeys.photo(photo.id),
          ConditionExpression: 'version = :version',
          ExpressionAttributeValues: { ':version': photo.version },
        },
      },
      {
        ConditionCheck: {
          TableName: tableName,
          Key: keys.station(photo.owner.id),
          ConditionExpression: 'attribute_not_exists(pk) OR NOT contains(photos, :id)',
          ExpressionAttributeValues: { ':id': photo.id },
        },
      },
      ...slotReleases([photo]),
    ],
    [
      [0, 'changed'],
      [1, 'changed'],
    ],
  );
}
