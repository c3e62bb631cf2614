import { randomBytes } from 'node:crypto';
import { DeleteObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { demoPhoto, demoPhotoPng, putDemoPhotos } from '../../functions/local/demoPhotos';
import { seedDemoReports } from '../../functions/local/demoReports';
import { seedStationSearch } from '../../functions/local/demoSearch';
import { demoStations } from '../../functions/local/demoStations';
import { seedDemoSuggestions } from '../../functions/local/demoSuggestions';
import { db, tableName } from '../../functions/src/db/client';
import { tallyDynamo } from '../support/dynamoTally';

/**
 * A later `npm start` on a kept `.local`: the demo reports, suggestions, photos and search entries
 * the first seed wrote (the test stack's global setup seeded this table) are found and only read;
 * no service is called for them, no search entry is written, and a file is put again only when it
 * is missing.
 */

const storage = { endpoint: inject('s3Endpoint'), bucket: inject('photoBucket') };
const s3 = new S3Client({
  endpoint: storage.endpoint,
  region: 'cn-north-1',
  forcePathStyle: true,
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
});
afterAll(() => s3.destroy());

const fileExists = (key: string) =>
  s3.send(new HeadObjectCommand({ Bucket: storage.bucket, Key: key })).then(
    () => true,
    () => false,
  );

describe('Demo seed, run again', () => {
  it('reads each stored demo report and suggestion once and calls no service for them', async () => {
    const tally = tallyDynamo(db, 'seedRerun');
    try {
      expect(await seedDemoReports()).toBe(0);
      expect(await seedDemoSuggestions(db, tableName, new Date())).toBe(0);
      // Counted from demoReports.ts and demoSuggestions.ts by hand: 6 reports (1 + 1 + 1 + 3
      // reporters), one read each, plus the 2 answered problems read to see they are answered;
      // 4 suggestions, one read each. A service called would read quotas, stations and more.
      expect(tally.counts()).toMatchObject({ readRequests: 6 + 2 + 4, itemsWritten: 0, writeRequests: 0 });
    } finally {
      tally.remove();
    }
  });

  it('puts a demo photo’s file and item once; a later run puts neither, and puts back only a file removed from the bucket', async () => {
    const owner = { kind: 'delivery' as const, id: `dl_${randomBytes(12).toString('hex')}` };
    const photo = demoPhoto(
      `ph_demo0rerun${randomBytes(6).toString('hex')}`,
      owner,
      'u_demo_rerun',
      demoPhotoPng(3),
      new Date().toISOString(),
    );
    const key = `photos/delivery/${owner.id}/${photo.photo.id}`;
    expect(await putDemoPhotos(db, tableName, storage, [photo])).toBe(1);
    const stored = await db.send(
      new GetCommand({ TableName: tableName, Key: { pk: `PHOTO#${photo.photo.id}`, sk: 'PHOTO' } }),
    );
    expect(stored.Item).toMatchObject({ id: photo.photo.id, state: 'landed' });
    expect(await fileExists(key)).toBe(true);

    // A rerun with the file there: the item read, nothing written, the file left as it is.
    const kept = tallyDynamo(db, 'photoRerunKept');
    try {
      expect(await putDemoPhotos(db, tableName, storage, [photo])).toBe(0);
      expect(kept.counts()).toMatchObject({ readRequests: 1, itemsWritten: 0, writeRequests: 0 });
    } finally {
      kept.remove();
    }

    // The file removed behind the seed's back (the item kept): the next run puts the file back,
    // and only the file.
    await s3.send(new DeleteObjectCommand({ Bucket: storage.bucket, Key: key }));
    expect(await fileExists(key)).toBe(false);
    const tally = tallyDynamo(db, 'photoRerun');
    try {
      expect(await putDemoPhotos(db, tableName, storage, [photo])).toBe(0);
      expect(tally.counts()).toMatchObject({ readRequests: 1, itemsWritten: 0, writeRequests: 0 });
    } finally {
      tally.remove();
    }
    const restored = await s3.send(new HeadObjectCommand({ Bucket: storage.bucket, Key: key }));
    expect([restored.ContentLength, restored.ContentType]).toStrictEqual([photo.png.length, 'image/png']);
  });

  it('writes no search entry and no place for the demo stations, only reads each station and its entries', async () => {
    const ids = demoStations().map((station) => station.id);
    // The README's count of demo stations.
    expect(ids).toHaveLength(40);
    const tally = tallyDynamo(db, 'searchRerun');
    try {
      expect(await seedStationSearch(ids)).toStrictEqual({ placed: 0, indexed: 0 });
      // Per station, by hand from the backfill's path: one read of the record, one page of its entries.
      expect(tally.counts()).toMatchObject({ readRequests: 40 * 2, itemsWritten: 0, writeRequests: 0 });
    } finally {
      tally.remove();
    }
  });
});
