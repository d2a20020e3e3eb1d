// A stand-in for the API under jest: answers Taro.request (and Taro.uploadFile) by "METHOD /path" and records
// every call, so a test can say what the resident's phone sent (query, body, headers).
import type { EscalationView, MeView, TicketSummary, TicketView } from '@wuye/contracts';
import Taro, { type StubRequestOptions, type StubResponse } from '../stubs/taro';

export interface Call {
  method: string;
  path: string;
  query: Record<string, string>;
  data: unknown;
  header: Record<string, string>;
}

/** A fixed answer (200 with this body), a full response, or a function of the call; NO_NETWORK: no answer at all. */
export type Answer = unknown;
export type Route = ((call: Call) => Answer) | object | symbol | string | number | boolean | null | undefined;

export const NO_NETWORK = Symbol('no network');

export interface Reply {
  status: number;
  body: unknown;
  header?: Record<string, string>;
}

/** A response with a status other than 200, e.g. reply(429, { code: 'URGE_TOO_SOON', message: '…' }), and headers. */
export function reply(status: number, body: unknown, header?: Record<string, string>): Reply & { __reply: true } {
  return { status, body, header, __reply: true };
}

const isReply = (answer: unknown): answer is Reply => typeof answer === 'object' && answer !== null && '__reply' in answer;

function parse(url: string): { path: string; query: Record<string, string> } {
  // The weapp build (as under jest) calls a full URL; H5 a path.
  const [path, search = ''] = url.replace(/^https?:\/\/[^/]+/, '').split('?');
  const query: Record<string, string> = {};
  for (const pair of search.split('&').filter(Boolean)) {
    const [key, value = ''] = pair.split('=');
    query[decodeURIComponent(key)] = decodeURIComponent(value);
  }
  return { path, query };
}

export interface FakeApi {
  calls: Call[];
  /** The calls to one route, e.g. to('POST /api/v1/tickets'). */
  to(route: string): Call[];
  /** Replaces or adds routes. */
  set(routes: Record<string, Route>): void;
}

export function fakeApi(initial: Record<string, Route>): FakeApi {
  const routes: Record<string, Route> = { ...initial };
  const calls: Call[] = [];

  const answer = (method: string, url: string, data: unknown, header: Record<string, string>): Promise<StubResponse> => {
    const { path, query } = parse(url);
    const call: Call = { method, path, query, data, header };
    calls.push(call);
    const key = `${method} ${path}`;
    if (!(key in routes)) return Promise.resolve({ statusCode: 404, data: { statusCode: 404, code: 'ROUTE_NOT_FOUND', message: `no fake route ${key}` } });
    const route = routes[key];
    const result = typeof route === 'function' ? (route as (c: Call) => Answer)(call) : route;
    if (result === NO_NETWORK) return Promise.reject({ errMsg: 'request:fail' });
    if (isReply(result)) return Promise.resolve({ statusCode: result.status, data: { statusCode: result.status, ...(result.body as object) }, header: result.header });
    return Promise.resolve({ statusCode: method === 'POST' && path === '/api/v1/tickets' ? 201 : 200, data: result });
  };

  jest.spyOn(Taro, 'request').mockImplementation((options: StubRequestOptions) => answer(options.method ?? 'GET', options.url, options.data, options.header ?? {}));
  jest.spyOn(Taro, 'uploadFile').mockImplementation(async (options) => {
    const response = await answer('POST', options.url, { filePath: options.filePath, name: options.name }, options.header ?? {});
    return { ...response, data: JSON.stringify(response.data) };
  });

  return {
    calls,
    to: (route: string) => calls.filter((c) => `${c.method} ${c.path}` === route),
    set: (next) => Object.assign(routes, next),
  };
}

/** Lets pending promises and the React updates they cause run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

export const JINXIU_OWNER: MeView = {
  id: 16,
  displayName: '张阿姨',
  phone: '139****1234',
  roles: [{ role: 'resident', communityId: 1, scopeName: '锦绣花园' }],
  houses: [
    {
      id: 1,
      houseId: 101,
      houseLabel: '3栋1单元1201',
      communityId: 1,
      communityName: '锦绣花园',
      relation: 'owner',
      state: 'approved',
      reason: null,
      createdAt: '2026-11-01T06:00:00.000Z',
      decidedAt: '2026-11-02T06:00:00.000Z',
      household: [],
    },
  ],
  wechat: false,
};

export function ticketSummary(id: number, overrides: Partial<TicketSummary> = {}): TicketSummary {
  return {
    id,
    communityId: 1,
    communityName: '锦绣花园',
    kind: 'repair',
    categoryCode: 'elevator',
    categoryName: '电梯',
    emergency: false,
    summary: `3栋电梯按钮失灵 #${id}`,
    state: 'submitted',
    visibility: 'public',
    reporter: '张阿姨',
    place: '3栋1单元',
    thumbnailUrl: null,
    createdAt: '2026-11-28T02:00:00.000Z',
    responseDueAt: '2026-11-28T02:30:00.000Z',
    resolutionDueAt: '2026-11-29T02:00:00.000Z',
    overdue: false,
    escalated: false,
    followerCount: 0,
    version: 1,
    source: 'app',
    returnVisit: null,
    contact: null,
    ...overrides,
  };
}

export function ticketView(id: number, overrides: Partial<TicketView> = {}): TicketView {
  return {
    ...ticketSummary(id),
    blocked: {},
    description: '3栋1单元电梯按钮失灵，按了不亮',
    photos: [],
    house: null,
    lat: null,
    long: null,
    assignee: null,
    reporterPhone: null,
    rating: null,
    reopenCount: 0,
    returnVisitTries: 0,
    returnVisitTriedOn: null,
    filedBy: null,
    timeline: [{ id: 1, action: 'created', actor: '张阿姨', fromState: null, toState: 'submitted', note: null, photos: [], at: '2026-11-28T02:00:00.000Z' }],
    actions: [],
    canRate: false,
    canUrge: false,
    following: false,
    isReporter: true,
    heldForReview: false,
    source: 'app',
    ...overrides,
  };
}

/** An open 督办 of 阳光新城 (南门社区's to handle) about this ticket. */
export function escalationView(id: number, ticket: TicketSummary, overrides: Partial<EscalationView> = {}): EscalationView {
  return {
    id,
    reason: 'resolution_overdue',
    reasonLabel: '超时未办结',
    state: 'open',
    deadlineAt: null,
    createdAt: '2026-11-29T01:56:34.000Z',
    closedAt: null,
    closingNote: null,
    communityId: 2,
    communityName: '阳光新城',
    officeName: '南门社区',
    canHandle: true,
    referredTo: [],
    canRefer: ['meeting', 'town', 'mediation'],
    ticket,
    ...overrides,
  };
}
