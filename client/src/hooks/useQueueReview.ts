import Taro from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { toApiError } from '../services/errors';
import type { PagedList } from './usePagedList';

/**
 * The decision half of a staff review queue (sign-ups, delivery records, held comments, problems):
 * one item busy at a time, a decided item leaves the queue with a toast (the title `decide`
 * answers), and an item someone else decided or changed first (stale version, no longer allowed)
 * says so and reloads the queue. `decide` must be stable (module level or memoised).
 *
 * `review` answers true when the decision was stored; a tap while another decision is in flight
 * (even two taps before the next render) sends nothing and answers false.
 */
export function useQueueReview<T extends { id: string }, V>(
  list: PagedList<T>,
  decide: (item: T, verdict: V) => Promise<string>,
) {
  const { remove, reload } = list;
  const [busyId, setBusyId] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  // The state above redraws the buttons; this ref is what stops a second tap before that redraw.
  const deciding = useRef(false);

  const review = useCallback(
    async (item: T, verdict: V): Promise<boolean> => {
      if (deciding.current) return false;
      deciding.current = true;
      setBusyId(item.id);
      try {
        const title = await decide(item, verdict);
        remove(item.id);
        void Taro.showToast({ title, icon: 'success' });
        return true;
      } catch (failure) {
        const error = toApiError(failure);
        void Taro.showToast({ title: error.message, icon: 'none', duration: 3000 });
        if (error.code === 'VERSION_CONFLICT') setConflict(true);
        if (error.code === 'VERSION_CONFLICT' || error.code === 'INVALID_TRANSITION') reload();
        return false;
      } finally {
        deciding.current = false;
        setBusyId(null);
      }
    },
    [decide, remove, reload],
  );

  const reloadAll = useCallback(() => {
    setConflict(false);
    reload();
  }, [reload]);

  return { ...list, reload: reloadAll, busyId, setBusyId, review, conflict };
}
