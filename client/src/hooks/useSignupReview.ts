import type { SignupStatus, VolunteerSignup, WorksiteSignup } from '@ankang/shared';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { toApiError } from '../services/errors';
import {
  fetchVolunteerSignups,
  fetchWorksiteSignups,
  revealPhone,
  reviewSignup,
  type SignupDecision,
} from '../services/staffOutreach';
import { usePagedList } from './usePagedList';
import { useQueueReview } from './useQueueReview';

export type SignupTab = 'worksite' | 'volunteer';
export type ReviewedSignup = WorksiteSignup | VolunteerSignup;

interface ReviewQuery {
  campaignId: string | undefined;
  tab: SignupTab;
  status: SignupStatus;
  /** A district to narrow worksites to; undefined: the caller's whole scope. */
  org: string | undefined;
  enabled: boolean;
}

const decide = async (signup: ReviewedSignup, decision: SignupDecision) => {
  const result = await reviewSignup(signup, decision);
  return result.status === 'approved' ? '已通过' : '已标记为未通过';
};

/**
 * 报名审核: one queue (worksites or volunteers, by status and district), paged; 通过 / 不通过 take the
 * entry out of the queue. A retried decision is answered with its result by the server; a decision
 * someone else made first (stale version, no longer allowed) says so and reloads the queue.
 * Revealed phones live only in this hook's memory: they go when the page closes.
 */
export function useSignupReview({ campaignId, tab, status, org, enabled }: ReviewQuery) {
  const fetchPage = useCallback(
    async (cursor?: string) => {
      const id = campaignId ?? '';
      return tab === 'worksite'
        ? fetchWorksiteSignups(id, { status, org, cursor })
        : fetchVolunteerSignups(id, { status, cursor });
    },
    [campaignId, tab, status, org],
  );
  const list = usePagedList<ReviewedSignup>(fetchPage, {
    key: JSON.stringify([campaignId, tab, status, tab === 'worksite' ? org : null]),
    enabled: enabled && Boolean(campaignId),
  });
  const queue = useQueueReview(list, decide);
  const { setBusyId } = queue;
  const [phones, setPhones] = useState<Record<string, string>>({});

  const reveal = useCallback(
    async (signupId: string, reason: string) => {
      setBusyId(signupId);
      try {
        const phone = await revealPhone(signupId, reason);
        setPhones((current) => ({ ...current, [signupId]: phone }));
      } catch (failure) {
        const error = toApiError(failure);
        void Taro.showToast({ title: error.message, icon: 'none', duration: 3000 });
      } finally {
        setBusyId(null);
      }
    },
    [setBusyId],
  );

  return { ...queue, reveal, phones };
}
