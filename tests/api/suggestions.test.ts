import { randomInt, randomUUID } from 'node:crypto';
import type { PhotoView, StationGallery } from '@ankang/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoPhotoPng } from '../../functions/local/demoPhotos';
import { suggestionKeys } from '../../functions/src/db/keys';
import { pngOf } from '../support/pngs';
import { expectRefused, loginAsDemo, request, uploadPhoto } from './http';
import { createStation } from './stationHelpers';
import { freshApiUser, putOrg, storedItem } from './table';

/**
 * The suggestion routes over real HTTP, attacked: no token, workers on staff routes, staff beside
 * (a prefix sibling …/32058 beside …/320582) and below, forged ids and cursors, mass assignment,
 * huge and malformed bodies, foreign photos, retried and raced writes. Answers are compared whole.
 */

/** Metres per degree of latitude on the app's sphere (R = 6,371,000 m): a meridian arc. */
const M_PER_DEG_LAT = (6_371_000 * Math.PI) / 180;

// A tree and a place of this file's own (the strip at 79.5° E, which testPlaces.ts leaves to the
// suggestion tests: no demo or other test stations within 20 km). A second town 55 km north holds
// the paging test's suggestions, so its queue holds nothing else.
const root = `9${String(randomInt(100_000)).padStart(5, '0')}`;
const short = `${root}/32058`;
const county = `${root}/320582`;
const town = `${county}/town`;
const pagingTown = `${county}/paging`;
const center = { lat: 32 + randomInt(3000) / 1000, lng: 79.5 };
const pagingCenter = { lat: center.lat + 0.5, lng: center.lng };
const north = (metres: number, from = center) => ({ lat: from.lat + metres / M_PER_DEG_LAT, lng: from.lng });

const orgNames: Record<string, string> = {
  [county]: '建议测试乙县总工会',
  [town]: '建议测试镇工会',
  [pagingTown]: '建议测试翻页镇工会',
};

/** A fresh WeChat user; with `orgPath`, made staff there by writing the role into their user item. */
const user = (orgPath?: string) => freshApiUser('sg', orgPath);

const stored = (id: string) => {
  const { pk, sk } = suggestionKeys.suggestion(id);
  return storedItem(pk, sk);
};

type SentBody = {
  name: string;
  address: string;
  location: { lat: number; lng: number };
  amenities: string[];
  requestId: string;
  photoIds?: string[];
  confirmNearby?: boolean;
};

const body = (metres: number, extra: Record<string, unknown> = {}, from = center): SentBody => ({
  name: '快递小哥歇脚点',
  address: '狮泉河镇 3 号',
  location: north(metres, from),
  amenities: ['water'],
  requestId: randomUUID(),
  ...extra,
});

type Suggestion = {
  id: string;
  version: number;
  state: string;
  orgPath: string;
  stationId: string | null;
  createdAt: string;
  decidedAt: string | null;
  photos: PhotoView[];
};
const suggestionOf = (answer: { body: unknown }) => (answer.body as { suggestion: Suggestion }).suggestion;
const listed = (answer: { body: unknown }) =>
  (answer.body as { suggestions: Suggestion[] }).suggestions.map((s) => s.id);

/**
 * The whole view of a pending suggestion made from `sent` (no host type or note) at `orgPath`, with
 * what only the server knows (its id, its time, its photo links) taken from `answer`.
 */
function pendingView(sent: SentBody, answer: Suggestion, orgPath: string) {
  return {
    id: answer.id,
    name: sent.name,
    address: sent.address,
    location: sent.location,
    amenities: sent.amenities,
    state: 'pending',
    orgPath,
    orgName: orgNames[orgPath]!,
    nearStation: null,
    stationId: null,
    declineReason: null,
    photos: answer.photos,
    decidedAt: null,
    createdAt: answer.createdAt,
    updatedAt: answer.createdAt,
    version: 1,
  };
}

/** Ids newest first, the same instant broken by id (both descending), worked out from the answers. */
function newestFirst(suggestions: readonly Suggestion[]): string[] {
  return [...suggestions]
    .sort((a, b) => (`${a.createdAt}#${a.id}` < `${b.createdAt}#${b.id}` ? 1 : -1))
    .map((s) => s.id);
}

/** Every photo link works and shows exactly these files, in order. */
async function expectPhotoFiles(photos: readonly PhotoView[], files: readonly Uint8Array[]) {
  const bytes = await Promise.all(
    photos.map(async (photo) => {
      const response = await fetch(photo.url);
      expect(response.status).toBe(200);
      return Buffer.from(await response.arrayBuffer());
    }),
  );
  expect(bytes).toStrictEqual(files.map((file) => Buffer.from(file)));
}

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/**
 * The API counts suggestions per Shanghai day on its own (real) clock, which a test cannot hold:
 * a test that needs all its sends on one day waits out the last `marginMs` of a day first.
 */
async function awayFromShanghaiMidnight(marginMs: number): Promise<void> {
  const left = DAY_MS - ((Date.now() + SHANGHAI_OFFSET_MS) % DAY_MS);
  if (left < marginMs) await new Promise((resolve) => setTimeout(resolve, left + 1000));
}

let countyStaff: { token: string; id: string };
let townStaff: { token: string; id: string };
let shortStaff: { token: string; id: string };
let pagingStaff: { token: string; id: string };
let station: { id: string; name: string };

async function stationAt(orgPath: string, location: { lat: number; lng: number }, name: string) {
  const { id } = await createStation(countyStaff.token, location, {
    name,
    address: '狮泉河镇 1 号',
    district: '噶尔县',
    orgPath,
  });
  return { id, name };
}

beforeAll(async () => {
  await putOrg(root, null, '建议测试省总工会', 'province');
  await putOrg(short, root, '建议测试甲县总工会', 'county');
  await putOrg(county, root, orgNames[county]!, 'county');
  await putOrg(town, county, orgNames[town]!, 'town');
  await putOrg(pagingTown, county, orgNames[pagingTown]!, 'town');
  [countyStaff, townStaff, shortStaff, pagingStaff] = await Promise.all([
    user(county),
    user(town),
    user(short),
    user(pagingTown),
  ]);
  const tag = randomUUID().slice(0, 4);
  station = await stationAt(town, center, `建议测试驿站${tag}`);
  await stationAt(pagingTown, pagingCenter, `建议翻页驿站${tag}`);
});

describe('API: a worker suggests a station with photos and staff approve it', () => {
  it('walks upload → suggest → queue → approve → paused draft station with the photos as its gallery → 我的建议', async () => {
    const worker = await user();
    const requestId = randomUUID();
    const pngs = [pngOf(1), pngOf(2)];
    const photoIds: string[] = [];
    for (const png of pngs)
      photoIds.push(await uploadPhoto(worker.token, { kind: 'suggestion', id: requestId }, png));
    const sentBody = body(1500, { requestId, photoIds });
    const sent = await request('POST', '/suggestions', { token: worker.token, body: sentBody });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const suggestion = suggestionOf(sent);
    expect(suggestion).toStrictEqual(pendingView(sentBody, suggestion, town));
    expect(suggestion.id).toMatch(/^sg_[0-9a-f]{24}$/);
    expect(suggestion.photos.map((photo) => photo.id)).toStrictEqual(photoIds);
    await expectPhotoFiles(suggestion.photos, pngs);

    for (const staff of [townStaff, countyStaff]) {
      const queued = await request('GET', '/staff/suggestions', { token: staff.token });
      expect(queued.status).toBe(200);
      const mine = (queued.body as { suggestions: Suggestion[] }).suggestions.find(
        (s) => s.id === suggestion.id,
      );
      expect(mine).toStrictEqual(suggestion);
    }
    const approved = await request('POST', `/staff/suggestions/${suggestion.id}/review`, {
      token: countyStaff.token,
      body: { version: 1, decision: 'approve' },
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const stationId = `st_${suggestion.id.slice(3)}`;
    const decided = suggestionOf(approved);
    expect(decided).toStrictEqual({
      ...suggestion,
      state: 'approved',
      stationId,
      decidedAt: decided.decidedAt,
      updatedAt: decided.decidedAt,
      version: 2,
    });
    const decidedAt = Date.parse(decided.decidedAt!);
    expect(decidedAt).toBeGreaterThanOrEqual(Date.parse(suggestion.createdAt));
    expect(decidedAt).toBeLessThanOrEqual(Date.now());

    const draft = await request('GET', `/staff/stations/${stationId}`, { token: townStaff.token });
    expect(draft).toMatchObject({
      status: 200,
      body: {
        id: stationId,
        name: '快递小哥歇脚点',
        address: '狮泉河镇 3 号',
        district: '建议测试乙县总工会 建议测试镇工会',
        orgPath: town,
        hostType: 'other',
        amenities: ['water'],
        status: { state: 'temporarilyClosed', reason: '资料待完善（职工建议新增）' },
        open: false,
        version: 1,
      },
    });
    const gallery = await request('GET', `/staff/stations/${stationId}/photos`, { token: townStaff.token });
    expect(gallery.status).toBe(200);
    const views = (gallery.body as StationGallery).photos;
    expect((gallery.body as StationGallery).photosVersion).toBe(1);
    expect(views).toHaveLength(2);
    await expectPhotoFiles(views, pngs);
    expect((await request('GET', '/me/suggestions', { token: worker.token })).body).toStrictEqual({
      suggestions: [decided],
    });
  });
});

describe('API: suggestion attacks', () => {
  it('answers every route without a token with 401 and staff routes to a worker with 403', async () => {
    const worker = await user();
    const id = `sg_${'a'.repeat(24)}`;
    for (const [method, path, payload] of [
      ['POST', '/suggestions', body(1000)],
      ['GET', '/me/suggestions', undefined],
      ['GET', '/staff/suggestions', undefined],
      ['POST', `/staff/suggestions/${id}/review`, { version: 1, decision: 'approve' }],
    ] as const) {
      const anonymous = await request(method, path, { body: payload });
      expect({ status: anonymous.status, body: anonymous.body }, path).toStrictEqual({
        status: 401,
        body: { error: { code: 'UNAUTHENTICATED', message: '请先登录' } },
      });
    }
    for (const [method, path, payload] of [
      ['GET', '/staff/suggestions', undefined],
      ['POST', `/staff/suggestions/${id}/review`, { version: 1, decision: 'approve' }],
    ] as const) {
      const refused = await request(method, path, { token: worker.token, body: payload });
      expect({ status: refused.status, body: refused.body }, path).toStrictEqual({
        status: 403,
        body: { error: { code: 'FORBIDDEN', message: '您没有执行此操作的权限' } },
      });
    }
    expect((await request('GET', '/me/suggestions', { token: worker.token })).body).toStrictEqual({
      suggestions: [],
    });
  });

  it('keeps a prefix-sibling org’s staff (…/32058) and staff below out of …/320582’s suggestion', async () => {
    const worker = await user();
    const outOfScope = { error: { code: 'OUT_OF_SCOPE', message: '超出您所在工会组织的管理范围' } };
    // 5 km north: past the town's station but no box on the chain, so the town reviews it.
    const atTown = suggestionOf(
      await request('POST', '/suggestions', { token: worker.token, body: body(5000) }),
    );
    expect(atTown.orgPath).toBe(town);
    expect((await request('GET', '/staff/suggestions', { token: shortStaff.token })).body).toStrictEqual({
      suggestions: [],
    });
    for (const staff of [shortStaff, townStaff]) {
      const refused = await request('GET', `/staff/suggestions?org=${encodeURIComponent(county)}`, {
        token: staff.token,
      });
      expect({ status: refused.status, body: refused.body }).toStrictEqual({ status: 403, body: outOfScope });
    }
    for (const decision of [{ decision: 'approve' }, { decision: 'decline', reason: '不符合条件' }]) {
      const refused = await request('POST', `/staff/suggestions/${atTown.id}/review`, {
        token: shortStaff.token,
        body: { version: 1, ...decision },
      });
      expect({ status: refused.status, body: refused.body }).toStrictEqual({ status: 403, body: outOfScope });
    }
    expect(await stored(atTown.id)).toMatchObject({ state: 'pending', version: 1 });
  });

  it('ignores fields a worker may not set (state, org, station, suggester)', async () => {
    const worker = await user();
    const sentBody = body(1200, {
      state: 'approved',
      orgPath: short,
      stationId: 'st_aaaaaaaaaaaa',
      suggesterId: countyStaff.id,
      version: 9,
      declineReason: '我自己批准',
      photos: [
        { id: `ph_${'a'.repeat(32)}`, url: 'https://evil.example/x.png', expiresAt: '2099-01-01T00:00:00Z' },
      ],
    });
    const sent = await request('POST', '/suggestions', { token: worker.token, body: sentBody });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const suggestion = suggestionOf(sent);
    expect(suggestion).toStrictEqual(pendingView(sentBody, suggestion, town));
    expect(suggestion.photos).toStrictEqual([]);
    expect(await stored(suggestion.id)).toMatchObject({ suggesterId: worker.id, photoIds: [] });
  });

  it('refuses the whole suggestion for another person’s, a missing or an unlanded photo, storing nothing', async () => {
    const worker = await user();
    const other = await user();
    const requestId = randomUUID();
    const owner = { kind: 'suggestion', id: requestId };
    const good = await uploadPhoto(worker.token, owner, pngOf(3));
    const foreign = await uploadPhoto(other.token, owner, pngOf(4));
    // Asked for but never sent: not landed.
    const unlanded = `ph_${randomUUID().replace(/-/g, '')}`;
    const asked = await request('POST', '/photos/uploads', {
      token: worker.token,
      body: { id: unlanded, owner, contentType: 'image/png', size: 100 },
    });
    expect(asked.status).toBe(201);
    const notFound = { error: { code: 'PHOTO_NOT_FOUND', message: '未找到该照片' } };
    for (const [bad, status, error] of [
      [foreign, 404, notFound],
      [`ph_${'0'.repeat(32)}`, 404, notFound],
      [unlanded, 409, { error: { code: 'PHOTO_NOT_UPLOADED', message: '照片尚未上传完成，请稍后重试' } }],
    ] as const) {
      const refused = await request('POST', '/suggestions', {
        token: worker.token,
        body: body(1250, { requestId, photoIds: [good, bad] }),
      });
      expect({ status: refused.status, body: refused.body }, bad).toStrictEqual({ status, body: error });
    }
    expectRefused(
      await request('POST', '/suggestions', {
        token: worker.token,
        body: body(1250, { requestId, photoIds: [good, good] }),
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectRefused(
      await request('POST', '/suggestions', {
        token: worker.token,
        body: body(1250, {
          requestId,
          photoIds: [1, 2, 3, 4].map(() => `ph_${randomUUID().replace(/-/g, '')}`),
        }),
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect((await request('GET', '/me/suggestions', { token: worker.token })).body).toStrictEqual({
      suggestions: [],
    });
  });

  it('refuses malformed JSON, a 1.2 MB body, forged ids and cursors, and a missing decline reason', async () => {
    const worker = await user();
    const malformed = await request('POST', '/suggestions', { token: worker.token, rawBody: '{"name":' });
    expect({ status: malformed.status, body: malformed.body }).toStrictEqual({
      status: 400,
      body: { error: { code: 'MALFORMED_JSON', message: '请求格式不正确' } },
    });
    const huge = await request('POST', '/suggestions', {
      token: worker.token,
      body: body(1000, { note: '注'.repeat(400_000) }),
    });
    // 1.2 MB: refused by size before anything reads it.
    expectRefused(huge, 413, 'PAYLOAD_TOO_LARGE');
    for (const id of ['sg_', 'st_aaaaaaaaaaaa', `sg_${'a'.repeat(40)}`, '..%2F..']) {
      const answer = await request('POST', `/staff/suggestions/${id}/review`, {
        token: countyStaff.token,
        body: { version: 1, decision: 'approve' },
      });
      expectRefused(answer, 400, 'VALIDATION_FAILED');
    }
    const missing = await request('POST', `/staff/suggestions/sg_${'0'.repeat(24)}/review`, {
      token: countyStaff.token,
      body: { version: 1, decision: 'approve' },
    });
    expect({ status: missing.status, body: missing.body }).toStrictEqual({
      status: 404,
      body: { error: { code: 'SUGGESTION_NOT_FOUND', message: '未找到该建议' } },
    });
    for (const path of ['/me/suggestions?cursor=forged', '/staff/suggestions?cursor=eyJwayI6IngifQ']) {
      const forged = await request('GET', path, { token: countyStaff.token });
      expect({ status: forged.status, body: forged.body }, path).toStrictEqual({
        status: 400,
        body: { error: { code: 'BAD_CURSOR', message: '翻页参数无效，请从第一页重新查询' } },
      });
    }
    expectRefused(
      await request('GET', '/staff/suggestions?state=all', { token: countyStaff.token }),
      400,
      'VALIDATION_FAILED',
    );
    const pending = suggestionOf(
      await request('POST', '/suggestions', { token: worker.token, body: body(1300) }),
    );
    for (const review of [
      { version: 1, decision: 'decline' },
      { version: 1, decision: 'decline', reason: ' ' },
      { version: 1, decision: 'decline', reason: '理'.repeat(101) },
      { version: 0, decision: 'approve' },
      { decision: 'approve' },
    ]) {
      const answer = await request('POST', `/staff/suggestions/${pending.id}/review`, {
        token: countyStaff.token,
        body: review,
      });
      expectRefused(answer, 400, 'VALIDATION_FAILED');
    }
    expect(await stored(pending.id)).toMatchObject({ state: 'pending', version: 1 });
    // Extra fields are dropped: the approval makes the suggestion's own station in its own org.
    const approved = await request('POST', `/staff/suggestions/${pending.id}/review`, {
      token: countyStaff.token,
      body: { version: 1, decision: 'approve', stationId: 'st_aaaaaaaaaaaa', orgPath: short },
    });
    expect(approved.status).toBe(200);
    expect(suggestionOf(approved)).toMatchObject({ stationId: `st_${pending.id.slice(3)}`, orgPath: town });
  });

  it('pages a queue of 21 into exactly the 20 newest and then the oldest, and a cursor only on its own listing', async () => {
    const sent: Suggestion[] = [];
    // 21 suggestions need 5 people's daily caps (5 each).
    const workers = await Promise.all([user(), user(), user(), user(), user()]);
    for (let i = 0; i < 21; i += 1) {
      const answer = await request('POST', '/suggestions', {
        token: workers[Math.floor(i / 5)]!.token,
        body: body(100 * i + 200, { confirmNearby: true }, pagingCenter),
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      sent.push(suggestionOf(answer));
    }
    const newest = newestFirst(sent);
    const first = await request('GET', '/staff/suggestions', { token: pagingStaff.token });
    const cursor = (first.body as { nextCursor?: string }).nextCursor;
    expect(listed(first)).toStrictEqual(newest.slice(0, 20));
    expect(typeof cursor).toBe('string');
    const second = await request('GET', `/staff/suggestions?cursor=${encodeURIComponent(cursor!)}`, {
      token: pagingStaff.token,
    });
    expect(second.status).toBe(200);
    expect(second.body).toStrictEqual({ suggestions: [sent.find((s) => s.id === newest[20])] });
    // The town's cursor on the county's range, and on 我的建议, opens nothing.
    const badCursor = { error: { code: 'BAD_CURSOR', message: '翻页参数无效，请从第一页重新查询' } };
    const onCounty = await request(
      'GET',
      `/staff/suggestions?org=${encodeURIComponent(county)}&cursor=${encodeURIComponent(cursor!)}`,
      { token: countyStaff.token },
    );
    expect({ status: onCounty.status, body: onCounty.body }).toStrictEqual({ status: 400, body: badCursor });
    const onMine = await request('GET', `/me/suggestions?cursor=${encodeURIComponent(cursor!)}`, {
      token: workers[0]!.token,
    });
    expect({ status: onMine.status, body: onMine.body }).toStrictEqual({ status: 400, body: badCursor });
  });

  it('stores one suggestion for five racing sends of one request id, and one station and gallery for racing approvals', async () => {
    const worker = await user();
    const requestId = randomUUID();
    const photo = await uploadPhoto(worker.token, { kind: 'suggestion', id: requestId }, pngOf(5));
    const one = body(1700, { requestId, photoIds: [photo] });
    const sends = await Promise.all(
      Array.from({ length: 5 }, () => request('POST', '/suggestions', { token: worker.token, body: one })),
    );
    const suggestion = suggestionOf(sends[0]!);
    for (const sent of sends) {
      expect({ status: sent.status, body: sent.body }).toStrictEqual({ status: 201, body: { suggestion } });
    }
    expect(listed(await request('GET', '/me/suggestions', { token: worker.token }))).toStrictEqual([
      suggestion.id,
    ]);

    const approvals = await Promise.all(
      [countyStaff, townStaff, countyStaff].map((staff) =>
        request('POST', `/staff/suggestions/${suggestion.id}/review`, {
          token: staff.token,
          body: { version: 1, decision: 'approve' },
        }),
      ),
    );
    const decided = suggestionOf(approvals[0]!);
    for (const answer of approvals) {
      expect({ status: answer.status, body: answer.body }).toStrictEqual({
        status: 200,
        body: { suggestion: decided },
      });
    }
    expect(await stored(suggestion.id)).toMatchObject({ state: 'approved', version: 2 });
    const stationId = `st_${suggestion.id.slice(3)}`;
    const draft = await request('GET', `/staff/stations/${stationId}`, { token: countyStaff.token });
    expect(draft).toMatchObject({ status: 200, body: { version: 1 } });
    const gallery = await request('GET', `/staff/stations/${stationId}/photos`, { token: countyStaff.token });
    expect((gallery.body as StationGallery).photosVersion).toBe(1);
    await expectPhotoFiles((gallery.body as StationGallery).photos, [pngOf(5)]);
  });

  it('lets one of a racing approval and decline win, the other answered 409', async () => {
    const worker = await user();
    const suggestion = suggestionOf(
      await request('POST', '/suggestions', { token: worker.token, body: body(1800) }),
    );
    const path = `/staff/suggestions/${suggestion.id}/review`;
    const approval = { token: countyStaff.token, body: { version: 1, decision: 'approve' } };
    const decline = { token: townStaff.token, body: { version: 1, decision: 'decline', reason: '已有驿站' } };
    const [approved, declined] = await Promise.all([
      request('POST', path, approval),
      request('POST', path, decline),
    ]);
    expect([approved.status, declined.status].sort()).toStrictEqual([200, 409]);
    // Which one wins is the race's; everything else follows from the winner. The loser found it
    // decided either on reading (no longer pending: INVALID_TRANSITION) or on writing (its version
    // was stale: VERSION_CONFLICT at 2) — which of the two depends on the interleaving alone, so
    // both are the loser's full set of answers; its refusal changed nothing either way.
    const approveWon = approved.status === 200;
    const [won, lost] = approveWon ? [approved, declined] : [declined, approved];
    expect([
      {
        error: {
          code: 'VERSION_CONFLICT',
          message: '数据已被他人修改，请刷新后重试',
          details: { currentVersion: 2 },
        },
      },
      { error: { code: 'INVALID_TRANSITION', message: '当前状态下不能执行此操作' } },
    ]).toContainEqual(lost.body);
    const stationId = `st_${suggestion.id.slice(3)}`;
    const decided = suggestionOf(won);
    expect(decided).toMatchObject({
      id: suggestion.id,
      state: approveWon ? 'approved' : 'declined',
      version: 2,
    });
    expect(await stored(suggestion.id)).toMatchObject(
      approveWon
        ? { state: 'approved', version: 2, stationId, declineReason: null, decidedAt: decided.decidedAt }
        : {
            state: 'declined',
            version: 2,
            stationId: null,
            declineReason: '已有驿站',
            decidedAt: decided.decidedAt,
          },
    );
    const station = await request('GET', `/staff/stations/${stationId}`, { token: countyStaff.token });
    if (approveWon) expect(station).toMatchObject({ status: 200, body: { id: stationId, version: 1 } });
    else expectRefused(station, 404, 'STATION_NOT_FOUND');

    // Once decided, the answers are fixed: the loser sent again is refused as no longer pending,
    // the winner sent again is answered with the decision as it stands.
    expectRefused(await request('POST', path, approveWon ? decline : approval), 409, 'INVALID_TRANSITION');
    const again = await request('POST', path, approveWon ? approval : decline);
    expect({ status: again.status, body: again.body }).toStrictEqual({ status: 200, body: won.body });
    expect(await stored(suggestion.id)).toMatchObject({ state: decided.state, version: 2 });
  });

  it('warns of a station 50 m away, naming it, and stores nothing until confirmed', async () => {
    const worker = await user();
    const warnedBody = body(50);
    const warned = await request('POST', '/suggestions', { token: worker.token, body: warnedBody });
    expect({ status: warned.status, body: warned.body }).toStrictEqual({
      status: 409,
      body: {
        error: {
          code: 'STATION_NEARBY',
          message: `附近 50 米已有驿站“${station.name}”，请确认是否为同一地点`,
          details: { nearStation: { id: station.id, name: station.name, distanceM: 50 } },
        },
      },
    });
    expect((await request('GET', '/me/suggestions', { token: worker.token })).body).toStrictEqual({
      suggestions: [],
    });
    const confirmed = await request('POST', '/suggestions', {
      token: worker.token,
      body: { ...warnedBody, confirmNearby: true },
    });
    expect(confirmed.status).toBe(201);
    expect(suggestionOf(confirmed)).toStrictEqual({
      ...pendingView(warnedBody, suggestionOf(confirmed), town),
      nearStation: { id: station.id, name: station.name, distanceM: 50 },
    });
  });

  it('refuses the 6th suggestion of a Shanghai day with 429, storing nothing', async () => {
    await awayFromShanghaiMidnight(60_000);
    const worker = await user();
    const made: Suggestion[] = [];
    for (let i = 1; i <= 5; i += 1) {
      const sent = await request('POST', '/suggestions', { token: worker.token, body: body(2000 + i * 100) });
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
      made.push(suggestionOf(sent));
    }
    const sixth = await request('POST', '/suggestions', { token: worker.token, body: body(2700) });
    expect({ status: sixth.status, body: sixth.body }).toStrictEqual({
      status: 429,
      body: {
        error: { code: 'RATE_LIMITED', message: '今天的驿站建议次数已达上限（每天 5 次），请明天再试' },
      },
    });
    expect(listed(await request('GET', '/me/suggestions', { token: worker.token }))).toStrictEqual(
      newestFirst(made),
    );
  }, 120_000); // Up to a minute of waiting for midnight to pass, then the sends.
});

describe('API: the demo suggestion with photos', () => {
  it('shows 顾晓东 (大新镇) the photos 黄大勇 sent with 新华路环卫所饮水点, and their links show the drawn files', async () => {
    const token = await loginAsDemo('顾晓东');
    const queue = await request('GET', '/staff/suggestions', { token });
    expect(queue.status).toBe(200);
    const demo = (queue.body as { suggestions: (Suggestion & { name: string })[] }).suggestions.find(
      (s) => s.name === '新华路环卫所饮水点',
    );
    expect(demo?.photos.map((photo) => photo.id)).toStrictEqual([
      'ph_demo0suggestion400',
      'ph_demo0suggestion401',
    ]);
    await expectPhotoFiles(demo!.photos, [demoPhotoPng(20), demoPhotoPng(21)]);
  });
});
