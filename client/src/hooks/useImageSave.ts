import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { ImageSaveError, type ImageToSave, saveImage } from '../platform/imageSaver';

/** What a failed save tells the user; a cancel says nothing. */
const saveFailures = {
  denied: '未获得保存到相册的权限，请在右上角“…”›设置中允许，或长按二维码保存',
  unavailable: '保存失败，请长按二维码保存或稍后重试',
} as const;

/**
 * Saving a server-made image (a mini-program code) to the album (weapp) or as a download (H5),
 * with the toast for each outcome; `saving` while it runs. No image: nothing to save.
 */
export function useImageSave(image: ImageToSave | undefined) {
  const [saving, setSaving] = useState(false);
  const save = useCallback(async () => {
    if (!image) return;
    setSaving(true);
    try {
      await saveImage(image);
      void Taro.showToast({ title: '已保存', icon: 'success' });
    } catch (error) {
      const reason = error instanceof ImageSaveError ? error.reason : 'unavailable';
      if (reason !== 'cancelled') {
        void Taro.showToast({ title: saveFailures[reason], icon: 'none', duration: 3000 });
      }
    } finally {
      setSaving(false);
    }
  }, [image]);
  return { saving, save };
}
