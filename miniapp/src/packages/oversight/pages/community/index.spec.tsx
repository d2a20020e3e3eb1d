import { fireEvent, render, screen } from '@testing-library/react';
import type { RoleScope, TicketSummary } from '@wuye/contracts';
import Taro, { setRouterParams } from '../../../../../test/stubs/taro';
import { getMe } from '../../../../services/me';
import { getStarRatings } from '../../../../services/oversight';
import { listTickets } from '../../../../services/tickets';
import { setTokens } from '../../../../services/session';
import OversightCommunity from './index';
import { settle, staffMe } from '../../../../../test/support/render';

jest.mock('../../../../services/me');
jest.mock('../../../../services/oversight');
jest.mock('../../../../services/tickets');
const getMeMock = jest.mocked(getMe);
const ticketsMock = jest.mocked(listTickets);
const ratingsMock = jest.mocked(getStarRatings);

const me = (roles: RoleScope[]) => staffMe(2, '县住建局 王科长', roles);

const ticket = (id: number, summary: string, extra: Partial<TicketSummary> = {}): TicketSummary => ({
  id,
  communityId: 2,
  communityName: '阳光新城',
  kind: 'repair',
  categoryCode: 'elevator',
  categoryName: '电梯',
  emergency: false,
  summary,
  state: 'in_progress',
  visibility: 'public',
  reporter: '2栋业主',
  place: '2栋电梯',
  thumbnailUrl: null,
  createdAt: '2026-11-20T02:00:00.000Z',
  responseDueAt: '2026-11-20T04:00:00.000Z',
  resolutionDueAt: '2026-11-22T02:00:00.000Z',
  overdue: true,
  escalated: true,
  followerCount: 0,
  version: 1,
  source: 'app',
  returnVisit: null,
  contact: null,
  ...extra,
});

const LATEST_2025 = { id: 1, year: 2025, version: 1, changeReason: null, stars: 4, reason: '服务规范，业主满意度高，公示及时', ratedBy: '县住建局 王科长', issuingArea: '清河县', ratedAt: '2026-01-20T02:00:00.000Z', indicators: {} };

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
  setRouterParams({ communityId: '2', name: encodeURIComponent('阳光新城') });
  getMeMock.mockResolvedValue(me([{ role: 'regulator', areaId: 1, scopeName: '清河县' }]));
  ratingsMock.mockResolvedValue({
    current: null,
    // The estate's rating is 2025's, though 2024 was rated after it.
    history: [{ ...LATEST_2025, id: 2, year: 2024, stars: 2, reason: '补评' }, LATEST_2025],
    latest: LATEST_2025,
    indicators: { year: 2026, tickets: 30, satisfactionRate: 0.769, onTimeResponseRate: 0.8, onTimeResolutionRate: 0.9, disclosureComplianceRate: 1, overdueOpen: 3, inspections: 0, inspectionAverageScore: null, rectificationsIssued: 0, rectificationsClosed: 0, rectificationsOverdue: 0, patrolCompletionRate: null, surveyScore: null, surveyAnswers: 0 },
    years: { first: 2020, last: 2026 },
    can: { rate: false },
  });
});

describe('an estate seen from oversight', () => {
  it('lists its overdue tickets first; another filter asks again; a ticket opens the read-only view', async () => {
    const navigate = jest.spyOn(Taro, 'navigateTo');
    ticketsMock.mockResolvedValueOnce({ items: [ticket(41, '2栋电梯停运三天')], nextCursor: null });

    render(<OversightCommunity />);

    expect(await screen.findByText('2栋电梯停运三天')).toBeInTheDocument();
    expect(ticketsMock).toHaveBeenCalledWith({ view: 'oversight', communityId: 2, overdue: true, limit: 20 });
    expect(screen.getByText('阳光新城', { selector: '.ov-community-title' })).toBeInTheDocument();
    expect(screen.getByText('2025年度 ★★★★☆ 4星')).toBeInTheDocument();

    ticketsMock.mockResolvedValueOnce({ items: [ticket(41, '2栋电梯停运三天'), ticket(40, '希望增加快递柜', { overdue: false, escalated: false, state: 'closed' })], nextCursor: null });
    fireEvent.click(screen.getByText('全部'));
    expect(await screen.findByText('希望增加快递柜')).toBeInTheDocument();
    expect(ticketsMock).toHaveBeenLastCalledWith({ view: 'oversight', communityId: 2, limit: 20 });

    fireEvent.click(screen.getByText('2栋电梯停运三天'));
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/oversight/pages/ticket/index?id=41' });

    fireEvent.click(screen.getByText('星级评定', { selector: 'button' }));
    expect(navigate).toHaveBeenLastCalledWith({ url: `/packages/oversight/pages/rating/index?communityId=2&name=${encodeURIComponent('阳光新城')}` });
  });

  it('pages on with 加载更多 and says so when there is nothing overdue', async () => {
    ticketsMock.mockResolvedValueOnce({ items: [ticket(41, '2栋电梯停运三天')], nextCursor: 'c1' });
    ticketsMock.mockResolvedValueOnce({ items: [ticket(39, '楼道灯不亮')], nextCursor: null });

    render(<OversightCommunity />);
    fireEvent.click(await screen.findByText('加载更多'));
    expect(await screen.findByText('楼道灯不亮')).toBeInTheDocument();
    expect(ticketsMock).toHaveBeenLastCalledWith({ view: 'oversight', communityId: 2, overdue: true, cursor: 'c1', limit: 20 });
    expect(screen.queryByText('加载更多')).not.toBeInTheDocument();

    ticketsMock.mockResolvedValueOnce({ items: [], nextCursor: null });
    fireEvent.click(screen.getByText('未办结'));
    await settle();
    expect(screen.getByText('没有工单')).toBeInTheDocument();
  });

  it('an office does not get the rating button (rating is the regulators’ work)', async () => {
    getMeMock.mockResolvedValue(me([{ role: 'community_office', areaId: 3, scopeName: '南门社区' }]));
    ticketsMock.mockResolvedValue({ items: [], nextCursor: null });

    render(<OversightCommunity />);
    expect(await screen.findByText('没有逾期未办的工单')).toBeInTheDocument();
    await settle();
    expect(screen.queryByText('星级评定', { selector: 'button' })).not.toBeInTheDocument();
  });

  it('an office opens the estate’s announcements from here; a regulator does not post them', async () => {
    getMeMock.mockResolvedValue(me([{ role: 'community_office', areaId: 3, scopeName: '南门社区' }]));
    ticketsMock.mockResolvedValue({ items: [], nextCursor: null });
    const navigate = jest.spyOn(Taro, 'navigateTo');
    render(<OversightCommunity />);
    fireEvent.click(await screen.findByText('公告'));
    expect(navigate).toHaveBeenLastCalledWith({ url: `/packages/announcements/pages/index/index?communityId=2&name=${encodeURIComponent('阳光新城')}` });
  });

  it('a regulator gets no 公告 button', async () => {
    ticketsMock.mockResolvedValue({ items: [], nextCursor: null });
    render(<OversightCommunity />);
    expect(await screen.findByText('没有逾期未办的工单')).toBeInTheDocument();
    await settle();
    expect(screen.queryByText('公告')).not.toBeInTheDocument();
  });
});
