import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { env } from '../lib/env';

/** What s3rver accepts; real credentials are never needed or read locally. */
const localCredentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/**
 * The single S3 client, created once per container. Locally it talks to s3rver by path
 * (`http://127.0.0.1:port/bucket/key`), which has no virtual-host names. Checksums only where S3
 * requires them: otherwise the SDK puts a CRC32 of the (unknown) body into presigned PUT URLs,
 * which no phone could match.
 */
const s3 = new S3Client({
  region: env.AWS_REGION,
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
  ...(env.S3_ENDPOINT
    ? { endpoint: env.S3_ENDPOINT, forcePathStyle: true, credentials: localCredentials }
    : {}),
});

const Bucket = env.PHOTO_BUCKET;

/** What HeadObject tells about a stored object. */
export interface ObjectHead {
  contentType: string | null;
  contentLength: number;
}

function isNotFound(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.name === 'NotFound' || error.name === 'NoSuchKey' || error.$metadata.httpStatusCode === 404)
  );
}

/** Stores a whole object (a server-made file, e.g. a report export). */
export async function putObject(key: string, body: Uint8Array | string, contentType: string): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket, Key: key, Body: body, ContentType: contentType }));
}

/**
 * A URL that takes one PUT of exactly this type and length to `key`, for `expiresIn` seconds. Both
 * headers are signed, so S3 refuses any other (s3rver does not: callers check the stored object).
 */
export async function presignPut(
  key: string,
  options: { contentType: string; contentLength: number; expiresIn: number },
): Promise<string> {
  return getSignedUrl(
    s3,
    new PutObjectCommand({
      Bucket,
      Key: key,
      ContentType: options.contentType,
      ContentLength: options.contentLength,
    }),
    { expiresIn: options.expiresIn, signableHeaders: new Set(['content-type', 'content-length']) },
  );
}

/**
 * A URL that reads `key` for `expiresIn` seconds from `signedAt` (default now); with
 * `downloadName` the browser saves it under that name (RFC 6266 `filename*`, so Chinese names
 * survive). The same `signedAt` gives the same URL, which lets clients cache the file.
 */
export async function presignGet(
  key: string,
  options: { expiresIn: number; downloadName?: string; signedAt?: Date },
): Promise<string> {
  const disposition = options.downloadName
    ? `attachment; filename*=UTF-8''${encodeURIComponent(options.downloadName)}`
    : undefined;
  return getSignedUrl(
    s3,
    new GetObjectCommand({ Bucket, Key: key, ResponseContentDisposition: disposition }),
    { expiresIn: options.expiresIn, signingDate: options.signedAt },
  );
}

/** Type and length of a stored object; null when there is none. */
export async function headObject(key: string): Promise<ObjectHead | null> {
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: key }));
    return { contentType: head.ContentType ?? null, contentLength: head.ContentLength ?? 0 };
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** The first `bytes` bytes of an object (a ranged GET); null when there is none. */
export async function readObjectStart(key: string, bytes: number): Promise<Uint8Array | null> {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket, Key: key, Range: `bytes=0-${bytes - 1}` }));
    const body = await object.Body?.transformToByteArray();
    return body ? body.subarray(0, bytes) : new Uint8Array();
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/**
 * Copies an object within the bucket, keeping its type, with exactly `tags` on the copy, set in the
 * same call (TaggingDirective REPLACE): the copy never inherits the source's tags, and S3 need not
 * read them (no s3:GetObjectTagging). Keys are our own ([A-Za-z0-9_./-]).
 */
export async function copyObject(
  fromKey: string,
  toKey: string,
  tags: Record<string, string> = {},
): Promise<void> {
  const tagging = new URLSearchParams(tags).toString();
  await s3.send(
    new CopyObjectCommand({
      Bucket,
      Key: toKey,
      CopySource: `${Bucket}/${fromKey}`,
      TaggingDirective: 'REPLACE',
      ...(tagging ? { Tagging: tagging } : {}),
    }),
  );
}

/** Sets an object's tags, replacing those it had. */
export async function tagObject(key: string, tags: Record<string, string>): Promise<void> {
  const TagSet = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  await s3.send(new PutObjectTaggingCommand({ Bucket, Key: key, Tagging: { TagSet } }));
}

/** Deletes an object; deleting one that is not there is no error. */
export async function deleteObject(key: string): Promise<void> {
  await s3.send(new DeleteObjectCommand({ Bucket, Key: key }));
}
