import { randomUUID } from 'node:crypto';
import type { OrgBounds, OrgLevel, PhotoUploadTicket, SuggestionDraftInput } from '@ankang/shared';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, expect, inject } from 'vitest';
import { pngImage } from '../../functions/local/pngImage';
import { db, tableName } from '../../functions/src/db/client';
import { keys } from '../../functions/src/db/keys';
import { handler as completePhotoUpload } from '../../functions/src/handlers/completePhotoUpload';
import { handler as createPhotoUpload } from '../../functions/src/handlers/createPhotoUpload';
import { handler as createSuggestion } from '../../functions/src/handlers/createSuggestion';
import { handler as listMySuggestions } from '../../functions/src/handlers/listMySuggestions';
import { handler as listSuggestions } from '../../functions/src/handlers/listSuggestions';
import { handler as reviewSuggestion } from '../../functions/src/handlers/reviewSuggestion';
import { httpEvent, invoke } from '../support/events';
import { freshUser } from './fixtures';
import { storedStation } from './stationFixtures';

/** Metres per degree of latitude on the app's sphere (R = 6,371,000 m): a meridian arc, no haversine. */
export const M_PER_DEG_LAT = (6_371_000 * Math.PI) / 180;

let areas = 0;

async function putNode(path: string, parent: string, level: OrgLevel, region: string, bounds: OrgBounds) {
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...keys.org(path),
        type: 'Org',
        path,
        name: `${region}工会`,
        region,
        level,
        parentPath: parent,
        bounds,
        version: 1,
      },
    }),
  );
}

/**
 * A test's own place, 0.5° of latitude (55 km) from any other test's of its file and far from the
 * demo's: a county (a 0.2° box) with a town (a 0.04° box) in its middle, one station in the town at
 * `center`, and staff at each node plus staff of a sibling county. Each test file passes its own
 * meridian (`lng`), 3° (≥ 250 km) from another file's, since files count their areas apart.
 */
export async function suggestionArea(lng = 81) {
  areas += 1;
  const center = { lat: 33 + areas * 0.5, lng };
  const tag = randomUUID().slice(0, 8);
  const county = `650000/c${tag}`;
  const town = `${county}/t${tag}`;
  const sibling = `650000/s${tag}`;
  const box = (half: number) => ({
    south: center.lat - half,
    north: center.lat + half,
    west: center.lng - half,
    east: center.lng + half,
  });
  await putNode(county, '650000', 'county', `测试县${tag}`, box(0.1));
  await putNode(town, county, 'town', `测试镇${tag}`, box(0.02));
  await putNode(sibling, '650000', 'county', `邻县${tag}`, box(0.1));
  const station = await storedStation({
    orgPath: town,
    location: center,
    name: `镇驿站${tag}`,
    district: `测试县${tag} 测试镇${tag}`,
  });
  const [townStaff, countyStaff, siblingStaff, worker] = await Promise.all([
    freshUser({ roles: ['staff'], orgPath: town }),
    freshUser({ roles: ['staff'], orgPath: county }),
    freshUser({ roles: ['staff'], orgPath: sibling }),
    freshUser(),
  ]);
  return { center, tag, county, town, sibling, station, townStaff, countyStaff, siblingStaff, worker };
}

/** `center` moved `metres` north (along the meridian, so the distance is exact). */
export function north(center: { lat: number; lng: number }, metres: number) {
  return { lat: center.lat + metres / M_PER_DEG_LAT, lng: center.lng };
}

export function suggestionBody(overrides: Partial<SuggestionDraftInput> & Record<string, unknown> = {}) {
  return {
    name: '环卫工人休息点',
    address: '人民路 88 号',
    location: { lat: 31.9, lng: 120.5 },
    hostType: 'community',
    amenities: ['water', 'charging'],
    note: '有热水，白天一直开着',
    requestId: randomUUID(),
    ...overrides,
  };
}

export const suggest = (token: string | undefined, body: unknown) =>
  invoke(createSuggestion, httpEvent({ method: 'POST', path: '/suggestions', token, body }));

export const mine = (token: string, cursor?: string) =>
  invoke(
    listMySuggestions,
    httpEvent({ path: '/me/suggestions', token, query: cursor ? { cursor } : undefined }),
  );

export const queue = (token: string, query: Record<string, string> = {}) =>
  invoke(listSuggestions, httpEvent({ path: '/staff/suggestions', token, query }));

export const review = (token: string, id: string, body: unknown) =>
  invoke(
    reviewSuggestion,
    httpEvent({
      method: 'POST',
      path: `/staff/suggestions/${id}/review`,
      token,
      params: { id },
      body,
    }),
  );

// The test's own S3 client, so what is stored is checked apart from the code.
const s3 = new S3Client({
  endpoint: inject('s3Endpoint'),
  region: 'cn-north-1',
  forcePathStyle: true,
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
});
afterAll(() => s3.destroy());

/** Distinct small PNGs, so a link showing the wrong photo is caught by its bytes. */
export const pngOf = (n: number) => pngImage(8 + n, 6, (x, y) => [(x * 30 + n * 50) % 256, y * 40, 120]);

type PhotoOwnerInput = { kind: 'suggestion' | 'report' | 'station'; id: string };

/**
 * Asks for room for one photo of `owner`, PUTs the bytes to the local S3 server and (unless `land` is
 * false) completes it, as the app does; returns the photo's id. Only on the real clock: s3rver
 * checks a presigned URL's expiry against it.
 */
export async function uploadPhoto(
  token: string,
  owner: PhotoOwnerInput,
  bytes: Uint8Array,
  land = true,
): Promise<string> {
  const id = `ph_${randomUUID().replace(/-/g, '')}`;
  const asked = await invoke(
    createPhotoUpload,
    httpEvent({
      method: 'POST',
      path: '/photos/uploads',
      token,
      body: { id, owner, contentType: 'image/png', size: bytes.length },
    }),
  );
  expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  const put = await fetch((asked.body as PhotoUploadTicket).uploadUrl, {
    method: 'PUT',
    headers: { 'Content-Type': 'image/png' },
    body: new Uint8Array(bytes),
  });
  await put.arrayBuffer();
  expect(put.status).toBe(200);
  if (land) {
    const completed = await invoke(
      completePhotoUpload,
      httpEvent({ method: 'POST', path: `/photos/${id}/complete`, token, params: { id } }),
    );
    expect(completed.status, JSON.stringify(completed.body)).toBe(200);
  }
  return id;
}

/** The bytes behind a photo link (the link must work). */
export async function fetchedBytes(url: string): Promise<Buffer> {
  const response = await fetch(url);
  expect(response.status, url).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

/** The keys of the files under a prefix of the photo bucket, sorted. */
export async function filesUnder(prefix: string): Promise<string[]> {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: inject('photoBucket'), Prefix: prefix }));
  return (listed.Contents ?? []).map((object) => object.Key!).sort();
}
