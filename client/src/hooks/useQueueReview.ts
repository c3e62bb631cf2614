import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { toApiError } from '../services/errors';
import type { PagedList } from './usePagedList';

/**
 * The decision half of a staff review queue (sign-ups, delivery records): one item busy at a time,
 * a decided item leaves the queue with a toast (the title `decide` answers), and an item someone
 * else decided or changed first (stale version, no longer allowed) says so and reloads the queue.
 * `decide` must be stable (module level).
 */
export function useQueueReview<T extends { id: string }, V>(
  list: PagedList<T>,
  decide: (item: T, verdict: V) => Promise<string>,
) {
  const { remove, reload } = list;
  const [busyId, setBusyId] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);

  const review = useCallback(
    async (item: T, verdict: V) => {
      setBusyId(item.id);
      try {
        const title = await decide(item, verdict);
        remove(item.id);
        void Taro.showToast({ title, icon: 'success' });
      } catch (failure) {
        const error = toApiError(failure);
        void Taro.showToast({ title: error.message, icon: 'none', duration: 3000 });
        if (error.code === 'VERSION_CONFLICT') setConflict(true);
        if (error.code === 'VERSION_CONFLICT' || error.code === 'INVALID_TRANSITION') reload();
      } finally {
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
