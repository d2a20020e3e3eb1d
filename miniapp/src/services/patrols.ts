import type { HazardRegister, PatrolCheckInput, PatrolCheckView, PatrolPlanInput, PatrolPlanUpdate, PatrolPlanView, PatrolPointInput, PatrolPointView, PatrolStats } from '@wuye/contracts';
import { downloadPng } from './downloads';
import { request } from './http';
import { createOutboxQueue, type QueuedEntry } from './outbox-queue';

/** 隐患排查 calls: check points, plans, checks, the hazard register, missed patrols. */

export function listPatrolPoints(communityId: number): Promise<PatrolPointView[]> {
  return request<PatrolPointView[]>({ url: `/api/v1/communities/${communityId}/patrol-points` });
}

export function createPatrolPoint(communityId: number, input: PatrolPointInput): Promise<PatrolPointView> {
  return request<PatrolPointView>({ url: `/api/v1/communities/${communityId}/patrol-points`, method: 'POST', data: input });
}

/** 停用: the point leaves the estate's plans and rounds; its checks stay in the history. */
export function retirePatrolPoint(communityId: number, pointId: number): Promise<void> {
  return request<void>({ url: `/api/v1/communities/${communityId}/patrol-points/${pointId}`, method: 'DELETE' });
}

/** The point's printable QR code. */
export function downloadPatrolCode(point: Pick<PatrolPointView, 'id' | 'name'>): Promise<void> {
  return downloadPng(`/api/v1/patrol-points/${point.id}/code.png`, `巡检码_${point.name}.png`);
}

/** 今日巡检 (mine) or the estate's plans, each with this period's checks. */
export function listPatrolPlans(options: { mine?: boolean; communityId?: number } = {}): Promise<PatrolPlanView[]> {
  return request<PatrolPlanView[]>({ url: '/api/v1/patrol-plans', query: { mine: options.mine || undefined, communityId: options.communityId } });
}

export function createPatrolPlan(input: PatrolPlanInput): Promise<PatrolPlanView> {
  return request<PatrolPlanView>({ url: '/api/v1/patrol-plans', method: 'POST', data: input });
}

export function updatePatrolPlan(id: number, input: PatrolPlanUpdate): Promise<PatrolPlanView> {
  return request<PatrolPlanView>({ url: `/api/v1/patrol-plans/${id}`, method: 'PUT', data: input });
}

export function getHazards(communityId: number): Promise<HazardRegister> {
  return request<HazardRegister>({ url: `/api/v1/communities/${communityId}/hazards` });
}

export function getPatrolStats(communityId: number, month: string): Promise<PatrolStats> {
  return request<PatrolStats>({ url: `/api/v1/communities/${communityId}/patrol-stats`, query: { month } });
}

export interface CheckDraft extends QueuedEntry<Omit<PatrolCheckInput, 'photoIds'>> {
  pointName: string;
}

/**
 * Checks made where there is no signal (pump rooms, basements): kept on the phone with the time they were made and
 * sent with their Idempotency-Key when the network is back — recorded once, one hazard ticket at most.
 */
export const patrolChecks = createOutboxQueue<CheckDraft, PatrolCheckView>('wuye.patrols.outbox', (draft, photoIds) =>
  request<PatrolCheckView>({ url: '/api/v1/patrol-checks', method: 'POST', header: { 'Idempotency-Key': draft.key }, data: { ...draft.input, photoIds } }),
);
