import { act, renderHook } from '@testing-library/react';
import Taro from '../../test/stubs/taro';
import { ApiError } from '../services/http';
import { getAccessToken, setTokens } from '../services/session';
import { useRemote, type RemoteOptions } from './useRemote';
import { settle } from '../../test/support/render';

/** A load the test answers by hand, in any order. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const offline = new ApiError({ statusCode: 0, code: 'NETWORK', message: '网络不可用，请检查网络后重试' });

function render<T>(load: () => Promise<T>, options?: RemoteOptions<T>) {
  return renderHook(({ load: current, options: opts }) => useRemote(current, opts), { initialProps: { load, options } });
}

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
});

describe('useRemote', () => {
  it('loads on mount: loading, then the answer', async () => {
    const { result } = render(async () => ({ name: '锦绣花园' }));
    expect(result.current.phase).toBe('loading');
    await settle();
    expect(result.current).toMatchObject({ phase: 'ready', data: { name: '锦绣花园' } });
  });

  it('waits while not enabled, and loads once it is', async () => {
    const load = jest.fn(async () => 1);
    const { result, rerender } = render(load, { enabled: false });
    await settle();
    expect(load).not.toHaveBeenCalled();
    expect(result.current.phase).toBe('loading');

    rerender({ load, options: { enabled: true } });
    await settle();
    expect(result.current).toMatchObject({ phase: 'ready', data: 1 });
  });

  it('a failure shows the API’s sentence; reload() tries again', async () => {
    const load = jest.fn().mockRejectedValueOnce(offline).mockResolvedValueOnce('ok');
    const { result } = render(load);
    await settle();
    expect(result.current).toMatchObject({ phase: 'error', errorMessage: '网络不可用，请检查网络后重试' });

    await act(() => result.current.reload());
    expect(result.current).toMatchObject({ phase: 'ready', data: 'ok' });
  });

  it('a 401 that survived the refresh ends the session', async () => {
    render(() => Promise.reject(new ApiError({ statusCode: 401, code: 'UNAUTHENTICATED', message: '登录已失效，请重新登录' })));
    await settle();
    expect(getAccessToken()).toBeNull();
  });

  it('a quiet reload keeps what is shown meanwhile, and when it fails keeps it and says why in a toast', async () => {
    const toast = jest.spyOn(Taro, 'showToast');
    const second = deferred<string>();
    const load = jest.fn().mockResolvedValueOnce('first').mockReturnValueOnce(second.promise);
    const { result } = render(load);
    await settle();

    let reloading!: Promise<void>;
    act(() => {
      reloading = result.current.reload(true);
    });
    expect(result.current).toMatchObject({ phase: 'ready', data: 'first' });
    second.reject(offline);
    await act(() => reloading);

    expect(result.current).toMatchObject({ phase: 'ready', data: 'first' });
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络不可用，请检查网络后重试' }));
  });

  it('a quiet reload that hears the thing is gone (404) shows that instead of the old answer', async () => {
    const load = jest.fn().mockResolvedValueOnce('first').mockRejectedValueOnce(new ApiError({ statusCode: 404, code: 'NOT_FOUND', message: '工单不存在' }));
    const { result } = render(load);
    await settle();
    await act(() => result.current.reload(true));
    expect(result.current).toMatchObject({ phase: 'error', errorMessage: '工单不存在' });
  });

  it('a quiet reload with nothing shown yet shows its failure on the page', async () => {
    const toast = jest.spyOn(Taro, 'showToast');
    const load = jest.fn().mockRejectedValue(offline);
    const { result } = render(load);
    await settle();
    await act(() => result.current.reload(true));
    expect(result.current.phase).toBe('error');
    expect(toast).not.toHaveBeenCalled();
  });

  it('drops the answer of an older load when the inputs changed meanwhile', async () => {
    const slow = deferred<string>();
    const fast = deferred<string>();
    const { result, rerender } = render(() => slow.promise);
    rerender({ load: () => fast.promise, options: undefined });
    fast.resolve('estate 2');
    await settle();
    slow.resolve('estate 1');
    await settle();
    expect(result.current.data).toBe('estate 2');
  });

  it('show() replaces what is shown with an action’s answer; a load still on its way is dropped', async () => {
    const reloaded = deferred<string>();
    const load = jest.fn().mockResolvedValueOnce('before').mockReturnValueOnce(reloaded.promise);
    const { result } = render(load);
    await settle();
    act(() => void result.current.reload(true));
    act(() => result.current.show('answer of the action'));
    reloaded.resolve('older');
    await settle();
    expect(result.current).toMatchObject({ phase: 'ready', data: 'answer of the action' });
  });

  it('an answer without the shape the page reads shows as an error, not a blank page', async () => {
    const { result } = render(async () => ({}) as { items?: unknown[] }, { isValid: (answer) => Array.isArray(answer?.items) });
    await settle();
    expect(result.current).toMatchObject({ phase: 'error', errorMessage: '服务器返回的数据无法识别，请稍后重试', data: null });
  });
});
