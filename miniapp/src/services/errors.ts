import Taro from '@tarojs/taro';
import { endExpiredSession, isSignedOutError } from './auth';
import { ApiError } from './http';

/** What a page says when something it showed could not be loaded, and the API gave no reason. */
export const LOAD_FAILED = '加载失败，请稍后重试';
/** The same for a step the user took (saving, sending, deciding). */
export const ACTION_FAILED = '操作失败，请稍后重试';

/**
 * The API's own sentence for a failure (written for residents), else the fallback. No side effects: for the
 * sign-in's own failures and for work in the background (the outbox), where no page is waiting.
 */
export function sentenceOf(error: unknown, fallback: string = ACTION_FAILED): string {
  return error instanceof ApiError ? error.message : fallback;
}

/**
 * What a page shows for a failure: the API's sentence, else the fallback. A 401 that survived the token refresh
 * means the session is gone, wherever it happens: it ends here (WeChat signs in again, H5 offers the sign-in).
 */
export function errorText(error: unknown, fallback: string = ACTION_FAILED): string {
  if (isSignedOutError(error)) endExpiredSession();
  return sentenceOf(error, fallback);
}

/** The same as a toast, for a failure with no place on the page (a quiet reload, a tap on a list). */
export function showError(error: unknown, fallback = '出了点问题，请稍后重试'): void {
  void Taro.showToast({ title: errorText(error, fallback), icon: 'none', duration: 3000 });
}
