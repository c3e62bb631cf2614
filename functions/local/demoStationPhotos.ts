import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../src/db/keys';
import { demoUserId } from './demoData';
import { type DemoPhotoStorage, demoPhoto, putDemoPhotos } from './demoPhotos';
import { demoStations } from './demoStations';
import { pngImage, type Rgb } from './pngImage';

/** The orgs whose demo staff show a gallery (李敏, 顾晓东, 沈佳怡) and how many of their stations get one. */
const GALLERY_ORGS: Record<string, { staffKey: string; stations: number }> = {
  '320000/320500/320582': { staffKey: 'staff-zjg', stations: 3 },
  '320000/320500/320582/daxin': { staffKey: 'staff-daxin', stations: 2 },
  '320000/320500/320571': { staffKey: 'staff-sip', stations: 2 },
};

const walls: Rgb[] = [
  [236, 228, 212],
  [214, 226, 236],
  [230, 216, 200],
];

/**
 * A small drawn "station photo": sky, a low building with a red union sign over its door, a window
 * whose light and the wall's colour vary with `n`, so a gallery shows different real images.
 */
export function demoStationPng(n: number): Buffer {
  const width = 192;
  const height = 128;
  const ground = 100;
  const wall = walls[n % walls.length]!;
  const lit = n % 2 === 0;
  return pngImage(width, height, (x, y) => {
    const inHouse = x >= 24 && x < 168 && y >= 40 && y < ground;
    if (x >= 60 && x < 132 && y >= 26 && y < 40) return [200, 30, 40];
    if (inHouse && x >= 84 && x < 108 && y >= 62) return [110, 80, 60];
    if (inHouse && x >= 36 && x < 72 && y >= 52 && y < 80) return lit ? [255, 226, 140] : [150, 190, 220];
    if (inHouse && x >= 120 && x < 156 && y >= 52 && y < 80) return [150, 190, 220];
    if (inHouse) return wall;
    if (y < ground) return [130 + Math.round(y / 2), 185, 240];
    return [120, 150, 100];
  });
}

/**
 * Galleries on some demo stations, as if their org's staff had added them: the photos through
 * putDemoPhotos (owned by the station, sent by the org's demo staff member), and the station's
 * photo list at gallery version 1. Idempotent: a gallery is set only on a station that has none
 * (one arranged in the app is left alone). Returns new photo items.
 */
export async function seedDemoStationPhotos(
  db: DynamoDBDocumentClient,
  tableName: string,
  seedAt: Date,
  storage: DemoPhotoStorage,
): Promise<number> {
  const stations = demoStations(seedAt).filter((station) => station.status.state !== 'closed');
  let written = 0;
  for (const [orgPath, gallery] of Object.entries(GALLERY_ORGS)) {
    const uploader = demoUserId({ key: gallery.staffKey });
    const chosen = stations.filter((station) => station.orgPath === orgPath).slice(0, gallery.stations);
    for (const [index, station] of chosen.entries()) {
      const photos = Array.from({ length: 2 + (index % 2) }, (_, i) =>
        demoPhoto(
          `ph_demo0station${station.id.slice(3, 15)}${i}`,
          { kind: 'station', id: station.id },
          uploader,
          demoStationPng(index * 3 + i),
          station.createdAt,
        ),
      );
      written += await putDemoPhotos(db, tableName, storage, photos);
      await setGalleryIfEmpty(
        db,
        tableName,
        station.id,
        photos.map(({ photo }) => photo.id),
      );
    }
  }
  return written;
}

async function setGalleryIfEmpty(
  db: DynamoDBDocumentClient,
  tableName: string,
  stationId: string,
  ids: string[],
) {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.station(stationId),
        UpdateExpression: 'SET photos = :ids, photosVersion = :one',
        ConditionExpression:
          'attribute_exists(pk) AND (attribute_not_exists(photos) OR size(photos) = :none) AND (attribute_not_exists(photosVersion) OR photosVersion = :none)',
        ExpressionAttributeValues: { ':ids': ids, ':none': 0, ':one': 1 },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}
