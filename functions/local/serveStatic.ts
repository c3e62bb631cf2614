import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import sirv from 'sirv';
import { h5AssetRule, precompressH5 } from '../stack/h5Assets';
import { h5SecurityHeaders, inlineScriptHashes } from '../stack/h5Headers';

/**
 * The file of the build a request path is answered with: the path's own file, or index.html for
 * `/` and for a path without an extension (sirv's `single` fallback; the hash router never asks for
 * one, a mistyped link does).
 */
function servedKey(pathname: string): string {
  let key = pathname;
  try {
    key = decodeURI(pathname);
  } catch {
    // A malformed path is looked up as it came, like sirv does.
  }
  key = key.replace(/^\/+/, '');
  const last = key.split('/').pop() ?? '';
  return last === '' || !last.includes('.') ? 'index.html' : key;
}

/**
 * Serves a built folder (the H5 app) on 127.0.0.1 as the CDN does: the security headers, each
 * file's Cache-Control and type by the shared rule (functions/stack/h5Assets.ts), and the gzip
 * bytes the deploy uploads (written beside the build once, here) to clients that accept gzip; a
 * free port unless one is given. `apiBase` is the API the build talks to and `storageBase` the
 * photo bucket's server; without them, any port on 127.0.0.1 (the test stacks start both on free
 * ports).
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
  precompressH5(root);
  // dev: files are looked up per request, so a build made while serving is seen; Taro empties its
  // output folder first, .gz files included, so that build is sent plain until the next start.
  const handler = sirv(root, {
    single: true,
    dev: true,
    etag: true,
    gzip: true,
    setHeaders(response, pathname) {
      const rule = h5AssetRule(servedKey(pathname));
      if (!rule) return;
      response.setHeader('Cache-Control', rule.cacheControl);
      response.setHeader('Content-Type', rule.contentType);
    },
  });
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
