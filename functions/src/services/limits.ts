import {
  DELIVERY_PHOTO_DAILY_CAP,
  PHOTO_DAILY_CAP,
  SUGGESTION_DAILY_CAP,
  shanghaiDate,
} from '@ankang/shared';
import { countTowardsQuota } from '../db/limits';
import type { TransactItem } from '../db/transactions';
import { AppError } from '../lib/errors';
import { pseudonym } from '../lib/pseudonym';

/**
 * How many of each worker write one person may make per Shanghai day. Counted in the table (Lambda
 * instances share no memory), inside the write's own transaction: a refused or retried write counts
 * nothing. The deployed stage's API-wide throttle stays in front of this.
 */
export const dailyCaps = {
  report: 20,
  rating: 50,
  signup: 20,
  /** New-station suggestions (建议新增驿站): each one is a staff member's review. */
  suggestion: SUGGESTION_DAILY_CAP,
  /** Unmasked reads of hardship files by one staff member. */
  reveal: 100,
  /** Photo uploads asked for under reports and suggestions, which anyone signed in may ask for. */
  photo: PHOTO_DAILY_CAP,
  /**
   * Photo uploads asked for under deliveries (anyone signed in may ask, under a delivery id of their
   * own making), counted apart: a volunteer's day of deliveries takes more than a day's reports.
   */
  deliveryPhoto: DELIVERY_PHOTO_DAILY_CAP,
} as const;
export type LimitedAction = keyof typeof dailyCaps;

const actionLabel: Record<LimitedAction, string> = {
  report: '问题反映',
  rating: '评价',
  signup: '报名',
  suggestion: '驿站建议',
  reveal: '查看完整信息',
  photo: '照片上传',
  deliveryPhoto: '配送照片上传',
};

const DAY_SECONDS = 86_400;

/**
 * When a key about Shanghai day `day` (`YYYY-MM-DD`) may be dropped, in epoch seconds for the
 * table's TTL: the end of that day plus `graceDays` whole days.
 */
export function endOfShanghaiDay(day: string, graceDays = 0): number {
  return Date.parse(`${day}T00:00:00+08:00`) / 1000 + (1 + graceDays) * DAY_SECONDS;
}

/**
 * The transaction item that counts one `action` by the user on the Shanghai day of `at` against its
 * daily cap; put it in the write's transaction and answer `rateLimited(action)` when it fails. The
 * count is kept under a keyed pseudonym of user, action and day, and expires the day after.
 */
export async function dailyQuota(userId: string, action: LimitedAction, at: Date): Promise<TransactItem> {
  const day = shanghaiDate(at);
  return countTowardsQuota({
    action,
    subject: await pseudonym(`quota:${action}`, userId, day),
    window: day,
    cap: dailyCaps[action],
    expiresAt: endOfShanghaiDay(day, 1),
    at: at.toISOString(),
  });
}

/** The 429 for a used-up daily cap. */
export function rateLimited(action: LimitedAction): AppError {
  return new AppError('RATE_LIMITED', {
    message: `今天的${actionLabel[action]}次数已达上限（每天 ${dailyCaps[action]} 次），请明天再试`,
  });
}
