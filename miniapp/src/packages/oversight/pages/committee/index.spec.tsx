import { fireEvent, render, screen } from '@testing-library/react';
import type { CommitteeEvaluationsView } from '@wuye/contracts';
import { setRouterParams } from '../../../../../test/stubs/taro';
import { fakeApi } from '../../../../../test/support/fake-api';
import { tap } from '../../../../../test/support/render';
import { setTokens } from '../../../../services/session';
import CommitteeEvaluation from './index';

const year = new Date(Date.now() + 8 * 3600e3).getUTCFullYear() - 1;
const indicators = { year, reviewsDue: 4, reviewsInTime: 3, reviewsInTimeRate: 0.75, questionsAsked: 2, questionsAnswered: 2, questionsAnsweredRate: 1, meetingsHeld: 0, meetingsAttended: 0, meetingsAttendedRate: null, votesRun: 1 };
const EMPTY: CommitteeEvaluationsView = { communityId: 1, communityName: '锦绣花园', year, current: null, history: [], indicators, can: { evaluate: true } };
const RECORDED = { id: 7, communityId: 1, year, version: 1, score: 86, grade: 'good' as const, gradeLabel: '良好', comment: '审核及时', changeReason: null, evaluatedBy: '李主任', issuingArea: '南门社区', evaluatedAt: '2026-01-15T02:00:00.000Z', indicators };

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
  setRouterParams({ communityId: '1', name: encodeURIComponent('锦绣花园') });
});

describe('业委会履职考评', () => {
  it('shows the office the year’s indicators and records a score and comment; the grade follows from the score', async () => {
    const server = fakeApi({ 'GET /api/v1/committee-evaluations': EMPTY });
    render(<CommitteeEvaluation />);
    expect(await screen.findByText('75.0% · 3/4')).toBeInTheDocument();
    expect(screen.getByText('当年没有召开')).toBeInTheDocument();
    fireEvent.input(document.querySelector('.ov-committee-score') as HTMLElement, { target: { value: '86' } });
    expect(screen.getByText('等级：良好')).toBeInTheDocument();
    fireEvent.change(document.querySelector('.ov-committee-comment-input') as HTMLElement, { target: { value: '审核及时' } });
    server.set({ 'POST /api/v1/committee-evaluations': RECORDED, 'GET /api/v1/committee-evaluations': { ...EMPTY, current: RECORDED, history: [RECORDED] } });
    await tap('.ov-committee-submit');
    expect(server.to('POST /api/v1/committee-evaluations')[0].data).toEqual({ communityId: 1, year, score: 86, comment: '审核及时' });
    expect(await screen.findByText('良好', { selector: '.ov-committee-grade' })).toBeInTheDocument();
    // A change now needs a reason.
    expect(screen.getByText('修改考评（新版本）')).toBeInTheDocument();
  });

  it('residents see the grade and comment, and no form', async () => {
    fakeApi({ 'GET /api/v1/committee-evaluations': { ...EMPTY, current: RECORDED, history: [RECORDED], can: { evaluate: false } } });
    render(<CommitteeEvaluation />);
    expect(await screen.findByText('良好', { selector: '.ov-committee-grade' })).toBeInTheDocument();
    expect(screen.getByText('审核及时')).toBeInTheDocument();
    expect(document.querySelector('.ov-committee-form')).toBeNull();
  });
});
