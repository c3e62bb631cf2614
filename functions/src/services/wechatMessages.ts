import { z } from 'zod';
import { env } from '../lib/env';
import { logger } from '../lib/logger';
import { readSecret } from '../lib/secrets';

const tokenAnswerSchema = z.object({
  access_token: z.string().optional(),
  expires_in: z.number().optional(),
  errcode: z.number().optional(),
  errmsg: z.string().optional(),
});

const sendAnswerSchema = z.object({
  errcode: z.number().default(0),
  errmsg: z.string().optional(),
});

/** WeChat's answer to a send that found the user holds no consent (refused, or used up). */
export const WECHAT_NO_CONSENT = 43101;
/** The access token was invalid or expired: fetch it again and send once more. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
/** Renew the token this long before WeChat says it expires, so it never expires in flight. */
const TOKEN_MARGIN_MS = 5 * 60_000;
const TIMEOUT_MS = 3000;

/** The app's access token for server-to-WeChat calls, kept for the container's life. */
let cachedToken: { value: string; renewAt: number } | null = null;

async function postJson(path: string, body: unknown, query?: Record<string, string>): Promise<unknown> {
  const url = new URL(path, env.WECHAT_API_BASE);
  if (query) url.search = new URLSearchParams(query).toString();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

/**
 * The access token from `stable_token` (normal mode: WeChat answers the token in force until it
 * nears expiry, so other callers' tokens stay valid), cached until shortly before it expires.
 */
async function accessToken(): Promise<string> {
  if (cachedToken && Date.now() < cachedToken.renewAt) return cachedToken.value;
  const answer = tokenAnswerSchema.parse(
    await postJson('/cgi-bin/stable_token', {
      grant_type: 'client_credential',
      appid: env.WECHAT_APPID,
      secret: await readSecret('wechat'),
    }),
  );
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

/** One subscribe message: to whom (openid), which template, the page it opens, the template's fields. */
export interface SubscribeMessage {
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, string>;
}

export type SendResult =
  | { result: 'sent' }
  /** WeChat refused for want of consent (43101): the user holds none for this template. */
  | { result: 'no-consent'; errcode: number }
  /** Anything else: not delivered; the consent was not spent. */
  | { result: 'failed'; errcode?: number };

async function sendOnce(message: SubscribeMessage): Promise<{ errcode: number; errmsg?: string }> {
  const token = await accessToken();
  return sendAnswerSchema.parse(
    await postJson(
      '/cgi-bin/message/subscribe/send',
      {
        touser: message.touser,
        template_id: message.templateId,
        page: message.page,
        data: Object.fromEntries(Object.entries(message.data).map(([key, value]) => [key, { value }])),
        miniprogram_state: env.WECHAT_MINIPROGRAM_STATE,
        lang: 'zh_CN',
      },
      { access_token: token },
    ),
  );
}

/**
 * Sends one subscribe message through WeChat (`/cgi-bin/message/subscribe/send`). Never throws: a
 * network failure or an unexpected answer is a `failed` result, logged here.
 */
export async function sendSubscribeMessage(message: SubscribeMessage): Promise<SendResult> {
  try {
    let answer = await sendOnce(message);
    if (TOKEN_ERRORS.has(answer.errcode)) {
      // The token was revoked or expired early (another server refreshed it): once more with a new one.
      cachedToken = null;
      answer = await sendOnce(message);
    }
    if (answer.errcode === 0) return { result: 'sent' };
    if (answer.errcode === WECHAT_NO_CONSENT) return { result: 'no-consent', errcode: answer.errcode };
    logger.warn('subscribe message refused', { errcode: answer.errcode, errmsg: answer.errmsg });
    return { result: 'failed', errcode: answer.errcode };
  } catch (error) {
    logger.error('subscribe message not sent', { error });
    return { result: 'failed' };
  }
}
