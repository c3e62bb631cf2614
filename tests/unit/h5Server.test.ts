import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inlineScriptHashes } from '../../functions/stack/h5Headers';
import { serveH5Build } from '../support/h5Build';

const snippet = '!function(n){n.document.documentElement.style.fontSize="20px"}(window);';
const shell = `<!doctype html><html><head><script>${snippet}</script><script defer="defer" src="./js/app.js"></script></head><body><div id="app"></div></body></html>`;
const snippetHash = `'sha256-${createHash('sha256').update(snippet).digest('base64')}'`;

describe('Local H5 server: security headers', () => {
  let web: Awaited<ReturnType<typeof serveH5Build>>;

  beforeAll(async () => {
    web = await serveH5Build({ 'index.html': shell, 'js/app.js': 'console.log(1);' });
  });

  afterAll(() => web.close());

  it('hashes only inline scripts, not those loaded from a file', () => {
    expect(inlineScriptHashes(shell)).toStrictEqual([snippetHash]);
  });

  it.each(['/', '/js/app.js', '/no/such/page'])('sends the policy headers with %s', async (url) => {
    const response = await fetch(`${web.url}${url}`);
    expect(response.status).toBe(200);
    const headers = Object.fromEntries(
      ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'x-frame-options'].map(
        (name) => [name, response.headers.get(name)],
      ),
    );
    expect(headers).toStrictEqual({
      'content-security-policy': [
        "default-src 'self'",
        `script-src 'self' ${snippetHash}`,
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self' http://127.0.0.1:3999",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join('; '),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
    });
  });
});
