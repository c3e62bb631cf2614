import { createHash } from 'node:crypto';

/**
 * The H5 app's security headers, in one place for both hosts that serve it: the local H5 server
 * (functions/local/serveStatic.ts, `npm start` and the e2e tier) and the deployed CDN (the response
 * headers policy of functions/stack/h5Stack.ts). Neither host writes a header of its own.
 */

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
 * The headers the H5 app is served with, locally and by the CDN. Scripts only from our origin plus
 * the shell's inline snippet by hash; inline styles are allowed because Taro's components and NutUI
 * inject `<style>` elements and style attributes at run time; the API is the only other origin the
 * app talks to, besides the photo bucket (`storageOrigin`: photos are PUT to and shown from
 * presigned URLs); nobody may frame it.
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
