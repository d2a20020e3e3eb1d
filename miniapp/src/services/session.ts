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

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** base64url → text (UTF-8 JSON of a JWT payload); WeChat's JS engine has no atob. */
function decodeBase64Url(input: string): string {
  const clean = input.replace(/-/g, '+').replace(/_/g, '/');
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = BASE64.indexOf(char);
    if (value < 0) continue;
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return decodeURIComponent(bytes.map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''));
}

/**
 * Who the stored session belongs to, read from the access token's `sub` without asking the server (it may be
 * offline). Only for choosing which of the phone's own data to show (reports waiting to be sent); the server
 * checks the token on every call.
 */
export function sessionUserId(): number | null {
  const token = getAccessToken();
  const payload = token?.split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(decodeBase64Url(payload)) as { sub?: unknown };
    return typeof claims.sub === 'number' && Number.isInteger(claims.sub) ? claims.sub : null;
  } catch {
    return null;
  }
}
