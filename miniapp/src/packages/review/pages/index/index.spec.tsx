import { fireEvent, render, screen } from '@testing-library/react';
import type { DisclosureSummary, MeView } from '@wuye/contracts';
import Taro from '../../../../../test/stubs/taro';
import { listDisclosures, listEstateQuestions } from '../../../../services/disclosures';
import { getMe } from '../../../../services/me';
import { setTokens } from '../../../../services/session';
import ReviewQueue from './index';
import { settle } from '../../../../../test/support/render';

jest.mock('../../../../services/disclosures');
jest.mock('../../../../services/me');
const listMock = jest.mocked(listDisclosures);

const COMMITTEE: MeView = {
  id: 40,
  displayName: '马委员',
  phone: null,
  roles: [
    { role: 'resident', communityId: 3, scopeName: '阳光新城' },
    { role: 'committee', communityId: 1, scopeName: '锦绣花园' },
  ],
  houses: [],
  wechat: false,
};

const IN_REVIEW: DisclosureSummary = {
  id: 5,
  communityId: 1,
  type: 'shared_cost',
  period: '2026-10',
  title: '2026年10月公共能耗分摊公示',
  state: 'in_review',
  version: 1,
  totals: { totalFen: 2500000 },
  publishedAt: null,
  boardUntil: null,
  hash: null,
  openQuestions: 0,
};

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
  jest.mocked(getMe).mockResolvedValue(COMMITTEE);
});

describe('业委会 review queue', () => {
  it('lists what waits for review in the estate the member sits on, and opens it for review', async () => {
    listMock.mockResolvedValue({ items: [IN_REVIEW], nextCursor: null });
    const navigate = jest.spyOn(Taro, 'navigateTo');
    render(<ReviewQueue />);
    fireEvent.click(await screen.findByText('2026年10月公共能耗分摊公示'));
    expect(listMock).toHaveBeenCalledWith(1, { state: 'in_review' }, undefined);
    expect(screen.getByText('锦绣花园 业委会')).toBeInTheDocument();
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/review/pages/detail/index?id=5' });
  });

  it('已签发 shows the published ones; an empty view says what will appear', async () => {
    listMock.mockResolvedValue({ items: [], nextCursor: null });
    render(<ReviewQueue />);
    expect(await screen.findByText('没有待审核的公示')).toBeInTheDocument();
    fireEvent.click(screen.getByText('已签发'));
    await settle();
    expect(listMock).toHaveBeenLastCalledWith(1, { state: 'published' }, undefined);
  });

  it('业主质询: the questions the property company has not answered, overdue ones marked', async () => {
    listMock.mockResolvedValue({ items: [IN_REVIEW], nextCursor: null });
    jest.mocked(listEstateQuestions).mockResolvedValue({
      items: [
        { id: 3, lineId: null, asker: '3栋业主', text: '停车成本为何按12%？', answer: null, answeredAt: null, dueAt: '2026-11-20T02:00:00.000Z', overdue: true, meetingNote: null, createdAt: '2026-11-10T02:00:00.000Z', disclosureId: 44, disclosureTitle: '2026年第3季度公共收益公示' },
      ],
      nextCursor: null,
    });
    render(<ReviewQueue />);
    await screen.findByText('2026年10月公共能耗分摊公示');
    fireEvent.click(screen.getByText('业主质询'));
    expect(await screen.findByText('停车成本为何按12%？')).toBeInTheDocument();
    expect(jest.mocked(listEstateQuestions)).toHaveBeenCalledWith(1, 'unanswered', undefined);
    expect(document.querySelector('.queue-question .question-overdue')).not.toBeNull();
    expect(screen.queryByText('2026年10月公共能耗分摊公示')).not.toBeInTheDocument();
  });

  it('someone outside any committee is told what the page is for', async () => {
    jest.mocked(getMe).mockResolvedValue({ ...COMMITTEE, roles: [COMMITTEE.roles[0]] });
    render(<ReviewQueue />);
    expect(await screen.findByText('您不是业委会委员')).toBeInTheDocument();
    expect(listMock).not.toHaveBeenCalled();
  });
});
