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
