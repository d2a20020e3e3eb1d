import { MEETING_ITEM_ACTIONS, MEETING_ITEM_STATES, MEETING_ITEM_TRANSITIONS, meetingItemDeadline, type MeetingItemActor, type MeetingItemState, type MeetingItemStep } from '@wuye/contracts';
import { itemActions, planItemStep, type ItemStepInput } from './meeting-item-lifecycle';
import type { MeetingItem } from './meeting-item.entity';

const ACTORS: MeetingItemActor[] = ['owner', 'office', 'system'];
const STEPS = Object.keys(MEETING_ITEM_TRANSITIONS) as MeetingItemStep[];
const now = new Date('2026-12-01T02:00:00Z');
const item = (state: MeetingItemState, overdueAt: Date | null = null, doneById: number | null = null) => ({ id: 7, state, version: 3, overdueAt, doneById }) as MeetingItem;
const input = (step: MeetingItemStep): ItemStepInput => (step === 'overdue' ? { kind: 'overdue' } : { kind: step, version: 3, note: '已落实' });
const attempt = (state: MeetingItemState, step: MeetingItemStep, actor: MeetingItemActor) => {
  try {
    return planItemStep(item(state), input(step), { now, actorId: 1, actors: [actor] });
  } catch (error) {
    return error as { statusCode: number; code: string };
  }
};

describe('agreed-item lifecycle: every step × state × actor of MEETING_ITEM_TRANSITIONS', () => {
  it.each(STEPS.flatMap((step) => MEETING_ITEM_STATES.flatMap((state) => ACTORS.map((actor) => [step, state, actor] as const))))('%s from %s by %s', (step, state, actor) => {
    const rule = MEETING_ITEM_TRANSITIONS[step];
    const result = attempt(state, step, actor);
    if (actor !== rule.who) return expect(result).toMatchObject({ statusCode: 403, code: 'ACTION_NOT_ALLOWED' });
    if (!(rule.from as readonly MeetingItemState[]).includes(state)) return expect(result).toMatchObject({ statusCode: 409, code: 'ILLEGAL_TRANSITION' });
    expect(result).toMatchObject({ step, guard: { state }, event: { action: step, from: state, to: rule.to } });
    if (rule.to) expect(result).toMatchObject({ changes: { state: rule.to }, guard: { version: 3 } });
  });

  it('answers the buttons from the same table: the owner reports done, the office verifies or returns', () => {
    expect(itemActions(item('open'), ['owner']).can).toEqual({ done: true, verify: false, return: false });
    expect(itemActions(item('open'), ['office']).can).toEqual({ done: false, verify: false, return: false });
    expect(itemActions(item('done'), ['owner', 'office'])).toEqual({ can: { done: false, verify: true, return: true }, blocked: {} });
    expect(itemActions(item('verified'), ['owner', 'office']).can).toEqual({ done: false, verify: false, return: false });
    expect(MEETING_ITEM_ACTIONS).not.toContain('overdue');
  });

  it('needs a note to report done and to return; verifying stamps the time; a person’s conflict is 409 STALE_VERSION', () => {
    const plan = (step: ItemStepInput, actor: MeetingItemActor) => () => planItemStep(item(step.kind === 'done' ? 'open' : 'done'), step, { now, actorId: 1, actors: [actor] });
    expect(plan({ kind: 'done', version: 3, note: '  ' }, 'owner')).toThrow(expect.objectContaining({ details: { field: 'note' } }));
    expect(plan({ kind: 'return', version: 3 }, 'office')).toThrow(expect.objectContaining({ message: '请写明退回的原因' }));
    expect(plan({ kind: 'verify', version: 3 }, 'office')()).toMatchObject({ changes: { state: 'verified', verifiedAt: now }, onConflict: { statusCode: 409, code: 'STALE_VERSION' } });
  });

  it('records who reported done, and refuses that person the verification (another office user or the town verifies)', () => {
    const reported = planItemStep(item('open'), { kind: 'done', version: 3, note: '已组织清理' }, { now, actorId: 11, actors: ['owner', 'office'] });
    expect(reported.changes).toEqual({ state: 'done', doneById: 11 });
    const done = item('done', null, 11);
    expect(() => planItemStep(done, { kind: 'verify', version: 3 }, { now, actorId: 11, actors: ['office'] })).toThrow(
      expect.objectContaining({ statusCode: 403, code: 'VERIFIER_IS_REPORTER', message: MEETING_ITEM_TRANSITIONS.verify.notByReporter }),
    );
    expect(planItemStep(done, { kind: 'verify', version: 3 }, { now, actorId: 12, actors: ['office'] }).changes).toMatchObject({ state: 'verified' });
    // The reporter may still send it back (退回 is not a verification); the button says why 核验 is not theirs.
    expect(itemActions(done, ['owner', 'office'], 11)).toEqual({ can: { done: false, verify: false, return: true }, blocked: { verify: MEETING_ITEM_TRANSITIONS.verify.notByReporter } });
    expect(itemActions(done, ['office'], 12)).toEqual({ can: { done: false, verify: true, return: true }, blocked: {} });
  });

  it('flags an open item overdue once, and the scheduler skips one someone else moved', () => {
    expect(planItemStep(item('open'), { kind: 'overdue' }, { now, actorId: null, actors: ['system'] })).toMatchObject({ changes: { overdueAt: now }, guard: { overdueUnset: true }, onConflict: 'skip' });
    expect(() => planItemStep(item('open', now), { kind: 'overdue' }, { now, actorId: null, actors: ['system'] })).toThrow(expect.objectContaining({ code: 'ILLEGAL_TRANSITION' }));
  });

  it('makes an item due 18:00 Shanghai time of its deadline day', () => {
    expect(meetingItemDeadline('2026-12-05').toISOString()).toBe('2026-12-05T10:00:00.000Z');
  });
});
