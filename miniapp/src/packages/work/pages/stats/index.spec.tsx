import { act, fireEvent, render, screen } from '@testing-library/react';
import type { TicketStats } from '@wuye/contracts';
import { MANAGER_ROLE, STAFF_ROLE, meWith } from '../../../../../test/handling-fixtures';
import { setRouterParams, triggerDidShow } from '../../../../../test/stubs/taro';
import { getTicketStats } from '../../../../services/tickets';
import { getMe } from '../../../../services/me';
import { setTokens } from '../../../../services/session';
import HandlingStats from './index';
import { settle } from '../../../../../test/support/render';

jest.mock('../../../../services/me');
jest.mock('../../../../services/tickets', () => ({
  ...jest.requireActual('../../../../services/tickets'),
  getTicketStats: jest.fn(),
}));
const getMeMock = jest.mocked(getMe);
const statsMock = jest.mocked(getTicketStats);

const stats = (communityId: number, total: number): TicketStats => ({
  internal: { total: 0, onTimeResponseRate: null, onTimeResolutionRate: null },
  byChannel: [],
  satisfactionSources: { rated: 0, ratedSatisfied: 0, visited: 0, visitedSatisfied: 0, unreachable: 0, pending: 0 },
  communityId,
  from: '2026-10-31',
  to: '2026-11-29',
  total,
  byState: { submitted: total },
  byCategory: [],
  onTimeResponseRate: null,
  onTimeResolutionRate: null,
  satisfactionRate: null,
  reopenRate: null,
  overdueOpen: 0,
  averageStars: null,
});
const total = () => document.querySelector('.stats-total .stats-value')?.textContent;

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
  statsMock.mockImplementation(async (communityId) => stats(communityId, communityId === 2 ? 7 : 12));
});

describe('工单统计 page', () => {
  it('a manager of two estates starts with the one in the link and can switch', async () => {
    getMeMock.mockResolvedValue(meWith([MANAGER_ROLE, { role: 'manager', communityId: 2, companyId: 1, scopeName: '阳光新城' }]));
    setRouterParams({ communityId: '2' });

    render(<HandlingStats />);
    await screen.findByText('工单总数');

    expect(total()).toBe('7');
    fireEvent.click(screen.getByText('锦绣花园', { selector: '.chip' }));
    await settle();
    expect(total()).toBe('12');
    expect(statsMock).toHaveBeenLastCalledWith(1, expect.objectContaining({ to: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }));
  });

  it('shows the figures afresh when the page is shown again', async () => {
    getMeMock.mockResolvedValue(meWith([MANAGER_ROLE]));
    render(<HandlingStats />);
    await screen.findByText('工单总数');
    statsMock.mockResolvedValue(stats(1, 13));

    act(() => triggerDidShow());
    await settle();

    expect(total()).toBe('13');
  });

  it('a staff member is told who sees the statistics', async () => {
    getMeMock.mockResolvedValue(meWith([STAFF_ROLE], '刘师傅'));

    render(<HandlingStats />);

    expect(await screen.findByText('您没有查看工单统计的身份')).toBeInTheDocument();
    expect(statsMock).not.toHaveBeenCalled();
  });
});
