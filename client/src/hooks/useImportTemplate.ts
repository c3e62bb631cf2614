import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { saveGeneratedFile } from '../platform/templateFile';
import { ApiError } from '../services/errors';
import { fetchStationImportTemplate } from '../services/staffStations';

/** 下载模板: fetches the station import template (XLSX) and saves or opens it; one at a time. */
export function useImportTemplate() {
  const [busy, setBusy] = useState(false);
  const download = useCallback(() => {
    if (busy) return;
    setBusy(true);
    void (async () => {
      try {
        await saveGeneratedFile(await fetchStationImportTemplate('xlsx'));
      } catch (failure) {
        // The server's refusals say why; a file that could not be written or opened gets a plain notice.
        const title = failure instanceof ApiError ? failure.message : '模板下载失败，请稍后再试';
        void Taro.showToast({ title, icon: 'none' });
      } finally {
        setBusy(false);
      }
    })();
  }, [busy]);
  return { busy, download };
}
