import { randomBytes } from 'node:crypto';
import { User } from '../src/modules/identity/user.entity';
import { createTestApp, TestApp } from './support/app';
import { FakeWechat } from './support/fake-wechat';

/** The real WeChat client against a fake WeChat server on loopback. */
describe('WeChat sign-in and phone number', () => {
  let wx: FakeWechat;
  let t: TestApp;
  beforeAll(async () => {
    wx = await new FakeWechat().start();
    t = await createTestApp(wx.env());
  });
  afterAll(async () => {
    await t.close();
    await wx.stop();
  });

  const signIn = (code: string) => t.http().post('/api/v1/auth/wechat').send({ code });

  it('creates the user on first sign-in, finds them again after, and never hands out the session key', async () => {
    const first = await signIn('alpha-1').expect(200);
    expect(first.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900 });
    expect(JSON.stringify(first.body)).not.toContain('SECRET-SESSION-KEY');
    const call = wx.callsTo('/sns/jscode2session').at(-1);
    expect(call?.query).toMatchObject({ appid: 'wx-test-app', js_code: 'alpha-1', grant_type: 'authorization_code' });

    wx.sessions.set('alpha-2', { openid: 'openid-alpha-1', session_key: 'SECRET-SESSION-KEY-2' });
    await signIn('alpha-2').expect(200);
    const users = await t.db.getRepository(User).findBy({ openid: 'openid-alpha-1' });
    expect(users).toHaveLength(1);
    expect(JSON.stringify(users[0])).not.toContain('SECRET-SESSION-KEY');

    const me = await t.http().get('/api/v1/me').set('Authorization', `Bearer ${first.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ displayName: '微信用户', phone: null, roles: [], houses: [], wechat: true });
  });

  it.each([
    [{ errcode: 40029, errmsg: 'invalid code' }, 401, 'WECHAT_CODE_INVALID', '重新进入小程序'],
    [{ errcode: 40163, errmsg: 'code been used' }, 401, 'WECHAT_CODE_INVALID', '重新进入小程序'],
    [{ errcode: 45011, errmsg: 'api minute-quota reach limit' }, 429, 'WECHAT_RATE_LIMITED', '太频繁'],
    [{ errcode: -1, errmsg: 'system error' }, 503, 'WECHAT_BUSY', '繁忙'],
    [{ delayMs: 1500 }, 503, 'WECHAT_UNAVAILABLE', '连不上微信'],
    ['not-json', 503, 'WECHAT_UNAVAILABLE', '连不上微信'],
  ] as const)('turns WeChat’s answer %j into %i %s', async (answer, status, code, words) => {
    const jsCode = `case-${status}-${code}-${Math.random()}`;
    wx.sessions.set(jsCode, answer as never);
    const before = await t.db.getRepository(User).count();
    const res = await signIn(jsCode).expect(status);
    expect(res.body).toMatchObject({ statusCode: status, code });
    expect(res.body.message).toContain(words);
    if (status === 503 || status === 429) expect(res.headers['retry-after']).toBeDefined();
    expect(await t.db.getRepository(User).count()).toBe(before);
  });

  it('answers 503 when WeChat cannot be reached at all', async () => {
    const down = await createTestApp({ ...wx.env(), WECHAT_API_BASE: 'http://127.0.0.1:9' });
    try {
      const res = await down.http().post('/api/v1/auth/wechat').send({ code: 'x' }).expect(503);
      expect(res.body.code).toBe('WECHAT_UNAVAILABLE');
    } finally {
      await down.close();
    }
  });

  it('stores the phone number encrypted, shows it masked, and does not pay twice for it', async () => {
    const tokens = (await signIn('phone-user').expect(200)).body;
    const auth = { Authorization: `Bearer ${tokens.accessToken}` };
    const res = await t.http().post('/api/v1/me/phone').set(auth).send({ code: 'phone-code-1' }).expect(200);
    expect(res.body.phone).toBe('138****1234');
    const user = await t.db.getRepository(User).findOneByOrFail({ openid: 'openid-phone-user' });
    expect(user.phoneCipher).not.toContain('13812341234');
    expect(user.phoneMasked).toBe('138****1234');
    const calls = wx.callsTo('/wxa/business/getuserphonenumber').length;
    const again = await t.http().post('/api/v1/me/phone').set(auth).send({ code: 'phone-code-2' }).expect(409);
    expect(again.body.code).toBe('PHONE_ALREADY_SET');
    expect(wx.callsTo('/wxa/business/getuserphonenumber').length).toBe(calls);
  });

  it('gets one access token for many callers at once, and a new one when WeChat says it is stale', async () => {
    const fresh = await new FakeWechat().start();
    fresh.tokenDelayMs = 200;
    const app = await createTestApp(fresh.env());
    try {
      const users = await Promise.all(
        [1, 2, 3, 4, 5].map(async (i) => {
          const res = await app.http().post('/api/v1/auth/wechat').send({ code: `many-${i}` }).expect(200);
          return { Authorization: `Bearer ${res.body.accessToken}` };
        }),
      );
      await Promise.all(users.map((auth, i) => app.http().post('/api/v1/me/phone').set(auth).send({ code: `p-${i}` }).expect(200)));
      expect(fresh.callsTo('/cgi-bin/stable_token')).toHaveLength(1);
      expect(new Set(fresh.callsTo('/wxa/business/getuserphonenumber').map((c) => c.query.access_token))).toEqual(new Set(['token-1']));

      fresh.revokedTokens.add('token-1');
      await app.http().post('/api/v1/me/phone').set(users[0]).send({ code: 'p-again', replace: true }).expect(200);
      expect(fresh.callsTo('/cgi-bin/stable_token')).toHaveLength(2);
      expect(fresh.callsTo('/wxa/business/getuserphonenumber').at(-1)?.query.access_token).toBe('token-2');
    } finally {
      await app.close();
      await fresh.stop();
    }
  });

  it('refreshes the access token before it expires', async () => {
    const fresh = await new FakeWechat().start();
    fresh.tokenLifetime = 2; // refresh after half of it
    const app = await createTestApp(fresh.env());
    try {
      const auth = { Authorization: `Bearer ${(await app.http().post('/api/v1/auth/wechat').send({ code: 'soon' }).expect(200)).body.accessToken}` };
      await app.http().post('/api/v1/me/phone').set(auth).send({ code: 'a' }).expect(200);
      await new Promise((r) => setTimeout(r, 1200));
      await app.http().post('/api/v1/me/phone').set(auth).send({ code: 'b', replace: true }).expect(200);
      expect(fresh.callsTo('/cgi-bin/stable_token')).toHaveLength(2);
    } finally {
      await app.close();
      await fresh.stop();
    }
  });

  it('has no development sign-in while a WeChat secret is configured', async () => {
    expect((await t.http().get('/api/v1/auth/dev/users').expect(404)).body.code).toBe('ROUTE_NOT_FOUND');
    expect((await t.http().post('/api/v1/auth/dev').send({ user: 'admin' }).expect(404)).body.code).toBe('ROUTE_NOT_FOUND');
  });
});

describe('development sign-in in production', () => {
  it('does not exist', async () => {
    const t = await createTestApp({ NODE_ENV: 'production', API_DOCS: 'true', AUTH_JWT_SECRET: randomBytes(48).toString('base64'), PHONE_ENCRYPTION_KEY: randomBytes(32).toString('hex'), FILE_URL_SECRET: randomBytes(48).toString('base64') });
    try {
      await t.http().get('/api/v1/auth/dev/users').expect(404);
      await t.http().post('/api/v1/auth/dev').send({ user: 'admin' }).expect(404);
      const docs = await t.http().get('/api/docs-json').expect(200);
      expect(Object.keys(docs.body.paths).filter((p) => p.includes('/auth/dev'))).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
