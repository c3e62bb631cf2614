import type { QueuedProblem, ReportKind, ReportState } from '@ankang/shared';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { toApiError } from '../services/errors';
import { fetchStationProblems, moveStationProblem, type ProblemMove } from '../services/staffStations';
import { usePagedList } from './usePagedList';

/**
 * 问题处理: one state's problems (of one kind, or all), newest report first, paged; 受理 / 解决
 * move a problem out of the list for everyone who reported it.
 */
export function useStationReports(state: ReportState, kind: ReportKind | null, enabled: boolean) {
  const fetchPage = useCallback(
    async (cursor?: string) => {
      const page = await fetchStationProblems({ state, ...(kind ? { kind } : {}), cursor });
      return { items: page.problems, nextCursor: page.nextCursor };
    },
    [state, kind],
  );
  const list = usePagedList(fetchPage, { key: `${state}#${kind ?? '*'}`, enabled });
  const { remove, reload } = list;
  const [busyId, setBusyId] = useState<string | null>(null);

  const move = useCallback(
    async (problem: QueuedProblem, next: ProblemMove, note?: string) => {
      // One move at a time: a second tap while one is in flight sends nothing.
      if (busyId) return;
      setBusyId(problem.id);
      try {
        await moveStationProblem(problem, next, note);
        remove(problem.id);
        void Taro.showToast({ title: next === 'resolved' ? '已解决' : '已受理', icon: 'success' });
      } catch (failure) {
        const failed = toApiError(failure);
        void Taro.showToast({ title: failed.message, icon: 'none' });
        // Someone else moved it first: show the queue as it is now.
        if (failed.code === 'VERSION_CONFLICT' || failed.code === 'INVALID_TRANSITION') reload();
      } finally {
        setBusyId(null);
      }
    },
    [busyId, remove, reload],
  );

  return { ...list, busyId, move };
}
