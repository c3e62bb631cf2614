import http from 'node:http';
import { fakeCodes } from './fakeWechatCodes';
import { fakeMessaging } from './fakeWechatMessages';
import { fakeSecurity } from './fakeWechatSecurity';

/**
 * A stand-in for WeChat's jscode2session on 127.0.0.1, for its subscribe messages
 * (fakeWechatMessages.ts), its mini-program codes (fakeWechatCodes.ts) and its content check
 * (fakeWechatSecurity.ts). The login code decides
 * the answer:
 * `invalid…` → 40029, `busy…` → 45011, `risky…` → 40226, `down…` → HTTP 500 with HTML,
 * anything else → success with an openid derived from the code (so the same code, the same user).
 */
export async function startFakeWechat(): Promise<{ url: string; requests: URL[]; close(): Promise<void> }> {
  const requests: URL[] = [];
  const messaging = fakeMessaging();
  const codes = fakeCodes(messaging.knowsToken);
  const security = fakeSecurity(messaging.knowsToken);
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push(url);
    const code = url.searchParams.get('js_code') ?? '';
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (codes(request, url, send, response)) return;
    if (security(request, url, send)) return;
    if (messaging(request, url, send)) return;
    if (url.pathname !== '/sns/jscode2session') return send(404, { errcode: 404, errmsg: 'not found' });
    if (code.startsWith('invalid')) return send(200, { errcode: 40029, errmsg: 'invalid code' });
    if (code.startsWith('busy')) return send(200, { errcode: 45011, errmsg: 'api minute-quota reach limit' });
    if (code.startsWith('risky')) return send(200, { errcode: 40226, errmsg: 'high risk user' });
    if (code.startsWith('down')) {
      response.writeHead(500, { 'content-type': 'text/html' });
      return response.end('<html>bad gateway</html>');
    }
    send(200, { openid: `openid-${code}`, session_key: 'SECRET-SESSION-KEY', unionid: `union-${code}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('fake WeChat has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
