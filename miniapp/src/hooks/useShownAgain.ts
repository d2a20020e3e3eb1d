import { useRef } from 'react';
import { useDidShow } from '@tarojs/taro';

/**
 * Runs each time the page is shown again (back from a page it opened, the app brought to the front), not when it
 * is first shown: the first load is the page's own. What changed meanwhile (a ticket handled, a question answered)
 * shows without a pull-down.
 */
export function useShownAgain(handler: () => void): void {
  const shownOnce = useRef(false);
  useDidShow(() => {
    if (shownOnce.current) handler();
    shownOnce.current = true;
  });
}
