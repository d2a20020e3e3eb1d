import Taro from '@tarojs/taro';
import type { DevAccount, TokenPair } from '@wuye/contracts';
import { sentenceOf } from './errors';
import { ApiError, malformedAnswer, request } from './http';
import { clearSession, getRefreshToken, setTokens } from './session';

export type Platform = 'weapp' | 'h5';

/** Read at call time (not at import) so tests can switch platforms. */
export function currentPlatform(): Platform {
  return process.env.TARO_ENV === 'weapp' ? 'weapp' : 'h5';
}

/** Whether tokens are stored. The refresh token decides: an expired access token is renewed on the next call. */
export function hasSession(): boolean {
  return getRefreshToken() !== null;
}

/**
 * WeChat's silent sign-in as the app shows it: idle (not tried, or the user signed out), in flight, or failed
 * with a message a resident can read. Pages subscribe, so a failure is shown with a retry, never a blank page.
 */
export interface WechatSignInState {
  phase: 'idle' | 'signing-in' | 'failed';
  message: string;
}

let wechatState: WechatSignInState = { phase: 'idle', message: '' };
let wechatInFlight: Promise<void> | null = null;
const listeners = new Set<() => void>();

export function getWechatSignInState(): WechatSignInState {
  return wechatState;
}

/** Called whenever the session or the WeChat sign-in state changes; answers the unsubscribe function. */
export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

function notify(): void {
  listeners.forEach((listener) => listener());
}

function setWechatState(next: WechatSignInState): void {
  wechatState = next;
  notify();
}

function startSession(tokens: TokenPair): void {
  // A sign-in answer without tokens is a failed sign-in to show, not a session.
  if (typeof tokens?.accessToken !== 'string' || typeof tokens.refreshToken !== 'string') throw malformedAnswer();
  setTokens({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken });
  wechatState = { phase: 'idle', message: '' };
  notify();
}

export const WECHAT_LOGIN_FAILED = '微信登录失败，请检查网络后重试';

async function wechatSignIn(): Promise<void> {
  let code: string;
  try {
    const result = await Taro.login();
    if (!result.code) throw new Error(result.errMsg);
    code = result.code;
  } catch {
    throw new ApiError({ statusCode: 0, code: 'WECHAT_LOGIN_FAILED', message: WECHAT_LOGIN_FAILED });
  }
  const tokens = await request<TokenPair>({ url: '/api/v1/auth/wechat', method: 'POST', data: { code }, auth: false });
  startSession(tokens);
}

/**
 * 微信登录: wx.login's code → POST /auth/wechat → tokens. One attempt at a time; the outcome is kept in the
 * WeChat sign-in state (failures with the API's or a readable message) and the promise rejects with an ApiError.
 */
export function signInWithWechat(): Promise<void> {
  wechatInFlight ??= (async () => {
    setWechatState({ phase: 'signing-in', message: '' });
    try {
      await wechatSignIn();
    } catch (error) {
      setWechatState({ phase: 'failed', message: sentenceOf(error, WECHAT_LOGIN_FAILED) });
      throw error;
    }
  })().finally(() => {
    wechatInFlight = null;
  });
  return wechatInFlight;
}

/** At launch on WeChat: sign in without asking when there is no session. Failures stay in the state for the pages. */
export function signInSilently(): void {
  if (currentPlatform() !== 'weapp' || hasSession()) return;
  signInWithWechat().catch(() => undefined);
}

/** The demo accounts of the development sign-in (404 when it is off: production or a WeChat secret is set). */
export function listDevAccounts(): Promise<DevAccount[]> {
  return request<DevAccount[]>({ url: '/api/v1/auth/dev/users', auth: false });
}

export async function signInAsDevAccount(key: string): Promise<void> {
  const tokens = await request<TokenPair>({ url: '/api/v1/auth/dev', method: 'POST', data: { user: key }, auth: false });
  startSession(tokens);
}

/** 退出登录: ends the session on the server when it can; the tokens on this phone go either way. */
export async function signOut(): Promise<void> {
  try {
    if (hasSession()) await request<void>({ url: '/api/v1/auth/logout', method: 'POST' });
  } catch {
    // Offline or already expired: the server session ends by itself; nothing the user can do about it.
  } finally {
    clearSession();
    wechatState = { phase: 'idle', message: '' };
    notify();
  }
}

/**
 * A call answered 401 after the refresh was refused: the stored session is gone. WeChat signs in again without
 * asking (pages show progress, then reload); H5 pages offer the sign-in.
 */
export function endExpiredSession(): void {
  clearSession();
  notify();
  if (currentPlatform() === 'weapp') signInWithWechat().catch(() => undefined);
}

export function isSignedOutError(error: unknown): boolean {
  return error instanceof ApiError && error.statusCode === 401;
}
