import { useCallback } from 'react';
import { fetchMyReports } from '../services/myReports';
import { usePagedList } from './usePagedList';

/** 我的反馈: the caller's reports, paged, loaded once signed in. */
export function useMyReports(enabled: boolean) {
  const fetchPage = useCallback(async (cursor?: string) => {
    const page = await fetchMyReports(cursor);
    return { items: page.reports, nextCursor: page.nextCursor };
  }, []);
  return usePagedList(fetchPage, { key: 'mine', enabled });
}
