import { fetchStationReports } from '../services/staffStations';
import { useRequest } from './useRequest';

/** How many new reports wait (the first page; `more` when there are further pages). */
export function useNewReportCount(enabled: boolean) {
  return useRequest(
    async () => {
      const page = await fetchStationReports({ state: 'new' });
      return { count: page.reports.length, more: page.nextCursor !== undefined };
    },
    { enabled },
  );
}
