import type { Suggestion, SuggestionState } from '@ankang/shared';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { toApiError } from '../services/errors';
import { openPage } from '../services/navigation';
import { editStationUrl } from '../services/staffRoutes';
import { decideSuggestion, fetchSuggestionQueue, type SuggestionDecision } from '../services/suggestions';
import { usePagedList } from './usePagedList';

/**
 * 驿站建议审核: one state's queue, paged, and 采纳 / 不予采纳 that take a suggestion out of it. An
 * approval opens the draft station's edit page, where staff fill in the hours and open it.
 */
export function useSuggestionQueue(state: SuggestionState, enabled: boolean) {
  const fetchPage = useCallback((cursor?: string) => fetchSuggestionQueue(state, cursor), [state]);
  const list = usePagedList(fetchPage, { key: state, enabled });
  const { remove, reload } = list;
  const [busyId, setBusyId] = useState<string | null>(null);

  const decide = useCallback(
    async (suggestion: Suggestion, decision: SuggestionDecision): Promise<boolean> => {
      setBusyId(suggestion.id);
      try {
        const decided = await decideSuggestion(suggestion, decision);
        remove(suggestion.id);
        if (decided.stationId) {
          void Taro.showToast({ title: '已采纳，请完善驿站资料', icon: 'none', duration: 2500 });
          await openPage(editStationUrl(decided.stationId));
        } else {
          void Taro.showToast({ title: '已回复职工', icon: 'success' });
        }
        return true;
      } catch (failure) {
        const failed = toApiError(failure);
        void Taro.showToast({ title: failed.message, icon: 'none', duration: 3000 });
        // A colleague decided first: show the queue as it is now.
        if (failed.code === 'VERSION_CONFLICT' || failed.code === 'INVALID_TRANSITION') reload();
        return false;
      } finally {
        setBusyId(null);
      }
    },
    [remove, reload],
  );

  return { ...list, busyId, decide };
}
