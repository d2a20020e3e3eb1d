import type {
  CreateTicketInput,
  Page,
  RatingInput,
  TicketCategory,
  TicketListView,
  TicketState,
  TicketSummary,
  TicketView,
  TransitionInput,
} from '@wuye/contracts';
import { request } from './http';

/** Tickets per page of 我的报事 and the board: a screenful or two. */
export const TICKETS_PAGE_SIZE = 10;

export interface TicketListQuery {
  view: Extract<TicketListView, 'mine' | 'following' | 'community'>;
  communityId?: number;
  states?: readonly TicketState[];
  cursor?: string;
}

/** 我的报事 (mine), 我关注的 (following), the estate's board (community: reporters masked). Newest first. */
export function listTickets(query: TicketListQuery): Promise<Page<TicketSummary>> {
  return request<Page<TicketSummary>>({
    url: '/api/v1/tickets',
    query: {
      view: query.view,
      communityId: query.communityId,
      state: query.states && query.states.length > 0 ? query.states.join(',') : undefined,
      cursor: query.cursor,
      limit: TICKETS_PAGE_SIZE,
    },
  });
}

export function getTicket(id: number): Promise<TicketView> {
  return request<TicketView>({ url: `/api/v1/tickets/${id}` });
}

/** 随手拍: the key makes a retried submission (offline outbox, a double tap) answer the same ticket. */
export function createTicket(input: CreateTicketInput, idempotencyKey: string): Promise<TicketView> {
  return request<TicketView>({ url: '/api/v1/tickets', method: 'POST', data: input, header: { 'Idempotency-Key': idempotencyKey } });
}

/** Open public tickets like the one about to be filed: the resident may follow one instead (我也遇到). */
export function similarTickets(communityId: number, categoryCode: string, place?: string): Promise<TicketSummary[]> {
  return request<TicketSummary[]>({ url: '/api/v1/tickets/similar', query: { communityId, categoryCode, place: place?.trim() || undefined } });
}

export function listCategories(communityId: number): Promise<TicketCategory[]> {
  return request<TicketCategory[]>({ url: `/api/v1/communities/${communityId}/ticket-categories` });
}

export function transitionTicket(id: number, input: TransitionInput): Promise<TicketView> {
  return request<TicketView>({ url: `/api/v1/tickets/${id}/transitions`, method: 'POST', data: input });
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
