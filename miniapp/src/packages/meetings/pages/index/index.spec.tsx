import { act, fireEvent, render, screen } from '@testing-library/react';
import type { MeView, ReferralView } from '@wuye/contracts';
import Taro, { setRouterParams } from '../../../../../test/stubs/taro';
import { fakeApi, flush } from '../../../../../test/support/fake-api';
import { setTokens } from '../../../../services/session';
import MeetingsHome from './index';

const TOWN_REGULATOR: MeView = { id: 30, displayName: '城关镇 李主任', phone: null, roles: [{ role: 'regulator', areaId: 2, scopeName: '城关镇' }], houses: [], wechat: false };
const SENT_UP: ReferralView = {
  id: 9,
  escalationId: 4,
  ticketId: 38,
  communityId: 1,
  to: 'town',
  subject: '电梯报修：3栋电梯反复停运',
  note: '社区协调两次未果，请镇里协调电梯维保单位',
  meetingId: null,
  mediationId: null,
  communityName: '锦绣花园',
  createdAt: '2026-11-20T02:00:00.000Z',
};

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
});

describe('联席会议: 上报到镇 (大事不出社区)', () => {
  it('a town regulator opens the queue of 督办 sent up to the town, each opening its ticket', async () => {
    setRouterParams({ tab: 'town' });
    const server = fakeApi({ 'GET /api/v1/me': TOWN_REGULATOR, 'GET /api/v1/referrals': [SENT_UP] });
    const navigate = jest.spyOn(Taro, 'navigateTo');
    render(<MeetingsHome />);
    await act(flush);
    await act(flush);
    const asked = server.to('GET /api/v1/referrals').map((c) => c.query);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((q) => q.to === 'town')).toBe(true);
    const row = document.querySelector('.mt-town-row') as HTMLElement;
    expect(row.textContent).toContain('锦绣花园 · 电梯报修：3栋电梯反复停运');
    expect(row.textContent).toContain('上报于 2026-11-20');
    expect(row.textContent).toContain('请镇里协调电梯维保单位');
    fireEvent.click(row);
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/oversight/pages/ticket/index?id=38' });
  });

  it('says so when nothing has been sent up', async () => {
    setRouterParams({});
    fakeApi({ 'GET /api/v1/me': TOWN_REGULATOR, 'GET /api/v1/meetings': { items: [], nextCursor: null }, 'GET /api/v1/referrals': [] });
    render(<MeetingsHome />);
    await act(flush);
    fireEvent.click(screen.getByText('上报到镇'));
    await act(flush);
    await act(flush);
    expect(screen.getByText('没有上报到镇的督办')).toBeInTheDocument();
  });

  it('lists a 协调委员会 over several estates under its first estate with how many it covered, and leads the regulator to 挂钩领导', async () => {
    setRouterParams({});
    const meeting = { id: 5, communityId: 1, communityName: '锦绣花园', communities: [{ id: 1, name: '锦绣花园' }, { id: 2, name: '阳光新城' }], officeName: '南门社区', kind: 'coordination', heldOn: '2026-11-20', attendees: [], minutes: '', signInPhotos: [], agenda: [], items: [], createdAt: '', can: { addItems: true } };
    fakeApi({ 'GET /api/v1/me': TOWN_REGULATOR, 'GET /api/v1/meetings': { items: [meeting], nextCursor: null } });
    const navigate = jest.spyOn(Taro, 'navigateTo');
    render(<MeetingsHome />);
    await act(flush);
    await act(flush);
    expect((document.querySelector('.mt-meeting-row .mt-row-title') as HTMLElement).textContent).toBe('锦绣花园 等2个小区 · 协调委员会会议');
    fireEvent.click(screen.getByText('挂钩领导'));
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/meetings/pages/liaisons/index' });
  });
});
