import Taro from '@tarojs/taro';
import { HOME_PAGE, TAB_PAGES } from '../routes';

const LINK_CLASS = 'h5-home-link';

/**
 * A page opened from a link (a shared URL, a notice) on H5 has nothing below it to go back to, and the browser's
 * back leaves the app. WeChat shows its own home button then; H5 gets a 首页 control.
 */
export function needsHomeLink(pages: readonly { route: string }[]): boolean {
  if (pages.length !== 1) return false;
  const route = `/${pages[0].route.replace(/^\//, '').replace(/\?.*$/, '')}`;
  return !TAB_PAGES.includes(route);
}

/** Shows or removes the 首页 control for the page stack now shown. */
export function placeHomeLink(pages: readonly { route: string }[], doc: Document = document): void {
  const shown = doc.querySelector(`.${LINK_CLASS}`);
  if (!needsHomeLink(pages)) {
    shown?.remove();
    return;
  }
  if (shown) return;
  const link = doc.createElement('button');
  link.className = LINK_CLASS;
  link.type = 'button';
  link.textContent = '‹ 首页';
  link.setAttribute('aria-label', '返回首页');
  // reLaunch, as WeChat's own home button: the linked page closes. Kept alive under the tabs (switchTab), it went on
  // reacting: signing out on 我的 then took the user to that page's sign-in instead of 我的's.
  link.addEventListener('click', () => void Taro.reLaunch({ url: HOME_PAGE }));
  doc.body.appendChild(link);
}

/** H5 only: after every page change, the control where the stack holds one page that is not a tab. */
export function watchLanding(): void {
  if (process.env.TARO_ENV !== 'h5') return;
  Taro.eventCenter.on('__afterTaroRouterChange', () => placeHomeLink(Taro.getCurrentPages().map((page) => ({ route: page.route ?? '' }))));
}
