import Taro from '../../test/stubs/taro';
import { getWechatSignInState, onSessionChange, signOut } from './auth';
import { errorText, sentenceOf, showError } from './errors';
import { ApiError } from './http';
import { getAccessToken, setTokens } from './session';

const refused = new ApiError({ statusCode: 409, code: 'STALE_VERSION', message: '工单已被他人处理，请刷新' });
const signedOut = new ApiError({ statusCode: 401, code: 'UNAUTHENTICATED', message: '登录已失效，请重新登录' });

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
});

afterEach(async () => {
  Taro.clearStorageSync();
  await signOut();
  Reflect.deleteProperty(process.env, 'TARO_ENV');
});

describe('errorText()', () => {
  it('is the API’s own sentence, and the fallback for anything that is not the API’s answer', () => {
    expect(errorText(refused)).toBe('工单已被他人处理，请刷新');
    expect(errorText(new TypeError('x is undefined'), '加载失败，请稍后重试')).toBe('加载失败，请稍后重试');
    expect(errorText(undefined)).toBe('操作失败，请稍后重试');
  });

  it('a 401 that survived the refresh ends the session: the tokens go and the pages are told', () => {
    const told = jest.fn();
    const stop = onSessionChange(told);

    expect(errorText(signedOut)).toBe('登录已失效，请重新登录');

    expect(getAccessToken()).toBeNull();
    expect(told).toHaveBeenCalled();
    stop();
  });

  it('on WeChat the ended session signs in again without asking', () => {
    process.env.TARO_ENV = 'weapp';
    const login = jest.spyOn(Taro, 'login').mockReturnValue(new Promise(() => undefined));

    errorText(signedOut);

    expect(login).toHaveBeenCalled();
    expect(getWechatSignInState().phase).toBe('signing-in');
  });

  it('any other refusal (403, 404, 409, no network) keeps the session', () => {
    for (const status of [0, 403, 404, 409, 500]) errorText(new ApiError({ statusCode: status, code: 'X' as never, message: 'm' }));
    expect(getAccessToken()).toBe('access');
  });
});

describe('sentenceOf()', () => {
  it('says the same, but never ends the session (the sign-in itself, the outbox in the background)', () => {
    expect(sentenceOf(signedOut)).toBe('登录已失效，请重新登录');
    expect(sentenceOf(new Error('boom'), '发送失败')).toBe('发送失败');
    expect(getAccessToken()).toBe('access');
  });
});

describe('showError()', () => {
  it('shows the API’s sentence in a toast without an icon, and ends a session that is gone', () => {
    const toast = jest.spyOn(Taro, 'showToast');

    showError(refused);
    expect(toast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '工单已被他人处理，请刷新', icon: 'none' }));
    expect(getAccessToken()).toBe('access');

    showError(signedOut);
    expect(toast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '登录已失效，请重新登录' }));
    expect(getAccessToken()).toBeNull();
  });

  it('says something readable when the failure is not the API’s', () => {
    const toast = jest.spyOn(Taro, 'showToast');
    showError(new Error('boom'));
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '出了点问题，请稍后重试' }));
  });
});
