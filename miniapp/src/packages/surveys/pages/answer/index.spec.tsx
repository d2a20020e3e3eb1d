import { render, screen } from '@testing-library/react';
import type { SurveyView } from '@wuye/contracts';
import { SURVEY } from '../../../../../test/support/surveys';
import { setRouterParams } from '../../../../../test/stubs/taro';
import { fakeApi, reply } from '../../../../../test/support/fake-api';
import { tap } from '../../../../../test/support/render';
import { setTokens } from '../../../../services/session';
import AnswerSurvey from './index';

const OPEN: SurveyView = {
  ...SURVEY,
  toAnswer: 1,
  items: [
    { code: 's1', section: 'management', text: '您对小区综合管理服务的满意程度' },
    { code: 's2', section: 'cleaning', text: '您对小区保洁服务的满意程度' },
  ],
  myHouses: [{ houseId: 9, house: '1栋1单元0201', communityId: 1, answered: false }],
  can: { answer: true },
};

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
  setRouterParams({ id: '3' });
});

describe('满意度测评 作答', () => {
  it('submits one answer for the house with a score per item, then shows 已提交 and no form', async () => {
    const server = fakeApi({ 'GET /api/v1/surveys/3': OPEN });
    render(<AnswerSurvey />);
    expect(await screen.findByText('您对小区保洁服务的满意程度')).toBeInTheDocument();
    expect(screen.getByText('保洁')).toBeInTheDocument();
    // Every item needs a score: nothing is sent until then.
    await tap('.sv-item-s1 .sv-point-5');
    await tap('.sv-submit');
    expect(screen.getByText('请为每一项选择 1–5 分')).toBeInTheDocument();
    expect(server.to('POST /api/v1/surveys/3/answers')).toHaveLength(0);
    await tap('.sv-item-s2 .sv-point-3');
    expect(screen.getByText('一般')).toBeInTheDocument();
    server.set({
      'POST /api/v1/surveys/3/answers': { id: 1, houseId: 9, house: '1栋1单元0201', scores: { s1: 5, s2: 3 }, comment: null, answeredAt: '2026-12-06T03:00:00.000Z' },
      'GET /api/v1/surveys/3': { ...OPEN, toAnswer: 0, myHouses: [{ ...OPEN.myHouses[0], answered: true }], can: { answer: false } },
    });
    await tap('.sv-submit');
    expect(server.to('POST /api/v1/surveys/3/answers').map((c) => c.data)).toEqual([{ houseId: 9, scores: { s1: 5, s2: 3 } }]);
    expect(await screen.findByText('已提交')).toBeInTheDocument();
    expect(document.querySelector('.sv-submit')).toBeNull();
  });

  it('shows the household its own answer once given: each score and the comment', async () => {
    const server = fakeApi({
      'GET /api/v1/surveys/3': { ...OPEN, toAnswer: 0, myHouses: [{ ...OPEN.myHouses[0], answered: true }], can: { answer: false } },
      'GET /api/v1/surveys/3/answers': [{ id: 1, houseId: 9, house: '1栋1单元0201', scores: { s1: 5, s2: 2 }, comment: '垃圾桶清理不及时', answeredAt: '2026-12-06T03:00:00.000Z' }],
    });
    render(<AnswerSurvey />);
    expect(await screen.findByText('您对小区保洁服务的满意程度：2 分 · 不满意')).toBeInTheDocument();
    expect(screen.getByText('您对小区综合管理服务的满意程度：5 分 · 很满意')).toBeInTheDocument();
    expect(screen.getByText('您的意见：垃圾桶清理不及时')).toBeInTheDocument();
    expect(screen.getByText('1栋1单元0201 已参加本次测评（2026-12-06 11:00）')).toBeInTheDocument();
    expect(server.to('GET /api/v1/surveys/3/answers')).toHaveLength(1);
  });

  it('does not ask for answers while the household has none', async () => {
    const server = fakeApi({ 'GET /api/v1/surveys/3': OPEN });
    render(<AnswerSurvey />);
    await screen.findByText('您对小区保洁服务的满意程度');
    expect(server.to('GET /api/v1/surveys/3/answers')).toHaveLength(0);
  });

  it('shows the API’s reason when the house has already answered', async () => {
    fakeApi({
      'GET /api/v1/surveys/3': { ...OPEN, items: [OPEN.items[0]] },
      'POST /api/v1/surveys/3/answers': reply(409, { code: 'SURVEY_ALREADY_ANSWERED', message: '这户已经参加过本次测评了，每户只能答一次' }),
    });
    render(<AnswerSurvey />);
    await screen.findByText('您对小区综合管理服务的满意程度');
    await tap('.sv-item-s1 .sv-point-4');
    await tap('.sv-submit');
    expect(await screen.findByText('这户已经参加过本次测评了，每户只能答一次')).toBeInTheDocument();
  });
});
