import { randomUUID } from 'node:crypto';
import type { StationDetail, StationGallery } from '@ankang/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngOf } from '../support/pngs';
import { placeOfFile } from '../support/testPlaces';
import { expectRefused, loginAsDemo, request, uploadPhoto as upload } from './http';
import { createStation } from './stationHelpers';
import { freshApiUser, storedItem, table } from './table';

/**
 * A station's gallery over real HTTP (serverless-offline, DynamoDB Local, s3rver): the whole edit
 * as a phone does it, and the attacks — no token, wrong role, orgs beside and below, forged ids,
 * another owner's photos, too many, malformed and huge bodies, a stale version, a retry, a race.
 * Every refusal is a declared 4xx with a Chinese message and leaves the gallery as it was.
 */

const _ZJG = '320000/320500/320582';
afterAll(() => table.destroy());

const hex = () => randomUUID().replace(/-/g, '');
const photoId = () => `ph_${hex()}`;

const storedStation = async (id: string) => (await storedItem(`STATION#${id}`, 'STATION'))!;
const storedPhoto = (id: string) => storedItem(`PHOTO#${id}`, 'PHOTO');

const gallery = (token: string | undefined, id: string) =>
  request('GET', `/staff/stations/${id}/photos`, { token });
const setGallery = (token: string | undefined, id: string, body: unknown) =>
  request('PUT', `/staff/stations/${id}/photos`, { token, body });

let liMin: string;
/** A station of 张家港's own union made for this file, at its own place, so no other test sees its gallery move. */
const newZjgStation = async () =>
  (
    await createStation(liMin, placeOfFile(import.meta.url), {
      name: `照片测试驿站${randomUUID().slice(0, 6)}`,
    })
  ).id;

beforeAll(async () => {
  liMin = await loginAsDemo('李敏');
});

describe('API: station gallery', () => {
  it('adds, orders and removes photos as a phone does; the station page shows them in that order', async () => {
    const stationId = await newZjgStation();
    const owner = { kind: 'station', id: stationId };
    const bytes = [pngOf(1), pngOf(2), pngOf(3)];
    const ids: string[] = [];
    for (const b of bytes) ids.push(await upload(liMin, owner, b));
    expect(await gallery(liMin, stationId)).toMatchObject({
      status: 200,
      body: { photos: [], photosVersion: 0 },
    });

    const saved = await setGallery(liMin, stationId, {
      photoIds: [ids[1], ids[0], ids[2]],
      photosVersion: 0,
    });
    expect(saved).toMatchObject({ status: 200, body: { photosVersion: 1 } });
    expect((saved.body as StationGallery).photos.map((p) => p.id)).toStrictEqual([ids[1], ids[0], ids[2]]);
    expect(await storedStation(stationId)).toMatchObject({
      photos: [ids[1], ids[0], ids[2]],
      photosVersion: 1,
    });

    const page = await request('GET', `/stations/${stationId}`);
    expect(page).toMatchObject({ status: 200, body: { id: stationId } });
    const photos = (page.body as StationDetail).photos;
    expect(photos.map((p) => p.id)).toStrictEqual([ids[1], ids[0], ids[2]]);
    for (const [index, photo] of photos.entries()) {
      const file = await fetch(photo.url);
      expect(file.status).toBe(200);
      const expected = bytes[[1, 0, 2][index]!]!;
      expect(Buffer.from(await file.arrayBuffer()).equals(expected)).toBe(true);
    }

    const removed = await setGallery(liMin, stationId, { photoIds: [ids[2], ids[1]], photosVersion: 1 });
    expect(removed).toMatchObject({ status: 200, body: { photosVersion: 2 } });
    expect(await storedPhoto(ids[0]!)).toBeUndefined();
    expect(await gallery(liMin, stationId)).toMatchObject({
      body: { photos: [{ id: ids[2] }, { id: ids[1] }], photosVersion: 2 },
    });
    // The form version is the station's own: an edit form opened before still saves.
    expect((await storedStation(stationId)).version).toBe(1);
  });

  it('is refused without a token, to workers and volunteers, and to staff beside or below the station’s org', async () => {
    const stationId = await newZjgStation();
    const mine = await upload(liMin, { kind: 'station', id: stationId }, pngOf(4));
    const body = { photoIds: [mine], photosVersion: 0 };
    expectRefused(await gallery(undefined, stationId), 401, 'UNAUTHENTICATED');
    expectRefused(await setGallery(undefined, stationId, body), 401, 'UNAUTHENTICATED');
    const refusals: Array<[string, Promise<string>, string]> = [
      ['a worker', freshApiUser('ok').then((s) => s.token), 'FORBIDDEN'],
      ['a volunteer', loginAsDemo('赵磊'), 'FORBIDDEN'],
      ['staff of 苏州工业园区 (beside)', loginAsDemo('沈佳怡'), 'OUT_OF_SCOPE'],
      ['staff of 大新镇 (below)', loginAsDemo('顾晓东'), 'OUT_OF_SCOPE'],
    ];
    for (const [label, tokenPromise, code] of refusals) {
      const token = await tokenPromise;
      const read = await gallery(token, stationId);
      const write = await setGallery(token, stationId, body);
      expect({ label, read: read.status, write: write.status }).toStrictEqual({
        label,
        read: 403,
        write: 403,
      });
      expectRefused(write, 403, code);
    }
    expect(await storedStation(stationId)).toMatchObject({ photos: [] });
    // 苏州's staff (above) may, with a photo of their own (李敏's unsaved one is not theirs to add).
    const chen = await loginAsDemo('陈刚');
    expectRefused(await setGallery(chen, stationId, body), 404, 'PHOTO_NOT_FOUND');
    const theirs = await upload(chen, { kind: 'station', id: stationId }, pngOf(12));
    expect(await setGallery(chen, stationId, { photoIds: [theirs], photosVersion: 0 })).toMatchObject({
      status: 200,
      body: { photosVersion: 1 },
    });
    expect(await storedStation(stationId)).toMatchObject({ photos: [theirs], photosVersion: 1 });
  });

  it('refuses photos that are not this station’s or not the caller’s: a delivery’s, a report’s, another station’s, a colleague’s unsaved one, a made-up one', async () => {
    const stationId = await newZjgStation();
    const otherStation = await newZjgStation();
    const worker = (await freshApiUser('ok')).token;
    const chen = await loginAsDemo('陈刚');
    const foreign = [
      await upload(worker, { kind: 'delivery', id: `dl_${hex()}` }, pngOf(5)),
      await upload(worker, { kind: 'report', id: randomUUID() }, pngOf(6)),
      await upload(liMin, { kind: 'station', id: otherStation }, pngOf(7)),
      await upload(chen, { kind: 'station', id: stationId }, pngOf(8)),
      photoId(),
    ];
    for (const id of foreign) {
      expectRefused(
        await setGallery(liMin, stationId, { photoIds: [id], photosVersion: 0 }),
        404,
        'PHOTO_NOT_FOUND',
      );
    }
    expect(await storedStation(stationId)).toMatchObject({ photos: [] });
    for (const id of foreign.slice(0, 4)) expect(await storedPhoto(id)).toMatchObject({ state: 'landed' });
  });

  it('refuses malformed, oversized and forged input with 400/404/413, changing nothing', async () => {
    const stationId = await newZjgStation();
    const id = await upload(liMin, { kind: 'station', id: stationId }, pngOf(9));
    const bad: Array<[string, unknown]> = [
      ['no body fields', {}],
      ['ids not a list', { photoIds: id, photosVersion: 0 }],
      ['ten ids', { photoIds: Array.from({ length: 10 }, photoId), photosVersion: 0 }],
      ['the same id twice', { photoIds: [id, id], photosVersion: 0 }],
      ['a key separator in an id', { photoIds: [`${id}#x`], photosVersion: 0 }],
      ['a negative version', { photoIds: [id], photosVersion: -1 }],
      ['a version as text', { photoIds: [id], photosVersion: '0' }],
      // ~42 KB: within the body cap, so the schema refuses it (nine at most).
      ['a long list', { photoIds: Array.from({ length: 1000 }, photoId), photosVersion: 0 }],
    ];
    for (const [label, body] of bad) {
      const answer = await setGallery(liMin, stationId, body);
      expect({ label, status: answer.status }).toStrictEqual({ label, status: 400 });
      expectRefused(answer, 400, 'VALIDATION_FAILED');
    }
    // ~200 KB: past the 64 KB a route takes, refused before it is read.
    const huge = { photoIds: Array.from({ length: 5000 }, photoId), photosVersion: 0 };
    expect(await setGallery(liMin, stationId, huge)).toStrictEqual({
      status: 413,
      body: { error: { code: 'PAYLOAD_TOO_LARGE', message: '提交的内容过大（最大 64 KB），请精简后重试' } },
      headers: expect.any(Headers),
    });
    expectRefused(
      await request('PUT', `/staff/stations/${stationId}/photos`, { token: liMin, rawBody: '{"photoIds":' }),
      400,
      'MALFORMED_JSON',
    );
    const forged: Array<[string, number, string]> = [
      ['st_nosuchstation1', 404, 'STATION_NOT_FOUND'],
      ['st_..%2F..', 400, 'VALIDATION_FAILED'],
      [`st_${'a'.repeat(300)}`, 400, 'VALIDATION_FAILED'],
    ];
    for (const [id, status, code] of forged) {
      expectRefused(await setGallery(liMin, id, { photoIds: [], photosVersion: 0 }), status, code);
    }
    expect(await storedStation(stationId)).toMatchObject({ photos: [] });
  });

  it('answers a stale version 409 and a resent edit alike, and lets one of racing edits through', async () => {
    const stationId = await newZjgStation();
    const owner = { kind: 'station', id: stationId };
    const a = await upload(liMin, owner, pngOf(10));
    const b = await upload(liMin, owner, pngOf(11));
    const first = await setGallery(liMin, stationId, { photoIds: [a, b], photosVersion: 0 });
    expect(first.status).toBe(200);
    expect(await setGallery(liMin, stationId, { photoIds: [a, b], photosVersion: 0 })).toMatchObject({
      status: 200,
      body: first.body as object,
    });
    const stale = await setGallery(liMin, stationId, { photoIds: [b], photosVersion: 0 });
    expectRefused(stale, 409, 'VERSION_CONFLICT');
    expect(await storedPhoto(a)).toMatchObject({ state: 'landed' });

    const raced = await Promise.all(
      [[b, a], [a], [b], []].map((photoIds) => setGallery(liMin, stationId, { photoIds, photosVersion: 1 })),
    );
    expect(raced.map((r) => r.status).sort()).toStrictEqual([200, 409, 409, 409]);
    const winner = (raced.find((r) => r.status === 200)!.body as StationGallery).photos.map((p) => p.id);
    expect(await storedStation(stationId)).toMatchObject({ photos: winner, photosVersion: 2 });
  });

  it('keeps a gallery to nine photos', async () => {
    const stationId = await newZjgStation();
    const owner = { kind: 'station', id: stationId };
    const ids: string[] = [];
    for (let n = 0; n < 9; n += 1) ids.push(await upload(liMin, owner, pngOf(n)));
    expect((await setGallery(liMin, stationId, { photoIds: ids, photosVersion: 0 })).status).toBe(200);
    expect(await storedStation(stationId)).toMatchObject({ photos: ids, photosVersion: 1 });
    const tenth = await request('POST', '/photos/uploads', {
      token: liMin,
      body: { id: photoId(), owner, contentType: 'image/png', size: 100 },
    });
    expectRefused(tenth, 409, 'TOO_MANY_PHOTOS');
  });
});
