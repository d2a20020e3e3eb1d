import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MANAGER_ROLE, STAFF_ROLE, meWith } from '../../../../../test/handling-fixtures';
import Taro, { triggerDidShow } from '../../../../../test/stubs/taro';
import { getWorkload } from '../../../../services/handling';
import { getMe } from '../../../../services/me';
import { setTokens } from '../../../../services/session';
import WorkHome from './index';

jest.mock('../../../../services/me');
jest.mock('../../../../services/handling');
const getMeMock = jest.mocked(getMe);
const getWorkloadMock = jest.mocked(getWorkload);

const entryTitles = () => Array.from(document.querySelectorAll('.work-action .link-title')).map((el) => el.firstChild?.textContent);
const badgesOf = (key: string) => Array.from(document.querySelectorAll(`.work-action-${key} .work-badge`)).map((el) => el.textContent);

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
  getWorkloadMock.mockRejectedValue(new Error('not asked for in this test'));
});

describe('物业工作台 entries', () => {
  it('a manager gets 工单收件箱, 我的派单, 工单统计 of their estate, and 绑定审核', async () => {
    const navigate = jest.spyOn(Taro, 'navigateTo');
    getMeMock.mockResolvedValue(meWith([MANAGER_ROLE]));

    render(<WorkHome />);

    await screen.findByText('工单收件箱');
    expect(entryTitles()).toEqual(['工单收件箱', '我的派单', '代报', '回访', '工单统计', '绑定审核', '公示管理', '分类与时限']);
    fireEvent.click(screen.getByText('代报'));
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/work/pages/proxy/index?communityId=1&name=%E9%94%A6%E7%BB%A3%E8%8A%B1%E5%9B%AD' });
    fireEvent.click(screen.getByText('回访'));
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/work/pages/visits/index' });
    fireEvent.click(screen.getByText('工单收件箱'));
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/work/pages/tickets/index?view=inbox' });
    fireEvent.click(screen.getByText('工单统计'));
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/work/pages/stats/index?communityId=1' });
  });

  it('a manager opens 分类与时限 of their estate; a company admin 邀请员工 and 职责冲突', async () => {
    const navigate = jest.spyOn(Taro, 'navigateTo');
    getMeMock.mockResolvedValue(meWith([MANAGER_ROLE]));
    const { unmount } = render(<WorkHome />);
    fireEvent.click(await screen.findByText('分类与时限'));
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/work/pages/categories/index?communityId=1' });
    unmount();

    getMeMock.mockResolvedValue(meWith([{ role: 'company_admin', companyId: 1, scopeName: '清河万家物业服务有限公司' }], '周总'));
    render(<WorkHome />);
    fireEvent.click(await screen.findByText('职责冲突'));
    expect(entryTitles()).toEqual(['邀请员工', '职责冲突']);
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/work/pages/conflicts/index' });
  });

  it('a staff member gets 我的派单, and 代报 for callers', async () => {
    const navigate = jest.spyOn(Taro, 'navigateTo');
    getMeMock.mockResolvedValue(meWith([STAFF_ROLE], '刘师傅'));

    render(<WorkHome />);

    fireEvent.click(await screen.findByText('我的派单'));
    expect(entryTitles()).toEqual(['我的派单', '代报']);
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/work/pages/tickets/index?view=assigned' });
  });
});

describe('物业工作台 badges', () => {
  it('shows what waits behind each entry, and asks again when the workbench is shown again', async () => {
    getMeMock.mockResolvedValue(meWith([MANAGER_ROLE]));
    getWorkloadMock
      .mockResolvedValueOnce({ communityId: 1, unaccepted: 3, overdue: 1, assignedToMe: 0, pendingBindings: 2 })
      .mockResolvedValueOnce({ communityId: 1, unaccepted: 2, overdue: 0, assignedToMe: 1, pendingBindings: 2 });

    render(<WorkHome />);

    await waitFor(() => expect(badgesOf('inbox')).toEqual(['3 待受理', '1 超时']));
    expect(badgesOf('assigned')).toEqual([]);
    expect(badgesOf('bindings')).toEqual(['2 待审核']);
    expect(getWorkloadMock).toHaveBeenCalledTimes(1);
    expect(getWorkloadMock).toHaveBeenCalledWith(1);

    // Back from the inbox after accepting one and taking one on.
    act(() => triggerDidShow());
    await waitFor(() => expect(badgesOf('inbox')).toEqual(['2 待受理']));
    expect(badgesOf('assigned')).toEqual(['1 待办']);
    expect(getWorkloadMock).toHaveBeenCalledTimes(2);
  });

  it('still offers every entry when the counts cannot be had', async () => {
    getMeMock.mockResolvedValue(meWith([MANAGER_ROLE]));

    render(<WorkHome />);

    await screen.findByText('工单收件箱');
    await waitFor(() => expect(getWorkloadMock).toHaveBeenCalled());
    expect(entryTitles()).toEqual(['工单收件箱', '我的派单', '代报', '回访', '工单统计', '绑定审核', '公示管理', '分类与时限']);
    expect(document.querySelectorAll('.work-badge')).toHaveLength(0);
  });
});
