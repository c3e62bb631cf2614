import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useRef } from 'react';

/** Pull to refresh (the page config must set `enablePullDownRefresh`); the spinner stops when done. */
export function usePullRefresh(refresh: () => Promise<unknown>) {
  const ref = useRef(refresh);
  ref.current = refresh;
  usePullDownRefresh(() => {
    void ref.current().finally(() => Taro.stopPullDownRefresh());
  });
}
