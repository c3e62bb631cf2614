import { useMemo } from 'react';
import { fetchStationCode } from '../services/stationComments';
import { useImageSave } from './useImageSave';
import { useRequest } from './useRequest';

/** A station's poster code (扫码评价 / 扫码报修) for the poster page, and saving it. */
export function useStationCode(stationId: string | undefined, enabled: boolean) {
  const request = useRequest(() => fetchStationCode(stationId ?? ''), {
    enabled: enabled && Boolean(stationId),
    key: stationId,
  });
  const code = request.data && request.data.scene === stationId ? request.data : undefined;
  const image = useMemo(
    () => (code ? { base64: code.image, mimeType: code.mimeType, name: `station-${code.scene}` } : undefined),
    [code],
  );
  const { saving, save } = useImageSave(image);
  return { code, loading: request.loading, error: request.error, retry: request.retry, saving, save };
}
