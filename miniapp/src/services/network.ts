import Taro from '@tarojs/taro';

/**
 * Calls `listener` whenever the phone gets a connection back. WeChat reports it through onNetworkStatusChange;
 * browsers (H5) through the window's `online` event, which Taro's H5 network API does not relay.
 * Answers the function that stops listening.
 */
export function onNetworkBack(listener: () => void): () => void {
  const onStatus = (result: { isConnected: boolean }) => {
    if (result.isConnected) listener();
  };
  try {
    Taro.onNetworkStatusChange(onStatus);
  } catch {
    // Not offered on this platform: the page-show retry still sends what waits.
  }
  const onOnline = () => listener();
  const browser = process.env.TARO_ENV !== 'weapp' && typeof window !== 'undefined' && typeof window.addEventListener === 'function';
  if (browser) window.addEventListener('online', onOnline);
  return () => {
    try {
      Taro.offNetworkStatusChange?.(onStatus);
    } catch {
      // nothing to stop
    }
    if (browser) window.removeEventListener('online', onOnline);
  };
}
