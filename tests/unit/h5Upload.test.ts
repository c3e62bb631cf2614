import { gzipSync } from 'node:zlib';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { liveScriptHashes, manifestKey, uploadH5 } from '../../functions/local/h5Upload';
import { type H5Asset, h5AssetRule } from '../../functions/stack/h5Assets';

const s3Mock = mockClient(S3Client);
const s3 = new S3Client({ region: 'cn-north-1' });
const bucket = 'ankang-prod-h5-bucket';

/** A file of the build; its bytes are this test file's own (only the key and headers matter here). */
const asset = (key: string): H5Asset => ({
  key,
  file: import.meta.filename,
  rule: h5AssetRule(key),
  plainBytes: 1,
  sentBytes: 1,
});
const build = ['index.html', 'js/app.00000003.js', 'favicon.ico', 'css/app.00000003.css'].map(asset);

/** An S3 body as the SDK hands it over: only the readers the upload calls. */
const body = (bytes: Buffer) =>
  ({
    transformToString: async () => bytes.toString('utf8'),
    transformToByteArray: async () => new Uint8Array(bytes),
  }) as never;

/** What the upload asked of S3, in order: the command and its key(s). */
const calls = () =>
  s3Mock.calls().map(({ args: [command] }) => {
    const input = command.input as { Key?: string; Delete?: { Objects?: { Key?: string }[] } };
    const keys = input.Delete?.Objects?.map((object) => object.Key) ?? input.Key;
    return [command.constructor.name, keys];
  });

beforeEach(() => {
  s3Mock.reset();
  s3Mock.on(ListObjectsV2Command).resolves({
    Contents: ['index.html', 'js/app.00000001.js', 'js/app.00000002.js', manifestKey].map((Key) => ({ Key })),
  });
  s3Mock.on(PutObjectCommand).resolves({});
  s3Mock.on(DeleteObjectsCommand).resolves({});
});

describe('uploadH5: one deploy of the build to the bucket', () => {
  it('puts content-named files, then the others, then index.html, records the build, then deletes what neither deploy uses', async () => {
    const manifest = { deployedAt: '2026-11-01T00:00:00.000Z', keys: ['index.html', 'js/app.00000002.js'] };
    s3Mock.on(GetObjectCommand, { Key: manifestKey }).resolves({
      Body: body(Buffer.from(JSON.stringify(manifest))),
    });

    const deleted = await uploadH5(s3, bucket, build);

    expect(deleted).toBe(1);
    expect(calls()).toStrictEqual([
      ['ListObjectsV2Command', undefined],
      ['GetObjectCommand', manifestKey],
      ['PutObjectCommand', 'js/app.00000003.js'],
      ['PutObjectCommand', 'css/app.00000003.css'],
      ['PutObjectCommand', 'favicon.ico'],
      ['PutObjectCommand', 'index.html'],
      ['PutObjectCommand', manifestKey],
      // 00000002 belongs to the deploy before: a page opened then may still ask for it.
      ['DeleteObjectsCommand', ['js/app.00000001.js']],
    ]);
    const script = s3Mock.commandCalls(PutObjectCommand, { Key: 'js/app.00000003.js' })[0]!.args[0].input;
    expect([script.ContentType, script.CacheControl]).toStrictEqual([
      'text/javascript; charset=utf-8',
      'public, max-age=31536000, immutable',
    ]);
    const recorded = s3Mock.commandCalls(PutObjectCommand, { Key: manifestKey })[0]!.args[0].input;
    expect(JSON.parse(String(recorded.Body)).keys).toStrictEqual(build.map((file) => file.key));
  });

  it.each([
    ['not JSON', 'deploy-manifest'],
    ['empty', ''],
    ['JSON of another shape', '{"keys":"index.html"}'],
  ])('deploys over a manifest that is %s, keeping nothing of the deploy before', async (_, text) => {
    s3Mock.on(GetObjectCommand, { Key: manifestKey }).resolves({ Body: body(Buffer.from(text)) });

    const deleted = await uploadH5(s3, bucket, build);

    expect(deleted).toBe(2);
    expect(s3Mock.commandCalls(DeleteObjectsCommand)[0]!.args[0].input.Delete?.Objects).toStrictEqual([
      { Key: 'js/app.00000001.js' },
      { Key: 'js/app.00000002.js' },
    ]);
  });

  it('deploys into a bucket without a manifest (the first deploy)', async () => {
    s3Mock
      .on(GetObjectCommand, { Key: manifestKey })
      .rejects(new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} }));

    expect(await uploadH5(s3, bucket, build)).toBe(2);
  });

  it('fails when S3 could not delete a file, naming it', async () => {
    s3Mock
      .on(GetObjectCommand, { Key: manifestKey })
      .rejects(new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} }));
    s3Mock
      .on(DeleteObjectsCommand)
      .resolves({ Errors: [{ Key: 'js/app.00000001.js', Code: 'AccessDenied' }] });

    await expect(uploadH5(s3, bucket, build)).rejects.toThrow('js/app.00000001.js（AccessDenied）');
  });
});

describe('liveScriptHashes: the inline scripts of the page live now', () => {
  const page = '<html><head><script>var a=1;</script><script src="./js/app.js"></script></head></html>';

  it('reads index.html as stored, gzipped or not', async () => {
    s3Mock
      .on(GetObjectCommand)
      .resolvesOnce({ Body: body(gzipSync(page)), ContentEncoding: 'gzip' })
      .resolvesOnce({ Body: body(Buffer.from(page)) });

    const [gzipped, plain] = [await liveScriptHashes(s3, bucket), await liveScriptHashes(s3, bucket)];

    // sha256 of `var a=1;`, as `openssl dgst -sha256 -binary | base64` gives it.
    const expected = ["'sha256-gaaMFNHZyRta8zB2VHkWLMP4tMxJ+d8v3dTW7nw2r6M='"];
    expect([gzipped, plain]).toStrictEqual([expected, expected]);
  });

  it('answers none before the first deploy', async () => {
    s3Mock.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'none', $metadata: {} }));
    expect(await liveScriptHashes(s3, bucket)).toStrictEqual([]);
  });
});
