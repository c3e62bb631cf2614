import type { ManagedStation, StationStatus } from '@ankang/shared';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { toApiError } from '../services/errors';
import { changeStationStatus, markStationVerified } from '../services/staffStations';

/**
 * The row actions of 我的驿站 (核实, 暂停开放, 恢复开放): one at a time per station, the changed
 * station handed back; a conflict reloads the list rather than retrying blindly.
 */
export function useStationActions(onChanged: (station: ManagedStation) => void, onStale: () => void) {
  const [busyId, setBusyId] = useState<string | null>(null);

  const run = useCallback(
    async (id: string, action: () => Promise<ManagedStation>, done: string) => {
      setBusyId(id);
      try {
        onChanged(await action());
        void Taro.showToast({ title: done, icon: 'success' });
      } catch (failure) {
        const error = toApiError(failure);
        if (error.code === 'VERSION_CONFLICT') {
          void Taro.showToast({ title: '数据已被他人修改，已刷新', icon: 'none' });
          onStale();
        } else {
          void Taro.showToast({ title: error.message, icon: 'none' });
        }
      } finally {
        setBusyId(null);
      }
    },
    [onChanged, onStale],
  );

  const verify = (station: ManagedStation) =>
    void run(station.id, () => markStationVerified(station.id), '已核实');
  const setStatus = (station: ManagedStation, status: StationStatus, done: string) =>
    void run(station.id, () => changeStationStatus(station, status), done);

  return { busyId, verify, setStatus };
}
