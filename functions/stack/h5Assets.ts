import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Which file of the H5 build is sent with which Content-Type, Cache-Control and encoding: one rule
 * for the deploy (functions/local/deployH5.ts, which stores each file in the bucket with these
 * headers) and the local H5 server (functions/local/serveStatic.ts), so a phone on `npm start`
 * gets the bytes and headers it would get from the CDN.
 *
 * Encoding: compressible files are stored gzipped (level 9) and nothing else. The CDN serves a
 * key's stored bytes as they are and cannot choose between two stored encodings of one key without
 * an edge function. Every browser and WeChat's webview accept gzip; brotli would save about a
 * sixth more (this build: 9.3 MB plain, 2.5 MB gzip, 2.1 MB brotli), not worth a function on
 * every request, so gzip alone. The CDN sends the gzip bytes to every client; locally a request
 * without `Accept-Encoding: gzip` still gets the plain bytes.
 */

/** Content-named files never change under their name: cached for a year and never revalidated. */
export const immutableCacheControl = 'public, max-age=31536000, immutable';
/** Everything else (index.html above all) is revalidated on every use, so a deploy shows at once. */
export const revalidateCacheControl = 'no-cache';

/**
 * The folders whose files the build names by content hash (client/config/index.ts: js/ and css/
 * `[name].[contenthash:8]`, Taro's static/ assets `[name].[hash:8]`). The stack's cache
 * behaviours use the same list.
 */
export const hashedFolders = ['js', 'css', 'static'] as const;

/** `app.5bf0ae84.js`, `app.5bf0ae84.js.LICENSE.txt`, `logo.0a1b2c3d.png`. */
const contentHashedName = /\.[0-9a-f]{8}\.[^/]+$/;

/** What the build holds, by extension: the type it is sent as, and whether gzip shrinks it. */
const types: Record<string, { contentType: string; compressible: boolean }> = {
  html: { contentType: 'text/html; charset=utf-8', compressible: true },
  js: { contentType: 'text/javascript; charset=utf-8', compressible: true },
  css: { contentType: 'text/css; charset=utf-8', compressible: true },
  json: { contentType: 'application/json; charset=utf-8', compressible: true },
  map: { contentType: 'application/json; charset=utf-8', compressible: true },
  txt: { contentType: 'text/plain; charset=utf-8', compressible: true },
  svg: { contentType: 'image/svg+xml', compressible: true },
  ico: { contentType: 'image/x-icon', compressible: true },
  ttf: { contentType: 'font/ttf', compressible: true },
  webmanifest: { contentType: 'application/manifest+json', compressible: true },
  // Already compressed formats: gzip would only add bytes and time.
  png: { contentType: 'image/png', compressible: false },
  jpg: { contentType: 'image/jpeg', compressible: false },
  jpeg: { contentType: 'image/jpeg', compressible: false },
  gif: { contentType: 'image/gif', compressible: false },
  webp: { contentType: 'image/webp', compressible: false },
  woff: { contentType: 'font/woff', compressible: false },
  woff2: { contentType: 'font/woff2', compressible: false },
};

export interface H5AssetRule {
  contentType: string;
  cacheControl: string;
  compressible: boolean;
}

/** Whether a key (`js/app.5bf0ae84.js`, relative to the build's root) is named by its content. */
export function isHashedAsset(key: string): boolean {
  const folder = key.split('/')[0] ?? '';
  return (
    key.includes('/') && (hashedFolders as readonly string[]).includes(folder) && contentHashedName.test(key)
  );
}

/** The headers of one file of the build, or undefined for a type the table does not know. */
export function h5AssetRule(key: string): H5AssetRule | undefined {
  const extension = path.posix.extname(key).slice(1).toLowerCase();
  const type = types[extension];
  if (!type) return undefined;
  return {
    contentType: type.contentType,
    cacheControl: isHashedAsset(key) ? immutableCacheControl : revalidateCacheControl,
    compressible: type.compressible,
  };
}

export interface H5Asset {
  /** The path under the build's root, with `/`: the bucket key and the URL path. */
  key: string;
  /** The file whose bytes are sent: `<file>.gz` when gzipped. */
  file: string;
  /** Undefined for a type the rule does not know (the deploy refuses such a build). */
  rule: H5AssetRule | undefined;
  contentEncoding?: 'gzip';
  plainBytes: number;
  sentBytes: number;
}

/** More files than any build of this app makes (137 today): a bound on the walk, not a budget. */
const MAX_FILES = 5000;

/**
 * Compresses the build once: writes `<file>.gz` (gzip level 9) beside each compressible file it
 * makes smaller, removes `.gz` files whose source is gone or no longer gains from it, and lists
 * every file with the bytes to send. The local server sends the `.gz` files (sirv's `gzip`
 * option) and the deploy uploads them, so both send the same bytes. Node writes gzip headers
 * without a time, so the same file always gives the same bytes. Each caller runs it right after
 * a build, and Taro empties its output folder (.gz files included) before each build: there is
 * never an earlier `.gz` to reuse.
 */
export function precompressH5(root: string): H5Asset[] {
  const names = readdirSync(root, { recursive: true, encoding: 'utf8' });
  if (names.length > MAX_FILES)
    throw new Error(`H5 构建目录 ${root} 有 ${names.length} 个条目，超过上限 ${MAX_FILES}`);
  const files = new Set(names.filter((name) => statSync(path.join(root, name)).isFile()));
  const assets: H5Asset[] = [];
  for (const name of [...files].sort()) {
    const file = path.join(root, name);
    if (name.endsWith('.gz')) {
      // A .gz is ours; its source decides whether it stays (handled with the source below).
      if (!files.has(name.slice(0, -3))) rmSync(file);
      continue;
    }
    const key = name.split(path.sep).join('/');
    const rule = h5AssetRule(key);
    const plain = readFileSync(file);
    const gzipped = rule?.compressible ? gzipSync(plain, { level: 9 }) : undefined;
    if (gzipped && gzipped.length < plain.length) {
      writeFileSync(`${file}.gz`, gzipped);
      assets.push({
        key,
        file: `${file}.gz`,
        rule,
        contentEncoding: 'gzip',
        plainBytes: plain.length,
        sentBytes: gzipped.length,
      });
    } else {
      rmSync(`${file}.gz`, { force: true });
      assets.push({ key, file, rule, plainBytes: plain.length, sentBytes: plain.length });
    }
  }
  return assets;
}
