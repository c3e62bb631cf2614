import { useMemo } from 'react';
import { fetchCampaignSignupCode } from '../services/campaignSignupCode';
import { useImageSave } from './useImageSave';
import { useRequest } from './useRequest';

/**
 * A campaign's sign-up code (报名二维码) while its dialog is open (`campaignId` set), and saving it
 * to the album (weapp) or as a download (H5).
 */
export function useCampaignSignupCode(campaignId: string | null) {
  const request = useRequest(() => fetchCampaignSignupCode(campaignId ?? ''), {
    enabled: campaignId !== null,
    key: campaignId,
  });
  // An earlier campaign's code stays in `data` while the next one loads: show only the matching one.
  const code = request.data && request.data.scene === campaignId ? request.data : undefined;
  const image = useMemo(
    () => (code ? { base64: code.image, mimeType: code.mimeType, name: `signup-${code.scene}` } : undefined),
    [code],
  );
  const { saving, save } = useImageSave(image);

  return {
    code,
    error: request.error,
    retry: request.retry,
    saving,
    save,
  };
}
