import { countSearchInWindow } from '../db/searchLimits';
import { AppError } from '../lib/errors';
import { pseudonym } from '../lib/pseudonym';
import { verifyAccessToken } from './token';

/**
 * Searches one caller may make per minute on the public search: a signed-in user by user, anyone
 * else by source IP (a carrier's NAT puts many phones behind one address, hence more). Typing with
 * the client's debounce and paging stay far below; a script reading the country page by page does
 * not. The deployed stage's API-wide throttle stays in front of this.
 */
export const SEARCHES_PER_MINUTE = { user: 60, ip: 240 } as const;

/** Who a search counts against: the user of a valid token, else the source IP. No table read. */
async function searchSubject(requester: { sourceIp: string; bearerToken: string | null }) {
  if (requester.bearerToken) {
    try {
      const { userId } = await verifyAccessToken(requester.bearerToken);
      return { kind: 'user' as const, id: userId };
    } catch {
      // A bad or expired token on a public route is not refused; it just does not name a user.
    }
  }
  return { kind: 'ip' as const, id: requester.sourceIp };
}

/**
 * Counts this search against its caller's minute; 429 SEARCH_RATE_LIMITED past the cap. The count
 * is kept under a keyed pseudonym (no IP or user id stored) and expires two minutes after its minute.
 */
export async function limitSearchRate(
  requester: { sourceIp: string; bearerToken: string | null },
  at: Date,
): Promise<void> {
  const subject = await searchSubject(requester);
  const window = at.toISOString().slice(0, 16);
  const within = await countSearchInWindow(
    await pseudonym(`search:${subject.kind}`, subject.id, window),
    window,
    SEARCHES_PER_MINUTE[subject.kind],
    Math.floor(at.getTime() / 1000) + 180,
  );
  if (!within) throw new AppError('SEARCH_RATE_LIMITED');
}
