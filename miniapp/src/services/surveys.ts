import type { CommitteeEvaluationInput, CommitteeEvaluationsView, CommitteeEvaluationView, CreateSurveyInput, Page, SurveyAnswerInput, SurveyAnswerView, SurveySummary, SurveyView } from '@wuye/contracts';
import { request } from './http';

/** 满意度测评 and 业委会履职考评 calls. */

export function listSurveys(options: { communityId?: number; open?: boolean; cursor?: string | null } = {}): Promise<Page<SurveySummary>> {
  return request<Page<SurveySummary>>({ url: '/api/v1/surveys', query: { communityId: options.communityId, open: options.open ? 'true' : undefined, cursor: options.cursor ?? undefined, limit: 20 } });
}

export function getSurvey(id: number): Promise<SurveyView> {
  return request<SurveyView>({ url: `/api/v1/surveys/${id}` });
}

export function launchSurvey(input: CreateSurveyInput): Promise<SurveyView> {
  return request<SurveyView>({ url: '/api/v1/surveys', method: 'POST', data: input });
}

export function answerSurvey(id: number, input: SurveyAnswerInput): Promise<SurveyAnswerView> {
  return request<SurveyAnswerView>({ url: `/api/v1/surveys/${id}/answers`, method: 'POST', data: input });
}

export function myAnswers(id: number): Promise<SurveyAnswerView[]> {
  return request<SurveyAnswerView[]>({ url: `/api/v1/surveys/${id}/answers` });
}

export function getCommitteeEvaluations(communityId: number, year?: number): Promise<CommitteeEvaluationsView> {
  return request<CommitteeEvaluationsView>({ url: '/api/v1/committee-evaluations', query: { communityId, year } });
}

export function recordCommitteeEvaluation(input: CommitteeEvaluationInput): Promise<CommitteeEvaluationView> {
  return request<CommitteeEvaluationView>({ url: '/api/v1/committee-evaluations', method: 'POST', data: input });
}
