import Taro, { type StubRequestOptions, type StubResponse } from '../../test/stubs/taro';
import {
  WECHAT_LOGIN_FAILED,
  endExpiredSession,
  getWechatSignInState,
  hasSession,
  onSessionChange,
  signInSilently,
  signInWithWechat,
  signOut,
} from './auth';
import { getAccessToken, setTokens } from './session';

const TOKENS = { accessToken: 'wx-access', refreshToken: 'wx-refresh', expiresIn: 900 };

function mockApi(handler: (options: StubRequestOptions) => StubResponse | Promise<StubResponse>) {
  return jest.spyOn(Taro, 'request').mockImplementation(async (options) => handler(options));
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(async () => {
  // Back to "signed out, nothing tried" for the next test (signOut resets the WeChat sign-in state).
  Taro.clearStorageSync();
  await signOut();
  Reflect.deleteProperty(process.env, 'TARO_ENV');
});

describe('WeChat sign-in', () => {
  beforeEach(() => {
    process.env.TARO_ENV = 'weapp';
  });

  it('at launch without a session: wx.login code → POST /auth/wechat → tokens stored, listeners told', async () => {
    jest.spyOn(Taro, 'login').mockResolvedValue({ code: 'wx-code', errMsg: 'login:ok' });
    const api = mockApi(() => ({ statusCode: 200, data: TOKENS }));
    const changed = jest.fn();
    const stop = onSessionChange(changed);

    signInSilently();
    expect(getWechatSignInState().phase).toBe('signing-in');
    await flush();

    expect(api.mock.calls[0][0]).toMatchObject({ method: 'POST', url: expect.stringContaining('/api/v1/auth/wechat'), data: { code: 'wx-code' } });
    expect(api.mock.calls[0][0].header?.Authorization).toBeUndefined();
    expect(getAccessToken()).toBe('wx-access');
    expect(getWechatSignInState().phase).toBe('idle');
    expect(changed).toHaveBeenCalled();
    stop();
  });

  it('does nothing at launch when a session is stored, nor in the H5 build', async () => {
    const login = jest.spyOn(Taro, 'login');
    setTokens({ accessToken: 'a', refreshToken: 'r' });
    signInSilently();
    Taro.clearStorageSync();
    process.env.TARO_ENV = 'h5';
    signInSilently();
    await flush();

    expect(login).not.toHaveBeenCalled();
    expect(getWechatSignInState().phase).toBe('idle');
  });

  it('keeps a readable message when wx.login fails, and the API message when the API refuses', async () => {
    jest.spyOn(Taro, 'login').mockRejectedValueOnce({ errMsg: 'login:fail timeout' }).mockResolvedValueOnce({ code: 'c', errMsg: 'login:ok' });
    mockApi(() => ({ statusCode: 429, data: { statusCode: 429, code: 'RATE_LIMITED', message: '登录太频繁，请稍后再试' } }));

    await expect(signInWithWechat()).rejects.toMatchObject({ message: WECHAT_LOGIN_FAILED });
    expect(getWechatSignInState()).toEqual({ phase: 'failed', message: WECHAT_LOGIN_FAILED });
    await expect(signInWithWechat()).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(getWechatSignInState()).toEqual({ phase: 'failed', message: '登录太频繁，请稍后再试' });
    expect(hasSession()).toBe(false);
  });

  it('runs one sign-in for callers that ask at the same time', async () => {
    const login = jest.spyOn(Taro, 'login').mockResolvedValue({ code: 'wx-code', errMsg: 'login:ok' });
    const api = mockApi(() => ({ statusCode: 200, data: TOKENS }));

    await Promise.all([signInWithWechat(), signInWithWechat()]);

    expect(login).toHaveBeenCalledTimes(1);
    expect(api).toHaveBeenCalledTimes(1);
  });

  it('signs in again by itself when the session expired for good', async () => {
    setTokens({ accessToken: 'old', refreshToken: 'revoked' });
    jest.spyOn(Taro, 'login').mockResolvedValue({ code: 'wx-code', errMsg: 'login:ok' });
    mockApi(() => ({ statusCode: 200, data: TOKENS }));

    endExpiredSession();
    expect(hasSession()).toBe(false);
    await flush();

    expect(getAccessToken()).toBe('wx-access');
  });
});

describe('signOut()', () => {
  it('tells the API, and clears the tokens even when the API cannot be reached', async () => {
    setTokens({ accessToken: 'a', refreshToken: 'r' });
    const api = jest.spyOn(Taro, 'request').mockRejectedValue({ errMsg: 'request:fail' });

    await signOut();

    expect(api.mock.calls[0][0]).toMatchObject({ method: 'POST', url: expect.stringContaining('/api/v1/auth/logout') });
    expect(api.mock.calls[0][0].header?.Authorization).toBe('Bearer a');
    expect(hasSession()).toBe(false);
  });
});
