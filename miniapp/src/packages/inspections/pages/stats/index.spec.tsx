import { act, fireEvent, render, screen } from '@testing-library/react';
import { quarterOf, shanghaiDate, type InspectionStats, type MeView } from '@wuye/contracts';
import { fakeApi, flush } from '../../../../../test/support/fake-api';
import { setTokens } from '../../../../services/session';
import InspectionStatsPage from './index';

const OFFICE: MeView = { id: 7, displayName: '赵书记', phone: null, roles: [{ role: 'community_office', areaId: 4, scopeName: '南门社区' }], houses: [], wechat: false };
const figures = (inspections: number, averageScore: number | null, patrolsMissed = 0, hazardsOverdue = 0, patrolsLate = 0) => ({ inspections, averageScore, ordersIssued: 3, ordersClosed: 1, ordersOverdue: 1, ordersOpen: 2, patrolsMissed, patrolsLate, hazardsOverdue });
const stats = (period: string, n: number): InspectionStats => ({
  area: { id: 4, name: '南门社区' },
  period,
  from: '',
  to: '',
  total: figures(n, 80.5, 3, 1),
  communities: [
    { id: 1, name: '锦绣花园', ...figures(n, 80.5, 3, 1, 2) },
    { id: 2, name: '翠竹苑', ...figures(0, null) },
  ],
});

beforeEach(() => setTokens({ accessToken: 'access', refreshToken: 'refresh' }));

describe('检查统计', () => {
  it('shows the office’s estates for this quarter, and the year when chosen', async () => {
    const server = fakeApi({ 'GET /api/v1/me': OFFICE, 'GET /api/v1/inspection-stats': (call: { query: Record<string, string> }) => stats(call.query.period, call.query.period.length === 4 ? 9 : 2) });
    render(<InspectionStatsPage />);
    expect(await screen.findAllByText('检查 2 次')).toHaveLength(2);
    // Each estate's missed and late (超时或补录) patrol rounds and overdue hazards, marked when there are any; the area's total.
    const [, jinxiu, cuizhu] = [...document.querySelectorAll('.insp-facts')] as HTMLElement[];
    expect(jinxiu.textContent).toContain('漏巡 3');
    expect(jinxiu.textContent).toContain('超时或补录 2');
    expect(jinxiu.textContent).toContain('隐患超期 1');
    expect(jinxiu.querySelectorAll('.insp-alert')).toHaveLength(3);
    expect(cuizhu.textContent).toContain('漏巡 0');
    expect(cuizhu.querySelectorAll('.insp-alert')).toHaveLength(0);
    expect(document.querySelector('.insp-total')?.textContent).toContain('漏巡 3');
    expect(server.to('GET /api/v1/inspection-stats')[0].query).toEqual({ areaId: '4', period: quarterOf(shanghaiDate()) });
    await act(async () => {
      fireEvent.click(screen.getByText(`${shanghaiDate().slice(0, 4)}年`));
      await flush();
    });
    expect(screen.getAllByText('检查 9 次')).toHaveLength(2);
    expect(screen.getAllByText('平均 80.5 分')).toHaveLength(2);
  });
});
