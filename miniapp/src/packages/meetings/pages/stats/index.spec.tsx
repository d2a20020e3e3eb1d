import { act, fireEvent, render, screen } from '@testing-library/react';
import { quarterOf, shanghaiDate, type MeetingStats, type MeView } from '@wuye/contracts';
import { fakeApi, flush } from '../../../../../test/support/fake-api';
import { setTokens } from '../../../../services/session';
import MeetingStatsPage from './index';

const OFFICE: MeView = { id: 7, displayName: '赵书记', phone: null, roles: [{ role: 'community_office', areaId: 4, scopeName: '南门社区' }], houses: [], wechat: false };
const figures = (meetings: number) => ({ meetings, itemsAgreed: 5, itemsDone: 3, itemsVerified: 2, disputesTaken: 2, disputesResolved: 1 });
const stats = (period: string, n: number): MeetingStats => ({ area: { id: 4, name: '南门社区' }, period, from: '', to: '', total: figures(n), communities: [{ id: 1, name: '锦绣花园', ...figures(n) }] });

beforeEach(() => setTokens({ accessToken: 'access', refreshToken: 'refresh' }));

describe('联席会议统计', () => {
  it('shows the office’s estates for this quarter, and the year when chosen', async () => {
    const server = fakeApi({ 'GET /api/v1/me': OFFICE, 'GET /api/v1/meeting-stats': (call: { query: Record<string, string> }) => stats(call.query.period, call.query.period.length === 4 ? 8 : 2) });
    render(<MeetingStatsPage />);
    expect(await screen.findAllByText('召开会议 2 场')).toHaveLength(2);
    expect(server.to('GET /api/v1/meeting-stats')[0].query).toEqual({ areaId: '4', period: quarterOf(shanghaiDate()) });
    await act(async () => {
      fireEvent.click(screen.getByText(`${shanghaiDate().slice(0, 4)}年`));
      await flush();
    });
    expect(screen.getAllByText('召开会议 8 场')).toHaveLength(2);
    expect(screen.getAllByText('化解 1')).toHaveLength(2);
  });
});
