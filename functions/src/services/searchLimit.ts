import { countSearchInWindow } from '../db/searchLimits';
import { env } from '../lib/env';
import { AppError } from '../lib/errors';
import { pseudonym } from '../lib/pseudonym';
import { verifyAccessToken } from './token';

/** Who is searching: the source address, and the token sent if any (the search is public). */
export interface Searcher {
  sourceIp: string;
  bearerToken: string | null;
}

/**
 * Searches one caller may make per minute on the public search, a deployment setting
 * (SEARCH_LIMIT_PER_USER / SEARCH_LIMIT_PER_IP, 60 and 240 unless set): a signed-in user by user,
 * anyone else by source IP (a carrier's NAT puts many phones behind one address, hence more).
 * Typing with the client's debounce and paging stay far below; a script reading the country page
 * by page does not. The deployed stage's API-wide throttle stays in front of this.
 */
const searchesPerMinute = () => ({ user: env.SEARCH_LIMIT_PER_USER, ip: env.SEARCH_LIMIT_PER_IP });

/** Who a search counts against: the user of a valid token, else the source IP. No table read. */
async function searchSubject(requester: Searcher) {
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
export async function limitSearchRate(requester: Searcher, at: Date): Promise<void> {
  const subject = await searchSubject(requester);
  const window = at.toISOString().slice(0, 16);
  const within = await countSearchInWindow(
    await pseudonym(`search:${subject.kind}`, subject.id, window),
    window,
    searchesPerMinute()[subject.kind],
    Math.floor(at.getTime() / 1000) + 180,
  );
  if (!within) throw new AppError('SEARCH_RATE_LIMITED');
}
