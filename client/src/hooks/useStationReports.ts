import type { ReportState, StationReport } from '@ankang/shared';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { toApiError } from '../services/errors';
import { fetchStationReports, moveStationReport, type ReportMove } from '../services/staffStations';
import { usePagedList } from './usePagedList';

/** 问题处理: one state's queue, paged, and 受理 / 解决 that move a report out of it. */
export function useStationReports(state: ReportState, enabled: boolean) {
  const fetchPage = useCallback(
    async (cursor?: string) => {
      const page = await fetchStationReports({ state, cursor });
      return { items: page.reports, nextCursor: page.nextCursor };
    },
    [state],
  );
  const list = usePagedList(fetchPage, { key: state, enabled });
  const { remove, reload } = list;
  const [busyId, setBusyId] = useState<string | null>(null);

  const move = useCallback(
    async (report: StationReport, next: ReportMove, note?: string) => {
      setBusyId(report.id);
      try {
        await moveStationReport(report, next, note);
        remove(report.id);
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
    [remove, reload],
  );

  return { ...list, busyId, move };
}
