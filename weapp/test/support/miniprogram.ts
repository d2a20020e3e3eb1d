// The real weapp build (miniapp/dist/weapp) running under miniprogram-simulate and j-component in jsdom: WeChat's
// own template compiler (wcc) renders the pages, Taro's runtime and our code run as shipped. What the simulator
// lacks is a small shim: App/getApp/getCurrentPages, Page mapped to Component (page lifecycles called as WeChat
// calls them), app.js run first, and the wx APIs the app uses answered by a fake API, storage and navigation.
import { existsSync } from 'node:fs';
import path from 'node:path';
// Loading miniprogram-simulate registers its Component constructor, the built-in tags and its wx stand-in.
import * as simulate from 'miniprogram-simulate';

export const buildDir = path.resolve(__dirname, '..', '..', '..', 'miniapp', 'dist', 'weapp');

export interface ApiCall {
  method: string;
  path: string;
  query: Record<string, string>;
  data: unknown;
}
/** 200 answers by "METHOD /path" (query ignored), '*' for any other call; a function gets the call. */
export type Routes = Record<string, unknown>;

interface WxRequestOptions {
  url: string;
  method?: string;
  data?: unknown;
  success?: (res: { statusCode: number; data: unknown; header: Record<string, string> }) => void;
  fail?: (res: { errMsg: string }) => void;
  complete?: (res: unknown) => void;
}

type Handler = (...args: unknown[]) => unknown;

export interface PrivacyRequest {
  referrer: string;
  answers: Array<{ event: string; buttonId?: string }>;
}

export interface Miniprogram {
  api: { calls: ApiCall[]; set(routes: Routes): void };
  /** What went wrong inside the app: render errors and what React or Taro logged (jest fails unhandled rejections). */
  errors: string[];
  /** Pages opened with navigateTo/redirectTo/switchTab, in order. */
  navigations: string[];
  /** Opens a page as WeChat does (onLoad → onShow → onReady) and answers its view. */
  open(pagePath: string, query?: Record<string, string>): PageView;
  /** A privacy API call as WeChat reports it to the app's onNeedPrivacyAuthorization listener. */
  needPrivacyAuthorization(referrer: string): PrivacyRequest;
}

export interface PageView {
  /** The text a resident sees, a space between separate texts. */
  text(): string;
  /** Waits until the page shows this text (answers from the fake API arrive asynchronously). */
  waitForText(expected: string | RegExp): Promise<void>;
  /** Waits until the page no longer shows this text. */
  waitUntilGone(text: string): Promise<void>;
  /** Fires a WeChat event (tap, or a component event such as agreeprivacyauthorization) on the node with this class. */
  fire(className: string, event?: string, detail?: object): Promise<void>;
  close(): void;
}

/** The text nodes in reading order, one space between nodes (as separate lines and boxes read). */
function visibleText(root: Node): string {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (text) parts.push(text);
  }
  return parts.join(' ');
}

function parseUrl(url: string): { path: string; query: Record<string, string> } {
  const [pathPart, search = ''] = url.replace(/^https?:\/\/[^/]+/, '').split('?');
  const query: Record<string, string> = {};
  for (const pair of search.split('&').filter(Boolean)) {
    const [key, value = ''] = pair.split('=');
    query[decodeURIComponent(key)] = decodeURIComponent(value);
  }
  return { path: pathPart, query };
}

/** Until `done` holds (at most about 5 s), giving the app's promises and timers their turns. */
async function waitUntil(done: () => boolean, describe: () => string): Promise<void> {
  for (let turn = 0; turn < 500; turn += 1) {
    if (done()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  if (!done()) throw new Error(describe());
}

/**
 * Launches the app of the weapp build: once per test file (jest gives each file its own jsdom and modules, so its
 * own app). Needs `npm run build:weapp` first.
 */
export function launch(routes: Routes): Miniprogram {
  if (!existsSync(path.join(buildDir, 'app.js'))) throw new Error(`${buildDir} has no app.js: run npm run build:weapp first`);
  const g = globalThis as unknown as Record<string, unknown>;
  const errors: string[] = [];
  const navigations: string[] = [];
  const calls: ApiCall[] = [];
  const table: Routes = { ...routes };
  const storage = new Map<string, unknown>();
  const pageStack: Array<Record<string, unknown>> = [];
  let privacyListener: Handler | null = null;
  const loaded = new Map<string, string>();

  const wx = g.wx as Record<string, unknown>;

  const answer = (options: WxRequestOptions) => {
    const method = (options.method ?? 'GET').toUpperCase();
    const { path: apiPath, query } = parseUrl(options.url);
    calls.push({ method, path: apiPath, query, data: options.data });
    const key = `${method} ${apiPath}`;
    const route = key in table ? table[key] : table['*'];
    const result = typeof route === 'function' ? (route as (call: ApiCall) => unknown)(calls[calls.length - 1]) : route;
    const response =
      route === undefined
        ? { statusCode: 404, data: { statusCode: 404, code: 'ROUTE_NOT_FOUND', message: `no fake route ${key}` } }
        : { statusCode: 200, data: result };
    // An answer arrives later, as over a network.
    setTimeout(() => {
      options.success?.({ ...response, header: {} });
      options.complete?.(response);
    }, 0);
    return { abort() {}, onHeadersReceived() {}, offHeadersReceived() {} };
  };

  const ok = (name: string, result: object = {}) => (options: { success?: Handler; complete?: Handler } = {}) => {
    const res = { errMsg: `${name}:ok`, ...result };
    setTimeout(() => {
      options.success?.(res);
      options.complete?.(res);
    }, 0);
  };
  const navigate = (name: string) => (options: { url: string; success?: Handler; complete?: Handler }) => {
    navigations.push(options.url);
    ok(name)(options);
  };

  Object.assign(wx, {
    request: answer,
    login: ok('login', { code: 'code-from-wx-login' }),
    getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
    removeStorageSync: (key: string) => void storage.delete(key),
    navigateTo: navigate('navigateTo'),
    redirectTo: navigate('redirectTo'),
    switchTab: navigate('switchTab'),
    reLaunch: navigate('reLaunch'),
    // jsdom has no canvas: every node query answers "not found" (the charts then stay undrawn; their figures are
    // also written as text, which is what the tests read).
    createSelectorQuery: () => {
      const selected: unknown[] = [];
      const query = {
        in: () => query,
        select: () => {
          selected.push(null);
          return { fields: () => query, boundingClientRect: () => query, node: () => query };
        },
        selectAll: () => {
          selected.push([]);
          return { fields: () => query, boundingClientRect: () => query, node: () => query };
        },
        selectViewport: () => ({ scrollOffset: () => query, boundingClientRect: () => query }),
        exec: (callback?: (results: unknown[]) => void) => setTimeout(() => callback?.(selected), 0),
      };
      return query;
    },
    onNeedPrivacyAuthorization: (listener: Handler) => {
      privacyListener = listener;
    },
  });

  let app: Record<string, Handler> | null = null;
  g.App = (options: Record<string, Handler>) => {
    app = options;
  };
  g.getApp = () => app;
  g.getCurrentPages = () => pageStack;
  // WeChat runs a Page's lifecycles itself; as a Component, onLoad and the others are methods the harness calls.
  g.Page = (options: Record<string, unknown>) => {
    const methods: Record<string, unknown> = {};
    const rest: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(options)) (typeof value === 'function' ? methods : rest)[key] = value;
    (g.Component as (definition: object) => void)({ ...rest, methods });
  };

  // React and Taro report what went wrong on console.error; the tests expect none (and show them when there are).
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    errors.push(args.map(String).join(' '));
  });

  // app.js first: it loads Taro's runtime and the shared chunks every page needs, then registers the App.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the build's own script, run as WeChat runs it
  require(path.join(buildDir, 'app.js'));
  if (!app) throw new Error('app.js did not call App()');
  const launched = app as Record<string, Handler>;
  // Taro hands a render error to the App's onError (and shows an empty page): record it.
  const taroOnError = launched.onError;
  launched.onError = function onError(this: unknown, error: unknown) {
    errors.push(`App.onError: ${String(error)}`);
    return taroOnError?.call(this, error);
  };
  const launchOptions = { path: 'pages/index/index', query: {}, scene: 1001 };
  launched.onLaunch?.call(launched, launchOptions);
  launched.onShow?.call(launched, launchOptions);

  return {
    api: { calls, set: (next) => Object.assign(table, next) },
    errors,
    navigations,
    open(pagePath, query = {}) {
      // A page's script runs once (as in WeChat): later opens make new instances of the same definition.
      let id = loaded.get(pagePath);
      if (id === undefined) {
        id = simulate.load(path.join(buildDir, pagePath), { rootPath: buildDir });
        loaded.set(pagePath, id);
      }
      const root = simulate.render(id);
      const parent = document.createElement('parent-wrapper');
      document.body.appendChild(parent);
      root.attach(parent);
      const dom = root.dom as HTMLElement;
      const page = root.instance as unknown as Record<string, Handler>;
      Object.assign(page, { route: pagePath, __route__: pagePath });
      pageStack.push(page as unknown as Record<string, unknown>);
      page.onLoad(query);
      page.onShow();
      page.onReady();
      const view: PageView = {
        text: () => visibleText(dom),
        async waitForText(expected) {
          const matches = () => (typeof expected === 'string' ? view.text().includes(expected) : expected.test(view.text()));
          await waitUntil(matches, () => `page ${pagePath} never showed ${String(expected)}; it shows: ${view.text()}`);
        },
        async waitUntilGone(text) {
          await waitUntil(() => !view.text().includes(text), () => `page ${pagePath} still shows ${text}: ${view.text()}`);
        },
        async fire(className, event = 'tap', detail = {}) {
          // Through the compiled template's own binding (bindtap="eh" …), as a tap on the phone arrives.
          const node = root.querySelector(`.${className}`);
          if (!node) throw new Error(`page ${pagePath} has no .${className}; it shows: ${view.text()}`);
          node.dispatchEvent(event, { detail });
          // j-component delivers it on the next microtask; the app's handler runs then.
          await new Promise((resolve) => setTimeout(resolve, 0));
        },
        close() {
          page.onUnload?.();
          pageStack.splice(pageStack.indexOf(page as unknown as Record<string, unknown>), 1);
          root.detach();
          parent.remove();
        },
      };
      return view;
    },
    needPrivacyAuthorization(referrer) {
      if (!privacyListener) throw new Error('the app registered no wx.onNeedPrivacyAuthorization listener');
      const request: PrivacyRequest = { referrer, answers: [] };
      privacyListener((answerOf: { event: string; buttonId?: string }) => request.answers.push(answerOf), { referrer });
      return request;
    },
  };
}

/**
 * Opening pages in the tests of a describe block: each test's pages are closed after it, and the app must have
 * reported no error meanwhile.
 */
export function pageOpener(app: Miniprogram): (pagePath: string, routes: Routes) => PageView {
  const opened: PageView[] = [];
  beforeEach(() => {
    app.errors.length = 0;
    app.navigations.length = 0;
  });
  afterEach(() => {
    opened.splice(0).forEach((page) => page.close());
    expect(app.errors).toEqual([]);
  });
  return (pagePath, routes) => {
    app.api.set(routes);
    const page = app.open(pagePath);
    opened.push(page);
    return page;
  };
}
