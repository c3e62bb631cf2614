import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveH5Build } from '../support/h5Build';
import { rawGet as get } from '../support/rawGet';

const script = `console.log(${JSON.stringify('驿站'.repeat(3000))});\n`;
const page = `<!doctype html><html><head><script src="./js/app.0a1b2c3d.js"></script></head><body>${'<p>职工安康</p>'.repeat(100)}</body></html>`;

describe('Local H5 server: encoding and caching as on the CDN', () => {
  let web: Awaited<ReturnType<typeof serveH5Build>>;

  beforeAll(async () => {
    web = await serveH5Build({ 'index.html': page, 'js/app.0a1b2c3d.js': script });
  });

  afterAll(() => web.close());

  it('sends a content-named script gzipped and immutable to a client that accepts gzip', async () => {
    const response = await get(`${web.url}/js/app.0a1b2c3d.js`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.headers.vary).toBe('Accept-Encoding');
    expect(Number(response.headers['content-length'])).toBe(response.body.length);
    expect(response.body.length).toBeLessThan(Buffer.byteLength(script) / 10);
    expect(gunzipSync(response.body).toString('utf8')).toBe(script);
  });

  it.each(['/', '/index.html'])('sends %s gzipped and revalidated every time', async (url) => {
    const response = await get(`${web.url}${url}`, { 'accept-encoding': 'gzip' });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(gunzipSync(response.body).toString('utf8')).toBe(page);
    // The security headers ride along with every file.
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('sends the plain bytes, with the same caching, to a client that does not accept gzip', async () => {
    const response = await get(`${web.url}/js/app.0a1b2c3d.js`, { 'accept-encoding': 'identity' });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.body.toString('utf8')).toBe(script);
    const index = await get(`${web.url}/`);
    expect(index.headers['content-encoding']).toBeUndefined();
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.body.toString('utf8')).toBe(page);
  });
});
