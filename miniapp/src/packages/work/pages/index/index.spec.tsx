import { fireEvent, render, screen } from '@testing-library/react';
import { MANAGER_ROLE, STAFF_ROLE, meWith } from '../../../../../test/handling-fixtures';
import Taro from '../../../../../test/stubs/taro';
import { getMe } from '../../../../services/me';
import { setTokens } from '../../../../services/session';
import WorkHome from './index';

jest.mock('../../../../services/me');
const getMeMock = jest.mocked(getMe);

const entryTitles = () => Array.from(document.querySelectorAll('.work-action .link-title')).map((el) => el.textContent);

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
});

describe('物业工作台 entries', () => {
  it('a manager gets 工单收件箱, 我的派单, 工单统计 of their estate, and 绑定审核', async () => {
    const navigate = jest.spyOn(Taro, 'navigateTo');
    getMeMock.mockResolvedValue(meWith([MANAGER_ROLE]));

    render(<WorkHome />);

    await screen.findByText('工单收件箱');
    expect(entryTitles()).toEqual(['工单收件箱', '我的派单', '工单统计', '绑定审核', '公示管理']);
    fireEvent.click(screen.getByText('工单收件箱'));
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/work/pages/tickets/index?view=inbox' });
    fireEvent.click(screen.getByText('工单统计'));
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/work/pages/stats/index?communityId=1' });
  });

  it('a staff member gets 我的派单 only', async () => {
    const navigate = jest.spyOn(Taro, 'navigateTo');
    getMeMock.mockResolvedValue(meWith([STAFF_ROLE], '刘师傅'));

    render(<WorkHome />);

    fireEvent.click(await screen.findByText('我的派单'));
    expect(entryTitles()).toEqual(['我的派单']);
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/work/pages/tickets/index?view=assigned' });
  });
});
