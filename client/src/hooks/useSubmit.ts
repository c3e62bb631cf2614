import Taro from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { platform } from '../platform';
import { signInWithWechat } from '../services/auth';
import { type ApiError, toApiError } from '../services/errors';
import { openPage } from '../services/navigation';
import { routes } from '../services/routes';
import { getSession } from '../services/session';

/**
 * A signed-in user before a worker-only call: WeChat signs in silently; a browser goes to the login
 * page (the form stays as it was for when they come back). False when the call cannot go ahead now.
 */
async function ensureSignedIn(): Promise<boolean> {
  if (getSession()) return true;
  if (platform.loginMethod === 'wechat') {
    await signInWithWechat();
    return true;
  }
  void Taro.showToast({ title: '请先登录', icon: 'none' });
  await openPage(routes.login);
  return false;
}

/**
 * One form's submission: signs in first when needed, blocks double taps (a ref, so two taps before
 * the next render still send once), toasts the outcome in Chinese (the API's own message on
 * failure, unless the form shows it itself) and keeps the error for the form to show.
 *
 * `submit(...args)` hands its arguments to `send` (e.g. which action, the checked form) and answers
 * true when it was sent and stored.
 */
export function useSubmit<T, A extends unknown[] = []>(
  send: (...args: A) => Promise<T>,
  options: {
    /**
     * The toast after success; a function of the arguments when they decide it (确认 / 转派); none
     * when the page shows the result itself (a comment in the list).
     */
    success?: string | ((...args: A) => string);
    onDone?: (value: T) => void;
    /**
     * False when the form shows the failure itself (a banner beside what was typed): no toast; a
     * function when only some failures are the form's to show (a conflict notice).
     */
    toastFailure?: boolean | ((error: ApiError) => boolean);
  },
) {
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const busy = useRef(false);
  const sendRef = useRef(send);
  sendRef.current = send;
  const optionsRef = useRef(options);
  optionsRef.current = options;

  const submit = useCallback(async (...args: A): Promise<boolean> => {
    if (busy.current) return false;
    busy.current = true;
    setSubmitting(true);
    setError(null);
    try {
      if (!(await ensureSignedIn())) return false;
      const value = await sendRef.current(...args);
      const { success, onDone } = optionsRef.current;
      const title = typeof success === 'function' ? success(...args) : success;
      if (title) void Taro.showToast({ title, icon: 'success' });
      onDone?.(value);
      return true;
    } catch (failure) {
      const apiError = toApiError(failure);
      setError(apiError);
      const { toastFailure = true } = optionsRef.current;
      if (typeof toastFailure === 'function' ? toastFailure(apiError) : toastFailure)
        void Taro.showToast({ title: apiError.message, icon: 'none', duration: 3000 });
      return false;
    } finally {
      busy.current = false;
      setSubmitting(false);
    }
  }, []);

  /** Forgets the last failure (the page was refreshed, or the form closed). */
  const clear = useCallback(() => setError(null), []);

  return { submitting, error, submit, clear };
}
