import type { Campaign } from '@ankang/shared';
import { useCallback, useState } from 'react';
import { ApiError, toApiError } from '../services/errors';
import {
  fetchCampaignsById,
  fetchMyTasks,
  respondToTask,
  type Task,
  type TaskResponse,
} from '../services/outreach';
import { useRequest } from './useRequest';
import { useSubmit } from './useSubmit';

interface Loaded {
  task: Task;
  /** For the requested items' names; null when it could not be read (the codes are shown then). */
  campaign: Campaign | null;
}

/** The task changed before the answer arrived (reassigned, cancelled): the page reloads and says so. */
const changedCodes = new Set(['VERSION_CONFLICT', 'INVALID_TRANSITION']);
const CHANGED_NOTICE = '这个任务刚刚有了变动（可能已改派或取消），已为您刷新，请查看最新状态。';

/**
 * One task of the volunteer's (there is no single-task route: it comes from 我的任务) and the answer
 * to it. The answer carries the version the volunteer saw; when the task changed meanwhile
 * (reassigned, cancelled) the page reloads and says so rather than answering the new state blindly.
 */
export function useVolunteerTask(id: string | undefined, enabled: boolean) {
  const [answered, setAnswered] = useState<Task | null>(null);
  // Which answer is on its way (the button that shows it), set once the send is really going.
  const [decision, setDecision] = useState<TaskResponse['decision'] | null>(null);

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
  const { retry } = request;

  // useSubmit's guard: two taps before the buttons redraw (确认婉拒 twice) still send once.
  const submission = useSubmit(
    async (response: TaskResponse) => {
      if (!task) throw new ApiError('ASSIGNMENT_NOT_FOUND');
      setDecision(response.decision);
      try {
        return await respondToTask(task, response);
      } catch (failure) {
        if (changedCodes.has(toApiError(failure).code)) retry();
        throw failure;
      }
    },
    {
      success: (response) => (response.decision === 'accept' ? '已接受任务' : '已婉拒'),
      onDone: setAnswered,
      // A changed task is said by the notice over the reloaded task, not by a toast.
      toastFailure: (error) => !changedCodes.has(error.code),
    },
  );
  const failure = submission.error;

  return {
    loading: request.loading,
    error: request.error,
    retry,
    task,
    campaign: request.data?.campaign ?? null,
    notice: failure && changedCodes.has(failure.code) ? CHANGED_NOTICE : null,
    responding: submission.submitting ? decision : null,
    /** True when the answer was stored (the page then closes the dialog, asks for reminders …). */
    respond: submission.submit,
  };
}
