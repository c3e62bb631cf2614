import type { HardshipAlert } from '@ankang/shared';
import Taro from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { type ApiError, toApiError } from '../services/errors';
import {
  type AlertAction,
  newCommentId,
  sendAlertAction,
  sendAlertComment,
} from '../services/hardshipAlerts';

const doneText: Record<AlertAction['kind'], string> = {
  acknowledge: '已确认',
  start: '已开始处理',
  resolve: '已办结',
  assign: '已转派',
};

/** Someone else moved the alert since it was loaded (its version, or its state). */
const isConflict = (error: ApiError) =>
  error.code === 'VERSION_CONFLICT' || error.code === 'ALERT_TRANSITION_INVALID';

/**
 * 确认 / 开始处理 / 办结 / 转派 with the version shown. The answer (the alert after the write)
 * replaces the page's copy; a 409 keeps the page as it was and says 数据已被他人修改 (with 刷新),
 * never retries on top of someone else's change.
 */
export function useAlertActions(alert: HardshipAlert | null, onChanged: (alert: HardshipAlert) => void) {
  const [busy, setBusy] = useState<AlertAction['kind'] | null>(null);
  const [conflict, setConflict] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const inFlight = useRef(false);

  const act = useCallback(
    async (action: AlertAction): Promise<boolean> => {
      if (!alert || inFlight.current) return false;
      inFlight.current = true;
      setBusy(action.kind);
      setError(null);
      try {
        const changed = await sendAlertAction(alert, action);
        onChanged(changed);
        void Taro.showToast({ title: doneText[action.kind], icon: 'success' });
        return true;
      } catch (failure) {
        const apiError = toApiError(failure);
        if (isConflict(apiError)) setConflict(true);
        else {
          setError(apiError);
          void Taro.showToast({ title: apiError.message, icon: 'none', duration: 3000 });
        }
        return false;
      } finally {
        inFlight.current = false;
        setBusy(null);
      }
    },
    [alert, onChanged],
  );

  const clear = useCallback(() => {
    setConflict(false);
    setError(null);
  }, []);

  return { act, busy, conflict, error, clear };
}

/**
 * The comment box: a comment keeps its client-made id until the server has it, so 重试 after a
 * lost answer stores it once; changed text is a new comment with a new id.
 */
export function useAlertComment(alertId: string | undefined, onChanged: (alert: HardshipAlert) => void) {
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const pending = useRef<{ id: string; text: string } | null>(null);

  const send = useCallback(async () => {
    const body = text.trim();
    if (!alertId || !body || sending) return;
    if (pending.current?.text !== body) pending.current = { id: newCommentId(), text: body };
    setSending(true);
    setError(null);
    try {
      onChanged(await sendAlertComment(alertId, pending.current.id, body));
      pending.current = null;
      setText('');
    } catch (failure) {
      setError(toApiError(failure));
    } finally {
      setSending(false);
    }
  }, [alertId, text, sending, onChanged]);

  return { text, setText, sending, error, send };
}
