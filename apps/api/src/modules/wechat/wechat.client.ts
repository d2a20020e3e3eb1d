import { Inject, Injectable, Logger } from '@nestjs/common';
import { wechatConfig, type WechatConfig } from '../../config';
import { DomainError } from '../../common/errors';
import { STALE_TOKEN_ERRCODES, wechatError, wechatNotConfigured, wechatUnavailable } from './wechat.errors';

interface WechatAnswer {
  errcode?: number;
  errmsg?: string;
  [key: string]: unknown;
}

export interface WechatSession {
  openid: string;
  unionid: string | null;
  /** Decrypts what WeChat hands the app for this user (group enter info); sealed at rest by AuthService, never logged. */
  sessionKey: string | null;
}

export interface WechatPhone {
  /** Without country code, e.g. 13812341234. */
  phone: string;
  countryCode: string;
}

/**
 * The one way the API talks to WeChat. The base URL comes from settings (WECHAT_API_BASE), so tests run this
 * very client against a fake WeChat server on loopback. Secrets and session keys are never logged or returned.
 */
@Injectable()
export class WechatClient {
  private readonly logger = new Logger('Wechat');
  private token: { value: string; refreshAt: number } | null = null;
  private tokenFetch: Promise<string> | null = null;

  constructor(@Inject(wechatConfig.KEY) private readonly config: WechatConfig) {}

  get configured(): boolean {
    return Boolean(this.config.appId && this.config.secret);
  }

  /** auth.code2Session: the code from wx.login → the user's openid and session_key (kept only by the sign-in). */
  async code2Session(code: string): Promise<WechatSession> {
    const { appId, secret } = this.credentials();
    const answer = await this.call('jscode2session', 'GET', '/sns/jscode2session', {
      query: { appid: appId, secret, js_code: code, grant_type: 'authorization_code' },
    });
    if (typeof answer.openid !== 'string' || !answer.openid) throw wechatError(answer.errcode ?? -2, 'no openid', 'jscode2session');
    return {
      openid: answer.openid,
      unionid: typeof answer.unionid === 'string' ? answer.unionid : null,
      sessionKey: typeof answer.session_key === 'string' && answer.session_key ? answer.session_key : null,
    };
  }

  /** getPhoneNumber's code → the number (paid per call by WeChat: call once per user). */
  async getPhoneNumber(code: string): Promise<WechatPhone> {
    const answer = await this.callWithToken('getuserphonenumber', '/wxa/business/getuserphonenumber', { code });
    const info = answer.phone_info as { purePhoneNumber?: string; countryCode?: string } | undefined;
    if (!info?.purePhoneNumber) throw wechatError(answer.errcode ?? -2, 'no phone_info', 'getuserphonenumber');
    return { phone: info.purePhoneNumber, countryCode: info.countryCode ?? '86' };
  }

  /** A POST with the access token; a stale token is replaced and the call made once more. */
  async callWithToken(api: string, path: string, body: unknown): Promise<WechatAnswer> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken();
      try {
        return await this.call(api, 'POST', path, { query: { access_token: token }, body });
      } catch (error) {
        const errcode = (error as DomainError).details as { errcode?: number } | undefined;
        if (attempt === 0 && errcode?.errcode !== undefined && STALE_TOKEN_ERRCODES.has(errcode.errcode)) {
          this.invalidateToken(token);
          continue;
        }
        throw error;
      }
    }
  }

  /**
   * The interface access_token (getStableAccessToken): cached, refreshed before it expires, and fetched once for
   * all callers that need it at the same moment.
   */
  async accessToken(): Promise<string> {
    if (this.token && Date.now() < this.token.refreshAt) return this.token.value;
    if (!this.tokenFetch) {
      this.tokenFetch = this.fetchToken().finally(() => {
        this.tokenFetch = null;
      });
    }
    return this.tokenFetch;
  }

  invalidateToken(token: string): void {
    if (this.token?.value === token) this.token = null;
  }

  private async fetchToken(): Promise<string> {
    const { appId, secret } = this.credentials();
    const answer = await this.call('stable_token', 'POST', '/cgi-bin/stable_token', {
      body: { grant_type: 'client_credential', appid: appId, secret, force_refresh: false },
    });
    const value = answer.access_token;
    const expiresIn = Number(answer.expires_in);
    if (typeof value !== 'string' || !value || !Number.isFinite(expiresIn)) throw wechatError(-2, 'no access_token', 'stable_token');
    // WeChat renews the token during its last 5 minutes; come back then (or at half-life for short ones).
    const lifetime = Math.max(expiresIn - 300, expiresIn / 2);
    this.token = { value, refreshAt: Date.now() + lifetime * 1000 };
    return value;
  }

  private credentials(): { appId: string; secret: string } {
    if (!this.config.appId || !this.config.secret) throw wechatNotConfigured();
    return { appId: this.config.appId, secret: this.config.secret };
  }

  private async call(
    api: string,
    method: 'GET' | 'POST',
    path: string,
    options: { query?: Record<string, string>; body?: unknown },
  ): Promise<WechatAnswer> {
    const url = new URL(`${this.config.apiBase}${path}`);
    for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: options.body === undefined ? undefined : { 'Content-Type': 'application/json' },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
    } catch (error) {
      const reason = (error as Error).name === 'TimeoutError' ? 'timeout' : 'network';
      this.logger.warn({ api, reason }, 'WeChat unreachable');
      throw wechatUnavailable(api, reason);
    }
    let answer: WechatAnswer;
    try {
      answer = (await response.json()) as WechatAnswer;
    } catch {
      this.logger.warn({ api, status: response.status }, 'WeChat answered with something that is not JSON');
      throw wechatUnavailable(api, `http ${response.status}`);
    }
    if (answer.errcode) {
      this.logger.warn({ api, errcode: answer.errcode, errmsg: answer.errmsg }, 'WeChat refused');
      throw wechatError(answer.errcode, answer.errmsg, api);
    }
    return answer;
  }
}
