import { shanghaiDate, suggestionStateLabels } from '@ankang/shared';
import type { StoredSuggestion } from '../db/suggestions';
import { chineseDate, fitField } from './assignmentNotices';
import { type Notice, notify } from './notifier';

/**
 * "驿站建议审核结果" to the suggester. The template chosen in the console must have these keywords:
 * thing1 驿站名称, phrase2 审核结果, thing3 说明, date4 审核日期 (values are cut to WeChat's lengths).
 */

/** 我的建议, which the message opens. */
export const MY_SUGGESTIONS_PAGE = 'suggest/pages/mine/index';
/** How long the record of a sent message is kept (the table's TTL drops it). */
const KEEP_S = 30 * 86_400;

/** One message per suggestion: it is decided once, so the suggestion's id names the event. */
export function suggestionOutcomeNotice(suggestion: StoredSuggestion): Notice {
  const decidedAt = new Date(suggestion.decidedAt ?? suggestion.updatedAt);
  return {
    eventKey: `suggestion-outcome#${suggestion.id}`,
    topic: 'suggestionOutcome',
    userId: suggestion.suggesterId,
    page: MY_SUGGESTIONS_PAGE,
    data: {
      thing1: fitField(suggestion.name),
      phrase2: suggestionStateLabels[suggestion.state],
      thing3: fitField(
        suggestion.state === 'approved'
          ? '已采纳，工会完善资料后开放'
          : (suggestion.declineReason ?? '未采纳'),
      ),
      date4: chineseDate(shanghaiDate(decidedAt)),
    },
    expiresAt: Math.floor(decidedAt.getTime() / 1000) + KEEP_S,
  };
}

/** Sends the outcome if the suggester consented; never fails the decision (see notify). */
export async function notifySuggestionOutcome(suggestion: StoredSuggestion): Promise<void> {
  await notify(suggestionOutcomeNotice(suggestion));
}
