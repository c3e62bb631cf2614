import type { Campaign } from '@ankang/shared';
import Taro from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { ApiError, toApiError } from '../services/errors';
import {
  fetchCampaignsById,
  fetchMyTasks,
  respondToTask,
  type Task,
  type TaskResponse,
} from '../services/outreach';
import { useRequest } from './useRequest';

interface Loaded {
  task: Task;
  /** For the requested items' names; null when it could not be read (the codes are shown then). */
  campaign: Campaign | null;
}

/**
 * One task of the volunteer's (there is no single-task route: it comes from 我的任务) and the answer
 * to it. The answer carries the version the volunteer saw; when the task changed meanwhile
 * (reassigned, cancelled) the page reloads and says so rather than answering the new state blindly.
 */
export function useVolunteerTask(id: string | undefined, enabled: boolean) {
  const [answered, setAnswered] = useState<Task | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [responding, setResponding] = useState<TaskResponse['decision'] | null>(null);
  const [respondError, setRespondError] = useState<ApiError | null>(null);
  // Two taps before the buttons redraw (确认婉拒 twice) still send once.
  const sending = useRef(false);

  const load = useCallback(async (): Promise<Loaded> => {
    const tasks = await fetchMyTasks();
    const task = tasks.find((t) => t.id === id);
    if (!task) throw new ApiError('ASSIGNMENT_NOT_FOUND');
    const campaigns = await fetchCampaignsById([task.campaignId]);
    setAnswered(null);
    return { task, campaign: campaigns.get(task.campaignId) ?? null };
  }, [id]);
  const request = useRequest(load, { enabled: enabled && Boolean(id), key: id });
  const task = answered ?? request.data?.task ?? null;

  /** True when the answer was stored (the page then closes the dialog, asks for reminders …). */
  const respond = useCallback(
    async (response: TaskResponse): Promise<boolean> => {
      if (!task || sending.current) return false;
      sending.current = true;
      setResponding(response.decision);
      setRespondError(null);
      setNotice(null);
      try {
        setAnswered(await respondToTask(task, response));
        void Taro.showToast({
          title: response.decision === 'accept' ? '已接受任务' : '已婉拒',
          icon: 'success',
        });
        return true;
      } catch (failure) {
        const error = toApiError(failure);
        if (error.code === 'VERSION_CONFLICT' || error.code === 'INVALID_TRANSITION') {
          setNotice('这个任务刚刚有了变动（可能已改派或取消），已为您刷新，请查看最新状态。');
          request.retry();
        } else {
          setRespondError(error);
          void Taro.showToast({ title: error.message, icon: 'none', duration: 3000 });
        }
        return false;
      } finally {
        sending.current = false;
        setResponding(null);
      }
    },
    [task, request.retry],
  );

  return {
    loading: request.loading,
    error: request.error,
    retry: request.retry,
    task,
    campaign: request.data?.campaign ?? null,
    notice,
    responding,
    respondError,
    respond,
  };
}
