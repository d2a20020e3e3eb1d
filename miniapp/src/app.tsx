import type { PropsWithChildren } from 'react';
import { useDidShow, useLaunch } from '@tarojs/taro';
import { signInSilently } from './services/auth';
import { watchLanding } from './services/landing';
import { flushOutboxForCurrentUser, watchOutbox } from './services/outbox';
import { watchPrivacyRequests } from './services/privacy';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // WeChat: sign in without asking when there is no session; pages show progress or the failure with 重试.
    signInSilently();
    // 待发送: reports made offline go out as soon as the connection returns.
    watchOutbox();
    // Our own consent dialog for photos, place, phone number and clipboard (components/PrivacyDialog).
    watchPrivacyRequests();
    // H5 opened from a link: a 首页 control where there is no page to go back to.
    watchLanding();
  });
  // …and whenever the resident comes back to the app.
  useDidShow(() => {
    void flushOutboxForCurrentUser();
  });
  return children;
}

export default App;
