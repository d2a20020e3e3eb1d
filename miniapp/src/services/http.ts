import Taro from '@tarojs/taro';
import type { ApiErrorBody, ErrorCode, TokenPair } from '@wuye/contracts';
import { clearSession, getAccessToken, getRefreshToken, setTokens } from './session';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  /** Path under the API origin, e.g. '/api/v1/directory/communities'. */
  url: string;
  method?: HttpMethod;
  /** Appended as a query string; undefined and null values are left out. */
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  data?: unknown;
  /** false: send no token and never refresh (sign-in and refresh calls). */
  auth?: boolean;
  timeoutMs?: number;
  /** Extra headers, e.g. Idempotency-Key. */
  header?: Record<string, string>;
}

/** What the app calls a failure that never reached it as the API's JSON error (no network, a proxy's page…). */
export type ClientErrorCode = 'NETWORK' | 'WECHAT_LOGIN_FAILED' | 'PHOTO_GONE' | 'MALFORMED_ANSWER' | `HTTP_${number}`;
export type AppErrorCode = ErrorCode | ClientErrorCode;

/** Every failed call ends as one of these; `code` is the API's stable code, `message` is for the resident. */
export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: AppErrorCode;
  readonly details?: unknown;
  readonly requestId?: string;
  /** Seconds the server asked us to wait before calling again (Retry-After), when it said. */
  readonly retryAfter?: number;

  constructor(body: Omit<ApiErrorBody, 'code'> & { code: AppErrorCode }, retryAfter?: number) {
    super(body.message);
    // Keeps instanceof working where the class is compiled down to ES5 (weapp).
    Object.setPrototypeOf(this, ApiError.prototype);
    this.name = 'ApiError';
    this.statusCode = body.statusCode;
    this.code = body.code;
    this.details = body.details;
    this.requestId = body.requestId;
    this.retryAfter = retryAfter;
  }
}

export const NETWORK_ERROR_MESSAGE = '网络不可用，请检查网络后重试';

/**
 * A 2xx answer without the shape the app asked for (a captive portal, a proxy, an API of another version): the page
 * shows this as its error, never a blank page or a crash.
 */
export function malformedAnswer(): ApiError {
  return new ApiError({ statusCode: 200, code: 'MALFORMED_ANSWER', message: '服务器返回的数据无法识别，请稍后重试' });
}

const DEFAULT_TIMEOUT_MS = 15_000;
const REFRESH_URL = '/api/v1/auth/refresh';

/** The API origin. H5 is served by the API itself, so the same origin; the weapp needs a full URL. */
export function apiBase(): string {
  const configured = process.env.TARO_APP_API_BASE;
  if (configured) return configured.replace(/\/+$/, '');
  return process.env.TARO_ENV === 'h5' ? '' : 'http://127.0.0.1:3000';
}

/**
 * A photo or file link the API handed out: under its own origin (/api/v1/files/…, local storage) or a store's
 * full URL. The mini-program has no origin of its own, so a path must be made absolute to load at all.
 */
export function fileUrl(url: string): string {
  return url.startsWith('/') ? `${apiBase()}${url}` : url;
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const pairs = Object.entries(query ?? {})
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  if (pairs.length === 0) return `${apiBase()}${path}`;
  return `${apiBase()}${path}${path.includes('?') ? '&' : '?'}${pairs.join('&')}`;
}

export interface RawResponse {
  statusCode: number;
  data: unknown;
  /** Response headers, where the platform reports them. */
  header?: Record<string, unknown>;
}

async function send(options: RequestOptions, accessToken: string | null): Promise<RawResponse> {
  const header: Record<string, string> = { Accept: 'application/json', ...options.header };
  if (options.data !== undefined) header['Content-Type'] = 'application/json';
  if (accessToken) header.Authorization = `Bearer ${accessToken}`;
  try {
    const response = await Taro.request({
      url: buildUrl(options.url, options.query),
      method: options.method ?? 'GET',
      data: options.data,
      header,
      dataType: 'json',
      timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    });
    return { statusCode: response.statusCode, data: response.data, header: response.header as Record<string, unknown> | undefined };
  } catch {
    // Taro.request rejects only when no answer arrived: offline, DNS, refused, timeout.
    throw new ApiError({ statusCode: 0, code: 'NETWORK', message: NETWORK_ERROR_MESSAGE });
  }
}

const isSuccess = (statusCode: number) => statusCode >= 200 && statusCode < 300;

function isApiErrorBody(data: unknown): data is ApiErrorBody {
  if (typeof data !== 'object' || data === null) return false;
  const body = data as Record<string, unknown>;
  return typeof body.code === 'string' && typeof body.message === 'string';
}

function messageForStatus(statusCode: number): string {
  if (statusCode === 401) return '登录已失效，请重新登录';
  if (statusCode === 403) return '没有权限进行此操作';
  if (statusCode === 404) return '请求的内容不存在';
  if (statusCode === 413) return '提交的内容太大';
  if (statusCode === 429) return '操作太频繁，请稍后再试';
  if (statusCode >= 500) return '服务暂时不可用，请稍后重试';
  return `请求失败（${statusCode}），请稍后重试`;
}

/** Retry-After in whole seconds (the API never sends an HTTP date); header names differ in case by platform. */
function retryAfterOf(response: RawResponse): number | undefined {
  const name = Object.keys(response.header ?? {}).find((key) => key.toLowerCase() === 'retry-after');
  const seconds = name === undefined ? NaN : Number(response.header?.[name]);
  return Number.isInteger(seconds) && seconds >= 0 ? seconds : undefined;
}

function toApiError(response: RawResponse): ApiError {
  const retryAfter = retryAfterOf(response);
  if (isApiErrorBody(response.data)) {
    return new ApiError({ ...response.data, statusCode: response.statusCode }, retryAfter);
  }
  // A proxy page, an empty body or anything else that is not the API's JSON error shape.
  return new ApiError(
    {
      statusCode: response.statusCode,
      code: `HTTP_${response.statusCode}`,
      message: messageForStatus(response.statusCode),
    },
    retryAfter,
  );
}

let refreshInFlight: Promise<void> | null = null;

async function refreshTokens(refreshToken: string): Promise<void> {
  const response = await send({ url: REFRESH_URL, method: 'POST', data: { refreshToken } }, null);
  if (!isSuccess(response.statusCode)) {
    // The refresh token was refused: the resident has to sign in again.
    clearSession();
    throw toApiError(response);
  }
  const tokens = response.data as Partial<TokenPair> | null;
  if (typeof tokens?.accessToken !== 'string' || typeof tokens.refreshToken !== 'string') {
    clearSession();
    throw new ApiError({ statusCode: response.statusCode, code: 'UNAUTHENTICATED', message: '登录已失效，请重新登录' });
  }
  setTokens({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken });
}

/** One refresh at a time: every call that hits TOKEN_EXPIRED meanwhile waits for the same one. */
function refreshSession(refreshToken: string): Promise<void> {
  refreshInFlight ??= refreshTokens(refreshToken).finally(() => {
    refreshInFlight = null;
  });
  return refreshInFlight;
}

/** A call with the access token that answers the status and the parsed body (JSON requests, file uploads). */
export type AuthorizedCall = (accessToken: string | null) => Promise<RawResponse>;

async function callWithSession(call: AuthorizedCall, useAuth: boolean): Promise<unknown> {
  const sentToken = useAuth ? getAccessToken() : null;
  const response = await call(sentToken);
  if (isSuccess(response.statusCode)) return response.data;

  const error = toApiError(response);
  const refreshToken = getRefreshToken();
  if (!useAuth || error.statusCode !== 401 || error.code !== 'TOKEN_EXPIRED' || !refreshToken) throw error;

  // Another call may have refreshed while this one was on the wire: then its new token is used as it is.
  if (refreshInFlight || getAccessToken() === sentToken) await refreshSession(refreshToken);
  const retried = await call(getAccessToken());
  if (isSuccess(retried.statusCode)) return retried.data;
  throw toApiError(retried);
}

/** A busy server (503 with Retry-After) is asked again this many times at most, for reads only. */
const BUSY_RETRIES = 2;
/** Longer than this and the resident is better told at once than kept waiting. */
const MAX_RETRY_AFTER_SECONDS = 10;

/**
 * How long to wait before asking a busy server again: what it said plus up to half as much again, so that the
 * phones it turned away do not all come back in the same second. Null: not a busy answer, or not worth waiting for.
 */
export function busyRetryDelayMs(error: unknown): number | null {
  if (!(error instanceof ApiError) || error.statusCode !== 503 || error.retryAfter === undefined) return null;
  if (error.retryAfter > MAX_RETRY_AFTER_SECONDS) return null;
  return Math.round(error.retryAfter * 1000 * (1 + Math.random() / 2));
}

/**
 * Calls the API and answers the parsed JSON body. Throws ApiError for every failure. An expired access token is
 * refreshed once (shared by concurrent calls) and the call retried once. A GET that the server answers 503 with
 * Retry-After (busy, or the database briefly away) is asked again after that wait, twice at most. A write is never
 * asked again here: the caller decides whether it safely may be (the 随手拍 outbox keeps the report and resends it
 * with the same Idempotency-Key, so it is never filed twice).
 */
export async function request<T>(options: RequestOptions): Promise<T> {
  const read = (options.method ?? 'GET') === 'GET';
  for (let retry = 0; ; retry++) {
    try {
      return (await callWithSession((token) => send(options, token), options.auth !== false)) as T;
    } catch (error) {
      const wait = read && retry < BUSY_RETRIES ? busyRetryDelayMs(error) : null;
      if (wait === null) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}

/**
 * The same session handling for calls that are not Taro.request (Taro.uploadFile): `call` sends with the token it
 * is given and answers what came back; failures become ApiError with the API's message.
 */
export async function requestWithSession<T>(call: AuthorizedCall): Promise<T> {
  return (await callWithSession(call, true)) as T;
}
