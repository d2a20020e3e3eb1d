import { render, screen } from '@testing-library/react';
import type { HazardRegister, MeView, PatrolStats } from '@wuye/contracts';
import { fakeApi } from '../../../../../test/support/fake-api';
import { setTokens } from '../../../../services/session';
import HazardRegisterPage from './index';

const OFFICE: MeView = { id: 7, displayName: '赵书记', phone: null, roles: [{ role: 'community_office', areaId: 4, scopeName: '南门社区' }], houses: [], wechat: false };
const REGISTER: HazardRegister = { open: 0, overdue: 0, emergency: 0, items: [] };
const slot = (pointName: string, from: string) => ({ planId: 2, planName: '消防设施日巡', pointId: pointName.length, pointName, period: { from, to: from } });
const STATS: PatrolStats = {
  communityId: 1,
  month: '2026-11',
  due: 60,
  done: 57,
  completionRate: 0.95,
  missed: [slot('水泵房', '2026-11-03')],
  // Checked at 13:30 Shanghai time, outside 08:00–10:00.
  late: [
    { ...slot('配电房', '2026-11-05'), checkedAt: '2026-11-05T05:30:00.000Z', receivedAt: '2026-11-05T05:31:00.000Z', sentLate: false },
    // Claimed 09:00 on the 6th, in the window, but sent two days later.
    { ...slot('配电房', '2026-11-06'), checkedAt: '2026-11-06T01:00:00.000Z', receivedAt: '2026-11-08T09:40:00.000Z', sentLate: true },
  ],
  // The manager dropped the pump room and moved the window on the 20th.
  edits: [
    { planId: 2, planName: '消防设施日巡', on: '2026-11-20', takesEffectOn: '2026-11-21', by: '陈经理', removed: ['水泵房'], added: [], window: { from: '08:00–10:00', to: '20:00–22:00' }, frequency: null, assignee: null },
    { planId: 2, planName: '消防设施日巡', on: '2026-11-25', takesEffectOn: '2026-11-26', by: '陈经理', removed: [], added: [], window: null, frequency: null, assignee: { from: '刘师傅', to: '陈师傅' } },
    { planId: 2, planName: '消防设施日巡', on: '2026-11-27', takesEffectOn: null, by: '陈经理', removed: [], added: [], window: null, frequency: null, assignee: null },
  ],
};

beforeEach(() => setTokens({ accessToken: 'access', refreshToken: 'refresh' }));

describe('隐患台账: last month’s patrols', () => {
  it('lists the rounds checked outside the plan’s window as 超时巡检 and those sent long after their time as 补录, apart from those done and those missed', async () => {
    fakeApi({
      'GET /api/v1/me': OFFICE,
      'GET /api/v1/communities': { items: [{ id: 1, name: '锦绣花园' }], nextCursor: null },
      'GET /api/v1/communities/1/hazards': REGISTER,
      'GET /api/v1/communities/1/patrol-stats': STATS,
    });
    render(<HazardRegisterPage />);
    expect(await screen.findByText('应巡检 60 次，按时巡检 57 次，超时或补录 2 次，漏检 1 次')).toBeInTheDocument();
    const late = [...document.querySelectorAll('.pt-late-item')].map((e) => e.textContent);
    expect(late).toEqual(['配电房 · 消防设施日巡 超时巡检巡检于 2026-11-05 13:30', '配电房 · 消防设施日巡 补录记为 2026-11-06 09:00，2026-11-08 17:40 才提交']);
    expect(document.querySelectorAll('.pt-missed-item')).toHaveLength(1);
    // The office sees who changed the plan, what, when, and from which day it counts (a new patroller at once).
    expect([...document.querySelectorAll('.pt-edit-item')].map((e) => e.textContent)).toEqual([
      '消防设施日巡 计划修改2026-11-20 陈经理：移出 水泵房，时段 08:00–10:00 改为 20:00–22:00；2026-11-21 起生效',
      '消防设施日巡 计划修改2026-11-25 陈经理：巡检人 刘师傅 改为 陈师傅，即时生效',
      '消防设施日巡 计划修改2026-11-27 陈经理：调整巡检点顺序；生效前又被修改，未生效',
    ]);
  });
});
