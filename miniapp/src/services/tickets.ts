import type {
  CreateTicketInput,
  DeadlineFloorsView,
  Page,
  ProxyTicketInput,
  RatingInput,
  RevealedPhone,
  TicketCategory,
  TicketListView,
  TicketState,
  TicketStats,
  TicketSummary,
  TicketView,
  TransitionInput,
} from '@wuye/contracts';
import { ApiError, request } from './http';

/**
 * Every call about tickets, for every role: residents (随手拍, 我的报事, the board), the property side (inbox,
 * assigned list, the steps of the lifecycle, statistics) and oversight (an estate's tickets, one ticket). The API
 * decides what each caller may see and do; the app asks the same way whoever asks.
 */

/** Tickets per page of 我的报事 and the board: a screenful or two. */
export const TICKETS_PAGE_SIZE = 10;

export interface TicketListQuery {
  /** mine, following, community (reporters masked): residents; inbox, assigned: the property side; oversight. */
  view: TicketListView;
  communityId?: number;
  /** One state, or several (我的报事's 处理中 is three); all when absent. */
  state?: TicketState | readonly TicketState[];
  category?: string;
  /** Only tickets past their response or resolution deadline. */
  overdue?: boolean;
  cursor?: string | null;
  /** The API's default when absent. */
  limit?: number;
}

/** A page of tickets, newest first. */
export function listTickets(query: TicketListQuery): Promise<Page<TicketSummary>> {
  const states = typeof query.state === 'string' ? [query.state] : (query.state ?? []);
  return request<Page<TicketSummary>>({
    url: '/api/v1/tickets',
    query: {
      view: query.view,
      communityId: query.communityId,
      state: states.length > 0 ? states.join(',') : undefined,
      category: query.category,
      overdue: query.overdue ? true : undefined,
      cursor: query.cursor ?? undefined,
      limit: query.limit,
    },
  });
}

/** One ticket with its timeline and what the viewer may do now (`actions`, `canRate`, `canUrge`). */
export function getTicket(id: number): Promise<TicketView> {
  return request<TicketView>({ url: `/api/v1/tickets/${id}` });
}

/** 随手拍: the key makes a retried submission (offline outbox, a double tap) answer the same ticket. */
export function createTicket(input: CreateTicketInput, idempotencyKey: string): Promise<TicketView> {
  return request<TicketView>({ url: '/api/v1/tickets', method: 'POST', data: input, header: { 'Idempotency-Key': idempotencyKey } });
}

/** 代报: a manager, staff member or community office files what a caller reported by another channel. */
export function fileOnBehalf(input: ProxyTicketInput, idempotencyKey: string): Promise<TicketView> {
  return request<TicketView>({ url: '/api/v1/tickets/on-behalf', method: 'POST', data: input, header: { 'Idempotency-Key': idempotencyKey } });
}

/** The full number to call back (回访), for those handling the ticket; the API writes each reveal to the audit log. */
export function revealContactPhone(id: number): Promise<RevealedPhone> {
  return request<RevealedPhone>({ url: `/api/v1/tickets/${id}/contact-phone`, method: 'POST' });
}

/** Open public tickets like the one about to be filed: the resident may follow one instead (我也遇到). */
export function similarTickets(communityId: number, categoryCode: string, place?: string): Promise<TicketSummary[]> {
  return request<TicketSummary[]>({ url: '/api/v1/tickets/similar', query: { communityId, categoryCode, place: place?.trim() || undefined } });
}

/** The estate's categories with their deadlines; switched-off ones come too (`active: false`). */
export function listTicketCategories(communityId: number): Promise<TicketCategory[]> {
  return request<TicketCategory[]>({ url: `/api/v1/communities/${communityId}/ticket-categories` });
}

/** 分类与时限 (managers): the whole list at once; 422 DEADLINE_LOOSER_THAN_FLOOR / EMERGENCY_RESPONSE_TOO_LONG. */
export function replaceTicketCategories(communityId: number, categories: TicketCategory[]): Promise<TicketCategory[]> {
  return request<TicketCategory[]>({ url: `/api/v1/communities/${communityId}/ticket-categories`, method: 'PUT', data: { categories } });
}

/** The county's floors that bind the estate's categories (set by the county regulator). */
export function getDeadlineFloors(communityId: number): Promise<DeadlineFloorsView> {
  return request<DeadlineFloorsView>({ url: `/api/v1/communities/${communityId}/deadline-floors` });
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

export function rateTicket(id: number, input: RatingInput): Promise<TicketView> {
  return request<TicketView>({ url: `/api/v1/tickets/${id}/rating`, method: 'POST', data: input });
}

/** 催办: the API refuses within an hour of the last one (URGE_TOO_SOON) or before the deadline (NOT_OVERDUE). */
export function urgeTicket(id: number): Promise<TicketView> {
  return request<TicketView>({ url: `/api/v1/tickets/${id}/urge`, method: 'POST' });
}

export function followTicket(id: number): Promise<TicketView> {
  return request<TicketView>({ url: `/api/v1/tickets/${id}/follow`, method: 'POST' });
}

export function unfollowTicket(id: number): Promise<TicketView> {
  return request<TicketView>({ url: `/api/v1/tickets/${id}/unfollow`, method: 'POST' });
}

export interface Assignee {
  id: number;
  displayName: string;
  /** 维修工, 保洁… */
  title: string | null;
  role: string;
  /** Tickets assigned to them and not yet resolved, in this estate. */
  openTickets: number;
}

/** Staff (and managers) of the estate's serving company, to assign a ticket to. */
export function listAssignees(communityId: number): Promise<Assignee[]> {
  return request<Assignee[]>({ url: `/api/v1/communities/${communityId}/assignees` });
}

/** 工单统计 of one estate for tickets filed from..to (Asia/Shanghai days, inclusive). */
export function getTicketStats(communityId: number, range: { from: string; to: string }): Promise<TicketStats> {
  return request<TicketStats>({ url: `/api/v1/communities/${communityId}/ticket-stats`, query: { from: range.from, to: range.to } });
}
