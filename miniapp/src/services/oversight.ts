import type {
  AreaOverview,
  AreaView,
  CommunityView,
  CompanyOverview,
  CreditEventKind,
  CreditEventView,
  CreditStanding,
  EscalationView,
  Page,
  StarRatingInput,
  StarRatingsView,
  StarRatingView,
} from '@wuye/contracts';
import { malformedAnswer, request } from './http';
import { downloadXlsx } from './downloads';

/** 统计: a county, town or community office for tickets filed from..to (Asia/Shanghai days, inclusive). */
export async function getAreaOverview(areaId: number, from: string, to: string): Promise<AreaOverview> {
  const overview = await request<AreaOverview>({ url: '/api/v1/stats/overview', query: { areaId, from, to } });
  // The page reads every one of these: without them the answer is an error to show.
  const complete = typeof overview?.metrics === 'object' && overview.metrics !== null && [overview.children, overview.communities, overview.byCategory].every(Array.isArray);
  if (!complete) throw malformedAnswer();
  return overview;
}

/** The same figures per property company, with each company's credit standing. */
export async function getCompanyOverview(areaId: number, from: string, to: string): Promise<CompanyOverview[]> {
  const companies = await request<CompanyOverview[]>({ url: '/api/v1/stats/companies', query: { areaId, from, to } });
  if (!Array.isArray(companies)) throw malformedAnswer();
  return companies;
}

/** Areas (the platform admin's way in: the county at the root). */
export function listAreas(): Promise<Page<AreaView>> {
  return request<Page<AreaView>>({ url: '/api/v1/areas', query: { limit: 100 } });
}

/** An estate with the company of its active contract (residents: their own). */
export function getCommunity(id: number): Promise<CommunityView> {
  return request<CommunityView>({ url: `/api/v1/communities/${id}` });
}

/** 督办 queue of the caller's estates: open (default) or closed escalations, newest first. */
export function listEscalations(
  options: { state?: 'open' | 'closed'; communityId?: number; ticketId?: number; cursor?: string | null; limit?: number } = {},
): Promise<Page<EscalationView>> {
  return request<Page<EscalationView>>({
    url: '/api/v1/escalations',
    query: { state: options.state, communityId: options.communityId, ticketId: options.ticketId, cursor: options.cursor ?? undefined, limit: options.limit ?? 20 },
  });
}

/** 督办意见: a note on the ticket's timeline; the property side is notified. */
export function commentOnEscalation(id: number, note: string): Promise<EscalationView> {
  return request<EscalationView>({ url: `/api/v1/escalations/${id}/comments`, method: 'POST', data: { note } });
}

/** 督办期限: ISO 8601 with offset, e.g. 2026-12-01T18:00:00+08:00. */
export function setEscalationDeadline(id: number, deadlineAt: string, note?: string): Promise<EscalationView> {
  return request<EscalationView>({ url: `/api/v1/escalations/${id}/deadline`, method: 'POST', data: { deadlineAt, note: note || undefined } });
}

export function closeEscalation(id: number, note: string): Promise<EscalationView> {
  return request<EscalationView>({ url: `/api/v1/escalations/${id}/close`, method: 'POST', data: { note } });
}

/** An estate's ratings: the year asked for (its latest version), every version, the indicators, the years open to rating. */
export function getStarRatings(communityId: number, year?: number): Promise<StarRatingsView> {
  return request<StarRatingsView>({ url: `/api/v1/communities/${communityId}/star-ratings`, query: { year } });
}

/** A year's first rating, or a change of its current version (baseVersion and changeReason); 409 STALE_VERSION if it moved on. */
export function rateCommunity(communityId: number, input: StarRatingInput): Promise<StarRatingView> {
  return request<StarRatingView>({ url: `/api/v1/communities/${communityId}/star-ratings`, method: 'POST', data: input });
}

export type CompanyCredit = CreditStanding & { name: string; events: CreditEventView[] };

/** A company's standing over the last 12 months and its latest events: public to every signed-in user. */
export function getCompanyCredit(companyId: number): Promise<CompanyCredit> {
  return request<CompanyCredit>({ url: `/api/v1/companies/${companyId}/credit` });
}

export function listCreditEvents(options: { companyId?: number; cursor?: string | null } = {}): Promise<Page<CreditEventView>> {
  return request<Page<CreditEventView>>({ url: '/api/v1/credit-events', query: { companyId: options.companyId, cursor: options.cursor ?? undefined, limit: 20 } });
}

export interface CreditEventInput {
  companyId: number;
  kind: CreditEventKind;
  /** Only for 信用扣分. */
  points?: number;
  occurredOn: string;
  reason: string;
  communityId?: number;
  managerUserId?: number;
}

export function recordCreditEvent(input: CreditEventInput): Promise<CreditEventView> {
  return request<CreditEventView>({ url: '/api/v1/credit-events', method: 'POST', data: input });
}

/** The project managers of an estate for a company on a day: who a credit event of that day may name. */
export function listCommunityManagers(communityId: number, companyId: number, on: string): Promise<{ id: number; displayName: string }[]> {
  return request<{ id: number; displayName: string }[]>({ url: `/api/v1/communities/${communityId}/managers`, query: { companyId, on } });
}

export function downloadStatsExport(areaId: number, from: string, to: string, areaName: string): Promise<void> {
  return downloadXlsx('/api/v1/stats/export.xlsx', { areaId, from, to }, `${areaName}统计_${from}_${to}.xlsx`);
}
