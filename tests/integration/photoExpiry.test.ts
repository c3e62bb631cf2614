import { randomUUID } from 'node:crypto';
import type { StationGallery } from '@ankang/shared';
import { GetObjectTaggingCommand } from '@aws-sdk/client-s3';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { db, tableName } from '../../functions/src/db/client';
import { photoKeys } from '../../functions/src/db/keys';
import { copyObject, tagObject } from '../../functions/src/db/objectStore';
import { checkPhotos, claimPhotos, releasePhotoClaims } from '../../functions/src/services/photos';
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
import {
  mine as mySuggestions,
  north,
  review,
  suggest,
  suggestionArea,
  suggestionBody,
} from './suggestionFixtures';

// The copy of a file is wrapped (and otherwise unchanged) so one test can hold a staff gallery save
// between the approval's check of the draft station's gallery and its gallery write: a real race, on
// cue. Tagging likewise, so a photo can change between a write's check and its transaction.
vi.mock('../../functions/src/db/objectStore', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../functions/src/db/objectStore')>();
  return { ...actual, copyObject: vi.fn(actual.copyObject), tagObject: vi.fn(actual.tagObject) };
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

/** Sets a photo's stored expiry to a minute ago, as if its day had passed. */
async function expire(id: string): Promise<number> {
  const past = Math.floor(Date.now() / 1000) - 60;
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: photoKeys.photo(id),
      UpdateExpression: 'SET expiresAt = :past',
      ExpressionAttributeValues: { ':past': past },
    }),
  );
  return past;
}

/** The photo-state values tagged since `from` calls of tagObject, in order. */
const tagsSince = (from: number) =>
  vi
    .mocked(tagObject)
    .mock.calls.slice(from)
    .map(([, tags]) => tags['photo-state']);

/**
 * Runs `during` right after the next tagging (the claim before a write, or a release's), so the photo
 * changes between a check and the write that acts on it: a real race, on cue.
 */
function onNextTag(during: () => Promise<void>) {
  const plain = vi.mocked(tagObject).getMockImplementation()!;
  vi.mocked(tagObject).mockImplementationOnce(async (key, tags) => {
    await plain(key, tags);
    await during();
  });
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

  it('lands a delivery photo’s file with no tag: only a worker photo may expire', async () => {
    const worker = await freshUser();
    const owner = { kind: 'delivery' as const, id: `dl_${randomUUID().replace(/-/g, '')}` };
    const id = await uploadPhoto(worker.token, owner, pngOf(7));
    expect(await tagsOf(`photos/delivery/${owner.id}/${id}`)).toStrictEqual({});
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
    const past = await expire(id);
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

describe('Photo expiry: a write that does not take its claimed photos gives them back', () => {
  it('re-tags a report’s photo unattached when the report is refused after the claim (one per problem)', async () => {
    const org = await freshOrg('320000/320500/320582');
    const station = await storedStation({ orgPath: org });
    const worker = await freshUser();
    const first = await report(worker.token, station.id, { kind: 'noWater', requestId: randomUUID() });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const requestId = randomUUID();
    const id = await uploadPhoto(worker.token, { kind: 'report', id: requestId }, pngOf(8));
    const expiresAt = (await photoItem(id))?.expiresAt;
    const before = vi.mocked(tagObject).mock.calls.length;

    const refused = await report(worker.token, station.id, { kind: 'noWater', requestId, photoIds: [id] });
    expect(refused).toStrictEqual({
      status: 429,
      body: {
        error: { code: 'RATE_LIMITED', message: '您已反映过该驿站的这类问题，工会正在处理，请勿重复提交' },
      },
    });
    // Claimed before the write (tagged attached), then given back: the bucket may drop it again.
    expect(tagsSince(before)).toStrictEqual(['attached', 'unattached']);
    expect(await tagsOf(`photos/report/${requestId}/${id}`)).toStrictEqual({ 'photo-state': 'unattached' });
    expect((await photoItem(id))?.expiresAt).toBe(expiresAt);
  });

  it('refuses a report whose photo expired between the check and the write, storing nothing', async () => {
    const org = await freshOrg('320000/320500/320582');
    const station = await storedStation({ orgPath: org });
    const worker = await freshUser();
    const requestId = randomUUID();
    const id = await uploadPhoto(worker.token, { kind: 'report', id: requestId }, pngOf(9));
    let past = 0;
    // checkPhotos passed it; the claim tags it, and then its day passes before the transaction.
    onNextTag(async () => {
      past = await expire(id);
    });
    const refused = await report(worker.token, station.id, { kind: 'noWater', requestId, photoIds: [id] });
    expect(refused).toStrictEqual({
      status: 404,
      body: { error: { code: 'PHOTO_NOT_FOUND', message: '未找到该照片' } },
    });
    expect((await myReports(worker.token)).reports).toStrictEqual([]);
    expect(await photoItem(id)).toMatchObject({ state: 'landed', version: 2, expiresAt: past });
    expect(await tagsOf(`photos/report/${requestId}/${id}`)).toStrictEqual({ 'photo-state': 'unattached' });
    // Nothing held the problem either: the same worker may report it with a proper photo.
    const again = randomUUID();
    const fresh = await uploadPhoto(worker.token, { kind: 'report', id: again }, pngOf(10));
    const filed = await report(worker.token, station.id, {
      kind: 'noWater',
      requestId: again,
      photoIds: [fresh],
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  });

  it('refuses a suggestion whose photo expired between the check and the write, storing nothing', async () => {
    const area = await suggestionArea(EXPIRY_TESTS_LNG);
    const requestId = randomUUID();
    const id = await uploadPhoto(area.worker.token, { kind: 'suggestion', id: requestId }, pngOf(11));
    onNextTag(async () => {
      await expire(id);
    });
    const refused = await suggest(
      area.worker.token,
      suggestionBody({ location: north(area.center, 1000), requestId, photoIds: [id] }),
    );
    expect(refused).toStrictEqual({
      status: 404,
      body: { error: { code: 'PHOTO_NOT_FOUND', message: '未找到该照片' } },
    });
    expect((await mySuggestions(area.worker.token)).body).toStrictEqual({ suggestions: [] });
    expect(await tagsOf(`photos/suggestion/${requestId}/${id}`)).toStrictEqual({
      'photo-state': 'unattached',
    });
  });

  it('bumps a photo’s version and time when a write takes it', async () => {
    const area = await suggestionArea(EXPIRY_TESTS_LNG);
    const requestId = randomUUID();
    const id = await uploadPhoto(area.worker.token, { kind: 'suggestion', id: requestId }, pngOf(12));
    const landed = await photoItem(id);
    const sent = await suggest(
      area.worker.token,
      suggestionBody({ location: north(area.center, 1000), requestId, photoIds: [id] }),
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const taken = await photoItem(id);
    expect(taken?.version).toBe((landed?.version as number) + 1);
    expect(Date.parse(taken?.updatedAt as string)).toBeGreaterThanOrEqual(
      Date.parse(landed?.updatedAt as string),
    );
    expect(taken?.updatedAt).not.toBe(landed?.updatedAt);
  });

  it('tags attached again a photo the same request’s write took while the release was under way', async () => {
    const worker = await freshUser();
    const requestId = randomUUID();
    const owner = { kind: 'report' as const, id: requestId };
    const id = await uploadPhoto(worker.token, owner, pngOf(13));
    const caller = { userId: worker.userId, nickname: '测试用户', roles: ['worker' as const], orgPath: null };
    const checked = await checkPhotos(owner, [id], caller);
    await claimPhotos(checked, new Date());
    // The release reads the photo unclaimed and tags it unattached; right then a twin request's
    // write takes it (its transaction removes the expiry).
    onNextTag(async () => {
      await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key: photoKeys.photo(id),
          UpdateExpression: 'REMOVE expiresAt',
        }),
      );
    });
    const before = vi.mocked(tagObject).mock.calls.length;
    await releasePhotoClaims(checked);
    expect(tagsSince(before)).toStrictEqual(['unattached', 'attached']);
    expect(await tagsOf(`photos/report/${requestId}/${id}`)).toStrictEqual({ 'photo-state': 'attached' });
  });
});

describe('Photo expiry: copies made on approval', () => {
  it('carry no tag of their own original (attached): a station photo never expires by tag', async () => {
    const area = await suggestionArea(EXPIRY_TESTS_LNG);
    const requestId = randomUUID();
    const original = await uploadPhoto(area.worker.token, { kind: 'suggestion', id: requestId }, pngOf(14));
    const sent = await suggest(
      area.worker.token,
      suggestionBody({ location: north(area.center, 1000), requestId, photoIds: [original] }),
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const suggestionId = (sent.body as { suggestion: { id: string } }).suggestion.id;
    const approved = await review(area.townStaff.token, suggestionId, { version: 1, decision: 'approve' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const stationId = `st_${suggestionId.slice(3)}`;
    const copy = `photos/station/${stationId}/${draftPhotoIdOf(original)}`;
    expect(await filesUnder(`photos/station/${stationId}/`)).toStrictEqual([copy]);
    expect(await tagsOf(copy)).toStrictEqual({});
    expect(await tagsOf(`photos/suggestion/${requestId}/${original}`)).toStrictEqual({
      'photo-state': 'attached',
    });
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
