import { DAY_MS, shanghaiDate, type MeView, type Page, type Role, type TicketCategory, type TicketState, type TicketStats, type TicketSummary, type TicketView, type TransitionInput, type Workload } from '@wuye/contracts';
import { ApiError, request } from './http';

/**
 * The property side of tickets (受理 → 转办 → 办理 → 反馈): the manager's inbox, the staff member's assigned list,
 * one ticket with the actions the API allows the viewer, the transitions, photo uploads, statistics.
 */
export type HandlingView = 'inbox' | 'assigned';

export interface HandlingFilters {
  /** One state, or all when absent. */
  state?: TicketState;
  category?: string;
  /** Only tickets past their response or resolution deadline. */
  overdue?: boolean;
}

export function listHandlingTickets(view: HandlingView, filters: HandlingFilters, cursor?: string): Promise<Page<TicketSummary>> {
  return request<Page<TicketSummary>>({
    url: '/api/v1/tickets',
    query: { view, state: filters.state, category: filters.category, overdue: filters.overdue ? true : undefined, cursor },
  });
}

/** What waits in one estate for the workbench's badges; a count is null where the caller's roles do not cover it. */
export function getWorkload(communityId: number): Promise<Workload> {
  return request<Workload>({ url: `/api/v1/communities/${communityId}/workload` });
}

/** One ticket as the property side sees it: reporter, timeline, deadlines and `actions` (the viewer's buttons). */
export function getHandlingTicket(id: number): Promise<TicketView> {
  return request<TicketView>({ url: `/api/v1/tickets/${id}` });
}

/** One lifecycle step; `version` is the one shown. 409 STALE_VERSION / ILLEGAL_TRANSITION when someone was first. */
export function transitionTicket(id: number, input: TransitionInput): Promise<TicketView> {
  return request<TicketView>({ url: `/api/v1/tickets/${id}/transitions`, method: 'POST', data: input });
}

/** What the person acting reads when someone else was first (409); the ticket is then shown again. */
export const STALE_MESSAGE = '工单已被他人更新，已刷新';

/** Someone else changed the ticket since it was shown: show it again as it is now. */
export function isConcurrentChange(error: unknown): boolean {
  return error instanceof ApiError && error.statusCode === 409;
}

export interface Assignee {
  id: number;
  displayName: string;
  /** 维修工, 保洁… */
  title: string | null;
  role: string;
}

/** Staff (and managers) of the estate's serving company, to assign a ticket to. */
export function listAssignees(communityId: number): Promise<Assignee[]> {
  return request<Assignee[]>({ url: `/api/v1/communities/${communityId}/assignees` });
}

export function listTicketCategories(communityId: number): Promise<TicketCategory[]> {
  return request<TicketCategory[]>({ url: `/api/v1/communities/${communityId}/ticket-categories` });
}

export function getTicketStats(communityId: number, range: DateRange): Promise<TicketStats> {
  return request<TicketStats>({ url: `/api/v1/communities/${communityId}/ticket-stats`, query: { from: range.from, to: range.to } });
}

// ─── Statistics ranges (Asia/Shanghai calendar days) ────────────────────────────────────────────────────────

export const STATS_RANGES = [
  { key: 'week', label: '近7天' },
  { key: 'month', label: '近30天' },
  { key: 'year', label: '本年' },
] as const;
export type StatsRangeKey = (typeof STATS_RANGES)[number]['key'];

export interface DateRange {
  from: string;
  to: string;
}

/** 近7天 and 近30天 end today and include it; 本年 runs from 1 January to today. */
export function statsRange(key: StatsRangeKey, now: Date = new Date()): DateRange {
  const to = shanghaiDate(now);
  if (key === 'year') return { from: `${to.slice(0, 4)}-01-01`, to };
  const days = key === 'week' ? 7 : 30;
  return { from: shanghaiDate(now.getTime() - (days - 1) * DAY_MS), to };
}

/** "86%", or "—" when there was nothing to measure. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}

// ─── Who handles what ───────────────────────────────────────────────────────────────────────────────────────

export interface HandlingEstate {
  id: number;
  name: string;
}

function estatesOf(me: Pick<MeView, 'roles'>, role: Role): HandlingEstate[] {
  const seen = new Map<number, string>();
  for (const r of me.roles) {
    if (r.role === role && r.communityId && !seen.has(r.communityId)) seen.set(r.communityId, r.scopeName ?? `小区 ${r.communityId}`);
  }
  return [...seen].map(([id, name]) => ({ id, name }));
}

/** Estates whose tickets the user triages (项目经理: 工单收件箱, 统计). */
export const managedEstates = (me: Pick<MeView, 'roles'>) => estatesOf(me, 'manager');
/** Estates where tickets may be assigned to the user (员工: 我的派单). */
export const staffEstates = (me: Pick<MeView, 'roles'>) => estatesOf(me, 'staff');
