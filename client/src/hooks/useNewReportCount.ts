import { fetchStationProblems } from '../services/staffStations';
import { useRequest } from './useRequest';

/** How many new problems wait (the first page; `more` when there are further pages). */
export function useNewReportCount(enabled: boolean) {
  return useRequest(
    async () => {
      const page = await fetchStationProblems({ state: 'new' });
      return { count: page.problems.length, more: page.nextCursor !== undefined };
    },
    { enabled },
  );
}
