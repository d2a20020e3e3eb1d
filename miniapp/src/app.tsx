import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { signInSilently } from './services/auth';
import './app.scss';

function App({ children }: PropsWithChildren) {
  // WeChat: sign in without asking when there is no session; pages show progress or the failure with 重试.
  useLaunch(() => signInSilently());
  return children;
}

export default App;
