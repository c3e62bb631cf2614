import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

/** The bucket the local stage uses (serverless.yml, custom.photoBucket.local). */
export const localPhotoBucket = 'ankang-local-photos';

export interface S3Local {
  /** Path-style endpoint: `${endpoint}/${bucket}/${key}`. */
  endpoint: string;
  bucket: string;
  stop(): Promise<void>;
}

/**
 * The H5 app (served on another port) PUTs photos straight to presigned URLs and shows them by
 * presigned GET, so the browser needs CORS from any local origin.
 */
const corsConfig = `<CORSConfiguration>
  <CORSRule>
    <AllowedOrigin>*</AllowedOrigin>
    <AllowedMethod>PUT</AllowedMethod>
    <AllowedMethod>GET</AllowedMethod>
    <AllowedMethod>HEAD</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <MaxAgeSeconds>600</MaxAgeSeconds>
  </CORSRule>
</CORSConfiguration>`;

/** The little of a Koa context (s3rver is a Koa app) the tag middleware reads. */
interface RequestContext {
  method: string;
  path: string;
  status: number;
  get(header: string): string;
  store: TagStore;
}
type Middleware = (ctx: RequestContext, next: () => Promise<void>) => Promise<void>;

/** What s3rver's file store offers for an object's tags (its `tagging` subresource). */
interface TagStore {
  getSubresource(bucket: string, key: string, type: 'tagging'): Promise<{ toXML(): string } | null>;
  putSubresource(bucket: string, key: string, resource: { type: 'tagging'; toXML(): string }): Promise<void>;
}

const escapeXml = (text: string) => text.replace(/[<>&'"]/g, (char) => `&#${char.charCodeAt(0)};`);

/** A `key=value&…` tag header (x-amz-tagging) as an S3 Tagging document. */
function taggingXml(header: string): string {
  const tags = [...new URLSearchParams(header)].map(
    ([key, value]) => `<Tag><Key>${escapeXml(key)}</Key><Value>${escapeXml(value)}</Value></Tag>`,
  );
  return `<Tagging><TagSet>${tags.join('')}</TagSet></Tagging>`;
}

/**
 * S3's tags on a copy, which s3rver leaves out (it neither copies tags nor reads x-amz-tagging on a
 * copy): the source's tags by default, or with `x-amz-tagging-directive: REPLACE` exactly those of
 * `x-amz-tagging`. So the local stack tags a copy as S3 does (objectStore.copyObject relies on it).
 */
function copyTagsAsS3(): Middleware {
  return async (ctx, next) => {
    await next();
    const source = ctx.get('x-amz-copy-source');
    if (ctx.method !== 'PUT' || !source || ctx.status !== 200) return;
    const [bucket = '', ...key] = decodeURIComponent(ctx.path).slice(1).split('/');
    const [fromBucket = '', ...fromKey] = decodeURIComponent(source).replace(/^\//, '').split('/');
    const xml =
      ctx.get('x-amz-tagging-directive') === 'REPLACE'
        ? taggingXml(ctx.get('x-amz-tagging'))
        : ((await ctx.store.getSubresource(fromBucket, fromKey.join('/'), 'tagging'))?.toXML() ??
          taggingXml(''));
    await ctx.store.putSubresource(bucket, key.join('/'), { type: 'tagging', toXML: () => xml });
  };
}

/**
 * s3rver (an S3-compatible server in this process) on 127.0.0.1, with the photo bucket made at
 * start. Files are kept in `dataDir` when given (npm start), else in a temporary folder removed on
 * stop (tests). It checks presigned signatures but not signed headers: the API checks the stored
 * object instead, as it must for S3 too.
 */
export async function startS3Local(options: { dataDir?: string; port?: number } = {}): Promise<S3Local> {
  const directory = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'ankang-s3-'));
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? 0,
    silent: true,
    directory,
    vhostBuckets: false,
    configureBuckets: [{ name: localPhotoBucket, configs: [corsConfig] }],
  });
  // Outermost, so it sees the copy's outcome.
  (server as unknown as { middleware: Middleware[] }).middleware.unshift(copyTagsAsS3());
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket: localPhotoBucket,
    stop: async () => {
      await server.close();
      if (!options.dataDir) rmSync(directory, { recursive: true, force: true });
    },
  };
}
