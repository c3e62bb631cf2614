import { randomUUID } from 'node:crypto';
import type { PhotoUploadTicket } from '@ankang/shared';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, expect, inject } from 'vitest';
import { db, tableName } from '../../functions/src/db/client';
import { handler as completePhotoUpload } from '../../functions/src/handlers/completePhotoUpload';
import { handler as createPhotoUpload } from '../../functions/src/handlers/createPhotoUpload';
import { handler as getStationPhotos } from '../../functions/src/handlers/getStationPhotos';
import { handler as updateStationPhotos } from '../../functions/src/handlers/updateStationPhotos';
import { httpEvent, invoke } from '../support/events';

/**
 * Photos in the integration tier: sent through the real handlers and s3rver as the app sends them,
 * and what is stored read with the test's own S3 client and table reads, apart from the code.
 */

export const photoBucket = inject('photoBucket');
export const s3 = new S3Client({
  endpoint: inject('s3Endpoint'),
  region: 'cn-north-1',
  forcePathStyle: true,
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
});
afterAll(() => s3.destroy());

export type PhotoOwnerInput = { kind: 'delivery' | 'report' | 'station' | 'suggestion'; id: string };

export const newPhotoId = () => `ph_${randomUUID().replace(/-/g, '')}`;

/** Distinct small PNGs, so a link showing the wrong photo is caught by its bytes. */
export { pngOf } from '../support/pngs';

/** POST /photos/uploads through its handler. */
export const presign = (token: string, body: unknown) =>
  invoke(createPhotoUpload, httpEvent({ method: 'POST', path: '/photos/uploads', token, body }));

/** POST /photos/{id}/complete through its handler. */
export const complete = (token: string, id: string) =>
  invoke(
    completePhotoUpload,
    httpEvent({ method: 'POST', path: `/photos/${id}/complete`, token, params: { id } }),
  );

/** PUTs bytes to a presigned URL as the phone does; the bucket's status. */
export async function putBytes(url: string, bytes: Uint8Array, contentType = 'image/png'): Promise<number> {
  const response = await fetch(url, {
    method: 'PUT',
    headers: { 'Content-Type': contentType },
    body: new Uint8Array(bytes),
  });
  await response.arrayBuffer();
  return response.status;
}

/**
 * Asks for room for one photo of `owner`, PUTs the bytes to the local S3 server and (unless `land` is
 * false) completes it, as the app does; returns the photo's id. Only on the real clock: s3rver
 * checks a presigned URL's expiry against it.
 */
export async function uploadPhoto(
  token: string,
  owner: PhotoOwnerInput,
  bytes: Uint8Array,
  { land = true, contentType = 'image/png' }: { land?: boolean; contentType?: string } = {},
): Promise<string> {
  const id = newPhotoId();
  const asked = await presign(token, { id, owner, contentType, size: bytes.length });
  expect(asked.status, JSON.stringify(asked.body)).toBe(201);
  expect(await putBytes((asked.body as PhotoUploadTicket).uploadUrl, bytes, contentType)).toBe(200);
  if (land) {
    const completed = await complete(token, id);
    expect(completed.status, JSON.stringify(completed.body)).toBe(200);
  }
  return id;
}

/** A photo's item as stored now, or undefined. */
export async function photoItem(id: string) {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: { pk: `PHOTO#${id}`, sk: 'PHOTO' }, ConsistentRead: true }),
  );
  return Item;
}

/** The keys of the files under a prefix of the photo bucket, sorted. */
export async function filesUnder(prefix: string): Promise<string[]> {
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: photoBucket, Prefix: prefix }));
  return (listed.Contents ?? []).map((object) => object.Key!).sort();
}

/** The bytes of one file in the photo bucket. */
export async function storedBytes(key: string): Promise<Uint8Array> {
  const object = await s3.send(new GetObjectCommand({ Bucket: photoBucket, Key: key }));
  return object.Body!.transformToByteArray();
}

/** The bytes behind a photo link (the link must work). */
export async function fetchedBytes(url: string): Promise<Buffer> {
  const response = await fetch(url);
  expect(response.status, url).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

/** A station's gallery as staff read it (GET /staff/stations/{id}/photos). */
export const readGallery = (token: string, id: string) =>
  invoke(
    getStationPhotos,
    httpEvent({ method: 'GET', path: `/staff/stations/${id}/photos`, token, params: { id } }),
  );

/** Saves a station's gallery as staff do (PUT /staff/stations/{id}/photos). */
export const putGallery = (token: string, id: string, body: unknown) =>
  invoke(
    updateStationPhotos,
    httpEvent({ method: 'PUT', path: `/staff/stations/${id}/photos`, token, params: { id }, body }),
  );
