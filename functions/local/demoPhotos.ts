import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
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
 * Puts a few drawn photos on some of the demo deliveries, as if their volunteers had sent them:
 * the files in the bucket under photos/, the photo items (landed, sent by the delivery's
 * volunteer), and the records' photoIds. Idempotent: files are rewritten (cheap), items and photo
 * lists only written when absent. Returns how many photo items were new.
 */
export async function seedDemoPhotos(
  db: DynamoDBDocumentClient,
  tableName: string,
  seedAt: Date,
  storage: DemoPhotoStorage,
): Promise<number> {
  const s3 = new S3Client({
    endpoint: storage.endpoint,
    region: localRegion,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  const chosen = demoDeliveries(seedAt)
    .map(({ record }) => record)
    .filter((record, index) => index % EVERY === 1 && record.review.status !== 'needsChanges')
    .slice(0, MAX_DELIVERIES);
  let written = 0;
  try {
    for (const [index, record] of chosen.entries()) {
      const count = 1 + (index % 2);
      const photos: StoredPhoto[] = Array.from({ length: count }, (_, i) => {
        const bytes = demoPhotoPng(index * 2 + i).length;
        return {
          id: `ph_demo0photo${String(index).padStart(5, '0')}${i}`,
          owner: { kind: 'delivery', id: record.id },
          uploaderUserId: record.userId,
          contentType: 'image/png',
          size: bytes,
          state: 'landed',
          version: 2,
          createdAt: record.createdAt,
          updatedAt: record.createdAt,
        };
      });
      for (const [i, photo] of photos.entries()) {
        await s3.send(
          new PutObjectCommand({
            Bucket: storage.bucket,
            Key: photoObjectKeys.kept(photo),
            Body: demoPhotoPng(index * 2 + i),
            ContentType: photo.contentType,
          }),
        );
        written += await putIfAbsent(db, tableName, photoToItem(photo));
      }
      await putIfAbsent(db, tableName, {
        ...photoKeys.photoSlots('delivery', record.id, record.userId),
        type: 'PhotoSlots',
        photoIds: new Set(photos.map((photo) => photo.id)),
        updatedAt: record.createdAt,
      });
      await attachPhotos(
        db,
        tableName,
        record.id,
        photos.map((photo) => photo.id),
      );
    }
  } finally {
    s3.destroy();
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
