import { RECTIFICATION_ACTIONS, RECTIFICATION_STATES, RECTIFICATION_TRANSITIONS, inspectionScore, rectificationDeadline, type RectificationActor, type RectificationState, type RectificationStep } from '@wuye/contracts';
import { orderActions, planOrderStep, type OrderStepInput } from './rectification-lifecycle';
import type { Rectification } from './rectification.entity';

const ACTORS: RectificationActor[] = ['manager', 'issuer', 'system'];
const STEPS = Object.keys(RECTIFICATION_TRANSITIONS) as RectificationStep[];
const now = new Date('2026-12-01T02:00:00Z');
const order = (state: RectificationState, overdueAt: Date | null = null) => ({ id: 7, state, version: 3, overdueAt, itemText: '消防通道畅通', deadlineAt: new Date('2026-11-30T10:00:00Z') }) as Rectification;
/** A step as a person would send it: with what its rule needs. */
const input = (step: RectificationStep): OrderStepInput => (step === 'overdue' ? { kind: 'overdue' } : { kind: step, version: 3, note: '已清理', photoIds: step === 'reply' ? [5] : [] });
const attempt = (state: RectificationState, step: RectificationStep, actor: RectificationActor) => {
  try {
    return planOrderStep(order(state), input(step), { now, actorId: 1, actors: [actor] });
  } catch (error) {
    return error as { statusCode: number; code: string };
  }
};

describe('rectification lifecycle: every step × state × actor of RECTIFICATION_TRANSITIONS', () => {
  it.each(STEPS.flatMap((step) => RECTIFICATION_STATES.flatMap((state) => ACTORS.map((actor) => [step, state, actor] as const))))('%s from %s by %s', (step, state, actor) => {
    const rule = RECTIFICATION_TRANSITIONS[step];
    const result = attempt(state, step, actor);
    if (actor !== rule.who) return expect(result).toMatchObject({ statusCode: 403, code: 'ACTION_NOT_ALLOWED' });
    if (!(rule.from as readonly RectificationState[]).includes(state)) return expect(result).toMatchObject({ statusCode: 409, code: 'ILLEGAL_TRANSITION' });
    expect(result).toMatchObject({ step, guard: { state }, event: { action: step, from: state, to: rule.to } });
    if (rule.to) expect(result).toMatchObject({ changes: { state: rule.to }, guard: { version: 3 } });
  });

  it('answers the buttons from the same table: the manager replies, the office verifies or returns', () => {
    expect(orderActions(order('open'), ['manager'])).toEqual({ reply: true, verify: false, return: false });
    expect(orderActions(order('returned'), ['manager', 'issuer'])).toEqual({ reply: true, verify: false, return: false });
    expect(orderActions(order('replied'), ['issuer'])).toEqual({ reply: false, verify: true, return: true });
    expect(orderActions(order('verified'), ['manager', 'issuer'])).toEqual({ reply: false, verify: false, return: false });
    expect(RECTIFICATION_ACTIONS).not.toContain('overdue');
  });

  it('needs a note and a photo to reply, a reason to return; a person’s conflict is 409 STALE_VERSION', () => {
    const plan = (step: OrderStepInput, actor: RectificationActor) => () => planOrderStep(order(step.kind === 'reply' ? 'open' : 'replied'), step, { now, actorId: 1, actors: [actor] });
    expect(plan({ kind: 'reply', version: 3, note: '已清理', photoIds: [] }, 'manager')).toThrow(expect.objectContaining({ details: { field: 'photoIds' } }));
    expect(plan({ kind: 'reply', version: 3, note: '  ', photoIds: [5] }, 'manager')).toThrow(expect.objectContaining({ details: { field: 'note' } }));
    expect(plan({ kind: 'return', version: 3 }, 'issuer')).toThrow(expect.objectContaining({ message: '请写明退回的原因' }));
    expect(plan({ kind: 'verify', version: 3 }, 'issuer')()).toMatchObject({ changes: { state: 'verified', verifiedAt: now }, onConflict: { statusCode: 409, code: 'STALE_VERSION' } });
  });

  it('flags an order overdue once, and the scheduler skips one someone else moved', () => {
    expect(planOrderStep(order('open'), { kind: 'overdue' }, { now, actorId: null, actors: ['system'] })).toMatchObject({ changes: { overdueAt: now }, guard: { overdueUnset: true }, onConflict: 'skip' });
    expect(() => planOrderStep(order('open', now), { kind: 'overdue' }, { now, actorId: null, actors: ['system'] })).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }));
  });

  it('tells the manager of a return with its reason, the issuing office of an overdue order, and no one of a reply or 销号', () => {
    const returned = planOrderStep(order('replied'), { kind: 'return', version: 3, note: '楼梯间仍有杂物' }, { now, actorId: 1, actors: ['issuer'] });
    expect(returned.notice).toEqual({ to: 'manager', kind: 'rectification_returned', title: '整改单被退回，请重新整改', body: '#7 消防通道畅通：楼梯间仍有杂物' });
    const overdue = planOrderStep(order('open'), { kind: 'overdue' }, { now, actorId: null, actors: ['system'] });
    expect(overdue.notice).toEqual({ to: 'issuer', kind: 'rectification_overdue', title: '整改单逾期未整改', body: '#7 消防通道畅通（整改期限 2026-11-30 18:00）' });
    expect(planOrderStep(order('open'), input('reply'), { now, actorId: 1, actors: ['manager'] }).notice).toBeNull();
    expect(planOrderStep(order('replied'), input('verify'), { now, actorId: 1, actors: ['issuer'] }).notice).toBeNull();
  });
});

describe('scores and deadlines', () => {
  it('scores the share of the applicable weight that passed, n/a counting neither way', () => {
    expect(inspectionScore([{ weight: 10, result: 'pass' }, { weight: 5, result: 'fail' }, { weight: 20, result: 'na' }])).toBe(66.7);
    expect(inspectionScore([{ weight: 3, result: 'pass' }])).toBe(100);
    expect(inspectionScore([{ weight: 3, result: 'na' }])).toBeNull();
  });

  it('gives the company until 18:00 Shanghai time of the day the deadline falls on', () => {
    expect(rectificationDeadline('2026-11-20', 15).toISOString()).toBe('2026-12-05T10:00:00.000Z');
    expect(rectificationDeadline('2026-12-31', 1).toISOString()).toBe('2027-01-01T10:00:00.000Z');
  });
});
