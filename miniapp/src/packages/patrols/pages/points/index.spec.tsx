import { act, fireEvent, render, screen } from '@testing-library/react';
import type { MeView, PatrolPointView } from '@wuye/contracts';
import Taro from '../../../../../test/stubs/taro';
import { fakeApi, flush, reply } from '../../../../../test/support/fake-api';
import { patrolPlan } from '../../../../../test/support/patrols';
import { setTokens } from '../../../../services/session';
import PatrolPoints from './index';

const MANAGER: MeView = { id: 3, displayName: '王经理', phone: null, roles: [{ role: 'manager', communityId: 1, scopeName: '锦绣花园' }], houses: [], wechat: false };
const point = (id: number, name: string): PatrolPointView => ({ id, communityId: 1, name, place: '负一层', kind: 'fire_lane', code: '0123456789abcdef', lastCheck: null });
const PLAN = patrolPlan([{ id: 5, name: '2号楼消防通道', place: '负一层', kind: 'fire_lane', checkedAt: null, result: null, late: false, sentLate: false }]);
const STAFF = [
  { id: 9, displayName: '刘师傅', title: '秩序', role: 'staff', openTickets: 0 },
  { id: 10, displayName: '陈师傅', title: '夜班', role: 'staff', openTickets: 0 },
];

const click = (element: Element) =>
  act(async () => {
    fireEvent.click(element);
    await flush();
  });
const type = (selector: string, value: string) => fireEvent.input(document.querySelector(selector) as HTMLElement, { target: { value }, detail: { value } });
const within = (selector: string, text: string) => [...document.querySelectorAll(selector)].find((e) => e.textContent?.includes(text)) as HTMLElement;

beforeEach(() => setTokens({ accessToken: 'access', refreshToken: 'refresh' }));

describe('巡检点与计划', () => {
  const routes = () => ({
    'GET /api/v1/me': MANAGER,
    'GET /api/v1/communities/1/patrol-points': [point(5, '2号楼消防通道'), point(6, '水泵房')],
    'GET /api/v1/patrol-plans': [PLAN],
    'GET /api/v1/communities/1/assignees': STAFF,
  });

  it('修改 fills the form with the plan; 保存修改 sends the new points, frequency, window and assignee', async () => {
    const server = fakeApi({ ...routes(), 'PUT /api/v1/patrol-plans/2': { ...PLAN, frequency: 'weekly', pending: { from: '2026-12-07' } } });
    const toast = jest.spyOn(Taro, 'showToast');
    render(<PatrolPoints />);
    await screen.findByText('修改');
    await click(screen.getByText('修改'));
    expect(screen.getByText('修改巡检计划')).toBeInTheDocument();
    expect((document.querySelector('.pt-plan-name') as HTMLInputElement).value).toBe('消防设施日巡');
    // The plan's point and assignee are chosen in the form.
    expect(within('.pt-plan-point', '2号楼消防通道')).toHaveClass('chip-selected');
    expect(within('.pt-assignee', '刘师傅')).toHaveClass('chip-selected');

    await click(within('.pt-plan-point', '水泵房'));
    await click(within('.pt-frequency', '每周'));
    type('.pt-window-start', '20:00');
    type('.pt-window-end', '22:00');
    await click(within('.pt-assignee', '陈师傅'));
    await click(screen.getByText('保存修改'));

    expect(server.to('PUT /api/v1/patrol-plans/2').map((c) => c.data)).toEqual([{ name: '消防设施日巡', pointIds: [5, 6], frequency: 'weekly', windowStart: '20:00', windowEnd: '22:00', assigneeId: 10 }]);
    expect(server.to('POST /api/v1/patrol-plans')).toHaveLength(0);
    // Today's round keeps the plan as it was: the manager is told when the edit counts from.
    expect(toast).toHaveBeenLastCalledWith({ title: '已保存，12-07 起生效', icon: 'none' });
    // Back to a new plan.
    expect(screen.queryByText('修改巡检计划')).toBeNull();
    expect(screen.getByText('＋ 添加巡检计划')).toBeInTheDocument();
  });

  it('lists a plan as written, and says when an edit waiting for the period to end counts from', async () => {
    // The plan now has the lane and the pump room; today's round still only the lane.
    fakeApi({ ...routes(), 'GET /api/v1/patrol-plans': [{ ...PLAN, pointIds: [5, 6], pending: { from: '2026-12-07' } }] });
    render(<PatrolPoints />);
    await screen.findByText('修改');
    expect(within('.pt-plan-item', '消防设施日巡').textContent).toContain('2号楼消防通道、水泵房');
    expect(document.querySelector('.pt-plan-pending')?.textContent).toBe('本期仍按原计划巡检，修改 2026-12-07 起生效');
    await click(screen.getByText('修改'));
    expect(within('.pt-plan-point', '水泵房')).toHaveClass('chip-selected');
  });

  it('shows why the API refused an edit, and keeps the form', async () => {
    fakeApi({ ...routes(), 'PUT /api/v1/patrol-plans/2': reply(422, { code: 'INVALID_PATROL_WINDOW', message: '巡检时段的结束应晚于开始' }) });
    render(<PatrolPoints />);
    await click(await screen.findByText('修改'));
    type('.pt-window-end', '07:00');
    await click(screen.getByText('保存修改'));
    expect(document.querySelector('.pt-plan-error')?.textContent).toBe('巡检时段的结束应晚于开始');
    expect(screen.getByText('修改巡检计划')).toBeInTheDocument();
  });

  it('停用 a point after the confirmation; cancelled, nothing is sent', async () => {
    const server = fakeApi({ ...routes(), 'DELETE /api/v1/communities/1/patrol-points/6': null });
    render(<PatrolPoints />);
    await screen.findAllByText('水泵房');
    const retire = () => within('.pt-point-item', '水泵房').querySelector('.pt-point-retire') as HTMLElement;

    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValueOnce({ confirm: false, cancel: true });
    await click(retire());
    // It says that this period's round still counts the point, before the manager confirms.
    expect(modal.mock.calls[0][0]).toMatchObject({ title: '停用“水泵房”？', content: expect.stringContaining('本期仍计，本期还没巡检的将计为漏检') });
    expect(server.to('DELETE /api/v1/communities/1/patrol-points/6')).toHaveLength(0);

    server.set({ 'GET /api/v1/communities/1/patrol-points': [point(5, '2号楼消防通道')] });
    await click(retire());
    expect(server.to('DELETE /api/v1/communities/1/patrol-points/6')).toHaveLength(1);
    // The list as it is now: the point is gone.
    expect([...document.querySelectorAll('.pt-point-item .pt-row-title')].map((e) => e.textContent)).toEqual(['2号楼消防通道 消防通道']);
  });
});
