import { fireEvent, render, screen } from '@testing-library/react';
import type { TicketStats } from '@wuye/contracts';
import { statsRange } from '../../../../services/handling';
import { getTicketStats } from '../../../../services/tickets';
import { ApiError } from '../../../../services/http';
import TicketStatsCard from './index';
import { settle } from '../../../../../test/support/render';

jest.mock('../../../../services/tickets', () => ({
  ...jest.requireActual('../../../../services/tickets'),
  getTicketStats: jest.fn(),
}));
const statsMock = jest.mocked(getTicketStats);

const stats = (overrides: Partial<TicketStats> = {}): TicketStats => ({
  internal: { total: 0, onTimeResponseRate: null, onTimeResolutionRate: null },
  byChannel: [],
  satisfactionSources: { rated: 0, ratedSatisfied: 0, visited: 0, visitedSatisfied: 0, unreachable: 0, pending: 0 },
  communityId: 1,
  from: '2026-10-31',
  to: '2026-11-29',
  total: 12,
  byState: { submitted: 3, accepted: 1, in_progress: 2, resolved: 4, closed: 2 },
  byCategory: [
    { code: 'elevator', name: '电梯', count: 7 },
    { code: 'hygiene', name: '环境卫生', count: 5 },
  ],
  onTimeResponseRate: 0.875,
  onTimeResolutionRate: 0.5,
  satisfactionRate: 1,
  reopenRate: null,
  overdueOpen: 2,
  averageStars: 4.5,
  ...overrides,
});

const figure = (className: string) => document.querySelector(`.${className} .stats-value`)?.textContent;

describe('工单统计 card', () => {
  it('shows counts by state (0 for none), the rates as percentages, “—” where nothing was measured', async () => {
    statsMock.mockResolvedValue(stats());

    render(<TicketStatsCard communityId={1} />);

    expect(await screen.findByText('2026-10-31 至 2026-11-29 提交的工单')).toBeInTheDocument();
    expect(statsMock).toHaveBeenCalledWith(1, statsRange('month'));
    expect(figure('stats-total')).toBe('12');
    expect(figure('stats-overdue-open')).toBe('2');
    expect(figure('stats-state-submitted')).toBe('3');
    expect(figure('stats-state-resolved')).toBe('4');
    expect(figure('stats-state-assigned')).toBe('0');
    expect(figure('stats-response-rate')).toBe('88%');
    expect(figure('stats-resolution-rate')).toBe('50%');
    expect(figure('stats-satisfaction-rate')).toBe('100%');
    expect(figure('stats-reopen-rate')).toBe('—');
    expect(screen.getByText('平均评分 4.5 星')).toBeInTheDocument();
    expect(screen.getByText('电梯')).toBeInTheDocument();
  });

  it('names the property side’s own tickets apart, never inside the residents’ figures', async () => {
    statsMock.mockResolvedValue(stats({ internal: { total: 3, onTimeResponseRate: 1, onTimeResolutionRate: null } }));
    render(<TicketStatsCard communityId={1} />);
    expect(await screen.findByText('另有内部报事 3 件（物业自行上报），不计入以上统计')).toBeInTheDocument();
    expect(figure('stats-total')).toBe('12');
  });

  it('近7天 and 本年 ask for their own date ranges', async () => {
    statsMock.mockResolvedValue(stats());

    render(<TicketStatsCard communityId={1} />);
    await screen.findByText('工单总数');
    expect(screen.getByText('近30天')).toHaveClass('chip-selected');

    statsMock.mockResolvedValue(stats({ total: 3 }));
    fireEvent.click(screen.getByText('近7天'));
    await settle();
    expect(statsMock).toHaveBeenLastCalledWith(1, statsRange('week'));
    expect(figure('stats-total')).toBe('3');

    fireEvent.click(screen.getByText('本年'));
    await settle();
    expect(statsMock).toHaveBeenLastCalledWith(1, statsRange('year'));
  });

  it('a failure shows the API message and 重试', async () => {
    statsMock.mockRejectedValueOnce(new ApiError({ statusCode: 404, code: 'NOT_FOUND', message: '小区不存在' })).mockResolvedValueOnce(stats());

    render(<TicketStatsCard communityId={1} />);

    expect(await screen.findByText('小区不存在')).toBeInTheDocument();
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('工单总数')).toBeInTheDocument();
  });

  it('loads again when told to (the page was shown again)', async () => {
    statsMock.mockResolvedValueOnce(stats()).mockResolvedValueOnce(stats({ byState: { resolved: 5 } }));

    const { rerender } = render(<TicketStatsCard communityId={1} refreshKey={0} />);
    await screen.findByText('工单总数');
    rerender(<TicketStatsCard communityId={1} refreshKey={1} />);
    await settle();

    expect(figure('stats-state-resolved')).toBe('5');
  });
});
