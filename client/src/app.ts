import { useLaunch } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { platform } from './platform';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    platform.setup();
  });
  // Pages are the children; the app shell draws nothing itself.
  return children;
}

export default App;
