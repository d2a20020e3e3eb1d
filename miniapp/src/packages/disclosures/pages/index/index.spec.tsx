import { act, fireEvent, render, screen } from '@testing-library/react';
import { periodLabel, quarterOf, type DisclosureSummary, type MeView, type Page } from '@wuye/contracts';
import Taro from '../../../../../test/stubs/taro';
import { getChain, listDisclosures, verifyChain } from '../../../../services/disclosures';
import { getMe } from '../../../../services/me';
import { setTokens } from '../../../../services/session';
import DisclosuresBoard from './index';
import { settle } from '../../../../../test/support/render';

jest.mock('../../../../services/disclosures');
jest.mock('../../../../services/me');
const listMock = jest.mocked(listDisclosures);
const getMeMock = jest.mocked(getMe);

const RESIDENT: MeView = {
  id: 30,
  displayName: '张阿姨',
  phone: null,
  roles: [{ role: 'resident', communityId: 1, scopeName: '锦绣花园' }],
  houses: [],
  wechat: false,
};

const summary = (id: number, over: Partial<DisclosureSummary> = {}): DisclosureSummary => ({
  id,
  communityId: 1,
  type: 'public_income',
  period: '2026-Q3',
  title: '2026年第3季度公共收益公示',
  state: 'published',
  version: 1,
  totals: { totalFen: 2950050, incomeFen: 2950050, costFen: 100000, netFen: 2850050 },
  publishedAt: '2026-10-11T02:00:00.000Z',
  boardUntil: '2026-11-10T02:00:00.000Z',
  hash: 'f'.repeat(64),
  openQuestions: 1,
  ...over,
});

const page = (items: DisclosureSummary[], nextCursor: string | null = null): Page<DisclosureSummary> => ({ items, nextCursor });
const shownTitles = () => Array.from(document.querySelectorAll('.summary-title')).map((el) => el.textContent);

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
  getMeMock.mockResolvedValue(RESIDENT);
  jest.mocked(verifyChain).mockResolvedValue({ valid: true, checked: 1 });
  jest.mocked(getChain).mockResolvedValue([]);
});

describe('公示栏 filters', () => {
  it('shows the estate’s board with type, period, state, headline total and open questions', async () => {
    listMock.mockResolvedValue(page([summary(7)]));
    render(<DisclosuresBoard />);
    expect(await screen.findByText('2026年第3季度公共收益公示')).toBeInTheDocument();
    expect(screen.getByText('锦绣花园')).toBeInTheDocument();
    const card = document.querySelector('.summary-card') as HTMLElement;
    expect(card.querySelector('.summary-total')?.textContent).toBe('收入合计 ¥29,500.50 · 公示于 2026-10-11 · 1 条质询待回复');
    expect(card.querySelector('.summary-state')?.textContent).toBe('已公示');
    expect(listMock).toHaveBeenCalledWith(1, { type: undefined, period: undefined }, undefined);
    expect(await screen.findByText('✓ 未被篡改')).toBeInTheDocument();
  });

  it('shows an owners’ vote result beside the money, though it has no total to lead with', async () => {
    listMock.mockResolvedValue(page([summary(7), summary(8, { type: 'vote_result', title: '业主共同决定结果：调整物业费', totals: { totalFen: 0 }, openQuestions: 0 })]));
    render(<DisclosuresBoard />);
    expect(await screen.findByText('业主共同决定结果：调整物业费')).toBeInTheDocument();
    const [, vote] = Array.from(document.querySelectorAll('.summary-card'));
    expect(vote.querySelector('.summary-total')?.textContent).toBe('公示于 2026-10-11');
    expect(screen.getByText('2026年第3季度公共收益公示')).toBeInTheDocument();
  });

  it('a type chip asks for that type; a period chip narrows it further; 全部 clears', async () => {
    listMock.mockResolvedValue(page([summary(7)]));
    render(<DisclosuresBoard />);
    await screen.findByText('2026年第3季度公共收益公示');

    listMock.mockResolvedValue(page([summary(9, { type: 'shared_cost', period: '2026-10', title: '2026年10月公共能耗分摊公示', totals: { totalFen: 123 } })]));
    fireEvent.click(screen.getByText('公摊费用'));
    expect(await screen.findByText('2026年10月公共能耗分摊公示')).toBeInTheDocument();
    expect(listMock).toHaveBeenLastCalledWith(1, { type: 'shared_cost', period: undefined }, undefined);
    expect(shownTitles()).toEqual(['2026年10月公共能耗分摊公示']);

    // Shared costs are monthly: the period chips are months.
    const months = Array.from(document.querySelectorAll('.board-period')).map((el) => el.textContent);
    expect(months[0]).toBe('全部期间');
    expect(months[1]).toMatch(/^\d{4}年\d{1,2}月$/);

    fireEvent.click(screen.getByText('公共收益'));
    await settle();
    const quarter = periodLabel(quarterOf(new Date()));
    listMock.mockResolvedValue(page([]));
    fireEvent.click(screen.getByText(quarter));
    expect(await screen.findByText('暂无公示')).toBeInTheDocument();
    expect(listMock).toHaveBeenLastCalledWith(1, { type: 'public_income', period: quarterOf(new Date()) }, undefined);
    expect(screen.getByText(`${quarter}公共收益还没有公示，可换个类别或期间看看。`)).toBeInTheDocument();

    listMock.mockResolvedValue(page([summary(7)]));
    fireEvent.click(screen.getByText('全部'));
    await screen.findByText('2026年第3季度公共收益公示');
    expect(listMock).toHaveBeenLastCalledWith(1, { type: undefined, period: undefined }, undefined);
  });

  it('an answer for an earlier filter that arrives late is not shown', async () => {
    let answerSlow: (p: Page<DisclosureSummary>) => void = () => undefined;
    listMock.mockResolvedValueOnce(page([summary(7)]));
    render(<DisclosuresBoard />);
    await screen.findByText('2026年第3季度公共收益公示');

    listMock.mockReturnValueOnce(new Promise((resolve) => (answerSlow = resolve)));
    fireEvent.click(screen.getByText('维保支出'));
    listMock.mockResolvedValueOnce(page([summary(11, { type: 'fee_standard', period: '2026', title: '2026年物业服务收费标准', totals: { totalFen: 0, items: 3 } })]));
    fireEvent.click(screen.getByText('收费标准'));
    expect(await screen.findByText('2026年物业服务收费标准')).toBeInTheDocument();

    await act(async () => answerSlow(page([summary(12, { type: 'maintenance_expense', title: '维保支出（旧的回答）' })])));
    expect(shownTitles()).toEqual(['2026年物业服务收费标准']);
  });

  it('加载更多 appends the next page; tapping a disclosure opens it', async () => {
    const navigate = jest.spyOn(Taro, 'navigateTo');
    listMock.mockResolvedValueOnce(page([summary(7)], 'c1')).mockResolvedValueOnce(page([summary(5, { title: '2026年第2季度公共收益公示' })]));
    render(<DisclosuresBoard />);
    await screen.findByText('2026年第3季度公共收益公示');
    fireEvent.click(screen.getByText('加载更多'));
    expect(await screen.findByText('2026年第2季度公共收益公示')).toBeInTheDocument();
    expect(listMock).toHaveBeenLastCalledWith(1, { type: undefined, period: undefined }, 'c1');
    expect(screen.queryByText('加载更多')).not.toBeInTheDocument();

    fireEvent.click(screen.getByText('2026年第2季度公共收益公示'));
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/disclosures/pages/detail/index?id=5' });
  });

  it('a resident without a house is told how to see the board', async () => {
    getMeMock.mockResolvedValue({ ...RESIDENT, roles: [] });
    render(<DisclosuresBoard />);
    expect(await screen.findByText('还看不到公示')).toBeInTheDocument();
    expect(listMock).not.toHaveBeenCalled();
  });
});
