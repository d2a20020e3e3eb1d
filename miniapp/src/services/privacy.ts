import Taro from '@tarojs/taro';

/**
 * WeChat holds a privacy API call (chooseImage, chooseMedia, chooseMessageFile, chooseLocation, the getPhoneNumber
 * button, setClipboardData, scanCode, makePhoneCall) until the resident has agreed to our privacy guide, and asks the app through
 * wx.onNeedPrivacyAuthorization. Our own dialog (components/PrivacyDialog) answers: it says why each item is
 * needed, and agreeing goes through a button with open-type="agreePrivacyAuthorization", as WeChat checks.
 */
export type PrivacyAnswer = { event: 'exposureAuthorization' } | { event: 'agree'; buttonId: string } | { event: 'disagree' };
type Resolve = (answer: PrivacyAnswer) => void;

/** The id of the dialog's agree button: WeChat checks that the button with this id was tapped. */
export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree';

let pending: Resolve | null = null;
const listeners = new Set<() => void>();

/** At launch on WeChat (base library ≥ 2.32.3; older ones show WeChat's own prompt). */
export function watchPrivacyRequests(): void {
  if (process.env.TARO_ENV !== 'weapp' || typeof Taro.onNeedPrivacyAuthorization !== 'function') return;
  Taro.onNeedPrivacyAuthorization((resolve) => {
    pending = resolve as Resolve;
    listeners.forEach((listener) => listener());
    // Tell WeChat our dialog is on screen: every page that calls a privacy API has one.
    if (listeners.size > 0) pending({ event: 'exposureAuthorization' });
  });
}

/** Whether a privacy API waits for the resident's answer. */
export function privacyRequestPending(): boolean {
  return pending !== null;
}

/** Called whenever a request arrives or is answered; answers the unsubscribe function. */
export function onPrivacyRequestChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** 同意 lets the held call go on; 拒绝 makes it fail ("privacy permission is not authorized"), as a cancel. */
export function answerPrivacyRequest(agreed: boolean): void {
  const resolve = pending;
  pending = null;
  listeners.forEach((listener) => listener());
  resolve?.(agreed ? { event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID } : { event: 'disagree' });
}
