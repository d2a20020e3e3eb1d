import { fireEvent, render, screen, within } from '@testing-library/react';
import type { ComplianceView, MeView } from '@wuye/contracts';
import Taro from '../../../../../test/stubs/taro';
import { answerQuestion, getCompliance, listDisclosures, listEstateQuestions, type EstateQuestion } from '../../../../services/disclosures';
import { ApiError } from '../../../../services/http';
import { getMe } from '../../../../services/me';
import { setTokens } from '../../../../services/session';
import DisclosureManage from './index';
import { settle } from '../../../../../test/support/render';

jest.mock('../../../../services/disclosures');
jest.mock('../../../../services/me');

const MANAGER: MeView = { id: 8, displayName: '陈经理', phone: null, roles: [{ role: 'manager', communityId: 1, companyId: 1, scopeName: '锦绣花园' }], houses: [], wechat: false };

const question = (id: number, text: string, over: Partial<EstateQuestion> = {}): EstateQuestion => ({
  id,
  lineId: null,
  asker: '3栋业主',
  text,
  answer: null,
  answeredAt: null,
  dueAt: '2026-12-09T02:00:00.000Z',
  overdue: false,
  meetingNote: null,
  createdAt: '2026-11-29T02:00:00.000Z',
  disclosureId: 44,
  disclosureTitle: '2026年第3季度公共收益公示',
  ...over,
});

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
  jest.mocked(getMe).mockResolvedValue(MANAGER);
  jest.mocked(listDisclosures).mockResolvedValue({ items: [], nextCursor: null });
});

describe('公示管理', () => {
  it('offers a new draft for the estate', async () => {
    const navigate = jest.spyOn(Taro, 'navigateTo');
    render(<DisclosureManage />);
    fireEvent.click(await screen.findByText('＋ 新建公示'));
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/disclosures/pages/edit/index?communityId=1' });
    expect(jest.mocked(listDisclosures)).toHaveBeenCalledWith(1, { state: undefined }, undefined);
    fireEvent.click(screen.getByText('业委会审核中'));
    await settle();
    expect(jest.mocked(listDisclosures)).toHaveBeenLastCalledWith(1, { state: 'in_review' }, undefined);
  });

  it('answers a resident’s question; it leaves the list; a refusal is shown in place', async () => {
    jest.mocked(listEstateQuestions).mockResolvedValue({ items: [question(1, '广告收入为何少了？', { overdue: true }), question(2, '停车成本为何按12%？')], nextCursor: null });
    jest.mocked(answerQuestion).mockRejectedValueOnce(new ApiError({ statusCode: 409, code: 'ALREADY_ANSWERED', message: '该质询已回复' }));
    render(<DisclosureManage />);
    fireEvent.click(await screen.findByText('待回复质询'));
    const first = (await screen.findByText('广告收入为何少了？')).closest('.manage-question') as HTMLElement;
    expect(within(first).getByText('2026年第3季度公共收益公示')).toBeInTheDocument();
    expect(first.querySelector('.question-overdue')).not.toBeNull();
    expect(jest.mocked(listEstateQuestions)).toHaveBeenCalledWith(1, 'unanswered', undefined);

    fireEvent.change(first.querySelector('textarea') as HTMLTextAreaElement, { target: { value: '合同到期，正在招商' } });
    fireEvent.click(within(first).getByText('回复'));
    expect(await within(first).findByText('该质询已回复')).toBeInTheDocument();

    jest.mocked(answerQuestion).mockResolvedValue({ ...question(1, '广告收入为何少了？'), answer: '合同到期，正在招商' });
    fireEvent.click(within(first).getByText('回复'));
    await settle();
    expect(jest.mocked(answerQuestion)).toHaveBeenLastCalledWith(1, '合同到期，正在招商');
    expect(screen.queryByText('广告收入为何少了？')).not.toBeInTheDocument();
    expect(screen.getByText('停车成本为何按12%？')).toBeInTheDocument();
  });

  it('lists what is due and overdue per type, and offers to draft what is missing', async () => {
    const compliance: ComplianceView = {
      communityId: 1,
      asOf: '2026-11-29T00:00:00.000Z',
      overdue: 1,
      unansweredQuestionsOverdue: 2,
      items: [
        { type: 'shared_cost', period: '2026-10', dueBy: '2026-11-15T16:00:00.000Z', status: 'overdue', disclosureId: null },
        { type: 'public_income', period: '2026-Q3', dueBy: '2026-10-31T16:00:00.000Z', status: 'published', disclosureId: 44 },
        { type: 'shared_cost', period: '2026-11', dueBy: '2026-12-15T16:00:00.000Z', status: 'due', disclosureId: null },
      ],
    };
    jest.mocked(getCompliance).mockResolvedValue(compliance);
    const navigate = jest.spyOn(Taro, 'navigateTo');
    render(<DisclosureManage />);
    fireEvent.click(await screen.findByText('公示合规'));
    expect(await screen.findByText('有 1 项公示已逾期')).toBeInTheDocument();
    expect(screen.getByText('有 2 条业主质询逾期未答')).toBeInTheDocument();
    const rows = Array.from(document.querySelectorAll('.compliance-item')).map((row) => row.querySelector('.kv-row')?.textContent);
    expect(rows).toEqual(['公摊费用 · 2026年11月待公示', '公摊费用 · 2026年10月已逾期', '公共收益 · 2026年第3季度已按时公示']);
    const overdue = document.querySelector('.compliance-overdue') as HTMLElement;
    expect(within(overdue).getByText('应于 2026-11-16 前公示')).toBeInTheDocument();
    fireEvent.click(within(overdue).getByText('去起草'));
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/disclosures/pages/edit/index?communityId=1&type=shared_cost' });
  });

  it('someone without a manager role is told who drafts disclosures', async () => {
    jest.mocked(getMe).mockResolvedValue({ ...MANAGER, roles: [{ role: 'resident', communityId: 1, scopeName: '锦绣花园' }] });
    render(<DisclosureManage />);
    expect(await screen.findByText('您不能管理公示')).toBeInTheDocument();
  });
});
