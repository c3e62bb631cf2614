import { randomUUID } from 'node:crypto';
import type { PhotoUploadTicket } from '@ankang/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { pngImage } from '../../functions/local/pngImage';
import { placeOfFile } from '../support/testPlaces';
import { expectRefused, loginAsDemo, loginWithCode, request } from './http';
import { createStation } from './stationHelpers';
import { storedItem, table } from './table';

/**
 * The photo routes over real HTTP (serverless-offline, DynamoDB Local, s3rver): callers without a
 * token or the right role, forged ids, hostile and huge input, retries, and the whole upload as a
 * phone does it (presign → PUT to the bucket → complete). Every refusal is a declared 4xx with a
 * Chinese message and leaves nothing stored.
 */

afterAll(() => table.destroy());

const hex = () => randomUUID().replace(/-/g, '');
const photoId = () => `ph_${hex()}`;
const deliveryId = () => `dl_${hex()}`;
const png = pngImage(20, 20, (x, y) => [(x * 12) % 256, (y * 12) % 256, 90]);
const deliveryPhoto = (id = photoId(), owner = deliveryId()) => ({
  id,
  owner: { kind: 'delivery', id: owner },
  contentType: 'image/png',
  size: png.length,
});

const storedPhoto = (id: string) => storedItem(`PHOTO#${id}`, 'PHOTO');

const worker = async () => (await loginWithCode(`ok-${randomUUID()}`)).token;
const presign = (token: string | undefined, body: unknown) =>
  request('POST', '/photos/uploads', { token, body });
const complete = (token: string | undefined, id: string) =>
  request('POST', `/photos/${id}/complete`, { token });

describe('API: photo uploads', () => {
  it('refuses callers without a valid token, storing nothing', async () => {
    const body = deliveryPhoto();
    expectRefused(await presign(undefined, body), 401, 'UNAUTHENTICATED');
    expectRefused(await presign('not.a.token', body), 401, 'UNAUTHENTICATED');
    expectRefused(await complete(undefined, body.id), 401, 'UNAUTHENTICATED');
    expect(await storedPhoto(body.id)).toBeUndefined();
  });

  it('uploads a photo as a phone does, and answers retries alike', async () => {
    const token = await worker();
    const body = deliveryPhoto();
    // The outbox may send the same request several times at once after a reconnect.
    const issued = await Promise.all(Array.from({ length: 4 }, () => presign(token, body)));
    for (const answer of issued) expect(answer.status).toBe(201);
    const tickets = issued.map((answer) => answer.body as PhotoUploadTicket);
    expect(new Set(tickets.map((t) => new URL(t.uploadUrl).pathname)).size).toBe(1);

    const put = await fetch(tickets[0]!.uploadUrl, {
      method: tickets[0]!.method,
      headers: tickets[0]!.headers,
      body: new Uint8Array(png),
    });
    expect(put.status).toBe(200);
    const done = await complete(token, body.id);
    expect(done).toMatchObject({ status: 200, body: { id: body.id, state: 'landed', size: png.length } });
    expect((await complete(token, body.id)).body).toStrictEqual(done.body);
    expect(await storedPhoto(body.id)).toMatchObject({ state: 'landed', version: 2 });
  });

  it('lets the H5 app (another origin) PUT to the upload URL', async () => {
    const token = await worker();
    const ticket = (await presign(token, deliveryPhoto())).body as PhotoUploadTicket;
    const preflight = await fetch(ticket.uploadUrl, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://127.0.0.1:10086',
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type');
  });

  it('refuses one id for different content, and another person’s id', async () => {
    const owner = await worker();
    const other = await worker();
    const body = deliveryPhoto();
    expect((await presign(owner, body)).status).toBe(201);
    expectRefused(await presign(owner, { ...body, size: body.size + 1 }), 409, 'REQUEST_ID_REUSED');
    expectRefused(await presign(other, body), 409, 'REQUEST_ID_REUSED');
    expectRefused(await complete(other, body.id), 404, 'PHOTO_NOT_FOUND');
    expect(await storedPhoto(body.id)).toMatchObject({ state: 'incoming', size: body.size, version: 1 });
  });

  it.each([
    ['a GIF', { contentType: 'image/gif' }],
    ['HTML as a photo', { contentType: 'text/html' }],
    ['a 5 MB + 1 byte file', { size: 5 * 1024 * 1024 + 1 }],
    ['a negative size', { size: -1 }],
    ['an id with a path in it', { id: 'ph_0123456789abcdef/../x' }],
    ['an id with upper case', { id: `ph_${hex().toUpperCase()}` }],
    ['a 41-character id', { id: `ph_${'a'.repeat(41)}` }],
    ['a delivery id with a key separator', { owner: { kind: 'delivery', id: 'dl_0123456789abcdef#x' } }],
    ['a station id under delivery', { owner: { kind: 'delivery', id: 'st_0123456789' } }],
    ['no owner', { owner: undefined }],
    ['an owner of no kind we know', { owner: { kind: 'user', id: 'u_1' } }],
    // Within the 64 KB a body may have, so the schema, not the size cap, refuses it.
    ['a long text where the type goes', { contentType: 'image/png'.padEnd(60_000, 'x') }],
  ])('refuses %s with 400 and stores nothing', async (_label, override) => {
    const token = await worker();
    const body = { ...deliveryPhoto(), ...override };
    expectRefused(await presign(token, body), 400, 'VALIDATION_FAILED');
    if (typeof body.id === 'string') expect(await storedPhoto(body.id)).toBeUndefined();
  });

  it('refuses malformed bodies', async () => {
    const token = await worker();
    expectRefused(
      await request('POST', '/photos/uploads', { token, rawBody: '{"id":' }),
      400,
      'MALFORMED_JSON',
    );
    expectRefused(
      await request('POST', '/photos/uploads', { token, rawBody: '[]' }),
      400,
      'VALIDATION_FAILED',
    );
    // 1e400 is Infinity once parsed: no size at all.
    const infinite = JSON.stringify(deliveryPhoto()).replace(/"size":\d+/, '"size":1e400');
    expectRefused(
      await request('POST', '/photos/uploads', { token, rawBody: infinite }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('refuses a 1 MB body with 413 before reading it, signed in or not, storing nothing', async () => {
    const token = await worker();
    // A well-formed request for a photo, padded with a field no schema reads to 1 MB.
    const body = { ...deliveryPhoto(), pad: 'x'.repeat(1024 * 1024) };
    for (const caller of [token, undefined]) {
      const answer = await request('POST', '/photos/uploads', { token: caller, body });
      expect(answer.status).toBe(413);
      expect(answer.body).toStrictEqual({
        error: { code: 'PAYLOAD_TOO_LARGE', message: '提交的内容过大（最大 64 KB），请精简后重试' },
      });
    }
    expect(await storedPhoto(body.id)).toBeUndefined();
    // The same request without the pad is taken.
    const { pad: _pad, ...plain } = body;
    expect((await presign(token, plain)).status).toBe(201);
  });

  it('refuses a photo request sent as another content type than JSON', async () => {
    const token = await worker();
    const body = deliveryPhoto();
    const answer = await request('POST', '/photos/uploads', {
      token,
      rawBody: new URLSearchParams({ id: body.id, contentType: body.contentType }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectRefused(answer, 400, 'MALFORMED_JSON');
    expect(await storedPhoto(body.id)).toBeUndefined();
  });

  it('refuses forged ids on completion', async () => {
    const token = await worker();
    expectRefused(await complete(token, 'ph_short'), 400, 'VALIDATION_FAILED');
    expectRefused(await complete(token, 'dl_0123456789abcdef0123'), 400, 'VALIDATION_FAILED');
    expectRefused(
      await complete(token, encodeURIComponent('ph_0123456789abcdef/../../x')),
      400,
      'VALIDATION_FAILED',
    );
    expectRefused(await complete(token, photoId()), 404, 'PHOTO_NOT_FOUND');
  });

  it('answers 409 PHOTO_NOT_UPLOADED before the file is sent, and 422 for a file that is no image', async () => {
    const token = await worker();
    const body = deliveryPhoto();
    const ticket = (await presign(token, body)).body as PhotoUploadTicket;
    expectRefused(await complete(token, body.id), 409, 'PHOTO_NOT_UPLOADED');
    const fake = Buffer.alloc(png.length, 0x3c); // "<<<<…": the right size and type header, no image
    expect(
      (await fetch(ticket.uploadUrl, { method: 'PUT', headers: ticket.headers, body: new Uint8Array(fake) }))
        .status,
    ).toBe(200);
    expectRefused(await complete(token, body.id), 422, 'PHOTO_INVALID');
    expect(await storedPhoto(body.id)).toBeUndefined();
  });

  it('keeps a delivery to three photos per uploader', async () => {
    const token = await worker();
    const owner = deliveryId();
    for (let i = 0; i < 3; i += 1)
      expect((await presign(token, deliveryPhoto(photoId(), owner))).status).toBe(201);
    const fourth = deliveryPhoto(photoId(), owner);
    expectRefused(await presign(token, fourth), 409, 'TOO_MANY_PHOTOS');
    expect(await storedPhoto(fourth.id)).toBeUndefined();
  });
});

describe('API: station photos', () => {
  /**
   * A station of 张家港's own union (not of a town below it) made for this file at its own place:
   * a demo station may be one another file fills to its photo cap while this one runs.
   */
  const zjgStationId = async () =>
    (await createStation(await loginAsDemo('李敏'), placeOfFile(import.meta.url))).id;
  const stationPhoto = (stationId: string) => ({
    id: photoId(),
    owner: { kind: 'station', id: stationId },
    contentType: 'image/png',
    size: png.length,
  });

  it('are refused to workers, volunteers and staff of another org, and allowed to staff in scope', async () => {
    const stationId = await zjgStationId();
    const refusals: Array<[string, Promise<string>, number, string]> = [
      ['a worker', worker(), 403, 'FORBIDDEN'],
      ['a volunteer', loginAsDemo('赵磊'), 403, 'FORBIDDEN'],
      ['staff of 苏州工业园区 (beside)', loginAsDemo('沈佳怡'), 403, 'OUT_OF_SCOPE'],
      ['staff of 大新镇 (below the station’s org)', loginAsDemo('顾晓东'), 403, 'OUT_OF_SCOPE'],
    ];
    for (const [label, tokenPromise, status, code] of refusals) {
      const body = stationPhoto(stationId);
      const answer = await presign(await tokenPromise, body);
      expect({ label, status: answer.status }).toStrictEqual({ label, status });
      expectRefused(answer, status, code);
      expect(await storedPhoto(body.id)).toBeUndefined();
    }
    const staff = await loginAsDemo('李敏');
    expectRefused(await presign(staff, stationPhoto('st_nosuchstation')), 404, 'STATION_NOT_FOUND');
    expect((await presign(staff, stationPhoto(stationId))).status).toBe(201);
    expect((await presign(await loginAsDemo('陈刚'), stationPhoto(stationId))).status).toBe(201);
  });
});
