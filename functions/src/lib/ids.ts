import { createHash, randomBytes } from 'node:crypto';

/**
 * A user's id is derived from their WeChat openid, so a retried or concurrent first login lands on
 * the same item instead of creating two users.
 */
export function userIdForOpenid(openid: string): string {
  return `u_${createHash('sha256').update(`openid:${openid}`).digest('hex').slice(0, 24)}`;
}

export function newStationId(): string {
  return `st_${randomBytes(10).toString('hex')}`;
}

/** A campaign's id comes from who created it and the client's request id: a retry maps to the same one. */
export function campaignIdFor(userId: string, requestId: string): string {
  return `cp_${createHash('sha256').update(`campaign:${userId}:${requestId}`).digest('hex').slice(0, 24)}`;
}
