import type { QueuedProblem, ReportKind, ReportState } from '@ankang/shared';
import { useCallback } from 'react';
import { fetchStationProblems, moveStationProblem, type ProblemMove } from '../services/staffStations';
import { usePagedList } from './usePagedList';
import { useQueueReview } from './useQueueReview';

/** 受理, or 解决 with the answer everyone who reported it sees. */
export type ProblemVerdict = { move: ProblemMove; note?: string };

async function decide(problem: QueuedProblem, { move, note }: ProblemVerdict): Promise<string> {
  await moveStationProblem(problem, move, note);
  return move === 'resolved' ? '已解决' : '已受理';
}

/**
 * 问题处理: one state's problems (of one kind, or all), newest report first, paged; 受理 / 解决
 * move a problem out of the list for everyone who reported it (one at a time, a double tap sends
 * once; one moved by someone else first reloads the list).
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
  return useQueueReview(list, decide);
}
