import { gunzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';
import { rawGet as get } from '../support/rawGet';

describe('The built H5 app as the local server sends it', () => {
  it('sends the page gzipped and revalidated, and its script gzipped and immutable', async () => {
    const base = inject('h5Url');
    const page = await get(`${base}/`, { 'accept-encoding': 'gzip, deflate, br' });
    expect([page.status, page.headers['content-encoding'], page.headers['cache-control']]).toStrictEqual([
      200,
      'gzip',
      'no-cache',
    ]);
    const html = gunzipSync(page.body).toString('utf8');
    const app = /src="\.\/(js\/app\.[0-9a-f]{8}\.js)"/.exec(html)?.[1];
    expect(app).toBeDefined();

    const script = await get(`${base}/${app}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(script.status).toBe(200);
    expect(script.headers['content-encoding']).toBe('gzip');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    const plain = await get(`${base}/${app}`, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gunzipSync(script.body).equals(plain.body)).toBe(true);
    // The app's largest script is several hundred KB; gzip takes it to well under half.
    expect(script.body.length).toBeLessThan(plain.body.length / 2);
  });
});
