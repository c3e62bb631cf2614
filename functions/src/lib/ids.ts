import { createHash } from 'node:crypto';

/**
 * A user's id is derived from their WeChat openid, so a retried or concurrent first login lands on
 * the same item instead of creating two users.
 */
export function userIdForOpenid(openid: string): string {
  return `u_${createHash('sha256').update(`openid:${openid}`).digest('hex').slice(0, 24)}`;
}
