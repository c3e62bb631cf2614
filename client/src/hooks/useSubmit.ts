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
 * One form's submission: signs in first when needed, blocks double taps, toasts the outcome in
 * Chinese (the API's own message on failure) and keeps the error for the form to show.
 */
export function useSubmit<T>(
  send: () => Promise<T>,
  options: { success: string; onDone?: (value: T) => void },
) {
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const busy = useRef(false);
  const sendRef = useRef(send);
  sendRef.current = send;
  const optionsRef = useRef(options);
  optionsRef.current = options;

  const submit = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    setSubmitting(true);
    setError(null);
    try {
      if (!(await ensureSignedIn())) return;
      const value = await sendRef.current();
      void Taro.showToast({ title: optionsRef.current.success, icon: 'success' });
      optionsRef.current.onDone?.(value);
    } catch (failure) {
      const apiError = toApiError(failure);
      setError(apiError);
      void Taro.showToast({ title: apiError.message, icon: 'none', duration: 3000 });
    } finally {
      busy.current = false;
      setSubmitting(false);
    }
  }, []);

  return { submitting, error, submit };
}
