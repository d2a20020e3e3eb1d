import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { PATROL_CHECK_SYNC_MINUTES, patrolCodeText, type MeView } from '@wuye/contracts';
import Taro from '../../../../../test/stubs/taro';
import { NO_NETWORK, fakeApi } from '../../../../../test/support/fake-api';
import { patrolPlan } from '../../../../../test/support/patrols';
import { patrolChecks } from '../../../../services/patrols';
import { setTokens } from '../../../../services/session';
import PatrolsHome from './index';

const STAFF: MeView = { id: 9, displayName: '刘师傅', phone: null, roles: [{ role: 'staff', communityId: 1, scopeName: '锦绣花园', title: '维修工' }], houses: [], wechat: false };
const PLAN = patrolPlan([
  { id: 5, name: '2号楼消防通道', place: '负一层', kind: 'fire_lane', checkedAt: '2026-12-06T01:00:00.000Z', result: 'normal', late: false, sentLate: false },
  { id: 6, name: '水泵房', place: '地下二层', kind: 'pump_room', checkedAt: null, result: null, late: false, sentLate: false },
  { id: 7, name: '配电房', place: '地下一层', kind: 'power_room', checkedAt: '2026-12-06T06:00:00.000Z', result: 'normal', late: true, sentLate: false },
  { id: 8, name: '电梯机房', place: '顶层', kind: 'elevator_room', checkedAt: '2026-12-06T01:30:00.000Z', result: 'normal', late: true, sentLate: true },
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
    // Claimed 09:30, in the window, but sent hours later: 补录, not counted as on time.
    expect(screen.getByText('已巡检 · 正常 · 补录（事后才提交，不计按时）')).toHaveClass('badge-rejected');
    expect(server.to('GET /api/v1/patrol-plans')[0].query).toEqual({ mine: 'true' });
    // Staff do not manage points; the hazard register is open to them.
    expect(document.querySelector('.pt-points-link')).toBeNull();
    fireEvent.click(screen.getByText('水泵房'));
    expect(navigate).toHaveBeenLastCalledWith({ url: `/packages/patrols/pages/check/index?pointId=6&name=${encodeURIComponent('水泵房')}&planId=2` });
  });

  it('shows the round the period began with when an edit waits for tomorrow; a point retired today is owed but cannot be opened', async () => {
    const edited = patrolPlan(
      [
        { id: 5, name: '2号楼消防通道', place: '负一层', kind: 'fire_lane', checkedAt: null, result: null, late: false, sentLate: false },
        { id: 6, name: '水泵房', place: '地下二层', kind: 'pump_room', checkedAt: null, result: null, late: false, sentLate: false, retired: true },
      ],
      { frequency: 'weekly', windowStart: '20:00', windowEnd: '22:00', pending: { from: '2026-12-07' } },
    );
    fakeApi({ 'GET /api/v1/me': STAFF, 'GET /api/v1/patrol-plans': [edited] });
    const navigate = jest.spyOn(Taro, 'navigateTo');
    render(<PatrolsHome />);
    // Today's round: daily, 08:00–10:00, as the day began; the weekly evening plan from tomorrow.
    expect(await screen.findByText('每天 08:00–10:00 · 锦绣花园')).toBeInTheDocument();
    expect(screen.getByText('计划已修改，本期仍按原计划巡检，2026-12-07 起按新计划。')).toBeInTheDocument();
    expect(screen.getByText('已停用 · 本期未巡检，计为漏检')).toHaveClass('badge-rejected');
    navigate.mockClear();
    fireEvent.click(screen.getByText('水泵房'));
    expect(navigate).not.toHaveBeenCalled();
    fireEvent.click(screen.getByText('2号楼消防通道'));
    expect(navigate).toHaveBeenCalledTimes(1);
  });

  it('opens the check of the point whose code was scanned, and says so instead when the point was retired', async () => {
    process.env.TARO_ENV = 'weapp';
    try {
      const withRetired = patrolPlan([
        { id: 6, name: '水泵房', place: '地下二层', kind: 'pump_room', checkedAt: null, result: null, late: false, sentLate: false },
        { id: 7, name: '配电房', place: '地下一层', kind: 'power_room', checkedAt: null, result: null, late: false, sentLate: false, retired: true },
      ]);
      fakeApi({ 'GET /api/v1/me': STAFF, 'GET /api/v1/patrol-plans': [withRetired] });
      const navigate = jest.spyOn(Taro, 'navigateTo');
      const toast = jest.spyOn(Taro, 'showToast');
      const scan = jest.spyOn(Taro, 'scanCode');
      render(<PatrolsHome />);
      await screen.findByText('水泵房');
      navigate.mockClear();
      scan.mockResolvedValueOnce({ result: patrolCodeText(7, 'a1b2c3d4e5f60718') });
      fireEvent.click(screen.getByText('扫码巡检'));
      await waitFor(() => expect(toast).toHaveBeenLastCalledWith({ title: '配电房已停用，不能再巡检', icon: 'none' }));
      expect(navigate).not.toHaveBeenCalled();
      scan.mockResolvedValueOnce({ result: patrolCodeText(6, 'a1b2c3d4e5f60718') });
      fireEvent.click(screen.getByText('扫码巡检'));
      await waitFor(() => expect(navigate).toHaveBeenCalledTimes(1));
      expect(navigate.mock.calls[0][0].url).toContain('pointId=6');
    } finally {
      Reflect.deleteProperty(process.env, 'TARO_ENV');
    }
  });

  it('warns, on a check still waiting on the phone after two hours, that it will arrive as 补录', async () => {
    // A token like the API's: its payload names the user whose checks wait on the phone.
    const payload = Buffer.from(JSON.stringify({ sub: STAFF.id, sid: 'f', iat: 1, exp: 2 })).toString('base64url');
    setTokens({ accessToken: `eyJhbGciOiJIUzI1NiJ9.${payload}.sig`, refreshToken: 'refresh' });
    fakeApi({ 'GET /api/v1/me': STAFF, 'GET /api/v1/patrol-plans': [PLAN], 'POST /api/v1/patrol-checks': NO_NETWORK });
    const madeAt = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
    patrolChecks.queue(STAFF.id, { pointName: '水泵房', input: { pointId: 6, result: 'normal', checkedAt: madeAt(30) } }, []);
    patrolChecks.queue(STAFF.id, { pointName: '配电房', input: { pointId: 7, result: 'normal', checkedAt: madeAt(PATROL_CHECK_SYNC_MINUTES + 5) } }, []);
    render(<PatrolsHome />);
    await screen.findByText('已巡检 · 正常');
    const drafts = [...document.querySelectorAll('.pt-draft')].map((d) => d.textContent ?? '');
    expect(drafts).toHaveLength(2);
    expect(drafts.find((d) => d.startsWith('水泵房'))).not.toContain('补录');
    expect(drafts.find((d) => d.startsWith('配电房'))).toContain('已超过 2 小时未发送，到达后记为补录，不计按时巡检');
  });
});
