import { z } from 'zod';
import { env } from '../lib/env';
import { AppError } from '../lib/errors';
import { logger } from '../lib/logger';
import { readSecret } from '../lib/secrets';

const sessionAnswerSchema = z.object({
  openid: z.string().optional(),
  unionid: z.string().optional(),
  errcode: z.number().optional(),
  errmsg: z.string().optional(),
});

/** WeChat's error codes for jscode2session, mapped to ours. */
const wechatErrors: Record<number, 'WECHAT_CODE_INVALID' | 'WECHAT_RATE_LIMITED' | 'WECHAT_USER_BLOCKED'> = {
  40029: 'WECHAT_CODE_INVALID',
  40163: 'WECHAT_CODE_INVALID', // code already used
  45011: 'WECHAT_RATE_LIMITED',
  40226: 'WECHAT_USER_BLOCKED',
};

/**
 * Exchanges a `wx.login` code for the user's openid. The session_key WeChat also returns is
 * dropped here: it never leaves this function, let alone the server.
 */
export async function exchangeLoginCode(code: string): Promise<{ openid: string; unionid?: string }> {
  const url = new URL('/sns/jscode2session', env.WECHAT_API_BASE);
  url.search = new URLSearchParams({
    appid: env.WECHAT_APPID,
    secret: await readSecret('wechat'),
    js_code: code,
    grant_type: 'authorization_code',
  }).toString();

  let answer: z.infer<typeof sessionAnswerSchema>;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    answer = sessionAnswerSchema.parse(await response.json());
  } catch (cause) {
    throw new AppError('WECHAT_UNAVAILABLE', { cause });
  }

  if (answer.errcode) {
    const code = wechatErrors[answer.errcode] ?? 'WECHAT_UNAVAILABLE';
    logger.warn('jscode2session refused', { errcode: answer.errcode, errmsg: answer.errmsg });
    throw new AppError(code);
  }
  if (!answer.openid)
    throw new AppError('WECHAT_UNAVAILABLE', { cause: new Error('jscode2session: no openid') });
  return { openid: answer.openid, unionid: answer.unionid };
}
