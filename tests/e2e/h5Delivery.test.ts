import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** The bytes as a phone receives them (fetch would decode them and hide the encoding). */
function get(url: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
      })
      .on('error', reject);
  });
}

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
