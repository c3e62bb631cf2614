import { randomUUID } from 'node:crypto';
import type { PhotoView, StationGallery } from '@ankang/shared';
import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it, vi } from 'vitest';
import { db, tableName } from '../../functions/src/db/client';
import { keys } from '../../functions/src/db/keys';
import { getStationById, listStationsUnderOrg } from '../../functions/src/db/stations';
import { freshUser } from './fixtures';
import { fetchedBytes, filesUnder, pngOf, putGallery, readGallery, uploadPhoto } from './photoFixtures';
import { mine, north, queue, review, suggest, suggestionArea, suggestionBody } from './suggestionFixtures';

// On the real clock, unlike suggestions.test.ts: s3rver checks a presigned URL's expiry against
// it, so links signed at a held noon would have expired by the afternoon. No test here sends more
// than two suggestions as one worker, so the daily cap (per Shanghai day) is never near.

/** This file's meridian for its areas (suggestions.test.ts keeps to 81° E). */
const PHOTO_TESTS_LNG = 84;

type View = { id: string; version: number; photos: PhotoView[]; stationId: string | null };
const suggestionOf = (answer: { body: unknown }) => (answer.body as { suggestion: View }).suggestion;
const listed = (answer: { body: unknown }) => (answer.body as { suggestions: View[] }).suggestions;

async function photoItem(id: string) {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: { pk: `PHOTO#${id}`, sk: 'PHOTO' }, ConsistentRead: true }),
  );
  return Item;
}

/** A station's item as stored, read apart from the code. */
async function stationItem(id: string) {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: keys.station(id), ConsistentRead: true }),
  );
  return Item;
}

/** The bytes a list of views shows, in order. */
const bytesOf = (views: readonly PhotoView[]) => Promise.all(views.map((view) => fetchedBytes(view.url)));

/** A worker's suggestion 1 km north of a fresh area's station, with these photos sent under its request id. */
async function suggestedWithPhotos(count: number) {
  const area = await suggestionArea(PHOTO_TESTS_LNG);
  const requestId = randomUUID();
  const pngs = Array.from({ length: count }, (_, i) => pngOf(i + 1));
  const photoIds: string[] = [];
  for (const png of pngs) {
    photoIds.push(await uploadPhoto(area.worker.token, { kind: 'suggestion', id: requestId }, png));
  }
  const body = suggestionBody({ location: north(area.center, 1000), requestId, photoIds });
  return { area, requestId, pngs, photoIds, body };
}

/** What a refused send must leave: nothing in 我的建议 and nothing in the union's queue. */
async function expectNothingStored(area: Awaited<ReturnType<typeof suggestionArea>>) {
  expect((await mine(area.worker.token)).body).toStrictEqual({ suggestions: [] });
  expect((await queue(area.townStaff.token)).body).toStrictEqual({ suggestions: [] });
}

describe('Suggestion photos: sent with the suggestion', () => {
  it('carries the photos, in order, to the suggester and the reviewing staff, and their links show the files', async () => {
    const { area, pngs, photoIds, body, requestId } = await suggestedWithPhotos(2);
    // Sent in the other order than uploaded: the suggestion keeps the order it was sent in.
    const ordered = [photoIds[1]!, photoIds[0]!];
    const created = await suggest(area.worker.token, { ...body, photoIds: ordered });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const suggestion = suggestionOf(created);
    expect(suggestion.photos.map((photo) => photo.id)).toStrictEqual(ordered);
    expect(await bytesOf(suggestion.photos)).toStrictEqual([pngs[1], pngs[0]]);

    const ownView = listed(await mine(area.worker.token));
    const staffView = listed(await queue(area.townStaff.token));
    for (const views of [ownView, staffView]) {
      expect(views.map((view) => view.id)).toStrictEqual([suggestion.id]);
      expect(views[0]!.photos.map((photo) => photo.id)).toStrictEqual(ordered);
      expect(await bytesOf(views[0]!.photos)).toStrictEqual([pngs[1], pngs[0]]);
    }
    // The files stay where the suggestion's photos are kept; nothing is under a station yet.
    expect(await filesUnder(`photos/suggestion/${requestId}/`)).toStrictEqual(
      photoIds.map((id) => `photos/suggestion/${requestId}/${id}`).sort(),
    );
  });

  it('answers a retry with the same photos with the first suggestion, and other photos under the same id as a reuse', async () => {
    const { area, body, requestId, photoIds } = await suggestedWithPhotos(1);
    const first = await suggest(area.worker.token, body);
    expect(first.status).toBe(201);
    expect(await suggest(area.worker.token, body)).toStrictEqual(first);
    const another = await uploadPhoto(area.worker.token, { kind: 'suggestion', id: requestId }, pngOf(7));
    const reused = await suggest(area.worker.token, { ...body, photoIds: [...photoIds, another] });
    expect(reused).toStrictEqual({
      status: 409,
      body: {
        error: { code: 'REQUEST_ID_REUSED', message: '该记录编号已用于另一条内容不同的记录，请重新填写提交' },
      },
    });
    expect(listed(await mine(area.worker.token)).map((view) => view.id)).toStrictEqual([
      suggestionOf(first).id,
    ]);
  });

  it('refuses the whole suggestion for a foreign, missing, unlanded or misowned photo, storing nothing', async () => {
    const area = await suggestionArea(PHOTO_TESTS_LNG);
    const requestId = randomUUID();
    const owner = { kind: 'suggestion' as const, id: requestId };
    const good = await uploadPhoto(area.worker.token, owner, pngOf(1));
    const other = await freshUser();
    const cases: [string, string, number, string][] = [
      [
        'another person’s photo under the same request id',
        await uploadPhoto(other.token, owner, pngOf(2)),
        404,
        'PHOTO_NOT_FOUND',
      ],
      ['a photo never asked for', `ph_${'0'.repeat(32)}`, 404, 'PHOTO_NOT_FOUND'],
      [
        'a photo of another suggestion',
        await uploadPhoto(area.worker.token, { kind: 'suggestion', id: randomUUID() }, pngOf(3)),
        404,
        'PHOTO_NOT_FOUND',
      ],
      [
        'a problem report’s photo',
        await uploadPhoto(area.worker.token, { kind: 'report', id: requestId }, pngOf(4)),
        404,
        'PHOTO_NOT_FOUND',
      ],
      [
        'a photo not landed',
        await uploadPhoto(area.worker.token, owner, pngOf(5), { land: false }),
        409,
        'PHOTO_NOT_UPLOADED',
      ],
    ];
    const messages = { PHOTO_NOT_FOUND: '未找到该照片', PHOTO_NOT_UPLOADED: '照片尚未上传完成，请稍后重试' };
    for (const [what, bad, status, code] of cases) {
      const answer = await suggest(
        area.worker.token,
        suggestionBody({ location: north(area.center, 1000), requestId, photoIds: [good, bad] }),
      );
      expect(answer, what).toStrictEqual({
        status,
        body: { error: { code, message: messages[code as keyof typeof messages] } },
      });
    }
    await expectNothingStored(area);
    // Nothing was counted or kept either: the same request id with its own landed photo goes through.
    const sent = await suggest(
      area.worker.token,
      suggestionBody({ location: north(area.center, 1000), requestId, photoIds: [good] }),
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(suggestionOf(sent).photos.map((photo) => photo.id)).toStrictEqual([good]);
  });

  it('refuses more than 3 photos and a photo listed twice with 400, storing nothing', async () => {
    const area = await suggestionArea(PHOTO_TESTS_LNG);
    const requestId = randomUUID();
    const ids = [1, 2, 3].map(() => `ph_${randomUUID().replace(/-/g, '')}`);
    for (const [photoIds, message] of [
      [[...ids, `ph_${'1'.repeat(32)}`], '照片最多 3 张'],
      [[ids[0], ids[0]], '照片重复'],
      [['ph_short'], '照片编号格式不正确'],
    ] as const) {
      const answer = await suggest(
        area.worker.token,
        suggestionBody({ location: north(area.center, 1000), requestId, photoIds }),
      );
      expect(answer.status).toBe(400);
      const error = (answer.body as { error: { code: string; details: { issues: { message: string }[] } } })
        .error;
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details.issues.map((issue) => issue.message)).toContain(message);
    }
    await expectNothingStored(area);
  });

  it('keeps a suggestion without photos as before: no photos', async () => {
    const area = await suggestionArea(PHOTO_TESTS_LNG);
    const created = await suggest(area.worker.token, suggestionBody({ location: north(area.center, 1000) }));
    expect(suggestionOf(created).photos).toStrictEqual([]);
  });
});

describe('Suggestion photos: approval makes them the draft station’s gallery', () => {
  it('copies them, in order, into the draft station’s gallery once, however often the approval is sent', async () => {
    const { area, pngs, photoIds, body, requestId } = await suggestedWithPhotos(3);
    const pending = suggestionOf(await suggest(area.worker.token, body));
    const answers = await Promise.all(
      [area.townStaff, area.countyStaff, area.townStaff].map((staff) =>
        review(staff.token, pending.id, { version: 1, decision: 'approve' }),
      ),
    );
    for (const answer of answers) expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const stationId = suggestionOf(answers[0]!).stationId!;
    // And a late retry.
    expect((await review(area.townStaff.token, pending.id, { version: 1, decision: 'approve' })).status).toBe(
      200,
    );

    const station = await stationItem(stationId);
    expect(station).toMatchObject({ photosVersion: 1, version: 1 });
    const galleryIds = station!.photos as string[];
    expect(galleryIds).toHaveLength(3);
    // The station's own photos: landed, owned by the station, sent by the suggester, none the originals.
    for (const id of galleryIds) {
      expect(photoIds).not.toContain(id);
      expect(await photoItem(id)).toMatchObject({
        owner: { kind: 'station', id: stationId },
        state: 'landed',
        uploaderUserId: area.worker.userId,
      });
    }
    expect(await filesUnder(`photos/station/${stationId}/`)).toStrictEqual(
      galleryIds.map((id) => `photos/station/${stationId}/${id}`).sort(),
    );
    // What staff see on the gallery editor is the suggester's photos, in the suggester's order.
    const gallery = await readGallery(area.townStaff.token, stationId);
    expect(gallery.status).toBe(200);
    const views = (gallery.body as StationGallery).photos;
    expect(views.map((view) => view.id)).toStrictEqual(galleryIds);
    expect(await bytesOf(views)).toStrictEqual(pngs);
    // The suggestion keeps its own photos for the suggester.
    const own = listed(await mine(area.worker.token))[0]!;
    expect(own.photos.map((photo) => photo.id)).toStrictEqual(photoIds);
    expect(await filesUnder(`photos/suggestion/${requestId}/`)).toHaveLength(3);
  });

  it('makes one station and one gallery when two approvals race on reads that lag the writes', async () => {
    const { area, pngs, body } = await suggestedWithPhotos(2);
    const pending = suggestionOf(await suggest(area.worker.token, body));
    const stationId = `st_${pending.id.slice(3)}`;
    // DynamoDB Local reads its own writes; AWS's default (eventually consistent) reads may not. Here
    // no such read of the draft station finds it, as one may just after its insert.
    const send = db.send.bind(db);
    const lagging = vi.spyOn(db, 'send').mockImplementation((async (command: unknown) => {
      const stale =
        command instanceof GetCommand &&
        !command.input.ConsistentRead &&
        command.input.Key?.pk === keys.station(stationId).pk;
      return stale ? { $metadata: {} } : send(command as never);
    }) as never);
    const answers = await Promise.all(
      [area.townStaff, area.countyStaff].map((staff) =>
        review(staff.token, pending.id, { version: 1, decision: 'approve' }),
      ),
    ).finally(() => lagging.mockRestore());

    // Whichever decided first, the other is the same decision and is answered with it.
    for (const answer of answers) expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(suggestionOf(answers[1]!)).toStrictEqual(suggestionOf(answers[0]!));
    expect(suggestionOf(answers[0]!)).toMatchObject({ state: 'approved', stationId, version: 2 });
    // One station more in the town: the draft, beside the area's own.
    const { stations } = await listStationsUnderOrg(area.town, {}, { limit: 10 });
    expect(stations.map((station) => station.id).sort()).toStrictEqual([area.station.id, stationId].sort());
    // One gallery, set once, of one copy of each photo.
    const station = await stationItem(stationId);
    expect(station).toMatchObject({ version: 1, photosVersion: 1 });
    const galleryIds = station!.photos as string[];
    expect(galleryIds).toHaveLength(2);
    expect(await filesUnder(`photos/station/${stationId}/`)).toStrictEqual(
      galleryIds.map((id) => `photos/station/${stationId}/${id}`).sort(),
    );
    const gallery = (await readGallery(area.townStaff.token, stationId)).body as StationGallery;
    expect(await bytesOf(gallery.photos)).toStrictEqual(pngs);
  });

  it('makes the gallery on a retried approval when the first left the station missing', async () => {
    const { area, pngs, body } = await suggestedWithPhotos(2);
    const pending = suggestionOf(await suggest(area.worker.token, body));
    const stationId = suggestionOf(
      await review(area.townStaff.token, pending.id, { version: 1, decision: 'approve' }),
    ).stationId!;
    await db.send(new DeleteCommand({ TableName: tableName, Key: keys.station(stationId) }));
    expect(await getStationById(stationId)).toBeNull();
    expect((await review(area.townStaff.token, pending.id, { version: 1, decision: 'approve' })).status).toBe(
      200,
    );
    const gallery = (await readGallery(area.townStaff.token, stationId)).body as StationGallery;
    expect(gallery.photosVersion).toBe(1);
    expect(await bytesOf(gallery.photos)).toStrictEqual(pngs);
  });

  it('never overwrites a gallery staff arranged after the approval', async () => {
    const { area, pngs, body } = await suggestedWithPhotos(2);
    const pending = suggestionOf(await suggest(area.worker.token, body));
    const stationId = suggestionOf(
      await review(area.townStaff.token, pending.id, { version: 1, decision: 'approve' }),
    ).stationId!;
    const first = (await readGallery(area.townStaff.token, stationId)).body as StationGallery;
    // Staff keep only the second photo.
    const kept = await putGallery(area.townStaff.token, stationId, {
      photoIds: [first.photos[1]!.id],
      photosVersion: 1,
    });
    expect(kept.status, JSON.stringify(kept.body)).toBe(200);
    expect(
      (await review(area.countyStaff.token, pending.id, { version: 1, decision: 'approve' })).status,
    ).toBe(200);
    const after = (await readGallery(area.townStaff.token, stationId)).body as StationGallery;
    expect(after.photosVersion).toBe(2);
    expect(after.photos.map((photo) => photo.id)).toStrictEqual([first.photos[1]!.id]);
    expect(await bytesOf(after.photos)).toStrictEqual([pngs[1]]);
    // The removed photo's item and file went with the gallery edit; the retry did not bring them back.
    expect(await photoItem(first.photos[0]!.id)).toBeUndefined();
    expect(await filesUnder(`photos/station/${stationId}/`)).toStrictEqual([
      `photos/station/${stationId}/${first.photos[1]!.id}`,
    ]);
  });

  it('gives a declined suggestion’s photos to no station', async () => {
    const { area, body } = await suggestedWithPhotos(1);
    const pending = suggestionOf(await suggest(area.worker.token, body));
    const declined = await review(area.townStaff.token, pending.id, {
      version: 1,
      decision: 'decline',
      reason: '该处不对外开放',
    });
    expect(declined.status).toBe(200);
    expect(await filesUnder(`photos/station/st_${pending.id.slice(3)}/`)).toStrictEqual([]);
    expect(suggestionOf(declined).photos).toHaveLength(1);
  });
});
