import { z } from 'zod';
import { logger } from '../lib/logger';
import { postToWechat, withAccessToken } from './wechatToken';

/**
 * What WeChat's content check (`msgSecCheck`, version 2) says of a text meant for others:
 * - `pass`: it may go out;
 * - `risky`: it must not (the caller refuses it and stores nothing);
 * - `review`: WeChat is unsure and asks for a person's look;
 * - `unreachable`: no answer (network, timeout, refusal of the call itself), so nobody checked it.
 * The last two must not go out unchecked: the caller holds the text for staff review.
 */
export type TextVerdict = 'pass' | 'risky' | 'review' | 'unreachable';

/** msgSecCheck's scenes: 1 资料, 2 评论, 3 论坛, 4 社交日志. */
const scenes = { profile: 1, comment: 2, forum: 3, social: 4 } as const;

const answerSchema = z.object({
  errcode: z.number().optional(),
  errmsg: z.string().optional(),
  result: z.object({ suggest: z.enum(['pass', 'risky', 'review']), label: z.number().optional() }).optional(),
});
type Answer = z.infer<typeof answerSchema>;

/** WeChat's version-1 refusal code for risky content; some gateways still answer it. */
const RISKY_ERRCODE = 87014;
/** The API takes at most 2,500 characters; our public fields are far shorter. */
const MAX_CONTENT = 2500;

async function askOnce(body: Record<string, unknown>, token: string): Promise<Answer> {
  const response = await postToWechat('/wxa/msg_sec_check', body, { access_token: token });
  return answerSchema.parse(await response.json());
}

/**
 * Runs `text` through WeChat's content check as written by the user with `openid` (v2 needs the
 * author, who must have opened the mini-program within the last two hours: a rater just did).
 * Never throws: any failure to get a verdict is `unreachable`, which the caller holds for review.
 */
export async function checkPublicText(
  text: string,
  openid: string,
  scene: keyof typeof scenes,
): Promise<TextVerdict> {
  const body = { content: text.slice(0, MAX_CONTENT), version: 2, scene: scenes[scene], openid };
  let answer: Answer;
  try {
    answer = await withAccessToken((token) => askOnce(body, token));
  } catch (cause) {
    logger.warn('content check unreachable', { error: cause });
    return 'unreachable';
  }
  if (answer.errcode === RISKY_ERRCODE) return 'risky';
  if (answer.errcode || !answer.result) {
    logger.warn('content check refused', { errcode: answer.errcode, errmsg: answer.errmsg });
    return 'unreachable';
  }
  return answer.result.suggest;
}
