import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { deliveryKeys, photoKeys } from '../src/db/keys';
import { photoObjectKeys, photoToItem, type StoredPhoto } from '../src/db/photoItems';
import { demoDeliveries } from './demoDeliveries';
import { localRegion } from './dynamoLocal';
import { pngImage, type Rgb } from './pngImage';
import { putIfAbsent } from './seedWrites';

/** Where demo photos go: the local stack's s3rver and its bucket. */
export interface DemoPhotoStorage {
  endpoint: string;
  bucket: string;
}

/** Deliveries that get photos: every fourth, but none awaiting changes (their comment asks for one). */
const EVERY = 4;
const MAX_DELIVERIES = 10;

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [
  Math.round(a[0] + (b[0] - a[0]) * t),
  Math.round(a[1] + (b[1] - a[1]) * t),
  Math.round(a[2] + (b[2] - a[2]) * t),
];

/**
 * A small drawn "site photo": noon sky, the sun, the ground, and a stack of water crates whose count
 * and colour vary with `n`, so the review pages show real, different images.
 */
export function demoPhotoPng(n: number): Buffer {
  const width = 160;
  const height = 120;
  const horizon = 78;
  const crates = 2 + (n % 4);
  const crate: Rgb = n % 3 === 0 ? [36, 110, 200] : n % 3 === 1 ? [232, 120, 40] : [60, 160, 90];
  return pngImage(width, height, (x, y) => {
    const sun = (x - 128) ** 2 + (y - 22) ** 2 < 13 ** 2;
    if (sun) return [255, 214, 80];
    const column = Math.floor((x - 16) / 26);
    const inCrate = x >= 16 && column < crates && (x - 16) % 26 < 22 && y >= horizon - 24 && y < horizon + 14;
    if (inCrate) return (x - 16) % 26 < 2 || y === horizon - 24 ? mix(crate, [255, 255, 255], 0.5) : crate;
    if (y < horizon) return mix([120, 180, 240], [235, 244, 252], y / horizon);
    return mix([168, 150, 120], [120, 104, 84], (y - horizon) / (height - horizon));
  });
}

/**
 * The one writer of demo photos, whatever owns them (a delivery, a station, a suggestion): each
 * drawn file in the bucket where a landed photo is kept, each photo item, and one set of photo
 * slots per owner and uploader, as the upload path leaves them. Idempotent: a photo whose item is
 * stored is not put again (one read each, one after another: a few dozen on a start, bounded by
 * the demo lists); its file is checked and put back only when missing (a bucket emptied by hand).
 * Attaching them to their owner is the caller's. Returns how many photo items were new.
 */
export async function putDemoPhotos(
  db: DynamoDBDocumentClient,
  tableName: string,
  storage: DemoPhotoStorage,
  photos: readonly { photo: StoredPhoto; png: Buffer }[],
): Promise<number> {
  const s3 = new S3Client({
    endpoint: storage.endpoint,
    region: localRegion,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  const putFile = (photo: StoredPhoto, png: Buffer) =>
    s3.send(
      new PutObjectCommand({
        Bucket: storage.bucket,
        Key: photoObjectKeys.kept(photo),
        Body: png,
        ContentType: photo.contentType,
      }),
    );
  let written = 0;
  const fresh = new Set<string>();
  try {
    for (const { photo, png } of photos) {
      const item = photoToItem(photo);
      const stored = await db.send(
        new GetCommand({
          TableName: tableName,
          Key: { pk: item.pk, sk: item.sk },
          ProjectionExpression: 'pk',
        }),
      );
      if (stored.Item) {
        // A later `npm start`: the item is there; its file too, unless someone removed it.
        if (!(await fileExists(s3, storage.bucket, photoObjectKeys.kept(photo)))) await putFile(photo, png);
        continue;
      }
      fresh.add(photo.id);
      await putFile(photo, png);
      written += await putIfAbsent(db, tableName, item);
    }
  } finally {
    s3.destroy();
  }
  // One set of slots per owner and uploader; those whose photos were all there already were
  // written with them.
  const slots = new Map<string, { photo: StoredPhoto; ids: string[]; fresh: boolean }>();
  for (const { photo } of photos) {
    const key = JSON.stringify([photo.owner.kind, photo.owner.id, photo.uploaderUserId]);
    let slot = slots.get(key);
    if (!slot) {
      slot = { photo, ids: [], fresh: false };
      slots.set(key, slot);
    }
    slot.ids.push(photo.id);
    slot.fresh ||= fresh.has(photo.id);
  }
  for (const { photo, ids, fresh: isFresh } of slots.values()) {
    if (!isFresh) continue;
    await putIfAbsent(db, tableName, {
      ...photoKeys.photoSlots(photo.owner.kind, photo.owner.id, photo.uploaderUserId),
      type: 'PhotoSlots',
      photoIds: new Set(ids),
      updatedAt: photo.createdAt,
    });
  }
  return written;
}

async function fileExists(s3: S3Client, bucket: string, key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (error) {
    // HeadObject has no body to name the error: a missing object is its 404.
    if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404) return false;
    throw error;
  }
}

/** A landed demo photo of `owner`, sent by `uploaderUserId` at `at`, drawn as `png`. */
export function demoPhoto(
  id: string,
  owner: StoredPhoto['owner'],
  uploaderUserId: string,
  png: Buffer,
  at: string,
): { photo: StoredPhoto; png: Buffer } {
  return {
    photo: {
      id,
      owner,
      uploaderUserId,
      contentType: 'image/png',
      size: png.length,
      state: 'landed',
      version: 2,
      createdAt: at,
      updatedAt: at,
    },
    png,
  };
}

/**
 * Puts a few drawn photos on some of the demo deliveries, as if their volunteers had sent them
 * (putDemoPhotos), and lists them on the records. Idempotent: a delivery's photo list is only
 * written when it has none. Returns how many photo items were new.
 */
export async function seedDemoPhotos(
  db: DynamoDBDocumentClient,
  tableName: string,
  seedAt: Date,
  storage: DemoPhotoStorage,
): Promise<number> {
  const chosen = demoDeliveries(seedAt)
    .map(({ record }) => record)
    .filter((record, index) => index % EVERY === 1 && record.review.status !== 'needsChanges')
    .slice(0, MAX_DELIVERIES);
  let written = 0;
  for (const [index, record] of chosen.entries()) {
    const photos = Array.from({ length: 1 + (index % 2) }, (_, i) =>
      demoPhoto(
        `ph_demo0photo${String(index).padStart(5, '0')}${i}`,
        { kind: 'delivery', id: record.id },
        record.userId,
        demoPhotoPng(index * 2 + i),
        record.createdAt,
      ),
    );
    written += await putDemoPhotos(db, tableName, storage, photos);
    await attachPhotos(
      db,
      tableName,
      record.id,
      photos.map(({ photo }) => photo.id),
    );
  }
  return written;
}

/** Lists the photos on a demo delivery that has none yet (an edited one is left alone). */
async function attachPhotos(
  db: DynamoDBDocumentClient,
  tableName: string,
  deliveryId: string,
  ids: string[],
) {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: deliveryKeys.delivery(deliveryId),
        UpdateExpression: 'SET photoIds = :ids',
        ConditionExpression: 'attribute_exists(pk) AND size(photoIds) = :none',
        ExpressionAttributeValues: { ':ids': ids, ':none': 0 },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}
