import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { quarterOf, shanghaiDate, type AttendanceCompliance, type MeView } from '@wuye/contracts';
import Taro from '../../../../../test/stubs/taro';
import { fakeApi, flush, reply } from '../../../../../test/support/fake-api';
import { setTokens } from '../../../../services/session';
import LiaisonsPage from './index';

const COUNTY: MeView = { id: 40, displayName: '县住建局 周科长', phone: null, roles: [{ role: 'regulator', areaId: 1, scopeName: '清河县' }], houses: [], wechat: false };
const OFFICE: MeView = { id: 7, displayName: '赵书记', phone: null, roles: [{ role: 'community_office', areaId: 4, scopeName: '南门社区' }], houses: [], wechat: false };
const attendance = (canAssign: boolean, period = quarterOf(shanghaiDate())): AttendanceCompliance => ({
  area: { id: canAssign ? 1 : 4, name: canAssign ? '清河县' : '南门社区' },
  period,
  canAssign,
  rows: [
    { communityId: 1, communityName: '锦绣花园', liaison: { name: '王建国', title: '县住建局副局长' }, status: 'met', meetingId: 5 },
    { communityId: 2, communityName: '翠湖苑', liaison: { name: '赵一鸣', title: '县司法局副局长' }, status: 'overdue', meetingId: null },
    { communityId: 3, communityName: '东城小区', liaison: null, status: null, meetingId: null },
  ],
});
const type = (selector: string, value: string) => fireEvent.input(document.querySelector(selector) as HTMLElement, { target: { value }, detail: { value } });
const click = (el: Element) =>
  act(async () => {
    fireEvent.click(el);
    await flush();
  });

beforeEach(() => setTokens({ accessToken: 'access', refreshToken: 'refresh' }));

describe('挂钩领导列席', () => {
  it('shows each estate’s leader and the quarter’s attendance to the office, without the county’s assigning', async () => {
    const server = fakeApi({ 'GET /api/v1/me': OFFICE, 'GET /api/v1/liaisons': attendance(false) });
    render(<LiaisonsPage />);
    expect(await screen.findByText('王建国（县住建局副局长）')).toBeInTheDocument();
    expect(server.to('GET /api/v1/liaisons')[0].query).toEqual({ areaId: '4', period: quarterOf(shanghaiDate()) });
    expect(screen.getByText('已列席 1')).toBeInTheDocument();
    expect(screen.getByText('逾期未列席 1')).toBeInTheDocument();
    expect(screen.getByText('未指派 1')).toBeInTheDocument();
    expect(screen.getByText('逾期未列席')).toHaveClass('badge-rejected');
    expect(screen.getByText('未指派挂钩领导')).toBeInTheDocument();
    expect(document.querySelector('.mt-liaison-assign')).toBeNull();
    // A met row opens the meeting the leader sat in on.
    const navigate = jest.spyOn(Taro, 'navigateTo');
    await click(screen.getByText('锦绣花园'));
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/meetings/pages/meeting/index?id=5' });
  });

  it('lets the county assign a leader to an estate, then shows the estate with its leader', async () => {
    const server = fakeApi({ 'GET /api/v1/me': COUNTY, 'GET /api/v1/liaisons': attendance(true), 'POST /api/v1/liaisons': reply(404, { code: 'NOT_FOUND', message: '未找到，或您无权查看' }) });
    render(<LiaisonsPage />);
    await screen.findByText('东城小区');
    const rows = document.querySelectorAll('.mt-liaison-row');
    expect(within(rows[0] as HTMLElement).getByText('更换挂钩领导')).toBeInTheDocument();
    await click(within(rows[2] as HTMLElement).getByText('指派挂钩领导'));
    await click(document.querySelector('.mt-liaison-submit') as HTMLElement);
    expect(screen.getByText('请填写挂钩领导的姓名和职务')).toBeInTheDocument();
    expect(server.to('POST /api/v1/liaisons')).toHaveLength(0);
    type('.mt-liaison-name', '李卫东');
    type('.mt-liaison-title', '县应急局副局长');
    await click(document.querySelector('.mt-liaison-submit') as HTMLElement);
    expect(screen.getByText('未找到，或您无权查看')).toBeInTheDocument();

    const after = attendance(true);
    after.rows[2] = { ...after.rows[2], liaison: { name: '李卫东', title: '县应急局副局长' }, status: 'due' };
    server.set({ 'POST /api/v1/liaisons': { id: 9, communityId: 3, communityName: '东城小区', name: '李卫东', title: '县应急局副局长', since: shanghaiDate() }, 'GET /api/v1/liaisons': after });
    await click(document.querySelector('.mt-liaison-submit') as HTMLElement);
    expect(server.to('POST /api/v1/liaisons').at(-1)?.data).toEqual({ communityId: 3, name: '李卫东', title: '县应急局副局长' });
    expect(screen.getByText('李卫东（县应急局副局长）')).toBeInTheDocument();
    expect(screen.getByText('待召开')).toBeInTheDocument();
    expect(document.querySelector('.mt-liaison-form')).toBeNull();
  });
});
