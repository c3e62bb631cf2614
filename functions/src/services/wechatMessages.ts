import { z } from 'zod';
import { env } from '../lib/env';
import { logger } from '../lib/logger';
import { forgetWechatAccessToken, postToWechat, WECHAT_TOKEN_ERRORS, wechatAccessToken } from './wechatToken';

const sendAnswerSchema = z.object({
  errcode: z.number().default(0),
  errmsg: z.string().optional(),
});

/** WeChat's answer to a send that found the user holds no consent (refused, or used up). */
export const WECHAT_NO_CONSENT = 43101;

async function postJson(path: string, body: unknown, query?: Record<string, string>): Promise<unknown> {
  return (await postToWechat(path, body, query)).json();
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
  const token = await wechatAccessToken();
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
    if (WECHAT_TOKEN_ERRORS.has(answer.errcode)) {
      // The token was revoked or expired early (another server refreshed it): once more with a new one.
      forgetWechatAccessToken();
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
