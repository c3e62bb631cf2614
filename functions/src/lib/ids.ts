import { createHash, createHmac, randomBytes } from 'node:crypto';

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

export function newCampaignId(): string {
  return `cp_${randomBytes(10).toString('hex')}`;
}

/**
 * A report's id comes from who sent it and the client's request id, so a retry maps to the same
 * report; keyed with the pseudonym secret (HMAC), so nobody can tell from the id who sent it by
 * hashing user ids. The key is passed in: this module stays free of the function's environment.
 */
export function reportIdFor(userId: string, requestId: string, pseudonymKey: string): string {
  const hash = createHmac('sha256', pseudonymKey).update(`report:${userId}:${requestId}`).digest('hex');
  return `rp_${hash.slice(0, 24)}`;
}
