import Taro, { type StubRequestOptions, type StubResponse } from '../../test/stubs/taro';
import { ApiError, NETWORK_ERROR_MESSAGE, request } from './http';
import { getAccessToken, getRefreshToken, setTokens } from './session';

type Handler = (options: StubRequestOptions) => StubResponse | Promise<StubResponse>;

/** Answers Taro.request calls with `handler` and records what was sent. */
function mockApi(handler: Handler) {
  return jest.spyOn(Taro, 'request').mockImplementation(async (options) => handler(options));
}

const bearer = (options: StubRequestOptions) => options.header?.Authorization;
const path = (options: StubRequestOptions) => options.url.replace(/^https?:\/\/[^/]+/, '');

afterEach(() => {
  delete process.env.TARO_APP_API_BASE;
});

describe('request()', () => {
  it('sends the stored access token, the query without empty values, and answers the JSON body', async () => {
    process.env.TARO_APP_API_BASE = 'https://wuye.example.cn/';
    setTokens({ accessToken: 'access-1', refreshToken: 'refresh-1' });
    const api = mockApi(() => ({ statusCode: 200, data: { items: [{ id: 1 }], nextCursor: null } }));

    const page = await request<{ items: { id: number }[] }>({
      url: '/api/v1/directory/communities',
      query: { cursor: undefined, q: '锦绣 花园', townId: null, limit: 20 },
    });

    expect(page.items).toEqual([{ id: 1 }]);
    const sent = api.mock.calls[0][0];
    expect(sent.url).toBe(
      'https://wuye.example.cn/api/v1/directory/communities?q=%E9%94%A6%E7%BB%A3%20%E8%8A%B1%E5%9B%AD&limit=20',
    );
    expect(sent.method).toBe('GET');
    expect(bearer(sent)).toBe('Bearer access-1');
  });

  it('sends no Authorization header when signed out, and a JSON body for a POST', async () => {
    const api = mockApi(() => ({ statusCode: 201, data: { id: 7 } }));

    await expect(request({ url: '/api/v1/tickets', method: 'POST', data: { description: '路灯不亮' } })).resolves.toEqual({
      id: 7,
    });
    const sent = api.mock.calls[0][0];
    expect(sent.url).toBe('http://127.0.0.1:3000/api/v1/tickets');
    expect(bearer(sent)).toBeUndefined();
    expect(sent.header?.['Content-Type']).toBe('application/json');
    expect(sent.data).toEqual({ description: '路灯不亮' });
  });

  it("turns the API's error body into an ApiError with its code and message", async () => {
    mockApi(() => ({
      statusCode: 404,
      data: { statusCode: 404, code: 'NOT_FOUND', message: '小区不存在', requestId: 'req-42' },
    }));

    const error = await request({ url: '/api/v1/communities/9' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', message: '小区不存在', requestId: 'req-42' });
  });

  it('gives a non-JSON error answer a HTTP_<status> code and a readable message', async () => {
    mockApi(() => ({ statusCode: 502, data: '<html>Bad Gateway</html>' }));

    await expect(request({ url: '/api/v1/directory/communities' })).rejects.toMatchObject({
      statusCode: 502,
      code: 'HTTP_502',
      message: '服务暂时不可用，请稍后重试',
    });
  });

  it('turns a network failure into a NETWORK ApiError with status 0', async () => {
    jest.spyOn(Taro, 'request').mockRejectedValue({ errMsg: 'request:fail timeout' });

    await expect(request({ url: '/api/v1/directory/communities' })).rejects.toMatchObject({
      statusCode: 0,
      code: 'NETWORK',
      message: NETWORK_ERROR_MESSAGE,
    });
  });

  it('refreshes an expired token once for two concurrent calls and retries each call with the new token', async () => {
    setTokens({ accessToken: 'old-access', refreshToken: 'old-refresh' });
    const api = mockApi(async (options) => {
      if (path(options) === '/api/v1/auth/refresh') {
        await new Promise((resolve) => setTimeout(resolve, 10));
        return { statusCode: 200, data: { accessToken: 'new-access', refreshToken: 'new-refresh', expiresIn: 900 } };
      }
      if (bearer(options) !== 'Bearer new-access') {
        return { statusCode: 401, data: { statusCode: 401, code: 'TOKEN_EXPIRED', message: '登录已过期' } };
      }
      return { statusCode: 200, data: { path: path(options) } };
    });

    const answers = await Promise.all([request({ url: '/api/v1/me' }), request({ url: '/api/v1/tickets' })]);

    expect(answers).toEqual([{ path: '/api/v1/me' }, { path: '/api/v1/tickets' }]);
    const refreshCalls = api.mock.calls.filter(([options]) => path(options) === '/api/v1/auth/refresh');
    expect(refreshCalls).toHaveLength(1);
    expect(refreshCalls[0][0]).toMatchObject({ method: 'POST', data: { refreshToken: 'old-refresh' } });
    expect(bearer(refreshCalls[0][0])).toBeUndefined();
    expect(api).toHaveBeenCalledTimes(5); // 2 originals, 1 refresh, 2 retries
    expect(getAccessToken()).toBe('new-access');
    expect(getRefreshToken()).toBe('new-refresh');
  });

  it('does not refresh again for a 401 that arrives after another call already refreshed', async () => {
    setTokens({ accessToken: 'old-access', refreshToken: 'old-refresh' });
    let releaseSlowCall: () => void = () => {};
    const slowCallAnswered = new Promise<void>((resolve) => {
      releaseSlowCall = resolve;
    });
    const api = mockApi(async (options) => {
      if (path(options) === '/api/v1/auth/refresh') {
        return { statusCode: 200, data: { accessToken: 'new-access', refreshToken: 'new-refresh', expiresIn: 900 } };
      }
      if (bearer(options) === 'Bearer new-access') return { statusCode: 200, data: { ok: path(options) } };
      // The slow call's 401 comes back only after the fast call has refreshed and been retried.
      if (path(options) === '/api/v1/slow') await slowCallAnswered;
      return { statusCode: 401, data: { statusCode: 401, code: 'TOKEN_EXPIRED', message: '登录已过期' } };
    });

    const slow = request({ url: '/api/v1/slow' });
    await expect(request({ url: '/api/v1/fast' })).resolves.toEqual({ ok: '/api/v1/fast' });
    releaseSlowCall();
    await expect(slow).resolves.toEqual({ ok: '/api/v1/slow' });

    expect(api.mock.calls.filter(([options]) => path(options) === '/api/v1/auth/refresh')).toHaveLength(1);
  });

  it('clears the session and throws when the refresh is refused, without retrying the call', async () => {
    setTokens({ accessToken: 'old-access', refreshToken: 'revoked-refresh' });
    const api = mockApi((options) =>
      path(options) === '/api/v1/auth/refresh'
        ? { statusCode: 401, data: { statusCode: 401, code: 'UNAUTHENTICATED', message: '登录已失效，请重新登录' } }
        : { statusCode: 401, data: { statusCode: 401, code: 'TOKEN_EXPIRED', message: '登录已过期' } },
    );

    await expect(request({ url: '/api/v1/me' })).rejects.toMatchObject({
      statusCode: 401,
      code: 'UNAUTHENTICATED',
      message: '登录已失效，请重新登录',
    });
    expect(getAccessToken()).toBeNull();
    expect(getRefreshToken()).toBeNull();
    expect(api).toHaveBeenCalledTimes(2);
  });

  it('does not refresh on other 401s', async () => {
    setTokens({ accessToken: 'access', refreshToken: 'refresh' });
    const api = mockApi(() => ({
      statusCode: 401,
      data: { statusCode: 401, code: 'UNAUTHENTICATED', message: '请先登录' },
    }));

    await expect(request({ url: '/api/v1/me' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' });
    expect(api).toHaveBeenCalledTimes(1);
    expect(getRefreshToken()).toBe('refresh');
  });
});

describe('a busy server (503 SERVER_BUSY with Retry-After)', () => {
  const busy = { statusCode: 503, data: { statusCode: 503, code: 'SERVER_BUSY', message: '访问人数较多，请稍后重试' }, header: { 'Retry-After': '2' } };
  beforeEach(() => {
    jest.useFakeTimers();
    // Jitter at its middle: 2 s asked, 2.5 s waited.
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('asks again for a read after Retry-After plus jitter, and answers what the server finally sends', async () => {
    const answers = [busy, busy, { statusCode: 200, data: { items: [], nextCursor: null } }];
    const api = mockApi(() => answers.shift() as StubResponse);

    const page = request({ url: '/api/v1/tickets' });
    await jest.advanceTimersByTimeAsync(0);
    expect(api).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(2499);
    expect(api).toHaveBeenCalledTimes(1); // not before the server's Retry-After and the jitter
    await jest.advanceTimersByTimeAsync(1);
    expect(api).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(2500);
    await expect(page).resolves.toEqual({ items: [], nextCursor: null });
    expect(api).toHaveBeenCalledTimes(3);
  });

  it('gives up after two more tries and tells the resident in words, not a status code', async () => {
    const api = mockApi(() => busy);

    const failed = request({ url: '/api/v1/tickets' }).catch((caught: unknown) => caught);
    await jest.advanceTimersByTimeAsync(10_000);

    expect(await failed).toMatchObject({ statusCode: 503, code: 'SERVER_BUSY', message: '访问人数较多，请稍后重试', retryAfter: 2 });
    expect(api).toHaveBeenCalledTimes(3);
  });

  it('never sends a write again by itself', async () => {
    const api = mockApi(() => busy);

    const failed = request({ url: '/api/v1/tickets/7/transitions', method: 'POST', data: { action: 'accept', version: 1 } }).catch((caught: unknown) => caught);
    await jest.advanceTimersByTimeAsync(10_000);

    expect(await failed).toMatchObject({ code: 'SERVER_BUSY', retryAfter: 2 });
    expect(api).toHaveBeenCalledTimes(1);
  });

  it('does not keep the resident waiting on a long Retry-After, nor retry a 503 that names none', async () => {
    const api = mockApi(() => ({ ...busy, header: { 'retry-after': '120' } }));
    await expect(request({ url: '/api/v1/tickets' })).rejects.toMatchObject({ code: 'SERVER_BUSY', retryAfter: 120 });
    api.mockImplementation(async () => ({ statusCode: 503, data: '<html>Service Unavailable</html>' }));
    await expect(request({ url: '/api/v1/tickets' })).rejects.toMatchObject({ code: 'HTTP_503' });
    expect(api).toHaveBeenCalledTimes(2);
  });
});
