import type { DeliveryExport, ExportFormat } from '@ankang/shared';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { downloadReport, ReportDownloadError } from '../platform/reportDownload';
import { fetchDeliveryExport, pollDelayMs, startDeliveryExport } from '../services/deliveryExports';
import { type ApiError, toApiError } from '../services/errors';
import { newRequestId } from '../services/stations';

/** A link with less than this left is renewed before use. */
const LINK_MARGIN_MS = 60_000;
/** Poll failures in a row (a dropped network) before the panel stops and offers 重试. */
const MAX_POLL_FAILURES = 5;

/**
 * One report export from the dashboard: choose the format, start, follow the progress (polling
 * with back-off while the job runs), then download. A retried start reuses its request id, so it
 * never makes a second export; 重新导出 after an end starts a new one.
 */
export function useDeliveryExport(campaignId: string, orgPath: string | undefined) {
  const [format, setFormat] = useState<ExportFormat>('xlsx');
  const [current, setCurrent] = useState<DeliveryExport | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [starting, setStarting] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const requestId = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Bumped on every reset and unmount: a poll answering after it is dropped.
  const generation = useRef(0);

  const stopPolling = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
  }, []);

  const poll = useCallback((id: string, attempt: number, failures: number) => {
    const mine = generation.current;
    timer.current = setTimeout(async () => {
      try {
        const next = await fetchDeliveryExport(id);
        if (mine !== generation.current) return;
        setCurrent(next);
        setError(null);
        if (next.status === 'running') poll(id, attempt + 1, 0);
      } catch (failure) {
        if (mine !== generation.current) return;
        const apiError = toApiError(failure);
        // A dropped network is waited out; anything else (the export expired) ends the polling.
        if (apiError.code === 'NETWORK' && failures + 1 < MAX_POLL_FAILURES) {
          poll(id, attempt + 1, failures + 1);
        } else {
          setError(apiError);
        }
      }
    }, pollDelayMs(attempt));
  }, []);

  useEffect(
    () => () => {
      generation.current += 1;
      stopPolling();
    },
    [stopPolling],
  );

  const start = useCallback(async () => {
    if (starting) return;
    requestId.current ??= newRequestId();
    setStarting(true);
    setError(null);
    try {
      const started = await startDeliveryExport(campaignId, {
        requestId: requestId.current,
        format,
        orgPath,
      });
      setCurrent(started);
      if (started.status === 'running') poll(started.id, 0, 0);
    } catch (failure) {
      // The same request id goes again on 重试: the server answers with the export it already made.
      setError(toApiError(failure));
    } finally {
      setStarting(false);
    }
  }, [campaignId, format, orgPath, poll, starting]);

  /** Back to the format choice; the next start is a new export. */
  const reset = useCallback(() => {
    generation.current += 1;
    stopPolling();
    requestId.current = null;
    setCurrent(null);
    setError(null);
  }, [stopPolling]);

  /** After a poll gave up: ask again now. */
  const resume = useCallback(() => {
    if (!current) return;
    setError(null);
    stopPolling();
    poll(current.id, 0, 0);
  }, [current, poll, stopPolling]);

  const download = useCallback(async () => {
    if (current?.status !== 'ready' || !current.url || !current.fileName) return;
    setDownloading(true);
    try {
      // A link about to lapse (the panel was left open) is swapped for a fresh one first.
      const fresh =
        Date.parse(current.expiresAt ?? '') - Date.now() < LINK_MARGIN_MS
          ? await fetchDeliveryExport(current.id)
          : current;
      if (fresh !== current) setCurrent(fresh);
      if (!fresh.url || !fresh.fileName) throw new Error('export no longer ready');
      const outcome = await downloadReport({
        url: fresh.url,
        fileName: fresh.fileName,
        format: fresh.format,
      });
      if (outcome === 'copied') {
        void Taro.showToast({ title: '链接已复制，请在电脑浏览器中打开下载', icon: 'none', duration: 3000 });
      }
    } catch (failure) {
      const title =
        failure instanceof ReportDownloadError
          ? '打开失败，请稍后重试或改用 CSV 复制链接'
          : '下载失败，请稍后重试';
      void Taro.showToast({ title, icon: 'none', duration: 3000 });
    } finally {
      setDownloading(false);
    }
  }, [current]);

  return { format, setFormat, current, error, starting, downloading, start, reset, resume, download };
}
