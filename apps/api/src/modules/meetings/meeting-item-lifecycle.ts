import { MEETING_ITEM_ACTIONS, MEETING_ITEM_TRANSITIONS, type MeetingItemAction, type MeetingItemActor, type MeetingItemRule, type MeetingItemState, type MeetingItemStep } from '@wuye/contracts';
import { DomainError, conflict, invalid } from '../../common/errors';
import type { MeetingItem } from './meeting-item.entity';

/**
 * 议定项目 as one pure engine over MEETING_ITEM_TRANSITIONS, as rectification orders are: every step, a person's
 * (报落实, 核验, 退回) or the scheduler's (逾期), is planned here from the item as it is, the step and who takes it.
 * MeetingItemLifecycleService.apply is the only code that carries a plan out. No I/O.
 */

export type ItemStepInput = { kind: MeetingItemAction; version: number; note?: string } | { kind: 'overdue' };

export interface ItemStepContext {
  now: Date;
  actorId: number | null;
  /** What the one taking the step is to this item (the service works it out from their grants). */
  actors: readonly MeetingItemActor[];
}

export interface ItemPlan {
  step: MeetingItemStep;
  changes: Partial<Pick<MeetingItem, 'state' | 'overdueAt' | 'verifiedAt' | 'doneById'>>;
  /** The update applies only to the item as planned: this state, this version (what the person saw). */
  guard: { state: MeetingItemState; version?: number; overdueUnset?: boolean };
  /** A person's step on an item someone else moved first: 409; the scheduler's: skip. */
  onConflict: DomainError | 'skip';
  event: { actorId: number | null; action: MeetingItemStep; from: MeetingItemState; to: MeetingItemState | null; note: string | null };
}

const WHO: Record<MeetingItemActor, string> = { owner: '只有责任方可以报落实', office: '只有召集会议的社区（街道）可以核验或退回', system: '逾期由系统判定' };

type ItemFacts = Pick<MeetingItem, 'state' | 'overdueAt' | 'doneById'>;

/**
 * Why this step may not be taken now by these actors (`actorId`: the person), or null. A step whose rule says
 * notByReporter is refused to whoever reported the item done: the office reports the party organisations' and the
 * liaison leader's items itself, so another office user or the town's regulator verifies them.
 */
export function itemRefusal(item: ItemFacts, step: MeetingItemStep, actors: readonly MeetingItemActor[], actorId: number | null = null): DomainError | null {
  const rule: MeetingItemRule = MEETING_ITEM_TRANSITIONS[step];
  if (!actors.includes(rule.who)) return new DomainError(403, 'ACTION_NOT_ALLOWED', WHO[rule.who], { step });
  if (!(rule.from as readonly MeetingItemState[]).includes(item.state)) return conflict('ILLEGAL_TRANSITION', rule.notNow, { state: item.state, step });
  if (step === 'overdue' && item.overdueAt) return conflict('ILLEGAL_TRANSITION', '该议定项目已经逾期', { step });
  if (rule.notByReporter && actorId !== null && item.doneById === actorId) return new DomainError(403, 'VERIFIER_IS_REPORTER', rule.notByReporter, { step });
  return null;
}

export function planItemStep(item: MeetingItem, step: ItemStepInput, ctx: ItemStepContext): ItemPlan {
  const refusal = itemRefusal(item, step.kind, ctx.actors, ctx.actorId);
  if (refusal) throw refusal;
  if (step.kind === 'overdue') {
    return {
      step: 'overdue',
      changes: { overdueAt: ctx.now },
      guard: { state: item.state, overdueUnset: true },
      onConflict: 'skip',
      event: { actorId: null, action: 'overdue', from: item.state, to: null, note: null },
    };
  }
  const rule = MEETING_ITEM_TRANSITIONS[step.kind];
  const note = step.note?.trim() || null;
  const needs: { note?: string } = rule.needs;
  if (needs.note === 'required' && !note) throw invalid(step.kind === 'done' ? '请写明落实情况' : '请写明退回的原因', { field: 'note' });
  const to = rule.to as MeetingItemState;
  return {
    step: step.kind,
    // 退回 puts it back to work: the deadline stands, so a late one stays in the 督办 queue.
    changes: { state: to, ...(to === 'verified' ? { verifiedAt: ctx.now } : {}), ...(step.kind === 'done' ? { doneById: ctx.actorId } : {}) },
    guard: { state: item.state, version: step.version },
    onConflict: conflict('STALE_VERSION', '议定项目刚被他人处理过，请刷新后再操作', { state: item.state }),
    event: { actorId: ctx.actorId, action: step.kind, from: item.state, to, note },
  };
}

/**
 * The buttons: the steps these actors may take on the item now, and the ones they would take but may not (the
 * reporter's own verification), with the reason the page shows on the disabled button.
 */
export function itemActions(item: ItemFacts, actors: readonly MeetingItemActor[], actorId: number | null = null): { can: Record<MeetingItemAction, boolean>; blocked: Partial<Record<MeetingItemAction, string>> } {
  const refusals = MEETING_ITEM_ACTIONS.map((step) => [step, itemRefusal(item, step, actors, actorId)] as const);
  return {
    can: Object.fromEntries(refusals.map(([step, refusal]) => [step, refusal === null])) as Record<MeetingItemAction, boolean>,
    blocked: Object.fromEntries(refusals.flatMap(([step, refusal]) => (refusal?.code === 'VERIFIER_IS_REPORTER' ? [[step, refusal.message]] : []))),
  };
}
