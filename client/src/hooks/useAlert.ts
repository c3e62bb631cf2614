import type { HardshipAlert, Visit } from '@ankang/shared';
import { useCallback, useState } from 'react';
import { fetchVisits } from '../services/hardship';
import { fetchAlert, fetchAlertAssignees } from '../services/hardshipAlerts';
import { useRequest } from './useRequest';

/** The detail shows the household's latest visits only; the household page has them all. */
const TIMELINE_VISITS = 5;

/**
 * One alert: the detail as loaded, replaced in place by what an action or a comment answers (the
 * server's copy after the write), the household's latest visits, and the people it may go to.
 */
export function useAlert(id: string | undefined, enabled: boolean) {
  const on = enabled && Boolean(id);
  const request = useRequest<HardshipAlert>(() => fetchAlert(id ?? ''), { enabled: on, key: id });
  const [latest, setLatest] = useState<HardshipAlert | null>(null);
  const alert = latest ?? request.data ?? null;
  const fileId = alert?.fileId;
  const visits = useRequest<Visit[]>(
    async () => (await fetchVisits(fileId ?? '')).items.slice(0, TIMELINE_VISITS),
    { enabled: on && Boolean(fileId), key: fileId },
  );

  const reload = useCallback(() => {
    setLatest(null);
    request.retry();
    visits.retry();
  }, [request.retry, visits.retry]);

  return { alert, loading: request.loading, error: request.error, reload, replace: setLatest, visits };
}

/** The people an alert may be 转派 to: asked for when the picker opens. */
export function useAlertAssignees(id: string | undefined, open: boolean) {
  return useRequest(() => fetchAlertAssignees(id ?? ''), { enabled: open && Boolean(id), key: id });
}
