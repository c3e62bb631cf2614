import type { HouseholdSummary } from '@ankang/shared';
import { useCallback } from 'react';
import { fetchHouseholds, type HouseholdFilters } from '../services/hardship';
import { usePagedList } from './usePagedList';

/**
 * 困难职工档案: the files of the caller's node and below, newest first, paged, narrowed by the
 * filters (each change starts over from the first page).
 */
export function useHouseholds(filters: HouseholdFilters, enabled: boolean) {
  const { category, status, mine, overdue } = filters;
  const fetchPage = useCallback(
    (cursor?: string) => fetchHouseholds({ category, status, mine, overdue }, cursor),
    [category, status, mine, overdue],
  );
  return usePagedList<HouseholdSummary>(fetchPage, {
    key: JSON.stringify([category ?? null, status ?? null, !!mine, !!overdue]),
    enabled,
  });
}
