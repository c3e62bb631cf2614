import { countAlone } from '../db/limits';
import { env } from '../lib/env';
import { AppError } from '../lib/errors';
import { pseudonym } from '../lib/pseudonym';
import type { Requester } from './caller';

/**
 * Searches one caller may make per minute on the public search, a deployment setting
 * (SEARCH_LIMIT_PER_USER / SEARCH_LIMIT_PER_IP, 60 and 240 unless set): a signed-in user by user,
 * anyone else by source IP (a carrier's NAT puts many phones behind one address, hence more).
 * Typing with the client's debounce and paging stay far below; a script reading the country page
 * by page does not. The deployed stage's API-wide throttle stays in front of this.
 */
const searchesPerMinute = () => ({ user: env.SEARCH_LIMIT_PER_USER, ip: env.SEARCH_LIMIT_PER_IP });

/**
 * Counts this search against its caller's minute; 429 SEARCH_RATE_LIMITED past the cap. The count
 * is kept under a keyed pseudonym (no IP or user id stored) and expires two minutes after its minute.
 */
export async function limitSearchRate(requester: Requester, at: Date): Promise<void> {
  const [kind, id] =
    requester.kind === 'user' ? (['user', requester.userId] as const) : (['ip', requester.sourceIp] as const);
  const window = at.toISOString().slice(0, 16);
  const within = await countAlone({
    action: 'search',
    subject: await pseudonym(`search:${kind}`, id, window),
    window,
    cap: searchesPerMinute()[kind],
    expiresAt: Math.floor(at.getTime() / 1000) + 180,
    at: at.toISOString(),
  });
  if (!within) throw new AppError('SEARCH_RATE_LIMITED');
}
