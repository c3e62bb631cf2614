import type { Assignment } from '@ankang/shared';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { type ApiError, toApiError } from '../services/errors';
import {
  assign,
  cancelTask,
  fetchAssignments,
  type NewAssignment,
  reassign,
} from '../services/staffOutreach';
import { usePagedList } from './usePagedList';

/** The codes the picker explains in place, with what to do (the rest are toasted). */
const explained = new Set(['NOT_APPROVED', 'ALREADY_ASSIGNED', 'VOLUNTEER_UNAVAILABLE']);

const reloadOn = new Set(['VERSION_CONFLICT', 'INVALID_TRANSITION', 'ALREADY_ASSIGNED']);

/**
 * 任务分配 for one date: the tasks (paged), 分配, 改派 and 取消. A failed 分配 or 改派 keeps its
 * error for the picker to show (not approved, site taken, volunteer not free); a stale task
 * (someone changed it first) shows the conflict notice and reloads the board.
 */
export function useAssignmentBoard(campaignId: string | undefined, date: string, enabled: boolean) {
  const fetchPage = useCallback(
    (cursor?: string) => fetchAssignments(campaignId ?? '', date, cursor),
    [campaignId, date],
  );
  const list = usePagedList<Assignment>(fetchPage, {
    key: JSON.stringify([campaignId, date]),
    enabled: enabled && Boolean(campaignId) && Boolean(date),
  });
  const { replace, reload } = list;
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const [conflict, setConflict] = useState(false);

  /** `stale`: the task changed under us (the board reloads with the notice); `failed`: anything else. */
  const run = useCallback(
    async (
      action: () => Promise<Assignment>,
      done: string,
      after: (task: Assignment) => void,
    ): Promise<'done' | 'stale' | 'failed'> => {
      setBusy(true);
      setActionError(null);
      try {
        const task = await action();
        after(task);
        void Taro.showToast({ title: done, icon: 'success' });
        return 'done';
      } catch (failure) {
        const error = toApiError(failure);
        setActionError(error);
        if (!explained.has(error.code))
          void Taro.showToast({ title: error.message, icon: 'none', duration: 3000 });
        if (error.code === 'VERSION_CONFLICT') setConflict(true);
        // The board was stale (someone changed the task, or took the site's half day): show it as it is.
        if (reloadOn.has(error.code)) reload();
        return error.code === 'VERSION_CONFLICT' || error.code === 'INVALID_TRANSITION' ? 'stale' : 'failed';
      } finally {
        setBusy(false);
      }
    },
    [reload],
  );

  // A new task may sort anywhere on the board: load the date again rather than guess its place.
  const create = useCallback(
    (input: NewAssignment) => run(() => assign(input), '已分配', reload),
    [run, reload],
  );
  const moveTo = useCallback(
    (task: Assignment, volunteerSignupId: string) =>
      run(() => reassign(task, volunteerSignupId), '已改派', replace),
    [run, replace],
  );
  const cancel = useCallback(
    (task: Assignment, reason: string) => run(() => cancelTask(task, reason), '已取消', replace),
    [run, replace],
  );

  return {
    ...list,
    reload: useCallback(() => {
      setConflict(false);
      setActionError(null);
      reload();
    }, [reload]),
    busy,
    actionError,
    clearActionError: useCallback(() => setActionError(null), []),
    conflict,
    create,
    moveTo,
    cancel,
  };
}
