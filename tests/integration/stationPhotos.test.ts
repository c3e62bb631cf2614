import { randomUUID } from 'node:crypto';
import type { StationDetail, StationGallery } from '@ankang/shared';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { seedDemoStationPhotos } from '../../functions/local/demoStationPhotos';
import { db, tableName } from '../../functions/src/db/client';
import { replaceStation } from '../../functions/src/db/stationWrites';
import { handler as getStation } from '../../functions/src/handlers/getStation';
import type { Caller } from '../../functions/src/services/caller';
import { attachPhotos } from '../../functions/src/services/photos';
import { httpEvent, invoke } from '../support/events';
import { freshOrg, freshUser } from './fixtures';
import {
  fetchedBytes,
  filesUnder,
  photoBucket,
  newPhotoId as photoId,
  photoItem,
  pngOf,
  presign,
  putGallery,
  readGallery,
  s3,
  uploadPhoto,
} from './photoFixtures';
import { storedStation } from './stationFixtures';

const zjg = '320000/320500/320582';
const sip = '320000/320500/320571';
const hex = () => randomUUID().replace(/-/g, '');

type Owner = { kind: 'station' | 'report' | 'delivery'; id: string };

const detail = (id: string) =>
  invoke(getStation, httpEvent({ method: 'GET', path: `/stations/${id}`, params: { id } }));

/** Asks for room, PUTs the bytes and (unless `land` is false) completes; returns the photo's id. */
const upload = (token: string, owner: Owner, bytes: Uint8Array, land = true) =>
  uploadPhoto(token, owner, bytes, { land });

async function stationItem(id: string) {
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: { pk: `STATION#${id}`, sk: 'STATION' },
      ConsistentRead: true,
    }),
  );
  return Item!;
}

const callerOf = (user: { userId: string }, roles: Caller['roles'] = ['worker']): Caller => ({
  userId: user.userId,
  nickname: '测试用户',
  roles,
  orgPath: null,
});

/** A station of a fresh org under 张家港 and a staff member of that org. */
async function stationWithStaff() {
  const org = await freshOrg(zjg, '测试镇工会');
  const station = await storedStation({ orgPath: org });
  const staff = await freshUser({ roles: ['staff'], orgPath: org });
  return { org, station, staff };
}

describe('Service: attachPhotos (a report claims its landed photos)', () => {
  it('answers the caller’s landed photos of that report once each, in the order given', async () => {
    const worker = await freshUser();
    const owner: Owner = { kind: 'report', id: randomUUID() };
    const first = await upload(worker.token, owner, pngOf(1));
    const second = await upload(worker.token, owner, pngOf(2));
    expect(await attachPhotos(owner as never, [second, first, second], callerOf(worker))).toStrictEqual([
      second,
      first,
    ]);
    expect(await attachPhotos(owner as never, [], callerOf(worker))).toStrictEqual([]);
  });

  it('refuses, as a whole, another person’s photo, another owner’s, a missing one, one not landed, and a fourth', async () => {
    const worker = await freshUser();
    const other = await freshUser();
    const owner: Owner = { kind: 'report', id: randomUUID() };
    const mine = await upload(worker.token, owner, pngOf(3));
    const theirs = await upload(other.token, owner, pngOf(4));
    const elsewhere = await upload(worker.token, { kind: 'report', id: randomUUID() }, pngOf(5));
    const delivery = await upload(worker.token, { kind: 'delivery', id: `dl_${hex()}` }, pngOf(6));
    const pending = await upload(worker.token, owner, pngOf(7), false);
    const code = (ids: string[]) =>
      attachPhotos(owner as never, ids, callerOf(worker)).then(
        () => 'accepted',
        (error: { code?: string }) => error.code,
      );
    expect(await code([mine, theirs])).toBe('PHOTO_NOT_FOUND');
    expect(await code([mine, elsewhere])).toBe('PHOTO_NOT_FOUND');
    expect(await code([delivery])).toBe('PHOTO_NOT_FOUND');
    expect(await code([photoId()])).toBe('PHOTO_NOT_FOUND');
    expect(await code([mine, pending])).toBe('PHOTO_NOT_UPLOADED');
    expect(await code([mine, photoId(), photoId(), photoId()])).toBe('TOO_MANY_PHOTOS');
    // The other person's own photo is theirs to attach.
    expect(await attachPhotos(owner as never, [theirs], callerOf(other))).toStrictEqual([theirs]);
  });

  it('lets anyone signed in send report photos, at most 3 per person and report', async () => {
    const worker = await freshUser();
    const owner: Owner = { kind: 'report', id: randomUUID() };
    for (const n of [1, 2, 3]) await upload(worker.token, owner, pngOf(n), false);
    const fourth = await presign(worker.token, { id: photoId(), owner, contentType: 'image/png', size: 10 });
    expect(fourth).toMatchObject({ status: 409, body: { error: { code: 'TOO_MANY_PHOTOS' } } });
    expect((fourth.body as { error: { message: string } }).error.message).toContain('每次反映最多 3 张');
  });
});

describe('Handlers: getStationPhotos / updateStationPhotos', () => {
  it('round-trips a gallery through the bucket: added, shown in order on the station page, reordered', async () => {
    const { station, staff } = await stationWithStaff();
    const bytes = [pngOf(11), pngOf(12), pngOf(13)];
    const ids: string[] = [];
    for (const b of bytes) ids.push(await upload(staff.token, { kind: 'station', id: station.id }, b));

    expect(await readGallery(staff.token, station.id)).toMatchObject({
      status: 200,
      body: { photos: [], photosVersion: 0 },
    });
    const saved = await putGallery(staff.token, station.id, { photoIds: [ids[2], ids[0]], photosVersion: 0 });
    expect(saved.status).toBe(200);
    const gallery = saved.body as StationGallery;
    expect(gallery.photosVersion).toBe(1);
    expect(gallery.photos.map((p) => p.id)).toStrictEqual([ids[2], ids[0]]);
    expect(await stationItem(station.id)).toMatchObject({ photos: [ids[2], ids[0]], photosVersion: 1 });
    // The station's own version is untouched: an open edit form stays valid.
    expect((await stationItem(station.id)).version).toBe(station.version);

    const shown = await detail(station.id);
    expect(shown).toMatchObject({ status: 200, body: { id: station.id, name: station.name } });
    const photos = (shown.body as StationDetail).photos;
    expect(photos.map((p) => p.id)).toStrictEqual([ids[2], ids[0]]);
    expect((await fetchedBytes(photos[0]!.url)).equals(bytes[2]!)).toBe(true);
    expect((await fetchedBytes(photos[1]!.url)).equals(bytes[0]!)).toBe(true);
    expect(Date.parse(photos[0]!.expiresAt) - Date.now()).toBeGreaterThan(59 * 60_000);

    const reordered = await putGallery(staff.token, station.id, {
      photoIds: [ids[0], ids[1], ids[2]],
      photosVersion: 1,
    });
    expect(reordered).toMatchObject({ status: 200, body: { photosVersion: 2 } });
    const again = (await detail(station.id)).body as StationDetail;
    expect(again.photos.map((p) => p.id)).toStrictEqual([ids[0], ids[1], ids[2]]);
    expect((await fetchedBytes(again.photos[1]!.url)).equals(bytes[1]!)).toBe(true);
  });

  it('keeps a gallery saved after an edit form was read: the edit never puts the old photos back', async () => {
    const { station, staff } = await stationWithStaff();
    const id = await upload(staff.token, { kind: 'station', id: station.id }, pngOf(14));
    expect((await putGallery(staff.token, station.id, { photoIds: [id], photosVersion: 0 })).status).toBe(
      200,
    );

    // An edit built on the station as read before the gallery save (as a form or an import holds it).
    await replaceStation({ ...station, name: `${station.name}（改）` }, station, station.version);

    expect(await stationItem(station.id)).toMatchObject({
      name: `${station.name}（改）`,
      photos: [id],
      photosVersion: 1,
    });
  });

  it('forgets a removed photo: its item, its file, and its place in the sender’s nine', async () => {
    const { station, staff } = await stationWithStaff();
    const owner: Owner = { kind: 'station', id: station.id };
    const ids: string[] = [];
    for (let n = 0; n < 9; n += 1) ids.push(await upload(staff.token, owner, pngOf(n)));
    expect((await putGallery(staff.token, station.id, { photoIds: ids, photosVersion: 0 })).status).toBe(200);
    const full = await presign(staff.token, { id: photoId(), owner, contentType: 'image/png', size: 10 });
    expect(full).toMatchObject({ status: 409, body: { error: { code: 'TOO_MANY_PHOTOS' } } });

    const [gone, ...kept] = ids;
    const saved = await putGallery(staff.token, station.id, { photoIds: kept, photosVersion: 1 });
    expect(saved).toMatchObject({ status: 200, body: { photosVersion: 2 } });
    expect(await photoItem(gone!)).toBeUndefined();
    expect(await filesUnder(`photos/station/${station.id}/`)).toStrictEqual(
      kept.map((id) => `photos/station/${station.id}/${id}`).sort(),
    );
    const tenth = await upload(staff.token, owner, pngOf(20));
    const more = await putGallery(staff.token, station.id, { photoIds: [...kept, tenth], photosVersion: 2 });
    expect(more).toMatchObject({ status: 200, body: { photosVersion: 3 } });
  });

  it('refuses a stale version with 409 and changes nothing; the same edit sent again is answered alike', async () => {
    const { station, staff } = await stationWithStaff();
    const colleague = await freshUser({ roles: ['staff'], orgPath: zjg });
    const owner: Owner = { kind: 'station', id: station.id };
    const a = await upload(staff.token, owner, pngOf(1));
    const b = await upload(staff.token, owner, pngOf(2));
    const first = await putGallery(staff.token, station.id, { photoIds: [a, b], photosVersion: 0 });
    expect(first.status).toBe(200);
    // A lost answer: the phone sends the same edit again.
    expect(await putGallery(staff.token, station.id, { photoIds: [a, b], photosVersion: 0 })).toStrictEqual(
      first,
    );
    // A colleague (above, in scope) arranged the gallery from version 1; a stale editor is refused.
    expect(
      await putGallery(colleague.token, station.id, { photoIds: [b, a], photosVersion: 1 }),
    ).toMatchObject({
      status: 200,
      body: { photosVersion: 2 },
    });
    const stale = await putGallery(staff.token, station.id, { photoIds: [a], photosVersion: 1 });
    expect(stale).toMatchObject({
      status: 409,
      body: { error: { code: 'VERSION_CONFLICT', details: { currentVersion: 2 } } },
    });
    expect(await stationItem(station.id)).toMatchObject({ photos: [b, a], photosVersion: 2 });
    expect(await photoItem(b)).toMatchObject({ state: 'landed' });
  });

  it('lets exactly one of two racing edits from one version through', async () => {
    const { station, staff } = await stationWithStaff();
    const owner: Owner = { kind: 'station', id: station.id };
    const a = await upload(staff.token, owner, pngOf(1));
    const b = await upload(staff.token, owner, pngOf(2));
    const results = await Promise.all([
      putGallery(staff.token, station.id, { photoIds: [a], photosVersion: 0 }),
      putGallery(staff.token, station.id, { photoIds: [b], photosVersion: 0 }),
    ]);
    expect(results.map((r) => r.status).sort()).toStrictEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!.body as StationGallery;
    expect(await stationItem(station.id)).toMatchObject({
      photos: winner.photos.map((p) => p.id),
      photosVersion: 1,
    });
  });

  it('takes only landed photos of this station: not a colleague’s unsaved one, a delivery’s, another station’s or one still uploading', async () => {
    const { station, staff, org } = await stationWithStaff();
    const colleague = await freshUser({ roles: ['staff'], orgPath: org });
    const other = await storedStation({ orgPath: org });
    const owner: Owner = { kind: 'station', id: station.id };
    const theirs = await upload(colleague.token, owner, pngOf(1));
    const delivery = await upload(staff.token, { kind: 'delivery', id: `dl_${hex()}` }, pngOf(2));
    const otherStation = await upload(staff.token, { kind: 'station', id: other.id }, pngOf(3));
    const pending = await upload(staff.token, owner, pngOf(4), false);
    const attempt = (photoIds: string[]) =>
      putGallery(staff.token, station.id, { photoIds, photosVersion: 0 });
    for (const ids of [[theirs], [delivery], [otherStation], [photoId()]]) {
      expect(await attempt(ids)).toMatchObject({ status: 404, body: { error: { code: 'PHOTO_NOT_FOUND' } } });
    }
    expect(await attempt([pending])).toMatchObject({
      status: 409,
      body: { error: { code: 'PHOTO_NOT_UPLOADED' } },
    });
    expect(await stationItem(station.id)).toMatchObject({ photos: [] });
    // Once the colleague has saved it to the gallery, anyone in scope may keep or move it.
    expect(
      (await putGallery(colleague.token, station.id, { photoIds: [theirs], photosVersion: 0 })).status,
    ).toBe(200);
    expect(await stationItem(station.id)).toMatchObject({ photos: [theirs], photosVersion: 1 });
    const mine = await upload(staff.token, owner, pngOf(5));
    const kept = await putGallery(staff.token, station.id, { photoIds: [mine, theirs], photosVersion: 1 });
    expect(kept).toMatchObject({ status: 200, body: { photosVersion: 2 } });
    expect((kept.body as StationGallery).photos.map((p) => p.id)).toStrictEqual([mine, theirs]);
    expect(await stationItem(station.id)).toMatchObject({ photos: [mine, theirs], photosVersion: 2 });
  });

  it('is for staff in scope of the station as stored', async () => {
    const { station, staff } = await stationWithStaff();
    const beside = await freshUser({ roles: ['staff'], orgPath: sip });
    const worker = await freshUser();
    const a = await upload(staff.token, { kind: 'station', id: station.id }, pngOf(1));
    for (const [token, code] of [
      [beside.token, 'OUT_OF_SCOPE'],
      [worker.token, 'FORBIDDEN'],
    ] as const) {
      expect(await readGallery(token, station.id)).toMatchObject({ status: 403, body: { error: { code } } });
      expect(await putGallery(token, station.id, { photoIds: [a], photosVersion: 0 })).toMatchObject({
        status: 403,
        body: { error: { code } },
      });
    }
    expect(
      await putGallery(staff.token, 'st_nosuchstation1', { photoIds: [], photosVersion: 0 }),
    ).toMatchObject({
      status: 404,
      body: { error: { code: 'STATION_NOT_FOUND' } },
    });
    expect(await stationItem(station.id)).toMatchObject({ photos: [] });
  });

  it('gives the place of a photo sent a day ago and never saved to the gallery to a new one, never a shown one', async () => {
    const { station, staff } = await stationWithStaff();
    const owner: Owner = { kind: 'station', id: station.id };
    const ids: string[] = [];
    for (let n = 0; n < 9; n += 1) ids.push(await upload(staff.token, owner, pngOf(n)));
    const [unsaved, ...shown] = ids;
    expect((await putGallery(staff.token, station.id, { photoIds: shown, photosVersion: 0 })).status).toBe(
      200,
    );
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString();
    for (const id of ids) {
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
    expect(
      (await presign(staff.token, { id: fresh, owner, contentType: 'image/png', size: 10 })).status,
    ).toBe(201);
    expect(await photoItem(unsaved!)).toBeUndefined();
    expect(await filesUnder(`photos/station/${station.id}/${unsaved}`)).toStrictEqual([]);
    for (const id of shown) expect(await photoItem(id)).toMatchObject({ state: 'landed' });
    // Full again, and every photo left is on the gallery: nothing more is freed.
    expect(
      await presign(staff.token, { id: photoId(), owner, contentType: 'image/png', size: 10 }),
    ).toMatchObject({
      status: 409,
      body: { error: { code: 'TOO_MANY_PHOTOS' } },
    });
  });
});

describe('Seed: demo station photos', () => {
  it('puts a gallery of viewable PNGs on some demo stations, once', async () => {
    const seedAt = new Date();
    const storage = { endpoint: inject('s3Endpoint'), bucket: photoBucket };
    const first = await seedDemoStationPhotos(db, tableName, seedAt, storage);
    const again = await seedDemoStationPhotos(db, tableName, seedAt, storage);
    // Nothing else in this tier seeds station photos (the global seed has no bucket), so the first
    // run writes them all: 7 demo stations, 3 of 张家港's, 2 of 大新镇's and 2 of 园区's, with
    // 2 and 3 photos in turn within each org.
    const demoPhotoCount = 2 + 3 + 2 + (2 + 3) + (2 + 3);
    expect({ first, again }).toStrictEqual({ first: demoPhotoCount, again: 0 });
    const kept = await filesUnder('photos/station/');
    const demo = kept.filter((key) => key.split('/')[3]?.startsWith('ph_demo0station'));
    expect(demo).toHaveLength(demoPhotoCount);
    expect(new Set(demo.map((key) => key.split('/')[2])).size).toBe(7);
    const stationId = demo[0]!.split('/')[2]!;
    const item = await stationItem(stationId);
    expect(item.photosVersion).toBe(1);
    const shown = (await detail(stationId)).body as StationDetail;
    expect(shown.photos.map((p) => p.id)).toStrictEqual(item.photos);
    const bytes = await fetchedBytes(shown.photos[0]!.url);
    expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(
      true,
    );
    expect(bytes.length).toBe((await photoItem(shown.photos[0]!.id))!.size);
    const object = await s3.send(new GetObjectCommand({ Bucket: photoBucket, Key: demo[0]! }));
    expect(object.ContentType).toBe('image/png');
  });
});
