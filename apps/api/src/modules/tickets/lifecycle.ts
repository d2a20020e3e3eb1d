import {
  AUTO_CLOSE_DAYS,
  MAX_REOPENS,
  OPEN_TICKET_STATES,
  WORKING_TICKET_STATES,
  RATING_WINDOW_DAYS,
  RETURN_VISIT_ACTIONS,
  RETURN_VISIT_HORIZON_DAYS,
  RETURN_VISIT_TRIES,
  TICKET_ACTION_LABELS,
  TICKET_EVENT_LABELS,
  TICKET_SOURCE_LABELS,
  TICKET_STATE_LABELS,
  TICKET_TRANSITIONS,
  shanghaiDate,
  shanghaiDateTime,
  type ErrorCode,
  type ReferralTier,
  type TicketAction,
  type TicketActor,
  type TicketState,
} from '@wuye/contracts';
import { DomainError, conflict, invalid } from '../../common/errors';
import { scrubPersonal } from '../../common/privacy';
import type { TemplateKind, NotificationDraft } from '../notifications/notifications.service';
import { isOverdue, ticketDeadlines, type CategoryDeadlines } from './deadlines';
import type { EscalationReason } from './escalation.entity';
import type { EventActorRole } from './ticket-event.entity';
import type { Ticket } from './ticket.entity';

/**
 * The ticket lifecycle as one pure engine: every step of a ticket, a person's (受理, 反馈, 评价, 催办…) or the system's
 * (超时, 督办, 自动办结), is planned here from the ticket as it is, the step and who takes it. The plan says what
 * changes, the timeline events, whether the ticket goes to the community office, and who hears of it.
 * TicketLifecycleService.apply is the only code that carries a plan out; nothing else writes a ticket's state or
 * its timeline, apart from the insert of a new ticket as 'submitted' (its first event is the 'create' step), the
 * demo seed, which writes a finished history, and src/scripts/seed-scale.ts, which bulk-inserts tickets and their
 * events for benchmarks. No I/O here: the table test runs every step without a database.
 */

/** Who takes a step: those of TICKET_TRANSITIONS, and those of the other steps (staff filing 代报, say). */
export type StepActor = TicketActor | 'staff' | 'follower' | 'system' | 'hotline';

export const ESCALATION_REASON_LABELS: Record<EscalationReason, string> = {
  response_overdue: '超时未受理',
  resolution_overdue: '超时未办结',
  reopened_twice: '业主两次不满意',
  appeal: '业主对不予受理申诉',
  complaint: '业主多次不满意，向社区申诉',
};

export type TicketStep =
  | { kind: 'create' }
  | {
      kind: TicketAction;
      version: number;
      reason?: string;
      note?: string;
      photoIds?: number[];
      /** assign: a staff member of the estate (checked by the service) or an outside body. */
      assigneeId?: number;
      externalAssignee?: string;
    }
  | { kind: 'rate'; stars: number; tags: string[]; comment: string | null }
  | { kind: 'urge' }
  | { kind: 'follow' }
  | { kind: 'unfollow' }
  | { kind: 'overdue'; deadline: 'response' | 'resolution' }
  | { kind: 'auto_close' }
  /** An app reporter left a closed ticket unrated past the rating window: a return visit (回访) is due. */
  | { kind: 'visit_due' }
  /** The company the assignee worked for no longer serves the estate: back to its inbox, unassigned. */
  | { kind: 'handover' }
  | { kind: 'office_comment'; note: string }
  | { kind: 'office_deadline'; deadlineAt: Date; note?: string }
  | { kind: 'escalation_closed'; note: string; othersOpen: boolean }
  /** 小事不出小区、大事不出社区: the office sent the ticket up a tier; what the meeting agreed; how mediation ended. */
  | { kind: 'referred'; to: ReferralTier }
  | { kind: 'meeting_decision'; note: string }
  | { kind: 'mediation_outcome'; note: string };

export type StepKind = TicketStep['kind'];

export interface StepContext {
  now: Date;
  actorId: number | null;
  /** What the one taking the step is to this ticket. */
  actors: readonly StepActor[];
  /** The deadlines of the ticket's category now (null when it was removed): reopen and appeal restart the clock. */
  category?: CategoryDeadlines | null;
  /** follow: this person followed it before (and stopped): following again adds nothing to the timeline. */
  followedBefore?: boolean;
}

/** Who hears of a step. */
export type Audience = 'reporter' | 'followers' | 'managers' | 'assignee' | 'office';

export interface PlannedNotice extends NotificationDraft {
  to: Audience[];
}

export interface PlannedEvent {
  actorId: number | null;
  actorRole: EventActorRole;
  action: string;
  from: TicketState | null;
  to: TicketState | null;
  note: string | null;
  /** Uploads the actor attaches (claimed when the plan is applied). */
  photoIds: number[];
}

export type TicketChanges = Partial<Omit<Ticket, 'id' | 'version' | 'createdAt' | 'updatedAt'>>;

/** An error described, not built: a plan names the refusal it would give, and only a conflict raises it. */
export interface Refusal {
  code: ErrorCode;
  message: string;
}

export interface TicketPlan {
  step: StepKind;
  /** The row is new: nothing to update, it counts in the statistics from nothing. */
  created: boolean;
  changes: TicketChanges;
  /** Added to counters in the same statement, so concurrent steps of different people never lose one. */
  increments: Partial<Record<'followerCount', number>>;
  /**
   * The update applies only to the ticket as planned: in this state, at this version (a person's action on what
   * they saw), with these columns still empty (a flag set once). When the row moved on, `onConflict` decides:
   * refuse with that error, or skip (a system step someone else already took).
   */
  guard: { state: TicketState; version?: number; unset?: ('ratingStars' | 'responseOverdueAt' | 'resolutionOverdueAt' | 'escalatedAt' | 'returnVisit')[] };
  onConflict: Refusal | 'skip';
  events: PlannedEvent[];
  /** Put before the community office (督办): a new escalation, or one more reason on the one already open. */
  escalate: { reason: EscalationReason; join: boolean } | null;
  notices: PlannedNotice[];
}

/** The steps that are not actions of TICKET_TRANSITIONS: from which states, by whom. */
export const TICKET_SIDE_STEPS: readonly { kind: Exclude<StepKind, TicketAction>; from: readonly TicketState[] | 'any'; actors: readonly StepActor[] }[] = [
  // A resident in the app, a hotline through Open311, or the property side or the office for a caller (代报).
  { kind: 'create', from: ['submitted'], actors: ['reporter', 'hotline', 'manager', 'staff', 'office'] },
  { kind: 'rate', from: ['resolved', 'closed'], actors: ['reporter'] },
  { kind: 'urge', from: OPEN_TICKET_STATES, actors: ['reporter', 'follower'] },
  { kind: 'follow', from: [...OPEN_TICKET_STATES, 'resolved'], actors: ['follower'] },
  { kind: 'unfollow', from: 'any', actors: ['follower'] },
  { kind: 'overdue', from: OPEN_TICKET_STATES, actors: ['system'] },
  { kind: 'auto_close', from: ['resolved'], actors: ['system'] },
  { kind: 'visit_due', from: ['closed'], actors: ['system'] },
  { kind: 'handover', from: WORKING_TICKET_STATES, actors: ['system'] },
  { kind: 'office_comment', from: 'any', actors: ['office'] },
  { kind: 'office_deadline', from: 'any', actors: ['office'] },
  { kind: 'escalation_closed', from: 'any', actors: ['office'] },
  { kind: 'referred', from: 'any', actors: ['office'] },
  { kind: 'meeting_decision', from: 'any', actors: ['office'] },
  { kind: 'mediation_outcome', from: 'any', actors: ['office'] },
];

/** What the ticket's timeline says when the office sends it up a tier. */
const REFERRAL_NOTES: Record<ReferralTier, string> = { meeting: '已提交联席会，待会议议定', town: '已上报街道（乡镇）协调处理', mediation: '已转人民调解' };

const notAllowed = (message: string) => new DomainError(403, 'ACTION_NOT_ALLOWED', message);
const stale: Refusal = { code: 'STALE_VERSION', message: '工单刚被他人处理过，请刷新后再操作' };
const ROLE_OF: Record<StepActor, EventActorRole> = {
  reporter: 'reporter',
  manager: 'manager',
  assignee: 'staff',
  staff: 'staff',
  follower: 'follower',
  office: 'office',
  system: 'system',
  hotline: 'hotline',
};

/** "设施故障：3栋电梯按钮失灵…": how a ticket is named in messages (masked before it is cut: no half phone numbers). */
export const ticketSubject = (t: Pick<Ticket, 'categoryName' | 'description'>, length = 14) => `${t.categoryName}：${scrubPersonal(t.description).slice(0, length)}`;

function subscribeFields(t: Ticket, state: string, hint: string, at: string): Pick<NotificationDraft, 'fields'> {
  return { fields: { thing1: ticketSubject(t), phrase2: state, time3: at, thing4: hint } };
}

/** What the people around a ticket hear when it reaches `state` by `action`. */
function noticesFor(action: string, t: Ticket, text: string | null, now: Date): PlannedNotice[] {
  const subject = ticketSubject(t);
  const at = shanghaiDateTime(now);
  const ticketId = t.id;
  const closed = (body: string, hint: string, template: TemplateKind = 'closed'): PlannedNotice => ({
    to: ['reporter'],
    kind: 'ticket_closed',
    title: '工单已办结',
    body,
    ticketId,
    template,
    ...subscribeFields(t, '已办结', hint, at),
  });
  switch (action) {
    case 'create':
      return [{ to: ['managers'], kind: 'ticket_new', title: `新工单：${t.categoryName}${t.emergency ? '（紧急）' : ''}`, body: scrubPersonal(t.description).slice(0, 100), ticketId }];
    case 'accept':
      return [{ to: ['reporter'], kind: 'ticket_accepted', title: '工单已受理', body: `您反映的“${subject}”已受理，正在安排处理`, ticketId, template: 'accepted', ...subscribeFields(t, '已受理', '物业正在安排处理', at) }];
    case 'reject':
      return [{ to: ['reporter'], kind: 'ticket_rejected', title: '工单不予受理', body: `原因：${text ?? ''}。如有异议可申诉`, ticketId }];
    case 'assign':
      return t.assigneeId ? [{ to: ['assignee'], kind: 'ticket_assigned', title: '新的派单', body: subject, ticketId }] : [];
    case 'resolve':
      return [
        { to: ['reporter'], kind: 'ticket_resolved', title: '工单已处理，请评价', body: `“${subject}”已处理：${text ?? ''}`, ticketId, template: 'resolved', ...subscribeFields(t, '待评价', '请确认处理结果并评价', at) },
        { to: ['followers'], kind: 'ticket_resolved', title: '您关注的问题已处理', body: subject, ticketId },
      ];
    case 'close':
      return [closed(subject, '感谢您的反馈')];
    case 'auto_close':
      return [closed(`${ticketSubject(t, 30)}（${AUTO_CLOSE_DAYS} 天未确认，自动办结，仍可评价）`, '仍可在小程序中评价')];
    case 'reopen':
      return [{ to: ['managers'], kind: 'ticket_reopen', title: '业主不满意，工单重新办理', body: `#${t.id} ${subject}：${text ?? ''}`, ticketId }];
    case 'visit_dissatisfied':
      return [{ to: ['managers'], kind: 'ticket_reopen', title: '回访不满意，工单重新办理', body: `#${t.id} ${subject}：${text ?? ''}`, ticketId }];
    case 'visit_due':
      return [{ to: ['managers', 'office'], kind: 'ticket_visit_due', title: '工单待回访', body: `#${t.id} ${subject}（报事人 ${RATING_WINDOW_DAYS} 天内未评价）`, ticketId }];
    case 'appeal':
      return [{ to: ['managers'], kind: 'ticket_appeal', title: '业主申诉', body: `#${t.id} ${subject}：${text ?? ''}`, ticketId }];
    case 'complain':
      return [{ to: ['managers'], kind: 'ticket_complaint', title: '业主向社区申诉', body: `#${t.id} ${subject}：${text ?? ''}`, ticketId }];
    case 'urge':
      return [{ to: ['managers', 'assignee'], kind: 'ticket_urged', title: '业主催办', body: `#${t.id} ${ticketSubject(t, 40)}`, ticketId }];
    case 'office_comment':
      return [{ to: ['managers', 'assignee'], kind: 'escalation_update', title: '社区督办意见', body: `#${t.id} ${t.categoryName}：${text ?? ''}`, ticketId }];
    case 'deadline':
      return [{ to: ['managers', 'assignee'], kind: 'escalation_update', title: '社区设定督办期限', body: `#${t.id} ${t.categoryName}：${text ?? ''}`, ticketId }];
    case 'escalation_closed':
      return [{ to: ['managers', 'assignee'], kind: 'escalation_update', title: '督办已结束', body: `#${t.id} ${t.categoryName}：${text ?? ''}`, ticketId }];
    default:
      return [];
  }
}

function requireText(value: string | undefined, message: string, field: string): string {
  const text = value?.trim();
  if (!text) throw invalid(message, { field });
  return text;
}

/** Plans one step, or refuses it with the error the person sees. Pure: same ticket, step and context, same plan. */
export function planTicketStep(t: Ticket, step: TicketStep, ctx: StepContext): TicketPlan {
  const { now } = ctx;
  const base = (actor: StepActor, action: string, to: TicketState, note: string | null, photoIds: number[] = []): TicketPlan => ({
    step: step.kind,
    created: false,
    changes: to === t.state ? {} : { state: to },
    increments: {},
    guard: { state: t.state },
    onConflict: stale,
    events: [{ actorId: ctx.actorId, actorRole: ROLE_OF[actor], action, from: t.state, to, note, photoIds }],
    escalate: null,
    notices: noticesFor(action, t, note, now),
  });
  /** Who takes a step that is not an action, if they may, in this state; else the refusals given. */
  const sideActor = (kind: Exclude<StepKind, TicketAction>, refuse: () => DomainError, wrongState?: () => DomainError): StepActor => {
    const rule = TICKET_SIDE_STEPS.find((s) => s.kind === kind) as (typeof TICKET_SIDE_STEPS)[number];
    const actor = rule.actors.find((a) => ctx.actors.includes(a));
    if (!actor) throw refuse();
    if (rule.from !== 'any' && !rule.from.includes(t.state)) {
      throw wrongState?.() ?? conflict('ILLEGAL_TRANSITION', `工单当前为“${TICKET_STATE_LABELS[t.state]}”，不能这样操作`, { state: t.state, step: kind });
    }
    return actor;
  };
  // One open escalation per ticket: while one is open, a new reason is added to it (its timeline and the office's
  // notice), not a second escalation. Opening one is guarded, so two steps at once cannot open two.
  const withEscalation = (plan: TicketPlan, reason: EscalationReason): TicketPlan => {
    const join = t.escalatedAt !== null;
    plan.escalate = { reason, join };
    if (!join) {
      plan.changes.escalatedAt = now;
      plan.guard.unset = [...(plan.guard.unset ?? []), 'escalatedAt'];
    }
    const note = `${join ? '督办中，补充原因' : '已提请社区督办'}：${ESCALATION_REASON_LABELS[reason]}`;
    plan.events.push({ actorId: null, actorRole: 'system', action: 'escalated', from: plan.events[0].to, to: plan.events[0].to, note, photoIds: [] });
    return plan;
  };

  switch (step.kind) {
    case 'create': {
      const actor = sideActor('create', () => notAllowed('无法提交报事'));
      // 代报: the timeline says by which channel the caller came (never who the caller is: neighbours read it).
      const proxy = actor === 'manager' || actor === 'staff' || actor === 'office';
      const plan = base(actor, 'created', 'submitted', proxy ? `${TICKET_SOURCE_LABELS[t.source]}代报` : null);
      plan.events[0].from = null;
      plan.notices = noticesFor('create', t, null, now);
      return { ...plan, created: true };
    }

    case 'rate': {
      const notYet = () => conflict('ILLEGAL_TRANSITION', `工单当前为“${TICKET_STATE_LABELS[t.state]}”，处理完成后才能评价`);
      sideActor('rate', () => notAllowed('只有报事人可以评价'), notYet);
      if (t.ratingStars !== null) throw conflict('ALREADY_RATED', '您已经评价过了');
      // The property side does not rate its own estate's work (内部报事): it would bend the satisfaction figures.
      if (t.source === 'internal') throw conflict('INTERNAL_TICKET', '内部报事不参与评价');
      // A ticket closed without ever being resolved (cancelled, say) has nothing to rate.
      if (t.state === 'closed' && t.resolvedAt === null) throw notYet();
      if (t.state === 'closed' && t.closedAt && t.closedAt.getTime() + RATING_WINDOW_DAYS * 86400_000 < now.getTime()) {
        throw conflict('RATING_CLOSED', `工单办结已超过 ${RATING_WINDOW_DAYS} 天，不能再评价`);
      }
      // Rating a resolved ticket also closes it (the reporter confirmed it); rating a closed one only records it.
      const closes = t.state === 'resolved';
      const to: TicketState = closes ? 'closed' : t.state;
      const plan = base('reporter', 'rate', to, `${'★'.repeat(step.stars)}${step.comment ? ` ${step.comment}` : ''}`);
      Object.assign(plan.changes, { ratingStars: step.stars, ratingTags: step.tags, ratingComment: step.comment, ratedAt: now }, closes ? { closedAt: now } : {});
      plan.guard.unset = ['ratingStars'];
      plan.onConflict = { code: 'ALREADY_RATED', message: '您已经评价过了' };
      plan.notices = closes ? noticesFor('close', t, null, now) : [];
      return plan;
    }

    case 'urge': {
      const inTime = () => conflict('NOT_OVERDUE', '工单还在办理时限内，超时后才能催办');
      const actor = sideActor('urge', () => notAllowed('只有报事人或关注者可以催办'), inTime);
      if (!isOverdue(t, now.getTime())) throw inTime();
      return { ...base(actor, 'urge', t.state, '催办'), guard: { state: t.state }, onConflict: 'skip' };
    }

    case 'follow':
    case 'unfollow': {
      if (step.kind === 'follow' && ctx.actors.includes('reporter')) throw conflict('OWN_TICKET', '这是您自己反映的问题');
      const actor = sideActor(step.kind, () => notAllowed('无法关注该问题'), () => conflict('ILLEGAL_TRANSITION', '该问题已经办结，无需再关注'));
      const plan = base(actor, 'follow', t.state, '我也遇到了（+1）');
      plan.increments.followerCount = step.kind === 'follow' ? 1 : -1;
      plan.onConflict = 'skip';
      // Only the first 我也遇到 of a person is news: following, stopping and following again adds nothing.
      if (step.kind === 'unfollow' || ctx.followedBefore) plan.events = [];
      return plan;
    }

    case 'overdue': {
      const response = step.deadline === 'response';
      const inTime = () => conflict('ILLEGAL_TRANSITION', `工单未超过${response ? '受理' : '办结'}时限`);
      sideActor('overdue', () => notAllowed('超时由系统判定'), inTime);
      const due = response ? t.responseDueAt : t.resolutionDueAt;
      const flagged = response ? t.responseOverdueAt : t.resolutionOverdueAt;
      const states: readonly TicketState[] = response ? ['submitted'] : WORKING_TICKET_STATES;
      if (!states.includes(t.state) || flagged !== null || due.getTime() >= now.getTime()) throw inTime();
      const plan = base('system', 'overdue', t.state, response ? '超过受理时限' : '超过办结时限');
      plan.changes[response ? 'responseOverdueAt' : 'resolutionOverdueAt'] = now;
      plan.guard.unset = [response ? 'responseOverdueAt' : 'resolutionOverdueAt'];
      plan.onConflict = 'skip';
      return withEscalation(plan, response ? 'response_overdue' : 'resolution_overdue');
    }

    case 'auto_close': {
      const early = () => conflict('ILLEGAL_TRANSITION', `工单反馈后 ${AUTO_CLOSE_DAYS} 天才会自动办结`);
      sideActor('auto_close', () => notAllowed('自动办结由系统执行'), early);
      if (t.resolvedAt === null || t.resolvedAt.getTime() >= now.getTime() - AUTO_CLOSE_DAYS * 86400_000) throw early();
      // While the community office handles it (督办), it does not close by itself.
      if (t.escalatedAt !== null) throw conflict('ILLEGAL_TRANSITION', '社区督办中的工单不会自动办结');
      // Nobody in the app would hear of it, or a return visit is due: it closes by a return visit, never silently.
      if (t.reporterId === null || t.returnVisit === 'due') throw conflict('ILLEGAL_TRANSITION', '需要回访的工单不会自动办结');
      const plan = base('system', 'auto_close', 'closed', `反馈后 ${AUTO_CLOSE_DAYS} 天未确认，自动办结`);
      plan.changes.closedAt = now;
      plan.onConflict = 'skip';
      // Subscribe messages show the Shanghai date, as every other time a resident reads.
      plan.notices = noticesFor('auto_close', t, null, now).map((n) => ({ ...n, fields: n.fields && { ...n.fields, time3: shanghaiDate(now) } }));
      return plan;
    }

    case 'visit_due': {
      const early = () => conflict('ILLEGAL_TRANSITION', `报事人还可以在办结后 ${RATING_WINDOW_DAYS} 天内评价，之后才回访`);
      sideActor('visit_due', () => notAllowed('回访由系统安排'), early);
      const windowOver = t.closedAt !== null && t.closedAt.getTime() + RATING_WINDOW_DAYS * 86400_000 < now.getTime();
      if (t.source !== 'app' || t.reporterId === null || t.resolvedAt === null || t.ratingStars !== null || t.returnVisit !== null || !windowOver) throw early();
      if ((t.closedAt as Date).getTime() + (RATING_WINDOW_DAYS + RETURN_VISIT_HORIZON_DAYS) * 86400_000 < now.getTime()) {
        throw conflict('ILLEGAL_TRANSITION', `评价期结束已超过 ${RETURN_VISIT_HORIZON_DAYS} 天，不再回访`);
      }
      const plan = base('system', 'visit_due', t.state, `报事人 ${RATING_WINDOW_DAYS} 天内未评价，待回访`);
      Object.assign(plan.changes, { returnVisit: 'due', returnVisitTries: 0, returnVisitTriedOn: null });
      plan.guard.unset = ['ratingStars', 'returnVisit'];
      plan.onConflict = 'skip';
      return plan;
    }

    case 'handover': {
      sideActor('handover', () => notAllowed('交接由系统执行'));
      const plan = base('system', 'handover', 'accepted', '原物业服务合同已结束：原处理人不再负责，工单退回本小区现在的物业重新派单');
      Object.assign(plan.changes, { assigneeId: null, externalAssignee: null });
      plan.onConflict = 'skip';
      plan.notices = [{ to: ['managers'], kind: 'ticket_handover', title: '交接工单待重新派单', body: `#${t.id} ${ticketSubject(t, 40)}`, ticketId: t.id }];
      return plan;
    }

    case 'office_comment':
    case 'office_deadline':
    case 'escalation_closed': {
      sideActor(step.kind, () => notAllowed('只有社区（村）可以督办'));
      const action = step.kind === 'office_deadline' ? 'deadline' : step.kind;
      const note =
        step.kind === 'office_deadline'
          ? `督办期限：${shanghaiDateTime(step.deadlineAt)}${step.note?.trim() ? `。${step.note.trim()}` : ''}`
          : requireText(step.note, step.kind === 'office_comment' ? '请填写督办意见' : '请填写结束督办的说明', 'note');
      const plan = base('office', action, t.state, step.kind === 'escalation_closed' ? `督办结束：${note}` : note);
      plan.notices = noticesFor(action, t, note, now);
      plan.onConflict = 'skip';
      if (step.kind === 'escalation_closed' && !step.othersOpen) plan.changes.escalatedAt = null;
      return plan;
    }

    case 'referred':
    case 'meeting_decision':
    case 'mediation_outcome': {
      sideActor(step.kind, () => notAllowed('只有社区（村）可以这样处理督办'));
      // Neighbours read the timeline: what the office wrote is masked as every text that leaves it is.
      const action = step.kind === 'referred' ? `referred_${step.to}` : step.kind;
      const note = step.kind === 'referred' ? REFERRAL_NOTES[step.to] : step.kind === 'meeting_decision' ? `联席会议定：${scrubPersonal(step.note)}` : `调解结果：${scrubPersonal(step.note)}`;
      const plan = base('office', action, t.state, note);
      plan.notices = [{ to: ['managers'], kind: 'escalation_update', title: TICKET_EVENT_LABELS[action], body: `#${t.id} ${t.categoryName}：${note}`, ticketId: t.id }];
      plan.onConflict = 'skip';
      return plan;
    }

    default:
      return planAction(t, step, ctx, base, withEscalation);
  }
}

/** A person's action from TICKET_TRANSITIONS (受理, 转办, 反馈, 重新办理…). */
function planAction(
  t: Ticket,
  step: Extract<TicketStep, { version: number }>,
  ctx: StepContext,
  base: (actor: StepActor, action: string, to: TicketState, note: string | null, photoIds?: number[]) => TicketPlan,
  withEscalation: (plan: TicketPlan, reason: EscalationReason) => TicketPlan,
): TicketPlan {
  const rule = TICKET_TRANSITIONS.find((r) => r.action === step.kind);
  if (!rule) throw invalid('未知的操作', { field: 'action' });
  const visit = RETURN_VISIT_ACTIONS.includes(rule.action);
  const label = TICKET_ACTION_LABELS[rule.action];
  const actor = rule.actors.find((a) => ctx.actors.includes(a));
  if (!actor) throw notAllowed(`您不能对该工单执行“${label}”`);
  if (!rule.from.includes(t.state)) {
    throw conflict('ILLEGAL_TRANSITION', `工单当前为“${TICKET_STATE_LABELS[t.state]}”，不能执行“${label}”`, { state: t.state, action: rule.action });
  }
  if (step.version !== t.version) throw conflict('STALE_VERSION', '工单刚被他人处理过，请刷新后再操作', { version: t.version });
  if (visit && t.returnVisit !== 'due') throw conflict('RETURN_VISIT_NOT_DUE', '该工单现在不需要回访', { returnVisit: t.returnVisit });
  const today = shanghaiDate(ctx.now);
  if (rule.action === 'visit_unreachable' && t.returnVisitTriedOn === today) {
    throw conflict('RETURN_VISIT_SAME_DAY', `今天已经回访过一次；${RETURN_VISIT_TRIES} 次回访须在不同的日子，请明天再试`);
  }

  const reason = rule.needs.includes('reason') ? requireText(step.reason, `请填写${label}的原因`, 'reason') : undefined;
  const note = rule.needs.includes('note') ? requireText(step.note, '请填写处理结果', 'note') : step.note?.trim() || undefined;
  if (rule.needs.includes('photos') && !step.photoIds?.length) throw invalid('请上传处理后的照片', { field: 'photoIds' });
  const external = step.externalAssignee?.trim();
  if (rule.needs.includes('assignee') && !step.assigneeId === !external) throw invalid('请选择一位处理人，或填写转办单位', { field: 'assigneeId' });

  if (rule.action === 'reopen' && t.reopenCount >= MAX_REOPENS) {
    throw conflict('REOPEN_LIMIT', `已重新办理 ${t.reopenCount} 次，如仍不满意，请向社区申诉`);
  }
  if (rule.action === 'complain' && t.reopenCount < MAX_REOPENS) {
    throw conflict('COMPLAIN_TOO_EARLY', `不满意可以先申请重新办理；重新办理 ${MAX_REOPENS} 次仍不满意，再向社区申诉`);
  }
  const { now } = ctx;
  let text = reason ?? note ?? null;
  let to = rule.to ?? t.state;
  const changes: TicketChanges = {};
  // Not satisfied, said by the reporter in the app or by the caller on a return visit: the work starts again.
  const reopened = (): TicketChanges => ({
    resolvedAt: null,
    resolvedOnTime: null,
    resolutionOverdueAt: null,
    reopenCount: t.reopenCount + 1,
    resolutionDueAt: ticketDeadlines(now, ctx.category ?? null).resolutionDueAt,
  });
  switch (rule.action) {
    case 'accept':
    case 'reject':
      Object.assign(changes, { acceptedAt: now, respondedOnTime: now <= t.responseDueAt });
      break;
    case 'assign':
      Object.assign(changes, { assigneeId: step.assigneeId ?? null, externalAssignee: step.assigneeId ? null : (external ?? null) });
      break;
    case 'resolve':
      // With no app reporter to confirm or rate it, the caller is asked (回访); an app reporter rates it.
      Object.assign(changes, { resolvedAt: now, resolvedOnTime: now <= t.resolutionDueAt, returnVisit: t.reporterId === null && t.source !== 'internal' ? 'due' : null, returnVisitTries: 0, returnVisitTriedOn: null });
      break;
    case 'close':
    case 'cancel':
      changes.closedAt = now;
      break;
    case 'reopen':
      Object.assign(changes, reopened());
      break;
    case 'visit_satisfied':
      Object.assign(changes, { returnVisit: 'satisfied' }, t.state === 'resolved' ? { closedAt: now } : {});
      text = `回访满意${note ? `：${note}` : ''}`;
      break;
    case 'visit_dissatisfied':
      Object.assign(changes, reopened(), { returnVisit: 'dissatisfied', closedAt: null });
      break;
    case 'visit_unreachable': {
      const tries = t.returnVisitTries + 1;
      const last = tries >= RETURN_VISIT_TRIES;
      Object.assign(changes, { returnVisitTries: tries, returnVisitTriedOn: today }, last ? { returnVisit: 'unreachable' } : {});
      if (last && t.state === 'resolved') changes.closedAt = now;
      if (last) to = 'closed';
      text = last ? `第 ${tries} 次回访仍未联系上，按无法联系办结` : `第 ${tries} 次回访未联系上${note ? `：${note}` : ''}`;
      break;
    }
    case 'appeal':
      Object.assign(changes, { ...ticketDeadlines(now, ctx.category ?? null), acceptedAt: null, respondedOnTime: null, responseOverdueAt: null, resolutionOverdueAt: null });
      break;
    case 'start':
    case 'complain':
      break;
  }
  const plan = base(actor, rule.action, to, text, step.photoIds ?? []);
  Object.assign(plan.changes, changes);
  plan.guard.version = t.version;
  // Told as the ticket is after the step (a 派单 notice goes to the new assignee).
  plan.notices = noticesFor(rule.action, { ...t, ...plan.changes } as Ticket, text, now);
  if ((rule.action === 'reopen' || rule.action === 'visit_dissatisfied') && t.reopenCount + 1 >= 2) return withEscalation(plan, 'reopened_twice');
  if (rule.action === 'appeal') return withEscalation(plan, 'appeal');
  if (rule.action === 'complain') return withEscalation(plan, 'complaint');
  return plan;
}

/** What a viewer may do with a ticket now, and why a step open to them is refused (for the page, before it is pressed). */
export function ticketActions(t: Ticket, actors: readonly StepActor[], now: Date): { actions: TicketAction[]; canRate: boolean; canUrge: boolean; blocked: Partial<Record<TicketAction | 'rate' | 'urge', string>> } {
  const blocked: Partial<Record<TicketAction | 'rate' | 'urge', string>> = {};
  const ctx: StepContext = { now, actorId: null, actors, category: null };
  // A step open to this viewer in this state (by the tables) that another rule refuses: that rule's sentence.
  const tryStep = (key: TicketAction | 'rate' | 'urge', step: TicketStep, open: boolean): boolean => {
    if (!open) return false;
    try {
      planTicketStep(t, step, ctx);
      return true;
    } catch (error) {
      if (error instanceof DomainError && error.statusCode === 409) blocked[key] = error.message;
      return false;
    }
  };
  const actions = TICKET_TRANSITIONS.filter((rule) =>
    // Inputs that satisfy every action's needs: only the rules about the ticket and the viewer decide here.
    tryStep(
      rule.action,
      { kind: rule.action, version: t.version, reason: '—', note: '—', photoIds: [1], assigneeId: 1 },
      // Return-visit buttons only while one is due: before that, there is nothing to explain.
      rule.from.includes(t.state) && rule.actors.some((a) => actors.includes(a)) && (!RETURN_VISIT_ACTIONS.includes(rule.action) || t.returnVisit === 'due'),
    ),
  ).map((rule) => rule.action);
  const sideOpen = (kind: 'rate' | 'urge') => {
    const rule = TICKET_SIDE_STEPS.find((r) => r.kind === kind) as (typeof TICKET_SIDE_STEPS)[number];
    return rule.actors.some((a) => actors.includes(a)) && (rule.from === 'any' || rule.from.includes(t.state) || (kind === 'rate' && t.state === 'closed'));
  };
  const canRate = tryStep('rate', { kind: 'rate', stars: 5, tags: [], comment: null }, sideOpen('rate'));
  // 催办 is offered only once the ticket is overdue: before that, there is nothing to explain.
  const canUrge = sideOpen('urge') && isOverdue(t, now.getTime()) && tryStep('urge', { kind: 'urge' }, true);
  return { actions, canRate, canUrge, blocked };
}
