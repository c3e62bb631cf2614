import { randomInt, randomUUID } from 'node:crypto';
import type { StationGallery } from '@ankang/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fakeSecurityMarkers } from '../../functions/local/fakeWechatSecurity';
import { pngImage } from '../../functions/local/pngImage';
import { keys } from '../../functions/src/db/keys';
import { offsetFrom, placeOfFile } from '../support/testPlaces';
import { codeRequests } from '../support/wechatCodes';
import { expectRefused, loginWithCode, request, uploadPhoto } from './http';
import { freshApiUser, putOrg, storedItem, table } from './table';

/**
 * Staff of a prefix sibling over real HTTP, on the staff station routes that read the org from the
 * stored station: the gallery (GET/PUT /staff/stations/{id}/photos and its uploads), the poster code
 * (GET /staff/stations/{id}/code) and comment review (POST /staff/comments/{id}/review). An org path
 * is compared by whole segments, so staff of …/32058 are beside …/320582 (not above it), and staff of
 * …/320582 are beside …/3205820. Every refusal is 403 OUT_OF_SCOPE and leaves everything as it was;
 * staff of the station's own org are let through on the same routes, so the refusal is the scope's.
 */

afterAll(() => table.destroy());

const wechat = inject('apiWechatBase');
const here = placeOfFile(import.meta.url);
// A tree of this file's own under a province code no real place has.
const root = `9${String(randomInt(100_000)).padStart(5, '0')}`;
const short = `${root}/32058`;
const county = `${root}/320582`;
const long = `${root}/3205820`;

/** A fresh WeChat user made staff at `orgPath`. */
const staffAt = async (orgPath: string) => (await freshApiUser('sib', orgPath)).token;

async function storedStation(id: string) {
  const { pk, sk } = keys.station(id);
  return (await storedItem(pk, sk))!;
}

type Held = { id: string; version: number; comment: string; stationId: string; orgPath: string };

async function heldQueue(token: string): Promise<Held[]> {
  const answer = await request('GET', '/staff/comments', { token });
  expect(answer.status).toBe(200);
  return (answer.body as { comments: Held[] }).comments;
}

const png = pngImage(12, 9, (x, y) => [x * 20, y * 25, 90]);

let rootStaff: string;
beforeAll(async () => {
  await putOrg(root, null, '前缀测试省总工会', 'province');
  await Promise.all([
    putOrg(short, root, '前缀测试甲工会', 'city'),
    putOrg(county, root, '前缀测试乙工会', 'city'),
    putOrg(long, root, '前缀测试丙工会', 'city'),
  ]);
  rootStaff = await staffAt(root);
});

/** A station of `orgPath`, made by the tree's root staff at this file's place. */
async function stationOf(orgPath: string, northM: number): Promise<string> {
  const created = await request('POST', '/staff/stations', {
    token: rootStaff,
    body: {
      name: `前缀测试驿站${randomUUID().slice(0, 6)}`,
      address: '测试路 3 号',
      district: '测试区',
      orgPath,
      location: offsetFrom(here, { northM }),
      hostType: 'union',
      amenities: ['water'],
      hours: { alwaysOpen: true },
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return (created.body as { id: string }).id;
}

// [who attacks, whose station, what the attacker's path is to the station's]
const cases = [
  ['staff of …/32058 (a string prefix of the station’s …/320582)', short, county, 0],
  ['staff of …/320582 (the station’s …/3205820 starts with it)', county, long, 2000],
] as const;

describe.each(cases)('API: %s', (_label, attackerOrg, stationOrg, northM) => {
  let stationId: string;
  let attacker: string;
  let owner: string;

  beforeAll(async () => {
    stationId = await stationOf(stationOrg, northM);
    [attacker, owner] = await Promise.all([staffAt(attackerOrg), staffAt(stationOrg)]);
  });

  it('cannot read or set the gallery, nor upload for it; the station’s own staff can', async () => {
    const ownPhoto = await uploadPhoto(owner, { kind: 'station', id: stationId }, png);
    const path = `/staff/stations/${stationId}/photos`;

    expectRefused(await request('GET', path, { token: attacker }), 403, 'OUT_OF_SCOPE');
    for (const photoIds of [[], [ownPhoto]]) {
      expectRefused(
        await request('PUT', path, { token: attacker, body: { photoIds, photosVersion: 0 } }),
        403,
        'OUT_OF_SCOPE',
      );
    }
    expectRefused(
      await request('POST', '/photos/uploads', {
        token: attacker,
        body: {
          id: `ph_${randomUUID().replace(/-/g, '')}`,
          owner: { kind: 'station', id: stationId },
          contentType: 'image/png',
          size: png.length,
        },
      }),
      403,
      'OUT_OF_SCOPE',
    );
    expect(await storedStation(stationId)).toMatchObject({ photos: [], photosVersion: 0, version: 1 });

    const read = await request('GET', path, { token: owner });
    expect(read).toMatchObject({ status: 200, body: { photos: [], photosVersion: 0 } });
    const saved = await request('PUT', path, {
      token: owner,
      body: { photoIds: [ownPhoto], photosVersion: 0 },
    });
    expect(saved.status).toBe(200);
    expect((saved.body as StationGallery).photos.map((photo) => photo.id)).toStrictEqual([ownPhoto]);
  });

  it('cannot get the station’s poster code, and WeChat is never asked for it', async () => {
    const path = `/staff/stations/${stationId}/code`;

    expectRefused(await request('GET', path, { token: attacker }), 403, 'OUT_OF_SCOPE');
    expect(await codeRequests(wechat, stationId)).toStrictEqual([]);

    expect((await request('GET', path, { token: owner })).status).toBe(200);
    expect(await codeRequests(wechat, stationId)).toHaveLength(1);
  });

  it('cannot see or decide the station’s held comments; the station’s own staff can', async () => {
    const { token } = await loginWithCode(`sib-${randomUUID()}`);
    const text = `${fakeSecurityMarkers.review} ${randomUUID().slice(0, 6)}`;
    const rated = await request('POST', `/stations/${stationId}/feedback`, {
      token,
      body: { stars: 3, tags: [], comment: text },
    });
    expect(rated).toMatchObject({ status: 200, body: { commentState: 'held' } });
    const [held] = (await heldQueue(owner)).filter((comment) => comment.comment === text);
    expect(held).toMatchObject({ stationId, orgPath: stationOrg, version: 1 });
    const path = `/staff/comments/${held!.id}/review`;

    expect((await heldQueue(attacker)).filter((comment) => comment.stationId === stationId)).toStrictEqual(
      [],
    );
    for (const decision of ['approve', 'hide']) {
      expectRefused(
        await request('POST', path, { token: attacker, body: { decision, version: 1 } }),
        403,
        'OUT_OF_SCOPE',
      );
    }
    expect(await request('GET', `/stations/${stationId}/comments`)).toMatchObject({
      status: 200,
      body: { comments: [] },
    });
    expect((await heldQueue(owner)).filter((comment) => comment.id === held!.id)).toStrictEqual([held]);

    expect(
      await request('POST', path, { token: owner, body: { decision: 'approve', version: 1 } }),
    ).toMatchObject({
      status: 200,
      body: { id: held!.id, state: 'public', version: 1 },
    });
  });
});
