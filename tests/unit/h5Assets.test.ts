import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staleKeys, uploadBatches } from '../../functions/local/h5Upload';
import { type H5Asset, h5AssetRule, isHashedAsset, precompressH5 } from '../../functions/stack/h5Assets';

const immutable = 'public, max-age=31536000, immutable';

describe('h5AssetRule: which file gets which headers', () => {
  it.each([
    ['js/app.5bf0ae84.js', 'text/javascript; charset=utf-8', immutable, true],
    ['js/959.5a09afc6.js', 'text/javascript; charset=utf-8', immutable, true],
    ['css/app.c7db8a1c.css', 'text/css; charset=utf-8', immutable, true],
    ['js/app.5bf0ae84.js.LICENSE.txt', 'text/plain; charset=utf-8', immutable, true],
    ['static/images/logo.0a1b2c3d.png', 'image/png', immutable, false],
    ['static/fonts/icons.0a1b2c3d.woff2', 'font/woff2', immutable, false],
    ['index.html', 'text/html; charset=utf-8', 'no-cache', true],
    // Not named by content, or not in a content-named folder: revalidated every time.
    ['js/config.js', 'text/javascript; charset=utf-8', 'no-cache', true],
    ['app.5bf0ae84.js', 'text/javascript; charset=utf-8', 'no-cache', true],
    ['other/app.5bf0ae84.js', 'text/javascript; charset=utf-8', 'no-cache', true],
    ['js/app.5BF0AE84.js', 'text/javascript; charset=utf-8', 'no-cache', true],
    ['js/app.5bf0ae8.js', 'text/javascript; charset=utf-8', 'no-cache', true],
    ['favicon.ico', 'image/x-icon', 'no-cache', true],
  ])('%s: %s, %s, compressible %s', (key, contentType, cacheControl, compressible) => {
    expect(h5AssetRule(key)).toStrictEqual({ contentType, cacheControl, compressible });
  });

  it('knows no type for an extension outside its table', () => {
    expect(h5AssetRule('js/app.5bf0ae84.exe')).toBeUndefined();
    expect(h5AssetRule('README')).toBeUndefined();
  });

  it('calls hashed only content-named files under js/, css/ and static/', () => {
    expect(
      ['js/a.0123abcd.js', 'css/a.0123abcd.css', 'static/x/a.0123abcd.svg'].map(isHashedAsset),
    ).toStrictEqual([true, true, true]);
    expect(['index.html', 'js/a.js', 'a.0123abcd.js', 'jsx/a.0123abcd.js'].map(isHashedAsset)).toStrictEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('precompressH5', () => {
  let dist: string;
  const bigScript = `console.log(${JSON.stringify('安康'.repeat(2000))});\n`.repeat(4);

  beforeEach(() => {
    dist = mkdtempSync(path.join(os.tmpdir(), 'ankang-h5-assets-'));
    mkdirSync(path.join(dist, 'js'));
    mkdirSync(path.join(dist, 'static'));
    writeFileSync(path.join(dist, 'index.html'), `<!doctype html><html>${'<p>安康</p>'.repeat(200)}</html>`);
    writeFileSync(path.join(dist, 'js/app.0123abcd.js'), bigScript);
    // gzip adds ~20 bytes of framing: a two-byte file stays plain.
    writeFileSync(path.join(dist, 'js/tiny.0123abcd.js'), '1;');
    writeFileSync(path.join(dist, 'static/logo.0123abcd.png'), Buffer.alloc(4096, 7));
    // Left by an earlier build: its source is gone.
    writeFileSync(path.join(dist, 'js/old.99999999.js.gz'), 'stale');
  });

  afterEach(() => rmSync(dist, { recursive: true, force: true }));

  it('gzips what gzip shrinks, beside the file, and lists each file with the bytes to send', () => {
    const assets = precompressH5(dist);
    const byKey = Object.fromEntries(assets.map((asset) => [asset.key, asset]));
    expect(Object.keys(byKey).sort()).toStrictEqual([
      'index.html',
      'js/app.0123abcd.js',
      'js/tiny.0123abcd.js',
      'static/logo.0123abcd.png',
    ]);
    const app = byKey['js/app.0123abcd.js']!;
    expect(app.contentEncoding).toBe('gzip');
    expect(app.file).toBe(path.join(dist, 'js/app.0123abcd.js.gz'));
    expect(gunzipSync(readFileSync(app.file)).toString('utf8')).toBe(bigScript);
    expect(app.plainBytes).toBe(Buffer.byteLength(bigScript));
    expect(app.sentBytes).toBe(readFileSync(app.file).length);
    expect(app.sentBytes).toBeLessThan(app.plainBytes / 10);
    expect(byKey['index.html']!.contentEncoding).toBe('gzip');
    // Too small to gain, and a format that is compressed already.
    for (const key of ['js/tiny.0123abcd.js', 'static/logo.0123abcd.png']) {
      expect(byKey[key]!.contentEncoding).toBeUndefined();
      expect(byKey[key]!.file).toBe(path.join(dist, key));
      expect(existsSync(path.join(dist, `${key}.gz`))).toBe(false);
    }
    expect(existsSync(path.join(dist, 'js/old.99999999.js.gz'))).toBe(false);
  });

  it('gives the same bytes every time, so the local server and the bucket agree', () => {
    const first = readFileSync(precompressH5(dist).find((asset) => asset.key === 'index.html')!.file);
    const second = readFileSync(precompressH5(dist).find((asset) => asset.key === 'index.html')!.file);
    expect(second.equals(first)).toBe(true);
  });
});

describe('The upload order and what a deploy deletes', () => {
  const asset = (key: string): H5Asset => ({
    key,
    file: key,
    rule: h5AssetRule(key),
    plainBytes: 1,
    sentBytes: 1,
  });

  it('puts content-named files first and index.html last', () => {
    const batches = uploadBatches(
      ['index.html', 'js/app.0123abcd.js', 'favicon.ico', 'css/app.0123abcd.css'].map(asset),
    );
    expect(batches.map((batch) => batch.map((a) => a.key))).toStrictEqual([
      ['js/app.0123abcd.js', 'css/app.0123abcd.css'],
      ['favicon.ico'],
      ['index.html'],
    ]);
  });

  it('keeps the files of this build and of the one before, and the manifest', () => {
    const existing = [
      'index.html',
      'js/a.00000001.js',
      'js/b.00000002.js',
      'js/c.00000003.js',
      'deploy-manifest.json',
    ];
    expect(
      staleKeys(
        existing,
        new Set(['index.html', 'js/c.00000003.js']),
        new Set(['index.html', 'js/b.00000002.js']),
      ),
    ).toStrictEqual(['js/a.00000001.js']);
  });
});
