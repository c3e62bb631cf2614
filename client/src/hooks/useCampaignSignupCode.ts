import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { ImageSaveError, saveImage } from '../platform/imageSaver';
import { fetchCampaignSignupCode } from '../services/campaignSignupCode';
import { useRequest } from './useRequest';

/** What a failed save tells the user; a cancel says nothing. */
const saveFailures = {
  denied: '未获得保存到相册的权限，请在右上角“…”›设置中允许，或长按二维码保存',
  unavailable: '保存失败，请长按二维码保存或稍后重试',
} as const;

/**
 * A campaign's sign-up code (报名二维码) while its dialog is open (`campaignId` set), and saving it
 * to the album (weapp) or as a download (H5).
 */
export function useCampaignSignupCode(campaignId: string | null) {
  const request = useRequest(() => fetchCampaignSignupCode(campaignId ?? ''), {
    enabled: campaignId !== null,
    key: campaignId,
  });
  const [saving, setSaving] = useState(false);
  // An earlier campaign's code stays in `data` while the next one loads: show only the matching one.
  const code = request.data && request.data.scene === campaignId ? request.data : undefined;

  const save = useCallback(async () => {
    if (!code) return;
    setSaving(true);
    try {
      await saveImage({ base64: code.image, mimeType: code.mimeType, name: `signup-${code.scene}` });
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch (error) {
      const reason = error instanceof ImageSaveError ? error.reason : 'unavailable';
      if (reason !== 'cancelled') {
        void Taro.showToast({ title: saveFailures[reason], icon: 'none', duration: 3000 });
      }
    } finally {
      setSaving(false);
    }
  }, [code]);

  return {
    code,
    error: request.error,
    retry: request.retry,
    saving,
    save,
  };
}
