import { RECTIFICATION_ACTIONS, RECTIFICATION_TRANSITIONS, shanghaiDateTime, type RectificationAction, type RectificationActor, type RectificationState, type RectificationStep } from '@wuye/contracts';
import { DomainError, conflict, invalid } from '../../common/errors';
import type { Rectification } from './rectification.entity';

/**
 * 整改单 as one pure engine over RECTIFICATION_TRANSITIONS: every step, a person's (回复, 销号, 退回) or the
 * scheduler's (逾期), is planned here from the order as it is, the step and who takes it. The plan names the
 * changes, the guard the update must meet, the timeline entry and who is told; RectificationLifecycleService.apply is the only
 * code that carries one out. No I/O: the table test runs every step × state × actor against it.
 */

export type OrderStepInput =
  | { kind: RectificationAction; version: number; note?: string; photoIds?: number[] }
  | { kind: 'overdue' }
  /** A joint meeting took the order up: a timeline entry only, by the office (or town) that keeps the meeting. */
  | { kind: 'meeting'; note: string };

export interface OrderStepContext {
  now: Date;
  actorId: number | null;
  /** What the one taking the step is to this order (the service works it out from their grants). */
  actors: readonly RectificationActor[];
}

export interface OrderPlan {
  step: RectificationStep | 'meeting';
  changes: Partial<Pick<Rectification, 'state' | 'overdueAt' | 'verifiedAt'>>;
  /** The update applies only to the order as planned: this state, this version (what the person saw). */
  guard: { state: RectificationState; version?: number; overdueUnset?: boolean };
  /** A person's step on an order someone else moved first: 409; the scheduler's: skip. */
  onConflict: DomainError | 'skip';
  event: { actorId: number | null; action: RectificationStep | 'meeting'; from: RectificationState; to: RectificationState | null; note: string | null; photoIds: number[] };
  /** An in-app notice: a returned order to the company's manager, an overdue one to the issuing office. */
  notice: OrderNotice | null;
}

export interface OrderNotice {
  to: 'manager' | 'issuer';
  kind: 'rectification_returned' | 'rectification_overdue';
  title: string;
  body: string;
}

/** Why this step may not be taken now by these actors, or null. */
export function orderRefusal(order: Pick<Rectification, 'state' | 'overdueAt'>, step: RectificationStep, actors: readonly RectificationActor[]): DomainError | null {
  const rule = RECTIFICATION_TRANSITIONS[step];
  if (!actors.includes(rule.who)) return new DomainError(403, 'ACTION_NOT_ALLOWED', rule.who === 'manager' ? '只有被整改小区的物业项目经理可以回复整改单' : '只有检查单位可以销号或退回整改单', { step });
  if (!(rule.from as readonly RectificationState[]).includes(order.state)) return conflict('ILLEGAL_TRANSITION', rule.notNow, { state: order.state, step });
  if (step === 'overdue' && order.overdueAt) return conflict('ILLEGAL_TRANSITION', '该整改单已经逾期', { step });
  return null;
}

export function planOrderStep(order: Rectification, step: OrderStepInput, ctx: OrderStepContext): OrderPlan {
  if (step.kind === 'meeting') {
    if (!ctx.actors.includes('issuer')) throw new DomainError(403, 'ACTION_NOT_ALLOWED', '只有检查单位可以把整改单提交联席会', { step: 'meeting' });
    // Neighbours never read an order, but the text came from a meeting form: masked all the same.
    return { step: 'meeting', changes: {}, guard: { state: order.state }, onConflict: 'skip', event: { actorId: ctx.actorId, action: 'meeting', from: order.state, to: null, note: step.note, photoIds: [] }, notice: null };
  }
  const refusal = orderRefusal(order, step.kind, ctx.actors);
  if (refusal) throw refusal;
  const rule = RECTIFICATION_TRANSITIONS[step.kind];
  if (step.kind === 'overdue') {
    return {
      step: 'overdue',
      changes: { overdueAt: ctx.now },
      guard: { state: order.state, overdueUnset: true },
      onConflict: 'skip',
      event: { actorId: null, action: 'overdue', from: order.state, to: null, note: null, photoIds: [] },
      notice: { to: 'issuer', kind: 'rectification_overdue', title: '整改单逾期未整改', body: `#${order.id} ${order.itemText}（整改期限 ${shanghaiDateTime(order.deadlineAt)}）` },
    };
  }
  const note = step.note?.trim() || null;
  const photoIds = step.photoIds ?? [];
  const needs: { note?: string; photos?: number } = rule.needs;
  if (needs.note === 'required' && !note) throw invalid(step.kind === 'reply' ? '请写明整改情况' : '请写明退回的原因', { field: 'note' });
  if (needs.photos && photoIds.length < needs.photos) throw invalid('请至少上传一张整改后的照片', { field: 'photoIds' });
  if (!needs.photos && photoIds.length) throw invalid('这一步不附照片', { field: 'photoIds' });
  const to = rule.to as RectificationState;
  return {
    step: step.kind,
    changes: { state: to, ...(to === 'verified' ? { verifiedAt: ctx.now } : {}) },
    guard: { state: order.state, version: step.version },
    onConflict: conflict('STALE_VERSION', '整改单刚被他人处理过，请刷新后再操作', { state: order.state }),
    event: { actorId: ctx.actorId, action: step.kind, from: order.state, to, note, photoIds },
    notice: step.kind === 'return' ? { to: 'manager', kind: 'rectification_returned', title: '整改单被退回，请重新整改', body: `#${order.id} ${order.itemText}：${note}` } : null,
  };
}

/** The buttons: the steps these actors may take on the order now. */
export function orderActions(order: Pick<Rectification, 'state' | 'overdueAt'>, actors: readonly RectificationActor[]): Record<RectificationAction, boolean> {
  return Object.fromEntries(RECTIFICATION_ACTIONS.map((step) => [step, orderRefusal(order, step, actors) === null])) as Record<RectificationAction, boolean>;
}
