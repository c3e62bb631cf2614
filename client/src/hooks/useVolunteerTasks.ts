import { distanceMeters } from '@ankang/shared';
import { useDidShow } from '@tarojs/taro';
import { useCallback, useMemo, useRef } from 'react';
import { fetchMyTasks, type Task } from '../services/outreach';
import { useLocation } from './useLocation';
import { usePullRefresh } from './usePullRefresh';
import { useRequest } from './useRequest';

export interface TaskWithDistance {
  task: Task;
  /** Metres from where the volunteer is; absent without a position or a site location. */
  distanceM?: number;
}

/**
 * 我的任务: the volunteer's tasks with the distance to each site when the phone shares its position
 * (the list is the same without it). Fresh when shown again (a task answered on its page) and on
 * pull-down.
 */
export function useVolunteerTasks() {
  const request = useRequest(fetchMyTasks);
  const { location, relocate } = useLocation();
  const shownOnce = useRef(false);
  const { retry } = request;
  useDidShow(() => {
    if (shownOnce.current) retry();
    shownOnce.current = true;
  });
  const refresh = useCallback(async () => {
    retry();
    await relocate();
  }, [retry, relocate]);
  usePullRefresh(refresh);

  const point = location.kind === 'located' ? location.point : null;
  const tasks = useMemo<TaskWithDistance[] | undefined>(
    () =>
      request.data?.map((task) => ({
        task,
        distanceM:
          point && task.site.location
            ? distanceMeters({ lat: point.latitude, lng: point.longitude }, task.site.location)
            : undefined,
      })),
    [request.data, point],
  );
  return { tasks, loading: request.loading, error: request.error, retry, location };
}
