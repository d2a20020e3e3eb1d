import { PAPER_BALLOT_TRANSITIONS, VOTE_TRANSITIONS, type PaperBallotState, type PaperBallotStep, type VoteActor, type VoteState, type VoteStep } from '@wuye/contracts';
import { DomainError, conflict, invalid } from '../../common/errors';
import type { Ballot } from './ballot.entity';
import type { Vote } from './vote.entity';

/**
 * A vote's lifecycle as one pure engine over VOTE_TRANSITIONS: every step, a person's (提交, 批准, 退回, 撤回, 结束)
 * or the scheduler's (到期结束), is planned here from the vote as it is, the step and who takes it. The plan names
 * the changes and the guard; VoteLifecycleService.apply is the only code that carries one out. No I/O.
 */

export interface VoteStepContext {
  now: Date;
  actorId: number | null;
  /** What the one taking the step is to this vote (the service works it out from their grants). */
  actors: readonly VoteActor[];
  /** close: every house on the voter list has a ballot (it may then end before its window does). */
  allCast?: boolean;
}

export interface VotePlan {
  step: VoteStep;
  changes: Partial<Pick<Vote, 'state' | 'note' | 'approvedById' | 'openedAt' | 'closedAt'>>;
  /** The update applies only to the vote as planned: this state, this version. */
  guard: { state: VoteState; version: number };
}

/** Why this step may not be taken now by these actors, or null. */
export function voteRefusal(vote: Pick<Vote, 'state' | 'endsAt'>, step: VoteStep, ctx: Pick<VoteStepContext, 'now' | 'actors' | 'allCast'>): DomainError | null {
  const rule = VOTE_TRANSITIONS[step];
  if (!ctx.actors.some((a) => (rule.who as readonly VoteActor[]).includes(a))) {
    return new DomainError(403, 'ACTION_NOT_ALLOWED', step === 'approve' || step === 'reject' ? '只有小区所在的社区（村）可以审批表决' : step === 'close' ? '只有业委会主任或社区（村）可以结束投票' : '只有本小区的业委会主任可以起草、提交或撤回表决', { step });
  }
  if (!(rule.from as readonly VoteState[]).includes(vote.state)) return conflict('ILLEGAL_TRANSITION', rule.notNow, { state: vote.state, step });
  if ((step === 'submit' || step === 'approve') && vote.endsAt.getTime() <= ctx.now.getTime()) {
    return invalid('投票截止时间已过，请修改截止时间后再提交', { field: 'endsAt' });
  }
  if (step === 'close' && vote.endsAt.getTime() > ctx.now.getTime() && !ctx.allCast) return conflict('VOTE_NOT_ENDED', '投票期还没有结束，且还有房屋未投票，暂不能结束');
  return null;
}

export function planVoteStep(vote: Vote, step: VoteStep, ctx: VoteStepContext, note?: string): VotePlan {
  const refusal = voteRefusal(vote, step, ctx);
  if (refusal) throw refusal;
  const to = VOTE_TRANSITIONS[step].to as VoteState;
  const reason = note?.trim() || null;
  if (step === 'reject' && !reason) throw invalid('请写明退回的原因', { field: 'note' });
  const changes: VotePlan['changes'] = { state: to };
  if (step === 'reject') changes.note = reason;
  if (step === 'submit') changes.note = null;
  if (step === 'approve') Object.assign(changes, { approvedById: ctx.actorId, openedAt: ctx.now });
  if (step === 'close') changes.closedAt = ctx.now;
  return { step, changes, guard: { state: vote.state, version: vote.version } };
}

// ─── Paper ballots: the office confirms or sends back what the committee entered ───────────────────────────────

export interface PaperBallotContext {
  now: Date;
  actorId: number;
  actors: readonly VoteActor[];
  /** The one taking the step sits on the estate's committee (which entered the ballot): never their own check. */
  committee: boolean;
}

export interface PaperBallotPlan {
  step: PaperBallotStep;
  changes: Partial<Pick<Ballot, 'paperState' | 'liveHouseId' | 'decidedById' | 'decidedAt' | 'note'>>;
  /** The update applies only to a ballot still in this paper state. */
  guard: { paperState: PaperBallotState };
}

/** Why this paper-ballot step may not be taken now, or null. */
export function paperBallotRefusal(vote: Pick<Vote, 'state'>, ballot: Pick<Ballot, 'paper' | 'paperState'>, step: PaperBallotStep, ctx: Pick<PaperBallotContext, 'actors' | 'committee'>): DomainError | null {
  const rule = PAPER_BALLOT_TRANSITIONS[step];
  if (!ctx.actors.some((a) => (rule.who as readonly VoteActor[]).includes(a))) return new DomainError(403, 'ACTION_NOT_ALLOWED', '只有小区所在的社区（村）可以确认纸质选票', { step });
  if (ctx.committee) return new DomainError(403, 'PAPER_CONFIRMER_IS_COMMITTEE', '业委会成员不能确认纸质选票，请由社区（村）工作人员核对照片后确认', { step });
  if (!ballot.paper || !(rule.from as readonly PaperBallotState[]).includes(ballot.paperState as PaperBallotState)) return conflict('ILLEGAL_TRANSITION', rule.notNow, { paperState: ballot.paperState, step });
  if (vote.state !== 'open') return conflict('VOTE_NOT_OPEN', '投票已经结束，结果已公布，纸质选票不能再确认或退回', { state: vote.state });
  return null;
}

export function planPaperBallotStep(vote: Pick<Vote, 'state'>, ballot: Ballot, step: PaperBallotStep, ctx: PaperBallotContext, note?: string): PaperBallotPlan {
  const refusal = paperBallotRefusal(vote, ballot, step, ctx);
  if (refusal) throw refusal;
  const reason = note?.trim() || null;
  if (step === 'reject' && !reason) throw invalid('请写明退回的原因', { field: 'note' });
  const changes: PaperBallotPlan['changes'] = { paperState: PAPER_BALLOT_TRANSITIONS[step].to, decidedById: ctx.actorId, decidedAt: ctx.now };
  // 退回: the ballot stays on record, and its house may vote again.
  if (step === 'reject') Object.assign(changes, { note: reason, liveHouseId: null });
  return { step, changes, guard: { paperState: ballot.paperState as PaperBallotState } };
}
