import type { HardshipAlert, Visit } from '@ankang/shared';
import { useCallback, useRef, useState } from 'react';
import { fetchVisits } from '../services/hardship';
import { fetchAlert, fetchAlertAssignees } from '../services/hardshipAlerts';
import { useRequest } from './useRequest';

/** The detail shows the household's latest visits only; the household page has them all. */
const TIMELINE_VISITS = 5;

/**
 * One alert: the detail as loaded, replaced in place by what an action or a comment answers (the
 * server's copy after the write) until a newer load lands, the household's latest visits, and the
 * people it may go to. A reload keeps what is shown; if it fails, `error` is set beside the data.
 */
export function useAlert(id: string | undefined, enabled: boolean) {
  const on = enabled && Boolean(id);
  const request = useRequest<HardshipAlert>(() => fetchAlert(id ?? ''), { enabled: on, key: id });
  // A write's answer, and the load it is newer than: a later load (a reload that landed) wins.
  const [latest, setLatest] = useState<{ alert: HardshipAlert; over: HardshipAlert | undefined } | null>(
    null,
  );
  const loaded = useRef(request.data);
  loaded.current = request.data;
  const alert = (latest && latest.over === request.data ? latest.alert : request.data) ?? null;
  const fileId = alert?.fileId;
  const visits = useRequest<Visit[]>(
    async () => (await fetchVisits(fileId ?? '')).items.slice(0, TIMELINE_VISITS),
    { enabled: on && Boolean(fileId), key: fileId },
  );

  const replace = useCallback((changed: HardshipAlert) => {
    setLatest({ alert: changed, over: loaded.current });
  }, []);
  const reload = useCallback(() => {
    request.retry();
    visits.retry();
  }, [request.retry, visits.retry]);

  return { alert, loading: request.loading, error: request.error, reload, replace, visits };
}

/** The people an alert may be 转派 to: asked for when the picker opens. */
export function useAlertAssignees(id: string | undefined, open: boolean) {
  return useRequest(() => fetchAlertAssignees(id ?? ''), { enabled: open && Boolean(id), key: id });
}
