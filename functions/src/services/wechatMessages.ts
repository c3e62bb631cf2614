import { z } from 'zod';
import { env } from '../lib/env';
import { logger } from '../lib/logger';
import { postToWechat, withAccessToken } from './wechatToken';

const sendAnswerSchema = z.object({
  errcode: z.number().default(0),
  errmsg: z.string().optional(),
});

/** WeChat's answer to a send that found the user holds no consent (refused, or used up). */
const WECHAT_NO_CONSENT = 43101;

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

async function sendOnce(
  message: SubscribeMessage,
  token: string,
): Promise<{ errcode: number; errmsg?: string }> {
  const response = await postToWechat(
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
  );
  return sendAnswerSchema.parse(await response.json());
}

/**
 * Sends one subscribe message through WeChat (`/cgi-bin/message/subscribe/send`). Never throws: a
 * network failure or an unexpected answer is a `failed` result, logged here.
 */
export async function sendSubscribeMessage(message: SubscribeMessage): Promise<SendResult> {
  try {
    const answer = await withAccessToken((token) => sendOnce(message, token));
    if (answer.errcode === 0) return { result: 'sent' };
    if (answer.errcode === WECHAT_NO_CONSENT) return { result: 'no-consent', errcode: answer.errcode };
    logger.warn('subscribe message refused', { errcode: answer.errcode, errmsg: answer.errmsg });
    return { result: 'failed', errcode: answer.errcode };
  } catch (error) {
    logger.error('subscribe message not sent', { error });
    return { result: 'failed' };
  }
}
