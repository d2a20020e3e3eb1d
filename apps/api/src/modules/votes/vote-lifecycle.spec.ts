import { VOTE_TRANSITIONS, type VoteActor, type VoteState, type VoteStep } from '@wuye/contracts';
import { DomainError } from '../../common/errors';
import type { Ballot } from './ballot.entity';
import { planPaperBallotStep, planVoteStep, voteRefusal } from './vote-lifecycle';
import type { Vote } from './vote.entity';

const NOW = new Date('2026-12-06T02:00:00Z');
const LATER = new Date('2026-12-20T10:00:00Z');
const EARLIER = new Date('2026-12-01T10:00:00Z');
const STATES: VoteState[] = ['draft', 'pending', 'open', 'closed', 'withdrawn'];
const ACTORS: VoteActor[] = ['chair', 'office', 'system'];
const vote = (state: VoteState, endsAt = LATER) => ({ id: 1, state, endsAt, version: 3 }) as Vote;

describe('vote lifecycle (VOTE_TRANSITIONS)', () => {
  it('allows each step exactly from its states, by its actors, and refuses everything else with a reason', () => {
    for (const step of Object.keys(VOTE_TRANSITIONS) as VoteStep[]) {
      const rule = VOTE_TRANSITIONS[step];
      for (const state of STATES) {
        for (const actor of ACTORS) {
          // Closing needs the window ended; submitting and approving need it still ahead.
          const endsAt = step === 'close' ? EARLIER : LATER;
          const refusal = voteRefusal(vote(state, endsAt), step, { now: NOW, actors: [actor] });
          const allowed = (rule.from as readonly VoteState[]).includes(state) && (rule.who as readonly VoteActor[]).includes(actor);
          expect({ step, state, actor, allowed: refusal === null }).toEqual({ step, state, actor, allowed });
          if (refusal) expect(refusal).toBeInstanceOf(DomainError);
        }
      }
    }
  });

  it('closes early only when every house has voted, and never opens a vote whose end has passed', () => {
    expect(voteRefusal(vote('open'), 'close', { now: NOW, actors: ['chair'] })?.code).toBe('VOTE_NOT_ENDED');
    expect(voteRefusal(vote('open'), 'close', { now: NOW, actors: ['chair'], allCast: true })).toBeNull();
    expect(voteRefusal(vote('pending', EARLIER), 'approve', { now: NOW, actors: ['office'] })?.code).toBe('VALIDATION_FAILED');
  });

  it('plans the changes guarded by state and version: approval opens it now, 退回 keeps the reason, resubmission clears it', () => {
    expect(planVoteStep(vote('pending'), 'approve', { now: NOW, actorId: 7, actors: ['office'] })).toEqual({
      step: 'approve',
      changes: { state: 'open', approvedById: 7, openedAt: NOW },
      guard: { state: 'pending', version: 3 },
    });
    expect(() => planVoteStep(vote('pending'), 'reject', { now: NOW, actorId: 7, actors: ['office'] }, '  ')).toThrow('请写明退回的原因');
    expect(planVoteStep(vote('pending'), 'reject', { now: NOW, actorId: 7, actors: ['office'] }, ' 请补充测算表 ').changes).toEqual({ state: 'draft', note: '请补充测算表' });
    expect(planVoteStep(vote('draft'), 'submit', { now: NOW, actorId: 5, actors: ['chair'] }).changes).toEqual({ state: 'pending', note: null });
    expect(planVoteStep(vote('open', EARLIER), 'close', { now: NOW, actorId: null, actors: ['system'] }).changes).toEqual({ state: 'closed', closedAt: NOW });
  });
});

describe('paper ballot lifecycle (PAPER_BALLOT_TRANSITIONS)', () => {
  const ballot = (paperState: Ballot['paperState'], paper = true) => ({ id: 7, houseId: 3, liveHouseId: 3, paper, paperState }) as Ballot;
  const ctx = (actors: VoteActor[], committee = false) => ({ now: NOW, actorId: 9, actors, committee });
  const code = (fn: () => unknown) => {
    try {
      fn();
      return null;
    } catch (e) {
      return (e as DomainError).code;
    }
  };

  it('lets the office confirm or send back a pending paper ballot of an open vote, and nobody else', () => {
    expect(planPaperBallotStep(vote('open'), ballot('pending'), 'confirm', ctx(['office']))).toMatchObject({ changes: { paperState: 'confirmed', decidedById: 9 }, guard: { paperState: 'pending' } });
    // Sent back: the reason is kept and the house is free to vote again.
    expect(planPaperBallotStep(vote('open'), ballot('pending'), 'reject', ctx(['office']), ' 照片不清 ').changes).toMatchObject({ paperState: 'rejected', note: '照片不清', liveHouseId: null });
    expect(code(() => planPaperBallotStep(vote('open'), ballot('pending'), 'reject', ctx(['office'])))).toBe('VALIDATION_FAILED');
    expect(code(() => planPaperBallotStep(vote('open'), ballot('pending'), 'confirm', ctx(['chair'])))).toBe('ACTION_NOT_ALLOWED');
    expect(code(() => planPaperBallotStep(vote('open'), ballot('pending'), 'confirm', ctx(['office', 'chair'], true)))).toBe('PAPER_CONFIRMER_IS_COMMITTEE');
    for (const state of ['confirmed', 'rejected'] as const) expect(code(() => planPaperBallotStep(vote('open'), ballot(state), 'confirm', ctx(['office'])))).toBe('ILLEGAL_TRANSITION');
    expect(code(() => planPaperBallotStep(vote('open'), ballot(null, false), 'confirm', ctx(['office'])))).toBe('ILLEGAL_TRANSITION');
    expect(code(() => planPaperBallotStep(vote('closed'), ballot('pending'), 'confirm', ctx(['office'])))).toBe('VOTE_NOT_OPEN');
  });
});
