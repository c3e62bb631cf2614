import type { Suggestion, SuggestionState } from '@ankang/shared';
import { useCallback } from 'react';
import { openPage } from '../services/navigation';
import { editStationUrl } from '../services/staffRoutes';
import { decideSuggestion, fetchSuggestionQueue, type SuggestionDecision } from '../services/suggestions';
import { usePagedList } from './usePagedList';
import { useQueueReview } from './useQueueReview';

/**
 * 采纳 opens the draft station's edit page, where staff fill in the hours and open it; 不予采纳
 * tells the worker. The toast is the one word: WeChat cuts a success toast after seven characters.
 */
async function decide(suggestion: Suggestion, decision: SuggestionDecision): Promise<string> {
  const decided = await decideSuggestion(suggestion, decision);
  if (!decided.stationId) return '已回复职工';
  void openPage(editStationUrl(decided.stationId));
  return '已采纳';
}

/**
 * 驿站建议审核: one state's queue, paged, and 采纳 / 不予采纳 (one at a time, a double tap sends
 * once), which take a suggestion out of it. A suggestion a colleague decided first says so and
 * reloads the queue.
 */
export function useSuggestionQueue(state: SuggestionState, enabled: boolean) {
  const fetchPage = useCallback((cursor?: string) => fetchSuggestionQueue(state, cursor), [state]);
  const list = usePagedList(fetchPage, { key: state, enabled });
  return useQueueReview(list, decide);
}
