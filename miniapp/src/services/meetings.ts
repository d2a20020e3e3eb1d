import type { AgendaCandidates, AttendanceCompliance, LiaisonInput, LiaisonView, MediationOutcomeInput, MediationView, MeetingStats, CreateMeetingInput, MeetingItemAction, MeetingItemInput, MeetingItemView, MeetingSummary, MeetingView, Page, ReferralTier, ReferralView } from '@wuye/contracts';
import { downloadXlsx } from './downloads';
import { request } from './http';

/** 四方联席会 calls: meetings, their agreed items (议定项目), 督办 referred to them, residents' summary. */

export function listMeetings(options: { communityId?: number; cursor?: string | null } = {}): Promise<Page<MeetingView>> {
  return request<Page<MeetingView>>({ url: '/api/v1/meetings', query: { communityId: options.communityId, cursor: options.cursor ?? undefined, limit: 20 } });
}

export function getMeeting(id: number): Promise<MeetingView> {
  return request<MeetingView>({ url: `/api/v1/meetings/${id}` });
}

/** Sent with a key made once per form: a retry after a lost answer records the meeting once. */
export function recordMeeting(input: CreateMeetingInput, idempotencyKey: string): Promise<MeetingView> {
  return request<MeetingView>({ url: '/api/v1/meetings', method: 'POST', data: input, header: { 'Idempotency-Key': idempotencyKey } });
}

/** 追加议定事项 to a meeting already recorded, with a key made once per form: a retry adds them once. The meeting as it then is. */
export function addMeetingItems(meetingId: number, items: MeetingItemInput[], idempotencyKey: string): Promise<MeetingView> {
  return request<MeetingView>({ url: `/api/v1/meetings/${meetingId}/items`, method: 'POST', data: { items }, header: { 'Idempotency-Key': idempotencyKey } });
}

/** 议定项目 across the caller's estates; overdue: the office's 督办 queue of late items. */
export function listMeetingItems(options: { overdue?: boolean; cursor?: string | null } = {}): Promise<Page<MeetingItemView>> {
  return request<Page<MeetingItemView>>({ url: '/api/v1/meeting-items', query: { overdue: options.overdue || undefined, cursor: options.cursor ?? undefined, limit: 20 } });
}

/** 报落实 / 核验 / 退回, with the version the page shows (409 STALE_VERSION when someone else was first). */
export function takeItemStep(id: number, action: MeetingItemAction, version: number, note?: string): Promise<MeetingItemView> {
  return request<MeetingItemView>({ url: `/api/v1/meeting-items/${id}/transitions`, method: 'POST', data: { action, version, note } });
}

/** Residents: their estate's meetings — the date and the agreed items with their states. */
export function listMeetingSummaries(communityId: number, cursor?: string | null): Promise<Page<MeetingSummary>> {
  return request<Page<MeetingSummary>>({ url: `/api/v1/communities/${communityId}/meetings`, query: { cursor: cursor ?? undefined, limit: 20 } });
}

/** The form's agenda for the estates the meeting covers: referred 督办, owners' questions on disclosures, rectification orders. */
export function getAgendaCandidates(communityIds: number[]): Promise<AgendaCandidates> {
  return request<AgendaCandidates>({ url: '/api/v1/meeting-agenda', query: { communityIds: communityIds.join(',') } });
}

/** 挂钩领导 per estate of an area and their attendance in a quarter (default: this one). */
export function getAttendance(areaId: number, period?: string): Promise<AttendanceCompliance> {
  return request<AttendanceCompliance>({ url: '/api/v1/liaisons', query: { areaId, period } });
}

/** The county assigns a leader to an estate (the one before steps down). */
export function assignLiaison(input: LiaisonInput): Promise<LiaisonView> {
  return request<LiaisonView>({ url: '/api/v1/liaisons', method: 'POST', data: input });
}

/** Tickets referred to the estate's next meeting (the form's agenda). */
export function listReferrals(communityId: number): Promise<ReferralView[]> {
  return request<ReferralView[]>({ url: '/api/v1/referrals', query: { communityId } });
}

/** The 督办 sent up to the town: a town regulator's queue (an office sees what it sent), newest first. */
export async function listTownReferrals(): Promise<Page<ReferralView>> {
  return { items: await request<ReferralView[]>({ url: '/api/v1/referrals', query: { to: 'town' } }), nextCursor: null };
}

/** From the 督办 queue, a tier up. */
export function referEscalation(id: number, to: ReferralTier): Promise<ReferralView> {
  return request<ReferralView>({ url: `/api/v1/escalations/${id}/refer`, method: 'POST', data: { to } });
}

/** Per estate of an area and period: meetings, items agreed / done / verified, disputes taken / resolved. */
export function getMeetingStats(areaId: number, period: string): Promise<MeetingStats> {
  return request<MeetingStats>({ url: '/api/v1/meeting-stats', query: { areaId, period } });
}

export function downloadMeetingStats(areaId: number, period: string, areaName: string): Promise<void> {
  return downloadXlsx('/api/v1/meeting-stats/export.xlsx', { areaId, period }, `${areaName}联席会议_${period}.xlsx`);
}

/** Mediations of the caller's area (parties masked unless the caller's office keeps the record). */
export function listMediations(cursor?: string | null): Promise<Page<MediationView>> {
  return request<Page<MediationView>>({ url: '/api/v1/mediations', query: { cursor: cursor ?? undefined, limit: 20 } });
}

export function getMediation(id: number): Promise<MediationView> {
  return request<MediationView>({ url: `/api/v1/mediations/${id}` });
}

export function recordMediationOutcome(id: number, input: MediationOutcomeInput): Promise<MediationView> {
  return request<MediationView>({ url: `/api/v1/mediations/${id}/outcome`, method: 'POST', data: input });
}
