import { z } from 'zod';
import { env } from '../lib/env';
import { readSecret } from '../lib/secrets';

const tokenAnswerSchema = z.object({
  access_token: z.string().optional(),
  expires_in: z.number().optional(),
  errcode: z.number().optional(),
  errmsg: z.string().optional(),
});

/** The access token was invalid or expired: fetch it again and call once more. */
const WECHAT_TOKEN_ERRORS: ReadonlySet<number> = new Set([40001, 40014, 42001]);
/** Renew the token this long before WeChat says it expires, so it never expires in flight. */
const TOKEN_MARGIN_MS = 5 * 60_000;
const TIMEOUT_MS = 3000;

/** The app's access token for server-to-WeChat calls, kept for the container's life. */
let cachedToken: { value: string; renewAt: number } | null = null;

/**
 * POSTs JSON to a WeChat server API (relative to WECHAT_API_BASE) and hands back the raw answer:
 * most APIs answer JSON, a few (mini-program codes) an image. A non-2xx status throws.
 */
export async function postToWechat(
  path: string,
  body: unknown,
  query?: Record<string, string>,
): Promise<Response> {
  const url = new URL(path, env.WECHAT_API_BASE);
  if (query) url.search = new URLSearchParams(query).toString();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response;
}

/**
 * The access token from `stable_token` (normal mode: WeChat answers the token in force until it
 * nears expiry, so other callers' tokens stay valid), cached until shortly before it expires.
 */
async function wechatAccessToken(): Promise<string> {
  if (cachedToken && Date.now() < cachedToken.renewAt) return cachedToken.value;
  const response = await postToWechat('/cgi-bin/stable_token', {
    grant_type: 'client_credential',
    appid: env.WECHAT_APPID,
    secret: await readSecret('wechat'),
  });
  const answer = tokenAnswerSchema.parse(await response.json());
  if (!answer.access_token) {
    throw new Error(`stable_token refused: ${answer.errcode ?? '?'} ${answer.errmsg ?? ''}`);
  }
  const lifetimeMs = (answer.expires_in ?? 7200) * 1000;
  cachedToken = {
    value: answer.access_token,
    renewAt: Date.now() + Math.max(lifetimeMs - TOKEN_MARGIN_MS, lifetimeMs / 2),
  };
  return cachedToken.value;
}

/**
 * Calls a WeChat server API with the app's access token. When WeChat refuses the token (revoked, or
 * expired early because another server refreshed it), the cached one is dropped and the call made
 * once more with a new one. `call` answers WeChat's errcode, if any, beside its own result.
 */
export async function withAccessToken<T extends { errcode?: number }>(
  call: (token: string) => Promise<T>,
): Promise<T> {
  const answer = await call(await wechatAccessToken());
  if (answer.errcode === undefined || !WECHAT_TOKEN_ERRORS.has(answer.errcode)) return answer;
  cachedToken = null;
  return call(await wechatAccessToken());
}
