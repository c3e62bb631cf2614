import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import sirv from 'sirv';

/**
 * A CSP `'sha256-…'` source for each inline `<script>` of a page. The H5 shell has two (the root
 * font-size snippet and the loading shell's remover); allowing them by hash keeps `'unsafe-inline'`
 * out of script-src.
 */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi)].map(
    ([, body]) =>
      `'sha256-${createHash('sha256')
        .update(body ?? '', 'utf8')
        .digest('base64')}'`,
  );
}

/** Where Amap's JS API loads from and fetches its data and map tiles (高德地图 JS API 2.0). */
export const amapOrigins = 'https://*.amap.com https://*.autonavi.com';

/**
 * The headers the H5 app is served with, here and (see README) on a production host. Scripts only
 * from our origin plus the shell's inline snippet by hash; inline styles are allowed because Taro's
 * components and NutUI inject `<style>` elements and style attributes at run time; the API is the
 * only other origin the app talks to, besides the photo bucket (`storageOrigin`: photos are PUT to
 * and shown from presigned URLs); nobody may frame it.
 */
export function h5SecurityHeaders(options: {
  apiOrigin: string;
  scriptHashes: string[];
  storageOrigin?: string;
  /** The build draws Amap (TARO_APP_AMAP_KEY set): its script, data and tiles, and its blob workers. */
  amap?: boolean;
}): Record<string, string> {
  const storage = options.storageOrigin ? ` ${options.storageOrigin}` : '';
  const storageConnect = options.storageOrigin === options.apiOrigin ? '' : storage;
  const amap = options.amap ? ` ${amapOrigins}` : '';
  const policy = [
    "default-src 'self'",
    ['script-src', "'self'", ...options.scriptHashes].join(' ') + amap,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${storage}${amap}`,
    "font-src 'self' data:",
    `connect-src 'self' ${options.apiOrigin}${storageConnect}${amap}`,
    ...(options.amap ? ["worker-src 'self' blob:"] : []),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return {
    'content-security-policy': policy,
    'x-content-type-options': 'nosniff',
    // The API authenticates by token and CORS reads Origin: nothing needs a Referer.
    'referrer-policy': 'no-referrer',
    // frame-ancestors for browsers that predate it.
    'x-frame-options': 'DENY',
  };
}

/**
 * Serves a built folder (the H5 app) on 127.0.0.1 with the security headers; a free port unless one
 * is given. `apiBase` is the API the build talks to and `storageBase` the photo bucket's server;
 * without them, any port on 127.0.0.1 (the test stacks start both on free ports).
 */
export async function serveStatic(
  root: string,
  options: { port?: number; apiBase?: string; storageBase?: string } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const indexFile = path.join(root, 'index.html');
  const anyLocalPort = 'http://127.0.0.1:*';
  const headers = h5SecurityHeaders({
    apiOrigin: options.apiBase ? new URL(options.apiBase).origin : anyLocalPort,
    storageOrigin: options.storageBase
      ? new URL(options.storageBase).origin
      : options.apiBase
        ? undefined
        : anyLocalPort,
    scriptHashes: existsSync(indexFile) ? inlineScriptHashes(readFileSync(indexFile, 'utf8')) : [],
    amap: Boolean(process.env.TARO_APP_AMAP_KEY),
  });
  const handler = sirv(root, { single: true, dev: true, etag: true });
  const server = http.createServer((request, response) => {
    for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
    handler(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('static server has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
