import type http from 'node:http';
import { type Send, withJsonBody } from './fakeWechatMessages';

/** A content check as the fake received it. */
export interface ReceivedCheck {
  content: string;
  openid: string;
  scene: number;
  version: number;
}

/**
 * Words that steer the fake's content check, so a test (or a demo) picks WeChat's answer by what it
 * types. They are the fake's own rule, not WeChat's.
 */
export const fakeSecurityMarkers = {
  /** `result.suggest: 'risky'` (label 20001, 时政). */
  risky: '违规词',
  /** `result.suggest: 'review'`. */
  review: '待复核',
  /** HTTP 502: WeChat cannot be reached. */
  unreachable: '微信断线',
} as const;

/**
 * A stand-in for WeChat's content check (`POST /wxa/msg_sec_check?access_token=…`, version 2) on
 * the fake's port: refuses an unknown token (40001) and a call without openid or version 2 (47001);
 * otherwise answers by the content's markers above, else `pass`.
 * `GET /__fake/security?openid=…` answers `{checks}`: what that user's texts were checked as.
 */
export function fakeSecurity(knowsToken: (token: string) => boolean) {
  const received = new Map<string, ReceivedCheck[]>();

  function answer(url: URL, body: Record<string, unknown>, send: Send) {
    if (!knowsToken(url.searchParams.get('access_token') ?? '')) {
      return send(200, { errcode: 40001, errmsg: 'invalid credential' });
    }
    const check = {
      content: String(body.content ?? ''),
      openid: String(body.openid ?? ''),
      scene: Number(body.scene),
      version: Number(body.version),
    };
    if (!check.openid || check.version !== 2 || !check.content) {
      return send(200, { errcode: 47001, errmsg: 'data format error' });
    }
    received.set(check.openid, [...(received.get(check.openid) ?? []), check]);
    if (check.content.includes(fakeSecurityMarkers.unreachable)) return send(502, { message: 'bad gateway' });
    const suggest = check.content.includes(fakeSecurityMarkers.risky)
      ? 'risky'
      : check.content.includes(fakeSecurityMarkers.review)
        ? 'review'
        : 'pass';
    const label = suggest === 'risky' ? 20001 : 100;
    send(200, { errcode: 0, errmsg: 'ok', result: { suggest, label }, detail: [], trace_id: 'fake' });
  }

  /** Takes the requests this fake serves (true), leaving the rest to the caller (false). */
  return function handle(request: http.IncomingMessage, url: URL, send: Send): boolean {
    if (url.pathname === '/__fake/security') {
      send(200, { checks: received.get(url.searchParams.get('openid') ?? '') ?? [] });
      return true;
    }
    if (url.pathname !== '/wxa/msg_sec_check') return false;
    withJsonBody(request, send, (body) => answer(url, body, send));
    return true;
  };
}
