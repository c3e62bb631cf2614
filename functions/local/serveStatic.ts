import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import sirv from 'sirv';

/**
 * A CSP `'sha256-…'` source for each inline `<script>` of a page. The H5 shell has one (Taro's
 * root font-size snippet); allowing it by hash keeps `'unsafe-inline'` out of script-src.
 */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi)].map(
    ([, body]) =>
      `'sha256-${createHash('sha256')
        .update(body ?? '', 'utf8')
        .digest('base64')}'`,
  );
}

/**
 * The headers the H5 app is served with, here and (see README) on a production host. Scripts only
 * from our origin plus the shell's inline snippet by hash; inline styles are allowed because Taro's
 * components and NutUI inject `<style>` elements and style attributes at run time; the API is the
 * only other origin the app talks to; nobody may frame it.
 */
export function h5SecurityHeaders(options: {
  apiOrigin: string;
  scriptHashes: string[];
}): Record<string, string> {
  const policy = [
    "default-src 'self'",
    ['script-src', "'self'", ...options.scriptHashes].join(' '),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${options.apiOrigin}`,
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
 * is given. `apiBase` is the API the build talks to; without it, any port on 127.0.0.1 (the test
 * stacks start the API on a free port).
 */
export async function serveStatic(
  root: string,
  options: { port?: number; apiBase?: string } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const indexFile = path.join(root, 'index.html');
  const headers = h5SecurityHeaders({
    apiOrigin: options.apiBase ? new URL(options.apiBase).origin : 'http://127.0.0.1:*',
    scriptHashes: existsSync(indexFile) ? inlineScriptHashes(readFileSync(indexFile, 'utf8')) : [],
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
