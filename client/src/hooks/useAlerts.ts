import type { AlertCounts, HardshipAlertSummary } from '@ankang/shared';
import { useCallback, useState } from 'react';
import {
  type AlertFilters,
  fetchAlertQueue,
  fetchEscalatedAlerts,
  fetchMyAlerts,
  fetchOpenAlertCount,
} from '../services/hardshipAlerts';
import { usePagedList } from './usePagedList';
import { useRequest } from './useRequest';

/**
 * 预警处理: the queue of the caller's union and below, paged, narrowed by the filters (each change
 * starts over), with the counts per status its first page answered for these filters (later pages
 * carry none: the first page's stay).
 */
export function useAlerts(filters: AlertFilters, enabled: boolean) {
  const { status, severity, rule, childOrg, overdue } = filters;
  const key = JSON.stringify([status, severity ?? null, rule ?? null, childOrg ?? null, !!overdue]);
  // Counts belong to the filters they were answered for: a late answer for older ones is not shown.
  const [counts, setCounts] = useState<{ key: string; counts: AlertCounts } | null>(null);
  const fetchPage = useCallback(
    async (cursor?: string) => {
      const page = await fetchAlertQueue({ status, severity, rule, childOrg, overdue }, cursor);
      if (page.counts) setCounts({ key, counts: page.counts });
      return page;
    },
    [status, severity, rule, childOrg, overdue, key],
  );
  const list = usePagedList<HardshipAlertSummary>(fetchPage, { key, enabled });
  return { ...list, counts: counts?.key === key ? counts.counts : null };
}

/** 我的预警 (unresolved alerts assigned to the caller, due soonest first) or 上级督办 (escalated to the caller's union, newest escalation first). */
export type AlertListKind = 'mine' | 'escalated';

const alertListFetch = { mine: fetchMyAlerts, escalated: fetchEscalatedAlerts } as const;

export function useAlertList(kind: AlertListKind, enabled: boolean) {
  return usePagedList<HardshipAlertSummary>(alertListFetch[kind], { key: kind, enabled });
}

/** The staff home's 预警处理 entry: how many alerts wait for 确认. */
export function useOpenAlertCount(enabled: boolean) {
  return useRequest(fetchOpenAlertCount, { enabled });
}
