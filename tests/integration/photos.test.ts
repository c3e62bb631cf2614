import { randomUUID } from 'node:crypto';
import type { PhotoUploadTicket } from '@ankang/shared';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { seedDemoPhotos } from '../../functions/local/demoPhotos';
import { pngImage } from '../../functions/local/pngImage';
import { db, tableName } from '../../functions/src/db/client';
import { deliveryKeys } from '../../functions/src/db/keys';
import { photoViewsFor, photoViewsForMany } from '../../functions/src/services/photoViews';
import { freshOrg, freshUser } from './fixtures';
import {
  complete,
  filesUnder,
  photoBucket,
  photoItem,
  presign,
  putBytes,
  storedBytes,
  uploadPhoto,
} from './photoFixtures';
import { storedStation } from './stationFixtures';

const zjg = '320000/320500/320582';
const hex = () => randomUUID().replace(/-/g, '');
const photoId = () => `ph_${hex()}`;
const deliveryId = () => `dl_${hex()}`;
const png = pngImage(24, 16, (x, y) => [x * 10, y * 15, 200]);

/** Leading bytes of a JPEG (SOI + APP0 "JFIF") and of a WebP (RIFF … WEBP), padded. */
const jpegLike = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]),
  Buffer.alloc(200, 7),
]);
const webpLike = Buffer.concat([
  Buffer.from('RIFF'),
  Buffer.from([200, 0, 0, 0]),
  Buffer.from('WEBPVP8 '),
  Buffer.alloc(200, 3),
]);

function deliveryPhoto(id: string, owner: string, bytes: Uint8Array, contentType = 'image/png') {
  return { id, owner: { kind: 'delivery', id: owner }, contentType, size: bytes.length };
}

async function ticket(token: string, body: unknown): Promise<PhotoUploadTicket> {
  const result = await presign(token, body);
  expect(result.status).toBe(201);
  return result.body as PhotoUploadTicket;
}

/** Presign, PUT and complete one photo of a delivery; returns its id. */
const upload = (token: string, owner: string, bytes: Uint8Array, contentType = 'image/png') =>
  uploadPhoto(token, { kind: 'delivery', id: owner }, bytes, { contentType });

describe('Handler: createPhotoUpload', () => {
  it('hands out a PUT signed for the exact type and length, under incoming/', async () => {
    const volunteer = await freshUser();
    const id = photoId();
    const owner = deliveryId();
    const result = await presign(volunteer.token, deliveryPhoto(id, owner, png));
    expect(result.status).toBe(201);
    const issued = result.body as PhotoUploadTicket;
    expect(issued).toStrictEqual({
      id,
      uploadUrl: expect.any(String),
      method: 'PUT',
      headers: { 'Content-Type': 'image/png' },
      expiresAt: expect.any(String),
      state: 'incoming',
    });
    const url = new URL(issued.uploadUrl);
    expect(url.pathname).toBe(`/${photoBucket}/incoming/${id}`);
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    const expiresIn = Date.parse(issued.expiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(14 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(15 * 60_000);
    expect(await photoItem(id)).toMatchObject({
      state: 'incoming',
      size: png.length,
      contentType: 'image/png',
      uploaderUserId: volunteer.userId,
      owner: { kind: 'delivery', id: owner },
    });
  });

  it.each([
    ['a GIF', { contentType: 'image/gif', size: 1000 }],
    ['an SVG', { contentType: 'image/svg+xml', size: 1000 }],
    ['a file over 5 MB', { contentType: 'image/jpeg', size: 5 * 1024 * 1024 + 1 }],
    ['an empty file', { contentType: 'image/jpeg', size: 0 }],
    ['a fractional size', { contentType: 'image/jpeg', size: 10.5 }],
    ['a size as text', { contentType: 'image/jpeg', size: '1000' }],
  ])('refuses %s with 400 and stores nothing', async (_label, file) => {
    const volunteer = await freshUser();
    const id = photoId();
    const result = await presign(volunteer.token, {
      id,
      owner: { kind: 'delivery', id: deliveryId() },
      ...file,
    });
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    expect(await photoItem(id)).toBeUndefined();
  });

  it.each([
    ['a malformed photo id', { id: 'ph_../../etc' }],
    ['a delivery id of another kind', { owner: { kind: 'delivery', id: 'st_abcdefgh12' } }],
    ['an unknown owner kind', { owner: { kind: 'report', id: deliveryId() } }],
  ])('refuses %s with 400', async (_label, override) => {
    const volunteer = await freshUser();
    const body = { ...deliveryPhoto(photoId(), deliveryId(), png), ...override };
    expect(await presign(volunteer.token, body)).toMatchObject({
      status: 400,
      body: { error: { code: 'VALIDATION_FAILED' } },
    });
  });

  it('answers a retry with a fresh URL for the same object, and refuses the id for anything else', async () => {
    const volunteer = await freshUser();
    const other = await freshUser();
    const id = photoId();
    const owner = deliveryId();
    const first = await ticket(volunteer.token, deliveryPhoto(id, owner, png));
    const again = await ticket(volunteer.token, deliveryPhoto(id, owner, png));
    expect(new URL(again.uploadUrl).pathname).toBe(new URL(first.uploadUrl).pathname);
    expect(again.state).toBe('incoming');

    const reused = { status: 409, body: { error: { code: 'REQUEST_ID_REUSED' } } };
    expect(
      await presign(volunteer.token, { ...deliveryPhoto(id, owner, png), size: png.length + 1 }),
    ).toMatchObject(reused);
    expect(
      await presign(volunteer.token, { ...deliveryPhoto(id, owner, png), contentType: 'image/jpeg' }),
    ).toMatchObject(reused);
    expect(await presign(volunteer.token, deliveryPhoto(id, deliveryId(), png))).toMatchObject(reused);
    // Another person cannot take over (or learn anything about) someone's photo id.
    expect(await presign(other.token, deliveryPhoto(id, owner, png))).toMatchObject(reused);
    expect(await photoItem(id)).toMatchObject({
      uploaderUserId: volunteer.userId,
      size: png.length,
      version: 1,
    });
  });

  it('keeps at most 3 photos per uploader on a delivery, even when the requests race', async () => {
    const volunteer = await freshUser();
    const other = await freshUser();
    const owner = deliveryId();
    const ids = Array.from({ length: 6 }, photoId);
    const results = await Promise.all(
      ids.map((id) => presign(volunteer.token, deliveryPhoto(id, owner, png))),
    );
    const statuses = results.map((result) => result.status).sort();
    expect(statuses).toStrictEqual([201, 201, 201, 409, 409, 409]);
    for (const refused of results.filter((result) => result.status === 409)) {
      expect(refused.body).toMatchObject({ error: { code: 'TOO_MANY_PHOTOS' } });
    }
    const stored = await Promise.all(ids.map(photoItem));
    expect(stored.filter(Boolean).length).toBe(3);
    // A retry of one that got in is still answered; the cap is per uploader.
    const admitted = ids[results.findIndex((result) => result.status === 201)]!;
    expect((await presign(volunteer.token, deliveryPhoto(admitted, owner, png))).status).toBe(201);
    expect((await presign(other.token, deliveryPhoto(photoId(), owner, png))).status).toBe(201);
  });

  it('gives the place of an upload abandoned for a day to a new photo, never that of a landed one', async () => {
    const volunteer = await freshUser();
    const owner = deliveryId();
    const landed = await upload(volunteer.token, owner, png);
    const abandoned = photoId();
    await ticket(volunteer.token, deliveryPhoto(abandoned, owner, png));
    const recent = photoId();
    await ticket(volunteer.token, deliveryPhoto(recent, owner, png));
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString();
    for (const id of [landed, abandoned]) {
      await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: `PHOTO#${id}`, sk: 'PHOTO' },
          UpdateExpression: 'SET createdAt = :at',
          ExpressionAttributeValues: { ':at': twoDaysAgo },
        }),
      );
    }
    const fresh = photoId();
    expect((await presign(volunteer.token, deliveryPhoto(fresh, owner, png))).status).toBe(201);
    expect(await photoItem(abandoned)).toBeUndefined();
    expect(await photoItem(landed)).toMatchObject({ state: 'landed' });
    expect(await photoItem(recent)).toMatchObject({ state: 'incoming' });
    // Full again: nothing is stale now, so the phone coming back with the abandoned photo is told so.
    expect(await presign(volunteer.token, deliveryPhoto(abandoned, owner, png))).toMatchObject({
      status: 409,
      body: { error: { code: 'TOO_MANY_PHOTOS' } },
    });
  });

  describe('station photos', () => {
    const stationPhoto = (stationId: string) => ({
      id: photoId(),
      owner: { kind: 'station', id: stationId },
      contentType: 'image/png',
      size: png.length,
    });

    it('are for staff in scope of the station only', async () => {
      const org = await freshOrg(zjg, '测试镇工会');
      const station = await storedStation({ orgPath: org });
      const inScope = await freshUser({ roles: ['staff'], orgPath: zjg });
      const beside = await freshUser({ roles: ['staff'], orgPath: '320000/320500/320571' });
      const worker = await freshUser();

      const forbidden = stationPhoto(station.id);
      expect(await presign(worker.token, forbidden)).toMatchObject({
        status: 403,
        body: { error: { code: 'FORBIDDEN' } },
      });
      const outside = stationPhoto(station.id);
      expect(await presign(beside.token, outside)).toMatchObject({
        status: 403,
        body: { error: { code: 'OUT_OF_SCOPE' } },
      });
      expect(await presign(inScope.token, stationPhoto('st_nosuchstation1'))).toMatchObject({
        status: 404,
        body: { error: { code: 'STATION_NOT_FOUND' } },
      });
      expect(await photoItem(forbidden.id)).toBeUndefined();
      expect(await photoItem(outside.id)).toBeUndefined();

      const allowed = stationPhoto(station.id);
      const issued = await ticket(inScope.token, allowed);
      expect(await putBytes(issued.uploadUrl, png, 'image/png')).toBe(200);
      expect(await complete(inScope.token, allowed.id)).toMatchObject({
        status: 200,
        body: { state: 'landed' },
      });
      expect(await filesUnder(`photos/station/${station.id}/`)).toStrictEqual([
        `photos/station/${station.id}/${allowed.id}`,
      ]);
    });
  });
});

describe('Handler: completePhotoUpload', () => {
  it('keeps a real image under photos/, drops the upload, and answers a second call the same', async () => {
    const volunteer = await freshUser();
    const id = photoId();
    const owner = deliveryId();
    const issued = await ticket(volunteer.token, deliveryPhoto(id, owner, png));
    expect(await putBytes(issued.uploadUrl, png, 'image/png')).toBe(200);

    const first = await complete(volunteer.token, id);
    const expected = {
      status: 200,
      body: {
        id,
        owner: { kind: 'delivery', id: owner },
        contentType: 'image/png',
        size: png.length,
        state: 'landed',
      },
    };
    expect(first).toStrictEqual(expected);
    expect(await complete(volunteer.token, id)).toStrictEqual(expected);
    expect(await filesUnder(`incoming/${id}`)).toStrictEqual([]);
    const kept = `photos/delivery/${owner}/${id}`;
    expect(await filesUnder(kept)).toStrictEqual([kept]);
    expect(Buffer.from(await storedBytes(kept)).equals(png)).toBe(true);
    expect(await photoItem(id)).toMatchObject({ state: 'landed', version: 2 });
    // A retried presign of a landed photo says so: the client need not send the file again.
    expect((await ticket(volunteer.token, deliveryPhoto(id, owner, png))).state).toBe('landed');
  });

  it('lands JPEG and WebP files whose bytes say so', async () => {
    const volunteer = await freshUser();
    const owner = deliveryId();
    await upload(volunteer.token, owner, jpegLike, 'image/jpeg');
    await upload(volunteer.token, owner, webpLike, 'image/webp');
    expect((await filesUnder(`photos/delivery/${owner}/`)).length).toBe(2);
  });

  it('answers 409 PHOTO_NOT_UPLOADED before the file is there, and lands it once it is', async () => {
    const volunteer = await freshUser();
    const id = photoId();
    const issued = await ticket(volunteer.token, deliveryPhoto(id, deliveryId(), png));
    expect(await complete(volunteer.token, id)).toMatchObject({
      status: 409,
      body: { error: { code: 'PHOTO_NOT_UPLOADED' } },
    });
    expect(await photoItem(id)).toMatchObject({ state: 'incoming', version: 1 });
    expect(await putBytes(issued.uploadUrl, png, 'image/png')).toBe(200);
    expect((await complete(volunteer.token, id)).status).toBe(200);
  });

  it.each([
    [
      'bytes that are no image',
      Buffer.from('<html><script>alert(1)</script></html>'.padEnd(png.length, ' ')),
      'image/png',
    ],
    [
      'a JPEG sent as PNG',
      Buffer.concat([jpegLike, Buffer.alloc(png.length - jpegLike.length)]),
      'image/png',
    ],
    ['more bytes than signed', Buffer.concat([png, Buffer.alloc(10)]), 'image/png'],
    ['fewer bytes than signed', png.subarray(0, png.length - 10), 'image/png'],
    ['another content type than signed', png, 'image/jpeg'],
  ])('refuses %s with 422, deletes the file and frees the id', async (_label, bytes, sentType) => {
    const volunteer = await freshUser();
    const id = photoId();
    const owner = deliveryId();
    // Signed for a PNG of png.length bytes; s3rver (unlike S3) stores whatever is sent.
    const issued = await ticket(volunteer.token, deliveryPhoto(id, owner, png));
    expect(await putBytes(issued.uploadUrl, bytes, sentType)).toBe(200);
    expect(await filesUnder(`incoming/${id}`)).toStrictEqual([`incoming/${id}`]);

    expect(await complete(volunteer.token, id)).toMatchObject({
      status: 422,
      body: { error: { code: 'PHOTO_INVALID' } },
    });
    expect(await filesUnder(`incoming/${id}`)).toStrictEqual([]);
    expect(await filesUnder(`photos/delivery/${owner}/`)).toStrictEqual([]);
    expect(await photoItem(id)).toBeUndefined();
    expect(await complete(volunteer.token, id)).toMatchObject({
      status: 404,
      body: { error: { code: 'PHOTO_NOT_FOUND' } },
    });
    // The refused photo no longer counts against the cap, and the id can carry a proper file.
    const retried = await ticket(volunteer.token, deliveryPhoto(id, owner, png));
    expect(await putBytes(retried.uploadUrl, png, 'image/png')).toBe(200);
    expect((await complete(volunteer.token, id)).status).toBe(200);
  });

  it('answers another person as if the photo did not exist', async () => {
    const volunteer = await freshUser();
    const stranger = await freshUser();
    const id = photoId();
    const issued = await ticket(volunteer.token, deliveryPhoto(id, deliveryId(), png));
    expect(await putBytes(issued.uploadUrl, png, 'image/png')).toBe(200);
    expect(await complete(stranger.token, id)).toMatchObject({
      status: 404,
      body: { error: { code: 'PHOTO_NOT_FOUND' } },
    });
    expect(await photoItem(id)).toMatchObject({ state: 'incoming' });
    expect(await complete(volunteer.token, photoId())).toMatchObject({
      status: 404,
      body: { error: { code: 'PHOTO_NOT_FOUND' } },
    });
  });

  it('lands a photo once when completions race', async () => {
    const volunteer = await freshUser();
    const id = photoId();
    const owner = deliveryId();
    const issued = await ticket(volunteer.token, deliveryPhoto(id, owner, png));
    expect(await putBytes(issued.uploadUrl, png, 'image/png')).toBe(200);
    const results = await Promise.all(Array.from({ length: 4 }, () => complete(volunteer.token, id)));
    for (const result of results) expect(result).toMatchObject({ status: 200, body: { state: 'landed' } });
    expect(await photoItem(id)).toMatchObject({ state: 'landed', version: 2 });
    expect(await filesUnder(`photos/delivery/${owner}/`)).toStrictEqual([`photos/delivery/${owner}/${id}`]);
  });
});

describe('Service: photoViewsFor', () => {
  it('shows only landed photos asked for, of that owner and that uploader, in the order asked', async () => {
    const volunteer = await freshUser();
    const intruder = await freshUser();
    const owner = deliveryId();
    const first = await upload(volunteer.token, owner, png);
    const second = await upload(volunteer.token, owner, jpegLike, 'image/jpeg');
    const elsewhere = await upload(volunteer.token, deliveryId(), png);
    const foreign = await upload(intruder.token, owner, png);
    const pending = photoId();
    await ticket(volunteer.token, deliveryPhoto(pending, owner, png));

    const shownOf = async (ids: string[], uploaderUserId?: string) =>
      (await photoViewsFor({ kind: 'delivery', id: owner }, { ids, uploaderUserId })).map((view) => view.id);
    expect(await shownOf(['not-an-id', second, foreign, first], volunteer.userId)).toStrictEqual([
      second,
      first,
    ]);
    expect(await shownOf([elsewhere, pending, 'ph_nosuchphoto00000'], volunteer.userId)).toStrictEqual([]);
    // Reads are bounded by the owner's cap: ids past the first three are not read at all.
    expect(await shownOf([elsewhere, pending, second, first], volunteer.userId)).toStrictEqual([second]);
    // Without an uploader filter the other person's photo on the same owner shows, never another owner's.
    const any = await photoViewsFor({ kind: 'delivery', id: owner }, { ids: [first, foreign, elsewhere] });
    expect(any.map((view) => view.id)).toStrictEqual([first, foreign]);
    expect(await photoViewsFor({ kind: 'delivery', id: owner }, { ids: [] })).toStrictEqual([]);
  });

  it('hands out links that return the stored bytes for at least an hour', async () => {
    const volunteer = await freshUser();
    const owner = deliveryId();
    const id = await upload(volunteer.token, owner, png);
    const [view] = await photoViewsFor({ kind: 'delivery', id: owner }, { ids: [id] });
    expect(view!.id).toBe(id);
    expect(Date.parse(view!.expiresAt) - Date.now()).toBeGreaterThanOrEqual(3600_000 - 5_000);
    const response = await fetch(view!.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await response.arrayBuffer()).equals(png)).toBe(true);
    // Signed per time window: the same photo keeps its URL, so clients can cache the file.
    const [again] = await photoViewsFor({ kind: 'delivery', id: owner }, { ids: [id] });
    expect(again!.url === view!.url || Date.parse(again!.expiresAt) > Date.parse(view!.expiresAt)).toBe(true);
  });

  it('reads several owners at once, each answer kept to its own owner', async () => {
    const volunteer = await freshUser();
    const [a, b] = [deliveryId(), deliveryId()];
    const inA = await upload(volunteer.token, a, png);
    const inB = await upload(volunteer.token, b, png);
    const views = await photoViewsForMany([
      { owner: { kind: 'delivery', id: a }, ids: [inA, inB] },
      { owner: { kind: 'delivery', id: b }, ids: [inA, inB], uploaderUserId: volunteer.userId },
      { owner: { kind: 'delivery', id: b }, ids: [inB], uploaderUserId: 'someone-else' },
    ]);
    expect(views.map((list) => list.map((view) => view.id))).toStrictEqual([[inA], [inB], []]);
  });
});

describe('Seed: demo photos', () => {
  it('puts viewable PNGs on some demo deliveries, sent by their volunteers, once', async () => {
    const seedAt = new Date();
    const storage = { endpoint: inject('s3Endpoint'), bucket: photoBucket };
    const first = await seedDemoPhotos(db, tableName, seedAt, storage);
    const again = await seedDemoPhotos(db, tableName, seedAt, storage);
    // The global setup seeded the day's deliveries without photos: the first call adds them, the
    // second nothing.
    expect(first).toBeGreaterThan(0);
    expect(again).toBe(0);
    const kept = await filesUnder('photos/delivery/dl_demo');
    expect(kept.length).toBeGreaterThan(0);
    const [, , deliveryWithPhotos] = kept[0]!.split('/');
    const { Item: delivery } = await db.send(
      new GetCommand({ TableName: tableName, Key: deliveryKeys.delivery(deliveryWithPhotos!) }),
    );
    const photoIds = delivery!.photoIds as string[];
    expect(photoIds.length).toBeGreaterThan(0);
    const views = await photoViewsFor(
      { kind: 'delivery', id: deliveryWithPhotos! },
      { ids: photoIds, uploaderUserId: delivery!.userId as string },
    );
    expect(views.map((view) => view.id)).toStrictEqual(photoIds);
    const bytes = Buffer.from(await (await fetch(views[0]!.url)).arrayBuffer());
    expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(
      true,
    );
    expect(bytes.length).toBe((await photoItem(photoIds[0]!))!.size);
  });
});
