import type { ReportState, StationReport } from '@ankang/shared';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../services/errors';
import { fetchStationReports, moveStationReport } from '../services/staffStations';

/** 问题处理: one state's queue, paged, and 受理 / 解决 that move a report out of it. */
export function useStationReports(state: ReportState, enabled: boolean) {
  const [reports, setReports] = useState<StationReport[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [loading, setLoading] = useState(enabled);
  const [error, setError] = useState<ApiError | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const latest = useRef(0);

  const load = useCallback(
    (after: string | undefined) => {
      const id = after ? latest.current : ++latest.current;
      setLoading(true);
      setError(null);
      fetchStationReports(state, after).then(
        (page) => {
          if (id !== latest.current) return;
          setReports((current) => (after ? [...current, ...page.reports] : page.reports));
          setCursor(page.nextCursor);
          setLoading(false);
        },
        (failure: unknown) => {
          if (id !== latest.current) return;
          setError(toApiError(failure));
          setLoading(false);
        },
      );
    },
    [state],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is a trigger.
  useEffect(() => {
    if (enabled) load(undefined);
  }, [enabled, load, attempt]);

  const move = useCallback(
    async (report: StationReport, next: 'acknowledged' | 'resolved', note?: string) => {
      setBusyId(report.id);
      try {
        await moveStationReport(report, next, note);
        setReports((current) => current.filter((r) => r.id !== report.id));
        void Taro.showToast({ title: next === 'resolved' ? '已解决' : '已受理', icon: 'success' });
      } catch (failure) {
        const failed = toApiError(failure);
        void Taro.showToast({ title: failed.message, icon: 'none' });
        if (failed.code === 'VERSION_CONFLICT' || failed.code === 'INVALID_TRANSITION')
          setAttempt((n) => n + 1);
      } finally {
        setBusyId(null);
      }
    },
    [],
  );

  return {
    reports,
    loading,
    error,
    busyId,
    hasMore: cursor !== undefined,
    loadMore: () => cursor && !loading && load(cursor),
    reload: () => setAttempt((n) => n + 1),
    move,
  };
}
