import type { HardshipAlert } from '@ankang/shared';
import { useCallback, useRef, useState } from 'react';
import type { ApiError } from '../services/errors';
import {
  type AlertAction,
  newCommentId,
  sendAlertAction,
  sendAlertComment,
} from '../services/hardshipAlerts';
import { useSubmit } from './useSubmit';

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
 * 确认 / 开始处理 / 办结 / 转派 with the version shown, one at a time. The answer (the alert after the
 * write) replaces the page's copy. A failure is shown once, by the page's banner (the open form keeps
 * what was typed); a 409 keeps the page as it was and says 数据已被他人修改 (with 刷新), never
 * retrying on top of someone else's change.
 */
export function useAlertActions(alert: HardshipAlert | null, onChanged: (alert: HardshipAlert) => void) {
  // Which action is in flight, for its button's spinner: set only once the send has started.
  const [kind, setKind] = useState<AlertAction['kind'] | null>(null);
  const { submit, submitting, error, clear } = useSubmit(
    async (shown: HardshipAlert, action: AlertAction) => {
      setKind(action.kind);
      return sendAlertAction(shown, action);
    },
    { success: (_shown, action) => doneText[action.kind], onDone: onChanged, toastFailure: false },
  );

  const act = useCallback(
    async (action: AlertAction): Promise<boolean> => (alert ? submit(alert, action) : false),
    [alert, submit],
  );

  const conflict = error !== null && isConflict(error);
  return {
    act,
    busy: submitting ? kind : null,
    conflict,
    error: conflict ? null : error,
    clear,
  };
}

/**
 * The comment box: a comment keeps its client-made id until the server has it, so 重试 after a
 * lost answer stores it once; changed text is a new comment with a new id. A failure is said under
 * the box, which keeps the text.
 */
export function useAlertComment(alertId: string | undefined, onChanged: (alert: HardshipAlert) => void) {
  const [text, setText] = useState('');
  const pending = useRef<{ id: string; text: string } | null>(null);
  const { submit, submitting, error } = useSubmit(
    (id: string, body: string) => sendAlertComment(alertId ?? '', id, body),
    {
      onDone: (changed) => {
        pending.current = null;
        setText('');
        onChanged(changed);
      },
      toastFailure: false,
    },
  );

  const send = useCallback(async () => {
    const body = text.trim();
    if (!alertId || !body) return;
    if (pending.current?.text !== body) pending.current = { id: newCommentId(), text: body };
    await submit(pending.current.id, body);
  }, [alertId, text, submit]);

  return { text, setText, sending: submitting, error, send };
}
