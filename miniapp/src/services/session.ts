import Taro from '@tarojs/taro';
import type { TokenPair } from '@wuye/contracts';

/** The part of a sign-in or refresh answer kept in Taro storage, so a resident stays signed in across launches. */
export type SessionTokens = Pick<TokenPair, 'accessToken' | 'refreshToken'>;

const ACCESS_TOKEN_KEY = 'wuye.accessToken';
const REFRESH_TOKEN_KEY = 'wuye.refreshToken';

function readToken(key: string): string | null {
  const value: unknown = Taro.getStorageSync(key);
  // getStorageSync answers '' for a missing key.
  return typeof value === 'string' && value !== '' ? value : null;
}

export function getAccessToken(): string | null {
  return readToken(ACCESS_TOKEN_KEY);
}

export function getRefreshToken(): string | null {
  return readToken(REFRESH_TOKEN_KEY);
}

export function setTokens(tokens: SessionTokens): void {
  Taro.setStorageSync(ACCESS_TOKEN_KEY, tokens.accessToken);
  Taro.setStorageSync(REFRESH_TOKEN_KEY, tokens.refreshToken);
}

export function clearSession(): void {
  Taro.removeStorageSync(ACCESS_TOKEN_KEY);
  Taro.removeStorageSync(REFRESH_TOKEN_KEY);
}
