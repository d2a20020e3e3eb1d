import { MAX_REOPENS, RATING_WINDOW_DAYS, RETURN_VISIT_ACTIONS, RETURN_VISIT_HORIZON_DAYS, TICKET_STATES, TICKET_TRANSITIONS, type TicketAction, type TicketState } from '@wuye/contracts';
import { DomainError } from '../../common/errors';
import { TICKET_SIDE_STEPS, planTicketStep, ticketActions, type StepActor, type StepContext, type TicketStep } from './lifecycle';
import type { Ticket } from './ticket.entity';

const NOW = new Date('2026-03-01T17:00:00Z'); // 01:00 on 2 March in Shanghai
const HOUR = 3600_000;
const ACTORS: StepActor[] = ['reporter', 'manager', 'assignee', 'staff', 'follower', 'office', 'system', 'hotline'];
const DAY = 24 * HOUR;

function ticket(state: TicketState, over: Partial<Ticket> = {}): Ticket {
  return {
    id: 7,
    communityId: 1,
    areaPath: '/1/2/3/',
    reporterId: 10,
    source: 'app',
    kind: 'repair',
    categoryCode: 'facility',
    categoryName: '设施故障',
    emergency: false,
    description: '3栋电梯按钮失灵，按了没反应',
    photoIds: [],
    houseId: null,
    place: '3栋大堂',
    lat: null,
    long: null,
    visibility: 'public',
    reporterMask: '3栋业主',
    state,
    version: 4,
    assigneeId: 30,
    externalAssignee: null,
    responseDueAt: new Date(NOW.getTime() + HOUR),
    resolutionDueAt: new Date(NOW.getTime() + 48 * HOUR),
    acceptedAt: null,
    resolvedAt: state === 'resolved' || state === 'closed' ? new Date(NOW.getTime() - HOUR) : null,
    closedAt: null,
    responseOverdueAt: null,
    resolutionOverdueAt: null,
    respondedOnTime: null,
    resolvedOnTime: null,
    escalatedAt: null,
    reopenCount: 0,
    followerCount: 2,
    ratingStars: null,
    ratingTags: null,
    ratingComment: null,
    ratedAt: null,
    heldForReview: false,
    idempotencyKey: null,
    filedById: null,
    callerName: null,
    callerPhoneCipher: null,
    callerPhoneMasked: null,
    returnVisit: null,
    returnVisitTries: 0,
    returnVisitTriedOn: null,
    createdAt: new Date(NOW.getTime() - 2 * HOUR),
    updatedAt: new Date(NOW.getTime() - HOUR),
    ...over,
  };
}

const ctx = (actor: StepActor, over: Partial<StepContext> = {}): StepContext => ({ now: NOW, actorId: actor === 'system' ? null : 99, actors: [actor], category: { responseMinutes: 30, resolutionMinutes: 600 }, ...over });

/** Everything an action may need, so only the state and the actor decide. */
const fullAction = (kind: TicketAction, version = 4): Extract<TicketStep, { version: number }> => ({ kind, version, reason: '原因', note: '已更换按钮', photoIds: [5], assigneeId: 30 });

function refusal(run: () => unknown): { status: number; code: string } | null {
  try {
    run();
    return null;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { status: error.statusCode, code: String(error.code) };
  }
}

describe('ticket lifecycle: every action × state × actor of TICKET_TRANSITIONS', () => {
  const cases = TICKET_TRANSITIONS.flatMap((rule) => TICKET_STATES.flatMap((state) => ACTORS.map((actor) => ({ rule, state, actor }))));

  it.each(cases.map((c) => [c.rule.action, c.state, c.actor, c] as const))('%s from %s by %s', (_a, _s, _r, { rule, state, actor }) => {
    // 向社区申诉 comes after the reopens a reporter may ask for, 回访 while one is due: so that only state and actor decide here.
    const t = ticket(state, rule.action === 'complain' ? { reopenCount: MAX_REOPENS } : RETURN_VISIT_ACTIONS.includes(rule.action) ? { returnVisit: 'due' } : {});
    const allowedActor = (rule.actors as readonly string[]).includes(actor);
    const allowedState = rule.from.includes(state);
    const run = () => planTicketStep(t, fullAction(rule.action), ctx(actor));
    if (!allowedActor) {
      expect(refusal(run)).toEqual({ status: 403, code: 'ACTION_NOT_ALLOWED' });
    } else if (!allowedState) {
      expect(refusal(run)).toEqual({ status: 409, code: 'ILLEGAL_TRANSITION' });
    } else {
      const plan = run();
      // to: null stays where it is (a return-visit try that reached nobody, before the last).
      expect(plan.changes.state ?? state).toBe(rule.to ?? state);
      expect(plan.events[0]).toMatchObject({ action: rule.action, from: state, to: rule.to ?? state, actorId: 99 });
      // A person acts on the ticket as they saw it: the update is guarded by its version and state.
      expect(plan.guard).toMatchObject({ state, version: 4 });
      expect(plan.onConflict).toMatchObject({ code: 'STALE_VERSION' });
    }
  });
});

describe('ticket lifecycle: the other steps × state × actor of TICKET_SIDE_STEPS', () => {
  // What each step needs besides state and actor, satisfied so that only those two decide.
  const shaped = (kind: string, state: TicketState): Ticket => {
    if (kind === 'urge') return ticket(state, { responseDueAt: new Date(NOW.getTime() - HOUR), resolutionDueAt: new Date(NOW.getTime() - HOUR) });
    if (kind === 'overdue') return ticket(state, { responseDueAt: new Date(NOW.getTime() - HOUR), resolutionDueAt: new Date(NOW.getTime() - HOUR) });
    if (kind === 'auto_close') return ticket(state, { resolvedAt: new Date(NOW.getTime() - 8 * 24 * HOUR) });
    if (kind === 'rate') return ticket(state, { closedAt: state === 'closed' ? new Date(NOW.getTime() - HOUR) : null });
    if (kind === 'visit_due') return ticket(state, { closedAt: new Date(NOW.getTime() - (RATING_WINDOW_DAYS + 1) * DAY) });
    return ticket(state);
  };
  const stepOf = (kind: string, state: TicketState): TicketStep => {
    switch (kind) {
      case 'rate':
        return { kind, stars: 5, tags: [], comment: null };
      case 'overdue':
        return { kind, deadline: state === 'submitted' ? 'response' : 'resolution' };
      case 'office_comment':
        return { kind, note: '请尽快处理' };
      case 'office_deadline':
        return { kind, deadlineAt: new Date(NOW.getTime() + 24 * HOUR) };
      case 'escalation_closed':
        return { kind, note: '已处理', othersOpen: false };
      case 'meeting_decision':
      case 'mediation_outcome':
        return { kind, note: '物业一周内修复' };
      case 'referred':
        return { kind, to: 'town' };
      default:
        return { kind } as TicketStep;
    }
  };
  const cases = TICKET_SIDE_STEPS.flatMap((rule) => TICKET_STATES.flatMap((state) => ACTORS.map((actor) => ({ rule, state, actor }))));

  it.each(cases.map((c) => [c.rule.kind, c.state, c.actor, c] as const))('%s in %s by %s', (_k, _s, _a, { rule, state, actor }) => {
    const run = () => planTicketStep(shaped(rule.kind, state), stepOf(rule.kind, state), ctx(actor));
    const allowedActor = rule.actors.includes(actor);
    const allowedState = rule.from === 'any' || rule.from.includes(state);
    // The reporter is told it is their own ticket before anything else when they try to follow it.
    if (rule.kind === 'follow' && actor === 'reporter') return expect(refusal(run)).toEqual({ status: 409, code: 'OWN_TICKET' });
    if (!allowedActor) return expect(refusal(run)).toEqual({ status: 403, code: 'ACTION_NOT_ALLOWED' });
    if (!allowedState) return expect(refusal(run)?.status).toBe(409);
    const plan = run();
    expect(plan.step).toBe(rule.kind);
  });
});

describe('ticket lifecycle: what each step does', () => {
  it('refuses an action on a version the person did not see', () => {
    expect(refusal(() => planTicketStep(ticket('submitted'), fullAction('accept', 3), ctx('manager')))).toEqual({ status: 409, code: 'STALE_VERSION' });
  });

  it.each([
    ['reject', 'submitted', { reason: ' ' }, 'reason'],
    ['resolve', 'in_progress', { note: '' }, 'note'],
    ['resolve', 'in_progress', { photoIds: [] }, 'photoIds'],
    ['assign', 'accepted', { assigneeId: undefined }, 'assigneeId'],
    ['assign', 'accepted', { externalAssignee: '供电公司' }, 'assigneeId'],
  ] as const)('%s from %s without what it needs (%j) is refused on %s', (action, state, missing, field) => {
    const step = { ...fullAction(action), ...missing } as TicketStep;
    const manager = action === 'resolve' ? 'assignee' : 'manager';
    try {
      planTicketStep(ticket(state), step, ctx(manager));
      throw new Error('planned');
    } catch (error) {
      expect(error).toMatchObject({ statusCode: 422, details: { field } });
    }
  });

  it('records whether the response and the resolution were in time', () => {
    expect(planTicketStep(ticket('submitted'), fullAction('accept'), ctx('manager')).changes).toMatchObject({ acceptedAt: NOW, respondedOnTime: true });
    const late = ticket('submitted', { responseDueAt: new Date(NOW.getTime() - 1) });
    expect(planTicketStep(late, fullAction('accept'), ctx('manager')).changes.respondedOnTime).toBe(false);
    const lateFix = ticket('in_progress', { resolutionDueAt: new Date(NOW.getTime() - 1) });
    expect(planTicketStep(lateFix, fullAction('resolve'), ctx('assignee')).changes).toMatchObject({ resolvedAt: NOW, resolvedOnTime: false });
  });

  it('tells the new assignee of a 派单, and the reporter and followers of a result', () => {
    const assign = planTicketStep(ticket('accepted', { assigneeId: null }), { ...fullAction('assign'), assigneeId: 31 }, ctx('manager'));
    expect(assign.changes).toMatchObject({ assigneeId: 31, externalAssignee: null });
    expect(assign.notices).toEqual([expect.objectContaining({ to: ['assignee'], kind: 'ticket_assigned' })]);
    const resolve = planTicketStep(ticket('in_progress'), fullAction('resolve'), ctx('assignee'));
    expect(resolve.notices.map((n) => [n.to, n.template])).toEqual([
      [['reporter'], 'resolved'],
      [['followers'], undefined],
    ]);
    expect(resolve.events[0].photoIds).toEqual([5]);
  });

  it('restarts the resolution clock on a reopen and escalates the second one', () => {
    const first = planTicketStep(ticket('resolved'), fullAction('reopen'), ctx('reporter'));
    expect(first.changes).toMatchObject({ state: 'accepted', reopenCount: 1, resolvedAt: null, resolutionDueAt: new Date(NOW.getTime() + 600 * 60_000) });
    expect(first.escalate).toBeNull();
    const second = planTicketStep(ticket('resolved', { reopenCount: 1 }), fullAction('reopen'), ctx('reporter'));
    expect(second.escalate).toEqual({ reason: 'reopened_twice', join: false });
    expect(second.changes.escalatedAt).toEqual(NOW);
    expect(second.events.map((e) => e.action)).toEqual(['reopen', 'escalated']);
  });

  it('restarts both deadlines on an appeal, with the fallback category when the category is gone', () => {
    const plan = planTicketStep(ticket('rejected'), fullAction('appeal'), ctx('reporter', { category: null }));
    expect(plan.escalate).toEqual({ reason: 'appeal', join: false });
    // 其他: 4 hours to respond, 72 hours to resolve.
    expect(plan.changes).toMatchObject({ state: 'submitted', responseDueAt: new Date(NOW.getTime() + 4 * HOUR), resolutionDueAt: new Date(NOW.getTime() + 72 * HOUR), acceptedAt: null });
  });

  it('closes a resolved ticket when the reporter rates it, once', () => {
    const plan = planTicketStep(ticket('resolved'), { kind: 'rate', stars: 4, tags: ['态度好'], comment: '谢谢' }, ctx('reporter'));
    expect(plan.changes).toMatchObject({ state: 'closed', closedAt: NOW, ratingStars: 4, ratedAt: NOW });
    expect(plan.guard.unset).toEqual(['ratingStars']);
    expect(plan.notices).toEqual([expect.objectContaining({ kind: 'ticket_closed', template: 'closed' })]);
    const closed = planTicketStep(ticket('closed'), { kind: 'rate', stars: 2, tags: [], comment: null }, ctx('reporter'));
    expect(closed.changes.state).toBeUndefined();
    expect(refusal(() => planTicketStep(ticket('resolved', { ratingStars: 5 }), { kind: 'rate', stars: 4, tags: [], comment: null }, ctx('reporter')))).toEqual({ status: 409, code: 'ALREADY_RATED' });
    expect(refusal(() => planTicketStep(ticket('closed', { resolvedAt: null }), { kind: 'rate', stars: 4, tags: [], comment: null }, ctx('reporter')))).toEqual({ status: 409, code: 'ILLEGAL_TRANSITION' });
  });

  it('flags an overdue ticket once and puts it before the community office', () => {
    const t = ticket('submitted', { responseDueAt: new Date(NOW.getTime() - 1) });
    const plan = planTicketStep(t, { kind: 'overdue', deadline: 'response' }, ctx('system'));
    expect(plan.changes).toMatchObject({ responseOverdueAt: NOW, escalatedAt: NOW });
    expect(plan.guard).toEqual({ state: 'submitted', unset: ['responseOverdueAt', 'escalatedAt'] });
    expect(plan.onConflict).toBe('skip');
    expect(plan.escalate).toEqual({ reason: 'response_overdue', join: false });
    expect(refusal(() => planTicketStep(ticket('submitted'), { kind: 'overdue', deadline: 'response' }, ctx('system')))?.status).toBe(409);
    expect(refusal(() => planTicketStep({ ...t, responseOverdueAt: NOW }, { kind: 'overdue', deadline: 'response' }, ctx('system')))?.status).toBe(409);
  });

  it('closes a ticket left resolved for 7 days, and its message carries the Shanghai date', () => {
    const plan = planTicketStep(ticket('resolved', { resolvedAt: new Date(NOW.getTime() - 7 * 24 * HOUR - 1) }), { kind: 'auto_close' }, ctx('system'));
    expect(plan.changes).toMatchObject({ state: 'closed', closedAt: NOW });
    expect(plan.notices[0].fields?.time3).toBe('2026-03-02');
    expect(refusal(() => planTicketStep(ticket('resolved', { resolvedAt: new Date(NOW.getTime() - 6 * 24 * HOUR) }), { kind: 'auto_close' }, ctx('system')))?.status).toBe(409);
  });

  it('shows subscribe-message times in Shanghai', () => {
    const plan = planTicketStep(ticket('submitted'), fullAction('accept'), ctx('manager'));
    expect(plan.notices[0].fields?.time3).toBe('2026-03-02 01:00');
  });

  it('counts followers in the statement and writes no event when one stops following', () => {
    expect(planTicketStep(ticket('accepted'), { kind: 'follow' }, ctx('follower')).increments).toEqual({ followerCount: 1 });
    const unfollow = planTicketStep(ticket('accepted'), { kind: 'unfollow' }, ctx('follower'));
    expect(unfollow.increments).toEqual({ followerCount: -1 });
    expect(unfollow.events).toEqual([]);
  });

  it('lets the office close an escalation, clearing the flag only when no other is open', () => {
    const t = ticket('accepted', { escalatedAt: NOW });
    expect(planTicketStep(t, { kind: 'escalation_closed', note: '已解决', othersOpen: false }, ctx('office')).changes).toEqual({ escalatedAt: null });
    expect(planTicketStep(t, { kind: 'escalation_closed', note: '已解决', othersOpen: true }, ctx('office')).changes).toEqual({});
    expect(planTicketStep(t, { kind: 'office_deadline', deadlineAt: new Date('2027-01-15T10:00:00Z'), note: '务必' }, ctx('office')).events[0].note).toBe('督办期限：2027-01-15 18:00。务必');
  });
});

describe('ticket lifecycle: rules nobody inside the estate can bend (issue 18)', () => {
  const rate = (t: Ticket, now = NOW) => planTicketStep(t, { kind: 'rate', stars: 5, tags: [], comment: null }, ctx('reporter', { now }));

  it('never lets the property side rate its own 内部报事', () => {
    expect(refusal(() => rate(ticket('resolved', { source: 'internal' })))).toEqual({ status: 409, code: 'INTERNAL_TICKET' });
    expect(rate(ticket('resolved', { source: 'app' })).changes.ratingStars).toBe(5);
  });

  it('takes a rating until 14 days after the ticket closed, and not a moment later', () => {
    const closedAt = new Date(NOW.getTime() - RATING_WINDOW_DAYS * 24 * HOUR);
    expect(rate(ticket('closed', { closedAt })).changes.ratingStars).toBe(5);
    expect(refusal(() => rate(ticket('closed', { closedAt: new Date(closedAt.getTime() - 1) })))).toEqual({ status: 409, code: 'RATING_CLOSED' });
  });

  it('caps reopens; after the cap the reporter appeals to the community office instead', () => {
    const reopen = (reopenCount: number) => planTicketStep(ticket('resolved', { reopenCount }), fullAction('reopen'), ctx('reporter'));
    expect(reopen(MAX_REOPENS - 1).changes.reopenCount).toBe(MAX_REOPENS);
    expect(refusal(() => reopen(MAX_REOPENS))).toEqual({ status: 409, code: 'REOPEN_LIMIT' });
    expect(refusal(() => planTicketStep(ticket('resolved', { reopenCount: 0 }), fullAction('complain'), ctx('reporter')))).toEqual({ status: 409, code: 'COMPLAIN_TOO_EARLY' });
    const complaint = planTicketStep(ticket('resolved', { reopenCount: MAX_REOPENS }), fullAction('complain'), ctx('reporter'));
    expect(complaint.escalate).toEqual({ reason: 'complaint', join: false });
    expect(complaint.changes.state).toBeUndefined();
  });

  it('keeps one open escalation per ticket: a second reason joins it, and opening one is guarded', () => {
    const first = planTicketStep(ticket('resolved', { reopenCount: 1 }), fullAction('reopen'), ctx('reporter'));
    expect(first.escalate).toEqual({ reason: 'reopened_twice', join: false });
    expect(first.guard.unset).toContain('escalatedAt');
    const again = planTicketStep(ticket('resolved', { reopenCount: 1, escalatedAt: NOW }), fullAction('reopen'), ctx('reporter'));
    expect(again.escalate).toEqual({ reason: 'reopened_twice', join: true });
    expect(again.changes.escalatedAt).toBeUndefined();
    expect(again.guard.unset ?? []).not.toContain('escalatedAt');
    expect(again.events[1].note).toContain('补充原因');
  });

  it('writes 我也遇到 on the timeline only the first time a person follows', () => {
    expect(planTicketStep(ticket('accepted'), { kind: 'follow' }, ctx('follower')).events).toHaveLength(1);
    const again = planTicketStep(ticket('accepted'), { kind: 'follow' }, ctx('follower', { followedBefore: true }));
    expect(again.events).toEqual([]);
    expect(again.increments).toEqual({ followerCount: 1 });
  });

  it('does not close a ticket by itself while the office handles it', () => {
    const stale = ticket('resolved', { resolvedAt: new Date(NOW.getTime() - 8 * 24 * HOUR), escalatedAt: NOW });
    expect(refusal(() => planTicketStep(stale, { kind: 'auto_close' }, ctx('system')))?.status).toBe(409);
  });

  it('hands a ticket back to the estate unassigned when its assignee’s company has gone', () => {
    const plan = planTicketStep(ticket('in_progress', { assigneeId: 30 }), { kind: 'handover' }, ctx('system'));
    expect(plan.changes).toMatchObject({ state: 'accepted', assigneeId: null });
    expect(plan.events[0]).toMatchObject({ action: 'handover', actorRole: 'system' });
    expect(plan.notices).toEqual([expect.objectContaining({ to: ['managers'], kind: 'ticket_handover' })]);
  });

  it('tells the viewer why a step open to them is refused, before they press it', () => {
    const late = ticket('closed', { closedAt: new Date(NOW.getTime() - 30 * 24 * HOUR) });
    expect(ticketActions(late, ['reporter'], NOW)).toMatchObject({ canRate: false, blocked: { rate: expect.stringContaining('14 天') } });
    const fresh = ticketActions(ticket('resolved'), ['reporter'], NOW);
    expect(fresh).toMatchObject({ canRate: true, actions: ['close', 'reopen'], blocked: { complain: expect.stringContaining('重新办理') } });
    const capped = ticketActions(ticket('resolved', { reopenCount: MAX_REOPENS }), ['reporter'], NOW);
    expect(capped.actions).toEqual(['close', 'complain']);
    expect(capped.blocked.reopen).toContain('向社区申诉');
    // A manager is shown nothing of the reporter's steps, and every one of their own the state allows.
    expect(ticketActions(ticket('resolved'), ['manager'], NOW)).toEqual({ actions: [], canRate: false, canUrge: false, blocked: {} });
    expect(ticketActions(ticket('accepted'), ['manager'], NOW).actions).toEqual(['assign', 'resolve']);
    expect(ticketActions(ticket('assigned'), ['assignee'], NOW).actions).toEqual(['start', 'resolve']);
    expect(ticketActions(ticket('submitted'), ['manager'], NOW).actions).toEqual(['accept', 'reject']);
  });
});

describe('ticket lifecycle: every channel, one loop (issue 19)', () => {
  const noReporter = (state: TicketState, over: Partial<Ticket> = {}) => ticket(state, { reporterId: null, source: 'phone', callerName: '王先生', ...over });
  const visit = (t: Ticket, kind: TicketAction, over: Partial<StepContext> = {}, step: Partial<TicketStep> = {}) =>
    planTicketStep(t, { ...fullAction(kind), note: undefined, ...step } as TicketStep, ctx('office', over));

  it('says on the timeline by which channel a caller came when it is filed for them (代报), never who they are', () => {
    const plan = planTicketStep(noReporter('submitted', { source: '12345' }), { kind: 'create' }, ctx('office'));
    expect(plan.events[0]).toMatchObject({ action: 'created', actorRole: 'office', note: '12345热线代报' });
    expect(planTicketStep(noReporter('submitted'), { kind: 'create' }, ctx('staff')).events[0]).toMatchObject({ actorRole: 'staff', note: '电话代报' });
    // Open311 and the app stay as they were.
    expect(planTicketStep(noReporter('submitted', { source: '12345' }), { kind: 'create' }, ctx('hotline')).events[0].note).toBeNull();
  });

  it('puts a ticket with no app reporter on the 回访 list when it is resolved; an app reporter rates instead', () => {
    expect(planTicketStep(noReporter('in_progress'), fullAction('resolve'), ctx('assignee')).changes).toMatchObject({ state: 'resolved', returnVisit: 'due', returnVisitTries: 0 });
    expect(planTicketStep(ticket('in_progress'), fullAction('resolve'), ctx('assignee')).changes.returnVisit).toBeNull();
    expect(planTicketStep(ticket('in_progress', { source: 'internal' }), fullAction('resolve'), ctx('assignee')).changes.returnVisit).toBeNull();
  });

  it('never closes a ticket silently: no auto-close without an app reporter, or while a return visit is due', () => {
    const old = { resolvedAt: new Date(NOW.getTime() - 8 * DAY) };
    expect(refusal(() => planTicketStep(noReporter('resolved', { ...old, returnVisit: 'due' }), { kind: 'auto_close' }, ctx('system')))).toEqual({ status: 409, code: 'ILLEGAL_TRANSITION' });
    expect(refusal(() => planTicketStep(noReporter('resolved', old), { kind: 'auto_close' }, ctx('system')))).toEqual({ status: 409, code: 'ILLEGAL_TRANSITION' });
    expect(planTicketStep(ticket('resolved', old), { kind: 'auto_close' }, ctx('system')).changes.state).toBe('closed');
  });

  it('puts no ticket on the 回访 list whose rating window ended over the horizon ago (old tickets after an upgrade)', () => {
    const closedDaysAgo = (days: number) => ticket('closed', { closedAt: new Date(NOW.getTime() - days * DAY) });
    expect(planTicketStep(closedDaysAgo(RATING_WINDOW_DAYS + RETURN_VISIT_HORIZON_DAYS - 0.1), { kind: 'visit_due' }, ctx('system')).changes).toMatchObject({ returnVisit: 'due' });
    expect(refusal(() => planTicketStep(closedDaysAgo(RATING_WINDOW_DAYS + RETURN_VISIT_HORIZON_DAYS + 0.1), { kind: 'visit_due' }, ctx('system')))).toEqual({ status: 409, code: 'ILLEGAL_TRANSITION' });
  });

  it('makes a return visit due once an app reporter left a closed ticket unrated past the rating window', () => {
    const closedAt = (days: number) => new Date(NOW.getTime() - days * DAY);
    const due = planTicketStep(ticket('closed', { closedAt: closedAt(RATING_WINDOW_DAYS + 0.1) }), { kind: 'visit_due' }, ctx('system'));
    expect(due.changes).toEqual({ returnVisit: 'due', returnVisitTries: 0, returnVisitTriedOn: null });
    expect(due.guard).toEqual({ state: 'closed', unset: ['ratingStars', 'returnVisit'] });
    expect(due.notices).toEqual([expect.objectContaining({ to: ['managers', 'office'], kind: 'ticket_visit_due' })]);
    for (const over of [{ closedAt: closedAt(RATING_WINDOW_DAYS - 0.1) }, { closedAt: closedAt(30), ratingStars: 2 }, { closedAt: closedAt(30), source: 'internal' as const }, { closedAt: closedAt(30), returnVisit: 'satisfied' as const }]) {
      expect(refusal(() => planTicketStep(ticket('closed', over), { kind: 'visit_due' }, ctx('system')))).toEqual({ status: 409, code: 'ILLEGAL_TRANSITION' });
    }
  });

  it('closes a resolved ticket when the caller is satisfied, and only records it on a closed one', () => {
    const plan = visit(noReporter('resolved', { returnVisit: 'due' }), 'visit_satisfied', {}, { note: '已修好' });
    expect(plan.changes).toEqual({ state: 'closed', closedAt: NOW, returnVisit: 'satisfied' });
    expect(plan.events[0]).toMatchObject({ action: 'visit_satisfied', actorRole: 'office', note: '回访满意：已修好' });
    expect(visit(ticket('closed', { returnVisit: 'due' }), 'visit_satisfied').changes).toEqual({ returnVisit: 'satisfied' });
  });

  it('reopens with the reason when the caller is not satisfied, and the second time goes to the office', () => {
    expect(refusal(() => visit(noReporter('resolved', { returnVisit: 'due' }), 'visit_dissatisfied', {}, { reason: ' ' }))).toEqual({ status: 422, code: 'VALIDATION_FAILED' });
    const plan = visit(noReporter('resolved', { returnVisit: 'due' }), 'visit_dissatisfied', {}, { reason: '楼道灯还是不亮' });
    expect(plan.changes).toMatchObject({ state: 'accepted', returnVisit: 'dissatisfied', reopenCount: 1, resolvedAt: null, closedAt: null, resolutionDueAt: new Date(NOW.getTime() + 600 * 60_000) });
    expect(plan.events[0].note).toBe('楼道灯还是不亮');
    expect(plan.notices).toEqual([expect.objectContaining({ to: ['managers'], title: '回访不满意，工单重新办理' })]);
    expect(plan.escalate).toBeNull();
    expect(visit(noReporter('resolved', { returnVisit: 'due', reopenCount: 1 }), 'visit_dissatisfied').escalate).toEqual({ reason: 'reopened_twice', join: false });
  });

  it('closes as 无法联系 only on the third try, each on another Shanghai day', () => {
    const first = visit(noReporter('resolved', { returnVisit: 'due' }), 'visit_unreachable');
    expect(first.changes).toEqual({ returnVisitTries: 1, returnVisitTriedOn: '2026-03-02' });
    expect(first.events[0]).toMatchObject({ from: 'resolved', to: 'resolved', note: '第 1 次回访未联系上' });
    // 22 hours later is 23:00 on 2 March in Shanghai, the same day; an hour more is 3 March.
    const sameDay = noReporter('resolved', { returnVisit: 'due', returnVisitTries: 1, returnVisitTriedOn: '2026-03-02' });
    expect(refusal(() => visit(sameDay, 'visit_unreachable', { now: new Date(NOW.getTime() + 22 * HOUR) }))).toEqual({ status: 409, code: 'RETURN_VISIT_SAME_DAY' });
    expect(visit(sameDay, 'visit_unreachable', { now: new Date(NOW.getTime() + 23 * HOUR) }).changes).toEqual({ returnVisitTries: 2, returnVisitTriedOn: '2026-03-03' });
    const third = visit(noReporter('resolved', { returnVisit: 'due', returnVisitTries: 2, returnVisitTriedOn: '2026-03-01' }), 'visit_unreachable');
    expect(third.changes).toEqual({ state: 'closed', closedAt: NOW, returnVisit: 'unreachable', returnVisitTries: 3, returnVisitTriedOn: '2026-03-02' });
    expect(third.events[0]).toMatchObject({ to: 'closed', note: '第 3 次回访仍未联系上，按无法联系办结' });
  });

  it('takes no return visit that is not due, and offers its buttons only while one is', () => {
    for (const action of RETURN_VISIT_ACTIONS) expect(refusal(() => visit(noReporter('resolved'), action))).toEqual({ status: 409, code: 'RETURN_VISIT_NOT_DUE' });
    expect(ticketActions(noReporter('resolved'), ['manager', 'office'], NOW)).toEqual({ actions: [], canRate: false, canUrge: false, blocked: {} });
    expect(ticketActions(noReporter('resolved', { returnVisit: 'due' }), ['office'], NOW).actions).toEqual(['visit_satisfied', 'visit_dissatisfied', 'visit_unreachable']);
    const triedToday = ticketActions(noReporter('resolved', { returnVisit: 'due', returnVisitTries: 1, returnVisitTriedOn: '2026-03-02' }), ['office'], NOW);
    expect(triedToday.actions).toEqual(['visit_satisfied', 'visit_dissatisfied']);
    expect(triedToday.blocked.visit_unreachable).toContain('明天再试');
    // Neither the reporter nor the staff member doing the work records the visit.
    expect(ticketActions(ticket('closed', { returnVisit: 'due' }), ['reporter', 'assignee'], NOW).actions).toEqual([]);
  });

  it('lets only the community office record 满意 or 无法联系: the manager would be grading their own company', () => {
    const due = noReporter('resolved', { returnVisit: 'due', returnVisitTries: 2, returnVisitTriedOn: '2026-03-01' });
    expect(ticketActions(due, ['manager'], NOW).actions).toEqual(['visit_dissatisfied']);
    for (const action of ['visit_satisfied', 'visit_unreachable'] as const) expect(refusal(() => visit(due, action, { actors: ['manager'] }))).toMatchObject({ status: 403 });
    expect(visit(due, 'visit_dissatisfied', { actors: ['manager'] }, { reason: '来电人说还漏水' }).changes).toMatchObject({ returnVisit: 'dissatisfied' });
  });
});
