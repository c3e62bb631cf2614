import type http from 'node:http';

/** A subscribe message as the fake received it (the body WeChat would get). */
export interface ReceivedMessage {
  touser: string;
  template_id: string;
  page: string;
  data: Record<string, { value: string }>;
  miniprogram_state: string;
  lang?: string;
}

/** What the fake saw for one openid: delivered messages and every send attempt (delivered or not). */
export interface MessagesSeen {
  messages: ReceivedMessage[];
  attempts: number;
}

export type Send = (status: number, body: unknown) => void;

/** Reads a request's JSON body and hands it on; a body that is not JSON gets WeChat's 47001. */
export function withJsonBody(
  request: http.IncomingMessage,
  send: Send,
  then: (body: Record<string, unknown>) => void,
): void {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    let body: Record<string, unknown>;
    try {
      body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    } catch {
      return send(200, { errcode: 47001, errmsg: 'data format error' });
    }
    then(body);
  });
}

/**
 * A stand-in for WeChat's server-side messaging on the fake's port:
 * - `POST /cgi-bin/stable_token` issues a fresh access token for any app id and secret;
 * - `POST /cgi-bin/message/subscribe/send?access_token=…` refuses an unknown token (40001) and
 *   otherwise decides by the openid: `…refuse…` → 43101 (no consent), `…broken…` → 40003,
 *   `…flaky…` → HTTP 502 on the first attempt for that openid, delivered after; anything else
 *   delivered;
 * - `GET /__fake/messages?touser=…` answers what that openid was sent (tests of several files
 *   share one fake, each asks about its own users);
 * - `POST /__fake/revoke-tokens` invalidates every token issued (as a refresh elsewhere would).
 */
export function fakeMessaging() {
  const tokens = new Set<string>();
  const seen = new Map<string, MessagesSeen>();
  let issued = 0;

  const seenBy = (touser: string) => {
    const entry = seen.get(touser) ?? { messages: [], attempts: 0 };
    seen.set(touser, entry);
    return entry;
  };

  function answer(pathname: string, url: URL, body: Record<string, unknown>, send: Send) {
    if (pathname === '/cgi-bin/stable_token') {
      if (body.grant_type !== 'client_credential' || !body.appid || !body.secret) {
        return send(200, { errcode: 40013, errmsg: 'invalid appid' });
      }
      issued += 1;
      const token = `fake-access-token-${issued}`;
      tokens.add(token);
      return send(200, { access_token: token, expires_in: 7200 });
    }
    if (pathname === '/cgi-bin/message/subscribe/send') {
      if (!tokens.has(url.searchParams.get('access_token') ?? '')) {
        return send(200, { errcode: 40001, errmsg: 'invalid credential' });
      }
      const touser = String(body.touser ?? '');
      const entry = seenBy(touser);
      entry.attempts += 1;
      if (touser.includes('refuse'))
        return send(200, { errcode: 43101, errmsg: 'user refuse to accept the msg' });
      if (touser.includes('broken')) return send(200, { errcode: 40003, errmsg: 'invalid openid' });
      if (touser.includes('flaky') && entry.attempts === 1) return send(502, { message: 'bad gateway' });
      entry.messages.push(body as unknown as ReceivedMessage);
      return send(200, { errcode: 0, errmsg: 'ok', msgid: entry.messages.length });
    }
    if (pathname === '/__fake/revoke-tokens') {
      tokens.clear();
      return send(200, { revoked: true });
    }
    send(404, { errcode: 404, errmsg: 'not found' });
  }

  /** Takes the requests this fake serves (true), leaving the rest to the caller (false). */
  function handle(request: http.IncomingMessage, url: URL, send: Send): boolean {
    if (url.pathname === '/__fake/messages') {
      send(200, seen.get(url.searchParams.get('touser') ?? '') ?? { messages: [], attempts: 0 });
      return true;
    }
    if (!url.pathname.startsWith('/cgi-bin/') && !url.pathname.startsWith('/__fake/')) return false;
    withJsonBody(request, send, (body) => answer(url.pathname, url, body, send));
    return true;
  }

  /** Whether a token is one this fake issued and has not revoked (other fake APIs check it too). */
  const knowsToken = (token: string) => tokens.has(token);
  return Object.assign(handle, { knowsToken });
}
