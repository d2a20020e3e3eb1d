import { createCipheriv, randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake of WeChat's server API on loopback, so the real WechatClient is tested over real HTTP: what it sends,
 * what it does with each answer, errors and timeouts included. Behaviour is set per code / per call.
 */
export type Answer = Record<string, unknown> | { delayMs: number; answer?: Record<string, unknown> } | 'not-json';

export interface RecordedCall {
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown> | null;
}

export class FakeWechat {
  readonly calls: RecordedCall[] = [];
  /** js_code → answer of jscode2session (default: a fresh openid per code). */
  readonly sessions = new Map<string, Answer>();
  /** getPhoneNumber code → answer (default: phone 13812341234). */
  readonly phones = new Map<string, Answer>();
  /** expires_in handed out with each access token. */
  tokenLifetime = 7200;
  tokenDelayMs = 0;
  /** Tokens WeChat no longer accepts (answers 40001). */
  readonly revokedTokens = new Set<string>();
  /** Handlers for other APIs (subscribe messages, content checks): path → answer factory. */
  readonly handlers = new Map<string, (call: RecordedCall) => Answer>();
  private tokensIssued = 0;
  private server?: http.Server;

  get baseUrl(): string {
    const address = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}`;
  }

  callsTo(path: string): RecordedCall[] {
    return this.calls.filter((c) => c.path === path);
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** The settings that point the API at this fake. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return { WECHAT_APPID: 'wx-test-app', WECHAT_SECRET: 'test-secret', WECHAT_API_BASE: this.baseUrl, WECHAT_TIMEOUT_MS: '500', ...extra };
  }

  /** Makes jscode2session answer this code with a real session key (16 random bytes, base64) and returns the key. */
  withSessionKey(code: string, openid = `openid-${code}`): string {
    const sessionKey = randomBytes(16).toString('base64');
    this.sessions.set(code, { openid, session_key: sessionKey });
    return sessionKey;
  }

  /**
   * What wx.getGroupEnterInfo hands the app, encrypted as WeChat does: AES-128-CBC, PKCS#7, the key being the
   * user's base64 session_key, a random iv, the JSON carrying the group's opengid and a watermark with the appid.
   */
  static groupEnterInfo(sessionKey: string, opengid: string, appid = 'wx-test-app'): { encryptedData: string; iv: string } {
    const iv = randomBytes(16);
    const cipher = createCipheriv('aes-128-cbc', Buffer.from(sessionKey, 'base64'), iv);
    const plain = JSON.stringify({ opengid, chat_type: 2, watermark: { timestamp: Math.floor(Date.now() / 1000), appid } });
    return { encryptedData: Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]).toString('base64'), iv: iv.toString('base64') };
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const call: RecordedCall = {
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body: raw ? (JSON.parse(raw) as Record<string, unknown>) : null,
      };
      this.calls.push(call);
      const answer = this.answer(call);
      let body = answer;
      if (typeof answer === 'object' && 'delayMs' in answer) {
        await new Promise((r) => setTimeout(r, answer.delayMs as number));
        body = (answer.answer as Record<string, unknown>) ?? { errcode: 0 };
      }
      if (res.destroyed) return;
      if (body === 'not-json') {
        res.writeHead(502, { 'Content-Type': 'text/html' }).end('<html>Bad Gateway</html>');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    });
  }

  private answer(call: RecordedCall): Answer {
    const token = call.query.access_token;
    if (token !== undefined && this.revokedTokens.has(token)) return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' };
    switch (call.path) {
      case '/sns/jscode2session': {
        if (call.query.appid !== 'wx-test-app' || call.query.secret !== 'test-secret') return { errcode: 40125, errmsg: 'invalid appsecret' };
        const code = call.query.js_code;
        return this.sessions.get(code) ?? { openid: `openid-${code}`, session_key: `SECRET-SESSION-KEY-${code}`, unionid: `union-${code}` };
      }
      case '/cgi-bin/stable_token': {
        if (call.body?.grant_type !== 'client_credential' || call.body?.secret !== 'test-secret') return { errcode: 40125, errmsg: 'invalid appsecret' };
        this.tokensIssued++;
        const answer = { access_token: `token-${this.tokensIssued}`, expires_in: this.tokenLifetime };
        return this.tokenDelayMs ? { delayMs: this.tokenDelayMs, answer } : answer;
      }
      case '/wxa/business/getuserphonenumber': {
        if (!token) return { errcode: 41001, errmsg: 'access_token missing' };
        const code = String(call.body?.code);
        return (
          this.phones.get(code) ?? {
            errcode: 0,
            errmsg: 'ok',
            phone_info: { phoneNumber: '13812341234', purePhoneNumber: '13812341234', countryCode: '86', watermark: { timestamp: 1, appid: 'wx-test-app' } },
          }
        );
      }
      default: {
        const handler = this.handlers.get(call.path);
        return handler ? handler(call) : { errcode: 40066, errmsg: 'invalid url' };
      }
    }
  }
}
