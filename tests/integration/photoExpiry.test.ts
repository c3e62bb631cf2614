import { randomUUID } from 'node:crypto';
import type { StationGallery } from '@ankang/shared';
import { GetObjectTaggingCommand } from '@aws-sdk/client-s3';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { db, tableName } from '../../functions/src/db/client';
import { photoKeys } from '../../functions/src/db/keys';
import { copyObject } from '../../functions/src/db/objectStore';
import { draftPhotoIdOf } from '../../functions/src/services/suggestionPhotos';
import { freshOrg, freshUser } from './fixtures';
import {
  filesUnder,
  newPhotoId,
  photoBucket,
  photoItem,
  pngOf,
  presign,
  putGallery,
  readGallery,
  s3,
  uploadPhoto,
} from './photoFixtures';
import { filedReport, mine as myReports, report } from './problemCalls';
import { storedStation } from './stationFixtures';
import { north, review, suggest, suggestionArea, suggestionBody } from './suggestionFixtures';

// The copy of a file is wrapped (and otherwise unchanged) so one test can hold a staff gallery save
// between the approval's check of the draft station's gallery and its gallery write: a real race, on cue.
vi.mock('../../functions/src/db/objectStore', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../functions/src/db/objectStore')>();
  return { ...actual, copyObject: vi.fn(actual.copyObject) };
});

// On the real clock: s3rver checks a presigned URL's expiry against it. No test here comes near a
// daily cap (two reports and ten photos at most per worker).

/** This file's meridian for its suggestion areas (3° from the other files'). */
const EXPIRY_TESTS_LNG = 90;
/** Written out apart from the code: an unattached worker photo may be dropped a day after it is asked for. */
const DAY_SECONDS = 24 * 60 * 60;

/** The tags on a file in the photo bucket, read with the test's own client. */
async function tagsOf(key: string): Promise<Record<string, string>> {
  const { TagSet } = await s3.send(new GetObjectTaggingCommand({ Bucket: photoBucket, Key: key }));
  return Object.fromEntries((TagSet ?? []).map((tag) => [tag.Key!, tag.Value!]));
}

/** Asks for one photo and answers its stored expiry, with the bounds the request time allows. */
async function askedExpiry(token: string, owner: { kind: string; id: string }) {
  const id = newPhotoId();
  const before = Math.floor(Date.now() / 1000);
  const asked = await presign(token, { id, owner, contentType: 'image/png', size: 100 });
  const after = Math.floor(Date.now() / 1000);
  expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  const expiresAt = (await photoItem(id))?.expiresAt as number | undefined;
  return { id, expiresAt, earliest: before + DAY_SECONDS, latest: after + DAY_SECONDS };
}

describe('Photo expiry: a worker photo never attached goes', () => {
  it('stamps report and suggestion photos with an expiry a day ahead, and no other kind', async () => {
    const worker = await freshUser();
    for (const kind of ['report', 'suggestion'] as const) {
      const { expiresAt, earliest, latest } = await askedExpiry(worker.token, { kind, id: randomUUID() });
      expect(expiresAt, kind).toBeGreaterThanOrEqual(earliest);
      expect(expiresAt, kind).toBeLessThanOrEqual(latest);
    }
    const delivery = await askedExpiry(worker.token, {
      kind: 'delivery',
      id: `dl_${randomUUID().replace(/-/g, '')}`,
    });
    expect(delivery.expiresAt).toBeUndefined();
  });

  it('tags a landed report photo’s file until a report takes it; the report removes expiry and tag', async () => {
    const org = await freshOrg('320000/320500/320582');
    const station = await storedStation({ orgPath: org });
    const worker = await freshUser();
    const requestId = randomUUID();
    const id = await uploadPhoto(worker.token, { kind: 'report', id: requestId }, pngOf(1));
    const file = `photos/report/${requestId}/${id}`;
    expect(await filesUnder(`photos/report/${requestId}/`)).toStrictEqual([file]);
    expect(await tagsOf(file)).toStrictEqual({ 'photo-state': 'unattached' });
    expect((await photoItem(id))?.expiresAt).toEqual(expect.any(Number));

    const filed = await report(worker.token, station.id, { kind: 'noWater', requestId, photoIds: [id] });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(await photoItem(id)).not.toHaveProperty('expiresAt');
    expect(await tagsOf(file)).toStrictEqual({ 'photo-state': 'attached' });
    // A retry of the same report is answered as before and changes nothing.
    const again = await report(worker.token, station.id, { kind: 'noWater', requestId, photoIds: [id] });
    expect(filedReport(again)).toStrictEqual(filedReport(filed));
    expect(await photoItem(id)).toMatchObject({ state: 'landed' });
    expect(await photoItem(id)).not.toHaveProperty('expiresAt');
    expect((await myReports(worker.token)).reports.map((r) => r.photos.map((p) => p.id))).toStrictEqual([
      [id],
    ]);
  });

  it('refuses a photo past its expiry that the table has not dropped yet, storing nothing', async () => {
    const org = await freshOrg('320000/320500/320582');
    const station = await storedStation({ orgPath: org });
    const worker = await freshUser();
    const requestId = randomUUID();
    const id = await uploadPhoto(worker.token, { kind: 'report', id: requestId }, pngOf(2));
    const past = Math.floor(Date.now() / 1000) - 60;
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: photoKeys.photo(id),
        UpdateExpression: 'SET expiresAt = :past',
        ExpressionAttributeValues: { ':past': past },
      }),
    );
    const refused = await report(worker.token, station.id, { kind: 'noWater', requestId, photoIds: [id] });
    expect(refused).toStrictEqual({
      status: 404,
      body: { error: { code: 'PHOTO_NOT_FOUND', message: expect.any(String) } },
    });
    expect((await myReports(worker.token)).reports).toStrictEqual([]);
    expect((await photoItem(id))?.expiresAt).toBe(past);
    expect(await tagsOf(`photos/report/${requestId}/${id}`)).toStrictEqual({ 'photo-state': 'unattached' });
  });

  it('removes expiry and tag from the photos a suggestion takes', async () => {
    const area = await suggestionArea(EXPIRY_TESTS_LNG);
    const requestId = randomUUID();
    const ids = [
      await uploadPhoto(area.worker.token, { kind: 'suggestion', id: requestId }, pngOf(3)),
      await uploadPhoto(area.worker.token, { kind: 'suggestion', id: requestId }, pngOf(4)),
    ];
    for (const id of ids)
      expect(await tagsOf(`photos/suggestion/${requestId}/${id}`)).toStrictEqual({
        'photo-state': 'unattached',
      });
    const sent = await suggest(
      area.worker.token,
      suggestionBody({ location: north(area.center, 1000), requestId, photoIds: ids }),
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    for (const id of ids) {
      expect(await photoItem(id)).not.toHaveProperty('expiresAt');
      expect(await tagsOf(`photos/suggestion/${requestId}/${id}`)).toStrictEqual({
        'photo-state': 'attached',
      });
    }
  });
});

describe('Photo expiry: copies made on approval that the gallery did not take', () => {
  it('releases them (items, places and files) when staff saved the gallery meanwhile', async () => {
    const area = await suggestionArea(EXPIRY_TESTS_LNG);
    const requestId = randomUUID();
    const originals = [
      await uploadPhoto(area.worker.token, { kind: 'suggestion', id: requestId }, pngOf(5)),
      await uploadPhoto(area.worker.token, { kind: 'suggestion', id: requestId }, pngOf(6)),
    ];
    const sent = await suggest(
      area.worker.token,
      suggestionBody({ location: north(area.center, 1000), requestId, photoIds: originals }),
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const suggestionId = (sent.body as { suggestion: { id: string } }).suggestion.id;
    const stationId = `st_${suggestionId.slice(3)}`;

    // The approval checks the draft station's gallery (untouched) and copies the photos; staff save
    // an empty gallery before the approval writes its own, which must then give way and let its
    // copies go.
    const copy = vi.mocked(copyObject);
    const plain = copy.getMockImplementation()!;
    let raced = false;
    copy.mockImplementation(async (from, to) => {
      await plain(from, to);
      if (to.startsWith(`photos/station/${stationId}/`) && !raced) {
        raced = true;
        const saved = await putGallery(area.townStaff.token, stationId, { photoIds: [], photosVersion: 0 });
        expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      }
    });
    const approved = await review(area.townStaff.token, suggestionId, { version: 1, decision: 'approve' });
    copy.mockImplementation(plain);
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(raced).toBe(true);

    const gallery = (await readGallery(area.townStaff.token, stationId)).body as StationGallery;
    expect(gallery).toStrictEqual({ photos: [], photosVersion: 1 });
    for (const original of originals) expect(await photoItem(draftPhotoIdOf(original))).toBeUndefined();
    expect(await filesUnder(`photos/station/${stationId}/`)).toStrictEqual([]);
    const { Item: slots } = await db.send(
      new GetCommand({
        TableName: tableName,
        Key: photoKeys.photoSlots('station', stationId, area.worker.userId),
        ConsistentRead: true,
      }),
    );
    expect(slots?.photoIds).toBeUndefined();
    // The suggestion keeps its own photos.
    expect(await filesUnder(`photos/suggestion/${requestId}/`)).toStrictEqual(
      originals.map((id) => `photos/suggestion/${requestId}/${id}`).sort(),
    );
  });
});
