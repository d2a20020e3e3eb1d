// Stand-in for @tarojs/taro under jest: in-memory storage, a request that each test replaces with
// jest.spyOn(Taro, 'request'), and the page hooks the app uses. Only what the app calls is here.
const storage = new Map<string, unknown>();
let pullDownRefreshHandler: (() => void) | null = null;

export interface StubRequestOptions {
  url: string;
  method?: string;
  data?: unknown;
  header?: Record<string, string>;
  timeout?: number;
  dataType?: string;
}

export interface StubResponse {
  statusCode: number;
  data: unknown;
  header?: Record<string, string>;
}

const Taro = {
  request(options: StubRequestOptions): Promise<StubResponse> {
    return Promise.reject(new Error(`Taro.request is not mocked in this test (${options.url})`));
  },
  getStorageSync(key: string): unknown {
    // Like the real API: '' for a missing key.
    return storage.has(key) ? storage.get(key) : '';
  },
  setStorageSync(key: string, value: unknown): void {
    storage.set(key, value);
  },
  removeStorageSync(key: string): void {
    storage.delete(key);
  },
  clearStorageSync(): void {
    storage.clear();
  },
  showToast(_options: { title: string; icon?: string; duration?: number }): Promise<void> {
    return Promise.resolve();
  },
  stopPullDownRefresh(): void {},
};

export function usePullDownRefresh(handler: () => void): void {
  pullDownRefreshHandler = handler;
}

/** What a resident's pull-down gesture does on a page that registered usePullDownRefresh. */
export function triggerPullDownRefresh(): void {
  if (!pullDownRefreshHandler) throw new Error('no page registered usePullDownRefresh');
  pullDownRefreshHandler();
}

export function resetTaroStub(): void {
  storage.clear();
  pullDownRefreshHandler = null;
}

export default Taro;
