import { useLaunch } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { platform } from './platform';
import { registerHandoutSender } from './services/handoutOutbox';
import { startOfflineOutbox } from './services/outboxStart';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    platform.setup();
    registerHandoutSender();
    startOfflineOutbox();
  });
  // Pages are the children; the app shell draws nothing itself.
  return children;
}

export default App;
