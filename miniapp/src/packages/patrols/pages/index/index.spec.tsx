import { fireEvent, render, screen } from '@testing-library/react';
import type { MeView } from '@wuye/contracts';
import Taro from '../../../../../test/stubs/taro';
import { fakeApi } from '../../../../../test/support/fake-api';
import { patrolPlan } from '../../../../../test/support/patrols';
import { setTokens } from '../../../../services/session';
import PatrolsHome from './index';

const STAFF: MeView = { id: 9, displayName: '刘师傅', phone: null, roles: [{ role: 'staff', communityId: 1, scopeName: '锦绣花园', title: '维修工' }], houses: [], wechat: false };
const PLAN = patrolPlan([
  { id: 5, name: '2号楼消防通道', place: '负一层', kind: 'fire_lane', checkedAt: '2026-12-06T01:00:00.000Z', result: 'normal', late: false },
  { id: 6, name: '水泵房', place: '地下二层', kind: 'pump_room', checkedAt: null, result: null, late: false },
  { id: 7, name: '配电房', place: '地下一层', kind: 'power_room', checkedAt: '2026-12-06T06:00:00.000Z', result: 'normal', late: true },
]);

beforeEach(() => setTokens({ accessToken: 'access', refreshToken: 'refresh' }));

describe('今日巡检', () => {
  it('shows each point of the plans with what is done and what is still to check; a point opens its check', async () => {
    const server = fakeApi({ 'GET /api/v1/me': STAFF, 'GET /api/v1/patrol-plans': [PLAN] });
    const navigate = jest.spyOn(Taro, 'navigateTo');
    render(<PatrolsHome />);
    expect(await screen.findByText('已巡检 · 正常')).toBeInTheDocument();
    expect(screen.getByText('待巡检')).toBeInTheDocument();
    // Checked at 14:00, outside 08:00–10:00: marked 超时, not shown as simply done.
    expect(screen.getByText('已巡检 · 正常 · 超时（应在 08:00–10:00）')).toHaveClass('badge-rejected');
    expect(server.to('GET /api/v1/patrol-plans')[0].query).toEqual({ mine: 'true' });
    // Staff do not manage points; the hazard register is open to them.
    expect(document.querySelector('.pt-points-link')).toBeNull();
    fireEvent.click(screen.getByText('水泵房'));
    expect(navigate).toHaveBeenLastCalledWith({ url: `/packages/patrols/pages/check/index?pointId=6&name=${encodeURIComponent('水泵房')}&planId=2` });
  });
});
