import type { HouseholdFile, RevealedHousehold, Visit } from '@ankang/shared';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { toApiError } from '../services/errors';
import { fetchAudit, fetchHousehold, fetchVisits, revealHousehold } from '../services/hardship';
import { usePagedList } from './usePagedList';
import { useRequest } from './useRequest';

/**
 * One household file: the file (masked), its visits (newest first, paged) and the reveal. Revealed
 * values live only in this hook's memory: they go when the page closes and are never stored.
 */
export function useHousehold(id: string | undefined, enabled: boolean) {
  const on = enabled && Boolean(id);
  const file = useRequest<HouseholdFile>(() => fetchHousehold(id ?? ''), { enabled: on, key: id });
  const fetchVisitPage = useCallback((cursor?: string) => fetchVisits(id ?? '', cursor), [id]);
  const visits = usePagedList<Visit>(fetchVisitPage, { key: id ?? '', enabled: on && !!file.data });
  const [revealed, setRevealed] = useState<RevealedHousehold | null>(null);
  const [revealing, setRevealing] = useState(false);

  const reveal = useCallback(
    async (reason: string) => {
      if (!id) return false;
      setRevealing(true);
      try {
        setRevealed(await revealHousehold(id, reason));
        return true;
      } catch (failure) {
        const error = toApiError(failure);
        void Taro.showToast({ title: error.message, icon: 'none', duration: 3000 });
        return false;
      } finally {
        setRevealing(false);
      }
    },
    [id],
  );

  return { file, visits, revealed, revealing, reveal };
}

/**
 * 访问记录 for supervisors: who read or changed the file, when and why. Staff of the file's own
 * node are refused (403), which the page answers by not showing the section at all.
 */
export function useHouseholdAudit(id: string | undefined, enabled: boolean) {
  const fetchPage = useCallback((cursor?: string) => fetchAudit(id ?? '', cursor), [id]);
  const list = usePagedList(fetchPage, { key: id ?? '', enabled: enabled && Boolean(id) });
  const refused = list.error?.status === 403;
  return { ...list, refused };
}
