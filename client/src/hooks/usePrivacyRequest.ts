import { useDidHide, useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type PrivacyRequest, platform } from '../platform';

/**
 * Shows the page's privacy popup when WeChat asks for the user's agreement before a private API
 * (location). Only the visible page listens, so a hidden tab never holds the request.
 */
export function usePrivacyRequest() {
  const [request, setRequest] = useState<PrivacyRequest | null>(null);
  const unsubscribe = useRef<(() => void) | null>(null);

  const listen = useCallback(() => {
    unsubscribe.current?.();
    unsubscribe.current = platform.onPrivacyRequest(setRequest);
  }, []);
  const stop = useCallback(() => {
    unsubscribe.current?.();
    unsubscribe.current = null;
  }, []);

  useEffect(() => {
    listen();
    return stop;
  }, [listen, stop]);
  useDidShow(listen);
  useDidHide(stop);

  const agree = useCallback(
    (buttonId: string) => {
      request?.agree(buttonId);
      setRequest(null);
    },
    [request],
  );
  const refuse = useCallback(() => {
    request?.refuse();
    setRequest(null);
  }, [request]);

  return { visible: request !== null, agree, refuse };
}
