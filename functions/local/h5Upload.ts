import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { z } from 'zod';
import { type H5Asset, isHashedAsset } from '../stack/h5Assets';
import { inlineScriptHashes } from '../stack/h5Headers';

/**
 * The keys of the deploy before this one, kept in the bucket beside the app: their files stay one
 * more deploy, so a page opened before this deploy can still load the chunks it asks for later.
 */
export const manifestKey = 'deploy-manifest.json';
const manifestSchema = z.object({ deployedAt: z.string(), keys: z.array(z.string()) });

/**
 * The order of the upload, batch after batch: the content-named files first (no live page names
 * them yet), then the other files, and index.html last, so no page ever names a file that is not
 * there yet.
 */
export function uploadBatches(assets: readonly H5Asset[]): H5Asset[][] {
  const hashed = assets.filter((asset) => isHashedAsset(asset.key));
  const index = assets.filter((asset) => asset.key === 'index.html');
  const others = assets.filter((asset) => !isHashedAsset(asset.key) && asset.key !== 'index.html');
  return [hashed, others, index].filter((batch) => batch.length > 0);
}

/** What a deploy deletes: files in neither this build nor the one before it. */
export function staleKeys(
  existing: readonly string[],
  current: ReadonlySet<string>,
  previous: ReadonlySet<string>,
): string[] {
  return existing.filter((key) => key !== manifestKey && !current.has(key) && !previous.has(key));
}

/** A bucket of the app's files, a few hundred keys: far under this many pages of 1,000. */
const MAX_LIST_PAGES = 100;

async function listKeys(s3: S3Client, bucket: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_LIST_PAGES; page++) {
    const answer = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, ...(token ? { ContinuationToken: token } : {}) }),
    );
    for (const object of answer.Contents ?? []) if (object.Key) keys.push(object.Key);
    token = answer.NextContinuationToken;
    if (!token) return keys;
  }
  throw new Error(`桶 ${bucket} 的文件超过 ${MAX_LIST_PAGES * 1000} 个，不像 H5 应用的桶，停止部署`);
}

async function previousKeys(s3: S3Client, bucket: string): Promise<Set<string>> {
  let text: string;
  try {
    const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: manifestKey }));
    text = (await answer.Body?.transformToString()) ?? '';
  } catch (error) {
    if (error instanceof NoSuchKey) return new Set();
    throw error;
  }
  // An unreadable manifest (not JSON, or not a manifest) keeps nothing extra: the current build is
  // still complete.
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return new Set();
  }
  const parsed = manifestSchema.safeParse(json);
  return new Set(parsed.success ? parsed.data.keys : []);
}

/**
 * The inline-script hashes of the index.html live now, if any. The new headers policy and the new
 * index.html reach the edge minutes apart, in either order: a policy that allows the scripts of
 * both pages keeps either page working meanwhile (the next deploy drops the old hashes).
 */
export async function liveScriptHashes(s3: S3Client, bucket: string): Promise<string[]> {
  try {
    const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'index.html' }));
    const bytes = Buffer.from((await answer.Body?.transformToByteArray()) ?? []);
    const html = (answer.ContentEncoding === 'gzip' ? gunzipSync(bytes) : bytes).toString('utf8');
    return inlineScriptHashes(html);
  } catch (error) {
    if (error instanceof NoSuchKey) return [];
    throw error;
  }
}

/** Uploads in this many parallel requests: enough to fill a link, few enough to stay polite. */
const PARALLEL_UPLOADS = 8;

async function putAll(s3: S3Client, bucket: string, assets: readonly H5Asset[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    // Each worker takes the next file until none is left: at most assets.length turns in all.
    while (next < assets.length) {
      const asset = assets[next++]!;
      const rule = asset.rule;
      if (!rule) throw new Error(`不认识 ${asset.key} 的文件类型`);
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: asset.key,
          Body: readFileSync(asset.file),
          ContentType: rule.contentType,
          CacheControl: rule.cacheControl,
          ...(asset.contentEncoding ? { ContentEncoding: asset.contentEncoding } : {}),
        }),
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_UPLOADS, assets.length) }, worker));
}

/**
 * Puts the build into the bucket in a safe order (uploadBatches), records its keys, then deletes
 * the files neither it nor the deploy before it uses. Answers how many files were deleted.
 */
export async function uploadH5(s3: S3Client, bucket: string, assets: readonly H5Asset[]): Promise<number> {
  const existing = await listKeys(s3, bucket);
  const previous = await previousKeys(s3, bucket);
  for (const batch of uploadBatches(assets)) await putAll(s3, bucket, batch);
  const current = new Set(assets.map((asset) => asset.key));
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: manifestKey,
      Body: JSON.stringify({ deployedAt: new Date().toISOString(), keys: [...current] }),
      ContentType: 'application/json; charset=utf-8',
      CacheControl: 'no-cache',
    }),
  );
  const stale = staleKeys(existing, current, previous);
  // DeleteObjects takes at most 1,000 keys; the listing's bound bounds this loop too.
  for (let start = 0; start < stale.length; start += 1000) {
    const answer = await s3.send(
      new DeleteObjectsCommand({
        Bucket: bucket,
        Delete: { Objects: stale.slice(start, start + 1000).map((Key) => ({ Key })), Quiet: true },
      }),
    );
    if (answer.Errors?.length) {
      throw new Error(`删除旧文件失败：${answer.Errors.map((e) => `${e.Key}（${e.Code}）`).join('、')}`);
    }
  }
  return stale.length;
}
