import { randomInt, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoStationId } from '../../functions/local/demoStations';
import type { ReceivedCodeRequest } from '../../functions/local/fakeWechatCodes';
import { fakeSecurityMarkers, type ReceivedCheck } from '../../functions/local/fakeWechatSecurity';
import { offsetFrom, placeOfFile } from '../support/testPlaces';
import { expectRefused, loginAsDemo, loginWithCode, request } from './http';
import { freshApiUser, putOrg, storedItem, table } from './table';

/**
 * Station posters and content safety over real HTTP: the poster code route and the comment routes
 * attacked (no token, wrong role, staff beside and below, forged ids and cursors, huge and hostile
 * input, raced decisions), and a comment's way from the rating through WeChat's check to the page.
 * Every refusal is a declared 4xx (request() checks the code against the contract).
 */

const wechat = inject('apiWechatBase');
/** A 大新镇 station (顾晓东's union) and one of 苏州工业园区 (沈佳怡's). */
const DAXIN_STATION = demoStationId('ZJG-0020');
const SIP_STATION = demoStationId('SIP-0001');
const ZJG = '320000/320500/320582';
const DAXIN = `${ZJG}/daxin`;

type Held = { id: string; version: number; comment: string; stationId: string; orgPath: string };

afterAll(() => table.destroy());

async function worker() {
  const code = `qm-${randomUUID()}`;
  const { token } = await loginWithCode(code);
  return { token, openid: `openid-${code}` };
}

async function checksOf(openid: string): Promise<ReceivedCheck[]> {
  const response = await fetch(`${wechat}/__fake/security?openid=${encodeURIComponent(openid)}`);
  return ((await response.json()) as { checks: ReceivedCheck[] }).checks;
}

async function codeRequests(scene: string): Promise<ReceivedCodeRequest[]> {
  const response = await fetch(`${wechat}/__fake/codes?scene=${encodeURIComponent(scene)}`);
  return ((await response.json()) as { requests: ReceivedCodeRequest[] }).requests;
}

const rate = (token: string, station: string, comment: string, stars = 4) =>
  request('POST', `/stations/${station}/feedback`, { token, body: { stars, tags: [], comment } });

async function heldOf(token: string, comment: string): Promise<Held | undefined> {
  const answer = await request('GET', '/staff/comments', { token });
  expect(answer.status).toBe(200);
  return (answer.body as { comments: Held[] }).comments.find((held) => held.comment === comment);
}

async function publicTexts(station: string): Promise<string[]> {
  const answer = await request('GET', `/stations/${station}/comments`);
  expect(answer.status).toBe(200);
  return (answer.body as { comments: { comment: string }[] }).comments.map((c) => c.comment);
}

describe('API: station poster code', () => {
  it('gives staff above the station its code, asking WeChat once however often and however raced', async () => {
    const liMin = await loginAsDemo('李敏');

    const answers = await Promise.all(
      Array.from({ length: 3 }, () =>
        request('GET', `/staff/stations/${DAXIN_STATION}/code`, { token: liMin }),
      ),
    );
    const again = await request('GET', `/staff/stations/${DAXIN_STATION}/code`, { token: liMin });

    for (const answer of [...answers, again]) {
      expect(answer.status).toBe(200);
      const body = answer.body as { image: string; page: string; scene: string; mimeType: string };
      expect({ page: body.page, scene: body.scene, mimeType: body.mimeType }).toStrictEqual({
        page: 'pages/station/index',
        scene: DAXIN_STATION,
        mimeType: 'image/png',
      });
      // The fake writes the scene into the image: this is the code made for this station.
      expect(Buffer.from(body.image, 'base64').toString('latin1')).toContain(`scene=${DAXIN_STATION}`);
    }
    // Raced first requests may each ask (the image is the same); once kept, nobody asks again.
    const asked = (await codeRequests(DAXIN_STATION)).length;
    expect(asked).toBeGreaterThanOrEqual(1);
    expect(asked).toBeLessThanOrEqual(3);
    await request('GET', `/staff/stations/${DAXIN_STATION}/code`, { token: liMin });
    expect(await codeRequests(DAXIN_STATION)).toHaveLength(asked);
  });

  it('refuses no token, workers, staff beside and below, forged ids; asks WeChat nothing', async () => {
    const shen = await loginAsDemo('沈佳怡');
    const gu = await loginAsDemo('顾晓东');
    const { token } = await worker();
    const zjgStation = demoStationId('ZJG-0001');

    expectRefused(await request('GET', `/staff/stations/${SIP_STATION}/code`), 401, 'UNAUTHENTICATED');
    expectRefused(await request('GET', `/staff/stations/${SIP_STATION}/code`, { token }), 403, 'FORBIDDEN');
    expectRefused(
      await request('GET', `/staff/stations/${SIP_STATION}/code`, { token: gu }),
      403,
      'OUT_OF_SCOPE',
    );
    expectRefused(
      await request('GET', `/staff/stations/${zjgStation}/code`, { token: gu }),
      403,
      'OUT_OF_SCOPE',
    );
    expectRefused(
      await request('GET', `/staff/stations/${DAXIN_STATION.toUpperCase()}/code`, { token: shen }),
      400,
      'VALIDATION_FAILED',
    );
    expectRefused(
      await request('GET', `/staff/stations/st_${'0'.repeat(20)}/code`, { token: shen }),
      404,
      'STATION_NOT_FOUND',
    );
    expectRefused(
      await request('GET', `/staff/stations/${encodeURIComponent('st_../../x')}/code`, { token: shen }),
      400,
      'VALIDATION_FAILED',
    );
    expect(await codeRequests(SIP_STATION)).toHaveLength(0);
    expect(await codeRequests(zjgStation)).toHaveLength(0);
  });
});

describe('API: comments and content safety', () => {
  it('publishes a passed comment, refuses a risky one with nothing stored, holds an unchecked one', async () => {
    const { token, openid } = await worker();
    const other = await worker();
    const third = await worker();
    const passed = `饮水机很干净 ${randomUUID().slice(0, 6)}`;
    const risky = `${fakeSecurityMarkers.risky} ${randomUUID().slice(0, 6)}`;
    const held = `${fakeSecurityMarkers.unreachable} ${randomUUID().slice(0, 6)}`;

    expect(await rate(token, SIP_STATION, passed)).toMatchObject({
      status: 200,
      body: { commentState: 'public' },
    });
    const refused = await rate(other.token, SIP_STATION, risky);
    expectRefused(refused, 422, 'CONTENT_RISKY');
    expect((refused.body as { error: { message: string } }).error.message).toMatch(/\p{Script=Han}/u);
    expect(await rate(third.token, SIP_STATION, held)).toMatchObject({
      status: 200,
      body: { commentState: 'held' },
    });

    const texts = await publicTexts(SIP_STATION);
    expect(texts).toContain(passed);
    expect(texts).not.toContain(risky);
    expect(texts).not.toContain(held);
    expect((await checksOf(openid)).map((check) => check.content)).toStrictEqual([passed]);
    const shen = await loginAsDemo('沈佳怡');
    expect(await heldOf(shen, held)).toMatchObject({ stationId: SIP_STATION, version: 1 });
    expect(await heldOf(shen, risky)).toBeUndefined();
  });

  it('refuses oversized and malformed ratings before asking WeChat, and a comment route with a bad id', async () => {
    const { token, openid } = await worker();

    expectRefused(await rate(token, SIP_STATION, '长'.repeat(201)), 400, 'VALIDATION_FAILED');
    expectRefused(
      await request('POST', `/stations/${SIP_STATION}/feedback`, {
        token,
        rawBody: `{"stars":4,"comment":"${'x'.repeat(1_200_000)}"}`,
      }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    expectRefused(await request('GET', '/stations/not-a-station/comments'), 400, 'VALIDATION_FAILED');
    expect(await checksOf(openid)).toStrictEqual([]);
    expect(await request('GET', `/stations/st_${'1'.repeat(20)}/comments`)).toMatchObject({
      status: 200,
      body: { comments: [] },
    });
  });

  it('keeps the review queue and decisions to staff of the station’s union and above', async () => {
    const { token } = await worker();
    const text = `${fakeSecurityMarkers.review} ${randomUUID().slice(0, 6)}`;
    expect(await rate(token, DAXIN_STATION, text)).toMatchObject({
      status: 200,
      body: { commentState: 'held' },
    });
    const gu = await loginAsDemo('顾晓东');
    const shen = await loginAsDemo('沈佳怡');
    const held = (await heldOf(gu, text))!;
    expect(held).toBeDefined();
    const path = `/staff/comments/${held.id}/review`;
    const body = { decision: 'approve', version: held.version };

    expectRefused(await request('GET', '/staff/comments'), 401, 'UNAUTHENTICATED');
    expectRefused(await request('GET', '/staff/comments', { token }), 403, 'FORBIDDEN');
    expectRefused(
      await request('GET', `/staff/comments?org=${encodeURIComponent(DAXIN)}`, { token: shen }),
      403,
      'OUT_OF_SCOPE',
    );
    expectRefused(
      await request('GET', `/staff/comments?org=${encodeURIComponent(ZJG)}`, { token: gu }),
      403,
      'OUT_OF_SCOPE',
    );
    expectRefused(
      await request('GET', `/staff/comments?org=${encodeURIComponent('320000/320500/32058')}`, { token: gu }),
      403,
      'OUT_OF_SCOPE',
    );
    expectRefused(await request('GET', '/staff/comments?cursor=forged', { token: gu }), 400, 'BAD_CURSOR');
    expect(await heldOf(shen, text)).toBeUndefined();

    expectRefused(await request('POST', path, { body }), 401, 'UNAUTHENTICATED');
    expectRefused(await request('POST', path, { token, body }), 403, 'FORBIDDEN');
    expectRefused(await request('POST', path, { token: shen, body }), 403, 'OUT_OF_SCOPE');
    expectRefused(
      await request('POST', path, { token: gu, body: { decision: 'publish', version: 1 } }),
      400,
      'VALIDATION_FAILED',
    );
    expectRefused(
      await request('POST', path, { token: gu, body: { decision: 'approve', version: 0 } }),
      400,
      'VALIDATION_FAILED',
    );
    expectRefused(await request('POST', path, { token: gu, rawBody: '{"decision":' }), 400, 'MALFORMED_JSON');
    expectRefused(
      await request('POST', `/staff/comments/cm_${'f'.repeat(31)}/review`, { token: gu, body }),
      400,
      'VALIDATION_FAILED',
    );
    expectRefused(
      await request('POST', `/staff/comments/cm_${'f'.repeat(32)}/review`, { token: gu, body }),
      404,
      'COMMENT_NOT_FOUND',
    );
    // A body of 1 MB is refused before anything reads it.
    expectRefused(
      await request('POST', path, {
        token: gu,
        rawBody: JSON.stringify({ ...body, note: 'x'.repeat(1_000_000) }),
      }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    expect(await heldOf(gu, text)).toMatchObject({ id: held.id, version: held.version });
    expect(await storedItem(`STNCMT#${held.id}`, 'COMMENT')).toMatchObject({
      state: 'held',
      stationId: DAXIN_STATION,
    });
    expect(await publicTexts(DAXIN_STATION)).not.toContain(text);

    // Five at once, one naming more than the decision (mass assignment): whichever lands, only the
    // decision is taken, never a state or a station sent beside it.
    const decided = await Promise.all(
      Array.from({ length: 5 }, (_, n) =>
        request('POST', path, {
          token: gu,
          body: n === 0 ? { ...body, state: 'hidden', stationId: SIP_STATION } : body,
        }),
      ),
    );
    expect(decided.map((answer) => answer.status).sort()).toStrictEqual([200, 409, 409, 409, 409]);
    for (const answer of decided.filter((a) => a.status === 409))
      expectRefused(answer, 409, 'INVALID_TRANSITION');
    expect(decided.find((answer) => answer.status === 200)?.body).toStrictEqual({
      id: held.id,
      state: 'public',
      version: held.version,
    });
    expect(await publicTexts(DAXIN_STATION)).toContain(text);
    expect(await publicTexts(SIP_STATION)).not.toContain(text);
    expect(await heldOf(gu, text)).toBeUndefined();
  });
});

describe('API: the held comment queue over a tree of this file’s own', () => {
  const here = placeOfFile(import.meta.url);
  // Under a province code no real place has, so no other file's comments are in these queues.
  const root = `8${String(randomInt(100_000)).padStart(5, '0')}`;
  const countyA = `${root}/100001`;
  const countyB = `${root}/100002`;
  let rootStaff: string;
  let staffA: string;
  let staffB: string;

  beforeAll(async () => {
    await putOrg(root, null, '评论测试省总工会', 'province');
    await Promise.all([
      putOrg(countyA, root, '评论测试甲县工会', 'county'),
      putOrg(countyB, root, '评论测试乙县工会', 'county'),
    ]);
    const [atRoot, atA, atB] = await Promise.all([
      freshApiUser('cq', root),
      freshApiUser('cq', countyA),
      freshApiUser('cq', countyB),
    ]);
    [rootStaff, staffA, staffB] = [atRoot.token, atA.token, atB.token];
  });

  /** A station of county A, made by the tree's root staff; its draft, for an edit. */
  async function stationOfA(northM: number) {
    const draft = {
      name: `评论测试驿站${randomUUID().slice(0, 6)}`,
      address: '测试路 5 号',
      district: '测试区',
      orgPath: countyA,
      location: offsetFrom(here, { northM }),
      hostType: 'union',
      amenities: ['water'],
      hours: { alwaysOpen: true },
    };
    const created = await request('POST', '/staff/stations', { token: rootStaff, body: draft });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return { id: (created.body as { id: string }).id, draft };
  }

  /** `count` held comments on the station, each by a fresh worker; their texts. */
  async function holdOn(stationId: string, count: number): Promise<string[]> {
    return Promise.all(
      Array.from({ length: count }, async (_, n) => {
        const text = `${fakeSecurityMarkers.unreachable} ${n} ${randomUUID().slice(0, 6)}`;
        const { token } = await worker();
        expect(await rate(token, stationId, text)).toMatchObject({
          status: 200,
          body: { commentState: 'held' },
        });
        return text;
      }),
    );
  }

  const queue = async (token: string, query = '') => {
    const answer = await request('GET', `/staff/comments${query}`, { token });
    return answer as { status: number; body: { comments: Held[]; nextCursor?: string } };
  };

  it('pages past 30 with a real cursor, which refuses another org filter or a forged edit', async () => {
    const station = await stationOfA(0);
    const texts = await holdOn(station.id, 31);
    const org = `?org=${encodeURIComponent(countyA)}`;

    const first = await queue(staffA, org);
    const cursor = first.body.nextCursor!;
    const second = await queue(staffA, `${org}&cursor=${encodeURIComponent(cursor)}`);

    expect(first.status).toBe(200);
    expect(first.body.comments).toHaveLength(30);
    expect(typeof cursor).toBe('string');
    expect(second.status).toBe(200);
    expect(second.body.comments).toHaveLength(1);
    expect(second.body).not.toHaveProperty('nextCursor');
    const listed = [...first.body.comments, ...second.body.comments];
    expect(listed.map((held) => held.comment).sort()).toStrictEqual([...texts].sort());
    expect(new Set(listed.map((held) => held.orgPath))).toStrictEqual(new Set([countyA]));

    expectRefused(
      await queue(rootStaff, `?org=${encodeURIComponent(root)}&cursor=${encodeURIComponent(cursor)}`),
      400,
      'BAD_CURSOR',
    );
    expectRefused(await queue(rootStaff, `?cursor=${encodeURIComponent(cursor)}`), 400, 'BAD_CURSOR');
    const [payload, signature] = cursor.split('.');
    // The place it names moved to the start of the queue: the signature no longer matches.
    const edited = Buffer.from(
      Buffer.from(payload!, 'base64url')
        .toString('utf8')
        .replace(/"since":"\d{4}/, '"since":"1999'),
    ).toString('base64url');
    expect(edited).not.toBe(payload);
    expectRefused(
      await queue(staffA, `${org}&cursor=${encodeURIComponent(`${edited}.${signature}`)}`),
      400,
      'BAD_CURSOR',
    );
  });

  it('moves a station with held comments: 200, the new org lists and decides them, the old one neither', async () => {
    const station = await stationOfA(1500);
    const [text] = await holdOn(station.id, 1);

    const moved = await request('PUT', `/staff/stations/${station.id}`, {
      token: rootStaff,
      body: { ...station.draft, orgPath: countyB, version: 1 },
    });

    expect(moved).toMatchObject({ status: 200, body: { orgPath: countyB, version: 2 } });
    const held = (await queue(staffB)).body.comments.find((comment) => comment.comment === text)!;
    expect(held).toMatchObject({ stationId: station.id, orgPath: countyB, version: 1 });
    expect((await queue(staffA)).body.comments.filter((c) => c.stationId === station.id)).toStrictEqual([]);
    const path = `/staff/comments/${held.id}/review`;
    expectRefused(
      await request('POST', path, { token: staffA, body: { decision: 'approve', version: 1 } }),
      403,
      'OUT_OF_SCOPE',
    );
    expect(await storedItem(`STNCMT#${held.id}`, 'COMMENT')).toMatchObject({ state: 'held' });
    expect(
      await request('POST', path, { token: staffB, body: { decision: 'approve', version: 1 } }),
    ).toMatchObject({
      status: 200,
      body: { id: held.id, state: 'public', version: 1 },
    });
    expect(await publicTexts(station.id)).toStrictEqual([text]);
  });
});
