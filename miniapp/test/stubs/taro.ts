// Stand-in for @tarojs/taro under jest: in-memory storage, a request that each test replaces with
// jest.spyOn(Taro, 'request'), navigation and dialogs that record or answer what a test says, and the page hooks
// the app uses. Only what the app calls is here.
import { useEffect, useRef } from 'react';

const storage = new Map<string, unknown>();
let pullDownRefreshHandler: (() => void) | null = null;
const didShowHandlers = new Set<() => void>();
let routerParams: Record<string, string> = {};
const networkStatusHandlers = new Set<(result: { isConnected: boolean; networkType: string }) => void>();

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

export interface StubModalOptions {
  title?: string;
  content?: string;
  confirmText?: string;
  cancelText?: string;
  confirmColor?: string;
  showCancel?: boolean;
}

const Taro = {
  request(options: StubRequestOptions): Promise<StubResponse> {
    return Promise.reject(new Error(`Taro.request is not mocked in this test (${options.url})`));
  },
  login(): Promise<{ code?: string; errMsg: string }> {
    return Promise.reject(new Error('Taro.login is not mocked in this test'));
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
  /** Answers "confirmed" unless a test says otherwise with jest.spyOn(Taro, 'showModal'). */
  showModal(_options: StubModalOptions): Promise<{ confirm: boolean; cancel: boolean }> {
    return Promise.resolve({ confirm: true, cancel: false });
  },
  setClipboardData(_options: { data: string }): Promise<void> {
    return Promise.resolve();
  },
  makePhoneCall(_options: { phoneNumber: string }): Promise<void> {
    return Promise.resolve();
  },
  setNavigationBarTitle(_options: { title: string }): Promise<void> {
    return Promise.resolve();
  },
  pageScrollTo(_options: { selector?: string; scrollTop?: number; offsetTop?: number; duration?: number }): Promise<void> {
    return Promise.resolve();
  },
  nextTick(callback: () => void): void {
    void Promise.resolve().then(callback);
  },
  /** WeChat's privacy consent hook: a test spies on it to hold the listener the app registers. */
  onNeedPrivacyAuthorization(_listener: (resolve: (answer: object) => void, info: { referrer: string }) => void): void {},
  scanCode(_options: { onlyFromCamera?: boolean; scanType?: string[] }): Promise<{ result: string }> {
    return Promise.reject(new Error('scanCode:fail cancel'));
  },
  navigateTo(_options: { url: string }): Promise<void> {
    return Promise.resolve();
  },
  redirectTo(_options: { url: string }): Promise<void> {
    return Promise.resolve();
  },
  switchTab(_options: { url: string }): Promise<void> {
    return Promise.resolve();
  },
  reLaunch(_options: { url: string }): Promise<void> {
    return Promise.resolve();
  },
  navigateBack(_options?: { delta?: number }): Promise<void> {
    return Promise.resolve();
  },
  stopPullDownRefresh(): void {},
  /** Each test that uploads replaces it with jest.spyOn(Taro, 'uploadFile'). */
  uploadFile(options: { url: string; filePath: string; name: string; fileName?: string; header?: Record<string, string>; timeout?: number }): Promise<StubResponse> {
    return Promise.reject(new Error(`Taro.uploadFile is not mocked in this test (${options.filePath})`));
  },
  chooseImage(_options: { count?: number; sizeType?: string[]; sourceType?: string[] }): Promise<{ tempFilePaths: string[]; tempFiles: { path: string; size: number }[] }> {
    return Promise.reject({ errMsg: 'chooseImage:fail cancel' });
  },
  chooseMedia(_options: { count?: number; mediaType?: string[]; sourceType?: string[]; sizeType?: string[] }): Promise<{ tempFiles: { tempFilePath: string; size: number }[] }> {
    return Promise.reject({ errMsg: 'chooseMedia:fail cancel' });
  },
  compressImage(options: { src: string; quality?: number }): Promise<{ tempFilePath: string }> {
    return Promise.resolve({ tempFilePath: options.src });
  },
  showLoading(_options: { title: string }): Promise<void> {
    return Promise.resolve();
  },
  hideLoading(): Promise<void> {
    return Promise.resolve();
  },

  previewImage(_options: { current?: string; urls: string[] }): Promise<void> {
    return Promise.resolve();
  },
  chooseLocation(_options: object): Promise<{ name: string; address: string; latitude: number; longitude: number }> {
    return Promise.reject({ errMsg: 'chooseLocation:fail cancel' });
  },
  requestSubscribeMessage(_options: { tmplIds: string[] }): Promise<Record<string, string>> {
    return Promise.resolve({ errMsg: 'requestSubscribeMessage:ok' });
  },
  saveFile(options: { tempFilePath: string }): Promise<{ savedFilePath: string }> {
    return Promise.resolve({ savedFilePath: options.tempFilePath });
  },
  removeSavedFile(_options: { filePath: string }): Promise<void> {
    return Promise.resolve();
  },
  setTabBarBadge(_options: { index: number; text: string }): Promise<void> {
    return Promise.resolve();
  },
  removeTabBarBadge(_options: { index: number }): Promise<void> {
    return Promise.resolve();
  },
  onNetworkStatusChange(handler: (result: { isConnected: boolean; networkType: string }) => void): void {
    networkStatusHandlers.add(handler);
  },
  offNetworkStatusChange(handler: (result: { isConnected: boolean; networkType: string }) => void): void {
    networkStatusHandlers.delete(handler);
  },
  chooseMessageFile(_options: { count: number; type?: string; extension?: string[] }): Promise<{ tempFiles: { path: string; name: string; size: number }[] }> {
    return Promise.reject(new Error('Taro.chooseMessageFile is not mocked in this test'));
  },
  downloadFile(options: { url: string; header?: Record<string, string> }): Promise<{ statusCode: number; tempFilePath: string }> {
    return Promise.reject(new Error(`Taro.downloadFile is not mocked in this test (${options.url})`));
  },
  openDocument(_options: { filePath: string; fileType?: string; showMenu?: boolean }): Promise<void> {
    return Promise.resolve();
  },
  getWindowInfo(): { pixelRatio: number; windowWidth: number; windowHeight: number } {
    return { pixelRatio: 2, windowWidth: 375, windowHeight: 667 };
  },
  /** The share menu (右上角 ···): a test spies on these to see whether a page offers a card. */
  showShareMenu(_options: { withShareTicket?: boolean; menus?: string[] }): Promise<void> {
    return Promise.resolve();
  },
  hideShareMenu(_options?: { menus?: string[] }): Promise<void> {
    return Promise.resolve();
  },
  /** How the app was entered: set a share ticket with setEnterOptions to open a page as from a group card. */
  getEnterOptionsSync(): { path: string; query: Record<string, string>; scene: number; shareTicket?: string } {
    return enterOptions;
  },
  canIUse(_api: string): boolean {
    return true;
  },
  /** A test spies on it to play an older client (SDKVersion below 2.17.3). */
  getSystemInfoSync(): { SDKVersion: string } {
    return { SDKVersion: '3.7.8' };
  },
  getGroupEnterInfo(options: { success?: (info: { encryptedData: string; iv: string }) => void }): void {
    options.success?.({ encryptedData: 'ENCRYPTED-GROUP-INFO', iv: 'IV-FROM-WECHAT' });
  },
  getShareInfo(options: { shareTicket: string; success?: (info: { encryptedData: string; iv: string }) => void }): void {
    options.success?.({ encryptedData: `ENCRYPTED-SHARE-INFO-${options.shareTicket}`, iv: 'IV-FROM-WECHAT' });
  },
  /** select(selector).fields(...).exec(callback): answers what setSelectorQueryAnswer says (nothing found by default). */
  createSelectorQuery() {
    const query = {
      selected: '',
      select(selector: string) {
        query.selected = selector;
        return query;
      },
      fields(_fields: Record<string, boolean>) {
        return query;
      },
      exec(callback: (result: unknown[]) => void) {
        const answer = selectorQueryAnswer(query.selected);
        Taro.nextTick(() => callback([answer]));
      },
    };
    return query;
  },
};

let enterOptions: { path: string; query: Record<string, string>; scene: number; shareTicket?: string } = { path: 'pages/index/index', query: {}, scene: 1001 };
let shareHandler: (() => { title: string; path: string; imageUrl?: string }) | null = null;

export function setEnterOptions(options: typeof enterOptions): void {
  enterOptions = options;
}

export function useShareAppMessage(handler: () => { title: string; path: string; imageUrl?: string }): void {
  shareHandler = handler;
}

/** What WeChat would put on the card when the user shares this page; null when the page registered no handler. */
export function sharedPayload(): { title: string; path: string; imageUrl?: string } | null {
  return shareHandler ? shareHandler() : null;
}

let selectorQueryAnswer: (selector: string) => unknown = () => null;

/** What the page's SelectorQuery finds for a selector (e.g. a canvas node and its size). */
export function setSelectorQueryAnswer(answer: (selector: string) => unknown): void {
  selectorQueryAnswer = answer;
}

/** The phone loses or regains its connection (what WeChat reports to onNetworkStatusChange listeners). */
export function triggerNetworkStatus(isConnected: boolean): void {
  networkStatusHandlers.forEach((handler) => handler({ isConnected, networkType: isConnected ? 'wifi' : 'none' }));
}

export function usePullDownRefresh(handler: () => void): void {
  pullDownRefreshHandler = handler;
}

/** What a resident's pull-down gesture does on a page that registered usePullDownRefresh. */
export function triggerPullDownRefresh(): void {
  if (!pullDownRefreshHandler) throw new Error('no page registered usePullDownRefresh');
  pullDownRefreshHandler();
}

/** Like Taro: the handler runs when the page is first shown and each time it is shown again. */
export function useDidShow(handler: () => void): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const call = () => latest.current();
    didShowHandlers.add(call);
    call();
    return () => {
      didShowHandlers.delete(call);
    };
  }, []);
}

/** The user comes back to the page (e.g. from a form it opened). */
export function triggerDidShow(): void {
  didShowHandlers.forEach((handler) => handler());
}

export function useLaunch(handler: () => void): void {
  useEffect(() => handler(), []);
}

export function useRouter(): { params: Record<string, string>; path: string } {
  return { params: routerParams, path: '' };
}

/** The query string the page under test was opened with. */
export function setRouterParams(params: Record<string, string>): void {
  routerParams = params;
}

export function resetTaroStub(): void {
  storage.clear();
  pullDownRefreshHandler = null;
  didShowHandlers.clear();
  routerParams = {};
  networkStatusHandlers.clear();
  selectorQueryAnswer = () => null;
  shareHandler = null;
  enterOptions = { path: 'pages/index/index', query: {}, scene: 1001 };
}

export default Taro;
