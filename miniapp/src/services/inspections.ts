import type {
  CreateInspectionInput,
  InspectionStats,
  InspectionSummary,
  InspectionTemplateInput,
  InspectionTemplateView,
  InspectionView,
  ItemResultInput,
  Page,
  RectificationAction,
  RectificationState,
  RectificationStepInput,
  RectificationSummary,
  RectificationView,
} from '@wuye/contracts';
import { downloadXlsx } from './downloads';
import { request } from './http';
import { createOutboxQueue, type QueuedEntry } from './outbox-queue';

/** 动态监管 calls: templates, inspections, rectification orders (整改单). */

export function listTemplates(communityId?: number): Promise<InspectionTemplateView[]> {
  return request<InspectionTemplateView[]>({ url: '/api/v1/inspection-templates', query: { communityId } });
}

export function saveTemplate(input: InspectionTemplateInput, id?: number): Promise<InspectionTemplateView> {
  return request<InspectionTemplateView>({ url: id ? `/api/v1/inspection-templates/${id}` : '/api/v1/inspection-templates', method: id ? 'PUT' : 'POST', data: input });
}

export function listInspections(options: { communityId?: number; cursor?: string | null } = {}): Promise<Page<InspectionView>> {
  return request<Page<InspectionView>>({ url: '/api/v1/inspections', query: { communityId: options.communityId, cursor: options.cursor ?? undefined, limit: 20 } });
}

export function getInspection(id: number): Promise<InspectionView> {
  return request<InspectionView>({ url: `/api/v1/inspections/${id}` });
}

/** Residents: their estate's inspections, without notes. */
export function listInspectionSummaries(communityId: number, cursor?: string | null): Promise<Page<InspectionSummary>> {
  return request<Page<InspectionSummary>>({ url: `/api/v1/communities/${communityId}/inspections`, query: { cursor: cursor ?? undefined, limit: 20 } });
}

export function listRectifications(options: { state?: RectificationState; overdue?: boolean; communityId?: number; cursor?: string | null } = {}): Promise<Page<RectificationSummary>> {
  return request<Page<RectificationSummary>>({
    url: '/api/v1/rectifications',
    query: { state: options.state, overdue: options.overdue || undefined, communityId: options.communityId, cursor: options.cursor ?? undefined, limit: 20 },
  });
}

export function getRectification(id: number): Promise<RectificationView> {
  return request<RectificationView>({ url: `/api/v1/rectifications/${id}` });
}

/** 回复整改 / 销号 / 退回, with the version the page shows (409 STALE_VERSION when someone else was first). */
export function takeRectificationStep(id: number, action: RectificationAction, input: RectificationStepInput): Promise<RectificationView> {
  return request<RectificationView>({ url: `/api/v1/rectifications/${id}/${action}`, method: 'POST', data: input });
}

// ─── Offline drafts ───────────────────────────────────────────────────────────────────────────────────────────

/** An item as the draft keeps it: its photos as places in the entry's photo list, uploaded when it is sent. */
export type DraftItem = Omit<ItemResultInput, 'photoIds'> & { photoSlots: number[] };

export interface InspectionDraft extends QueuedEntry<Omit<CreateInspectionInput, 'results'> & { results: DraftItem[] }> {
  communityName: string;
}

/**
 * Inspections written where there is no signal (basements, pump rooms): kept on the phone and sent with their
 * Idempotency-Key when the network is back, like 随手拍 — recorded once however often sending is retried.
 */
export const inspectionDrafts = createOutboxQueue<InspectionDraft, InspectionView>('wuye.inspections.outbox', (draft, photoIds) =>
  request<InspectionView>({
    url: '/api/v1/inspections',
    method: 'POST',
    header: { 'Idempotency-Key': draft.key },
    data: { ...draft.input, results: draft.input.results.map(({ photoSlots, ...item }) => ({ ...item, photoIds: photoSlots.map((slot) => photoIds[slot]) })) },
  }),
);

// ─── Statistics and exports ───────────────────────────────────────────────────────────────────────────────────

/** Per estate of an area in a period ("2026-Q4", "2026-10", "2026"): inspections, average score, orders. */
export function getInspectionStats(areaId: number, period: string): Promise<InspectionStats> {
  return request<InspectionStats>({ url: '/api/v1/inspection-stats', query: { areaId, period } });
}

export function downloadOrdersExport(areaId: number, period: string, areaName: string): Promise<void> {
  return downloadXlsx('/api/v1/rectifications/export.xlsx', { areaId, period }, `${areaName}整改单_${period}.xlsx`);
}

export function downloadInspectionExport(inspection: Pick<InspectionView, 'id' | 'communityName' | 'inspectedOn'>): Promise<void> {
  return downloadXlsx(`/api/v1/inspections/${inspection.id}/export.xlsx`, {}, `${inspection.communityName}检查记录_${inspection.inspectedOn}.xlsx`);
}
