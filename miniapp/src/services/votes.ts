import type { BallotView, CastBallotInput, CreateVoteInput, Page, PaperBallotStep, UpdateVoteInput, VoteAction, VoteState, VoteSummary, VoteView } from '@wuye/contracts';
import { request } from './http';

/** 业主共同决定 calls: votes, their lifecycle steps, ballots and closing. */

export function listVotes(options: { communityId?: number; state?: VoteState; cursor?: string | null } = {}): Promise<Page<VoteSummary>> {
  return request<Page<VoteSummary>>({ url: '/api/v1/votes', query: { communityId: options.communityId, state: options.state, cursor: options.cursor ?? undefined, limit: 20 } });
}

export function getVote(id: number): Promise<VoteView> {
  return request<VoteView>({ url: `/api/v1/votes/${id}` });
}

export function createVote(input: CreateVoteInput): Promise<VoteView> {
  return request<VoteView>({ url: '/api/v1/votes', method: 'POST', data: input });
}

export function updateVote(id: number, input: UpdateVoteInput): Promise<VoteView> {
  return request<VoteView>({ url: `/api/v1/votes/${id}`, method: 'PUT', data: input });
}

export function stepVote(id: number, step: VoteAction, note?: string): Promise<VoteView> {
  return request<VoteView>({ url: `/api/v1/votes/${id}/actions`, method: 'POST', data: { step, note } });
}

export function castBallot(id: number, input: CastBallotInput): Promise<BallotView> {
  return request<BallotView>({ url: `/api/v1/votes/${id}/ballots`, method: 'POST', data: input });
}

export function listBallots(id: number): Promise<BallotView[]> {
  return request<BallotView[]>({ url: `/api/v1/votes/${id}/ballots` });
}

export function closeVote(id: number): Promise<VoteView> {
  return request<VoteView>({ url: `/api/v1/votes/${id}/close`, method: 'POST' });
}

/** 确认 / 退回 (with the reason) a paper ballot: the community office. */
export function paperBallotStep(id: number, ballotId: number, step: PaperBallotStep, note?: string): Promise<BallotView> {
  return request<BallotView>({ url: `/api/v1/votes/${id}/ballots/${ballotId}/actions`, method: 'POST', data: { step, note } });
}
