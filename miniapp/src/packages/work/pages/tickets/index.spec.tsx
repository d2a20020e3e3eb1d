import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { Page, TicketSummary } from '@wuye/contracts';
import { MANAGER_ROLE, STAFF_ROLE, meWith, summary } from '../../../../../test/handling-fixtures';
import Taro, { setRouterParams, triggerDidShow } from '../../../../../test/stubs/taro';
import { listTicketCategories, listTickets } from '../../../../services/tickets';
import { ApiError } from '../../../../services/http';
import { getMe } from '../../../../services/me';
import { setTokens } from '../../../../services/session';
import HandlingList from './index';
import { settle } from '../../../../../test/support/render';

jest.mock('../../../../services/me');
jest.mock('../../../../services/tickets', () => ({
  ...jest.requireActual('../../../../services/tickets'),
  listTickets: jest.fn(),
  listTicketCategories: jest.fn(),
}));
const getMeMock = jest.mocked(getMe);
const listMock = jest.mocked(listTickets);
const categoriesMock = jest.mocked(listTicketCategories);

const page = (items: TicketSummary[], nextCursor: string | null = null): Page<TicketSummary> => ({ items, nextCursor });
const shownIds = () => Array.from(document.querySelectorAll('.handling-item .ticket-id')).map((el) => el.textContent);
const chip = (text: string) => screen.getByText(text, { selector: '.chip' });

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
  getMeMock.mockResolvedValue(meWith([MANAGER_ROLE]));
  categoriesMock.mockResolvedValue([
    { code: 'elevator', name: '电梯', responseMinutes: 30, resolutionMinutes: 1440, emergency: true, active: true },
    { code: 'hygiene', name: '环境卫生', responseMinutes: 120, resolutionMinutes: 1440, emergency: false, active: true },
    { code: 'old', name: '停用的类别', responseMinutes: 120, resolutionMinutes: 1440, emergency: false, active: false },
  ]);
});

describe('工单收件箱 (manager)', () => {
  it('lists the inbox with state, 紧急 and 超时 badges, reporter, place and the deadline that matters', async () => {
    listMock.mockResolvedValue(
      page([
        summary(12, { emergency: true, overdue: true, thumbnailUrl: '/api/v1/files/t.jpg?sig=2' }),
        summary(11, { state: 'in_progress', categoryName: '环境卫生', summary: '垃圾桶满了' }),
      ]),
    );

    render(<HandlingList />);

    const first = (await screen.findByText('#12')).closest('.handling-item') as HTMLElement;
    expect(within(first).getByText('待受理')).toBeInTheDocument();
    expect(within(first).getByText('紧急')).toBeInTheDocument();
    expect(within(first).getByText('超时')).toBeInTheDocument();
    expect(within(first).getByText('位置：3栋1单元大堂')).toBeInTheDocument();
    expect(within(first).getByText('张阿姨 · 锦绣花园 · 2026-11-28 10:00')).toBeInTheDocument();
    expect(within(first).getByText('受理时限 2026-11-28 10:30')).toHaveClass('ticket-due-late');
    // The API's own links get its origin (weapp: http://127.0.0.1:3000 by default).
    expect(first.querySelector('img')).toHaveAttribute('src', 'http://127.0.0.1:3000/api/v1/files/t.jpg?sig=2');
    const second = screen.getByText('#11').closest('.handling-item') as HTMLElement;
    expect(within(second).getByText('办理中')).toBeInTheDocument();
    expect(within(second).queryByText('超时')).not.toBeInTheDocument();
    expect(within(second).getByText('办结时限 2026-11-29 10:00')).toBeInTheDocument();
    expect(listMock).toHaveBeenCalledWith({ view: 'inbox', cursor: undefined });
    expect(screen.getByText('共 2 条')).toBeInTheDocument();
  });

  it('filters by state, by category (active ones only) and 只看超时, each time from the first page', async () => {
    listMock.mockResolvedValue(page([summary(12)]));

    render(<HandlingList />);
    await screen.findByText('#12');
    fireEvent.click(await screen.findByText('类别：全部 ▾'));
    expect(screen.queryByText('停用的类别')).not.toBeInTheDocument();

    fireEvent.click(chip('待受理'));
    await settle();
    expect(listMock).toHaveBeenLastCalledWith({ view: 'inbox', state: 'submitted', cursor: undefined });
    expect(chip('待受理')).toHaveClass('chip-selected');

    fireEvent.click(chip('电梯'));
    await settle();
    expect(listMock).toHaveBeenLastCalledWith({ view: 'inbox', state: 'submitted', category: 'elevator', cursor: undefined });
    // The category row folds away once chosen, and says what was chosen.
    expect(screen.queryByText('环境卫生')).not.toBeInTheDocument();
    expect(chip('类别：电梯 ▾')).toHaveClass('chip-selected');

    listMock.mockResolvedValue(page([]));
    fireEvent.click(chip('只看超时'));
    await settle();
    expect(listMock).toHaveBeenLastCalledWith({ view: 'inbox', state: 'submitted', category: 'elevator', overdue: true, cursor: undefined });
    expect(screen.getByText('没有符合条件的工单')).toBeInTheDocument();

    fireEvent.click(chip('全部'));
    fireEvent.click(chip('类别：电梯 ▾'));
    fireEvent.click(chip('全部类别'));
    fireEvent.click(chip('✓ 只看超时'));
    await settle();
    expect(listMock).toHaveBeenLastCalledWith({ view: 'inbox', state: undefined, category: undefined, overdue: undefined, cursor: undefined });
  });

  it('加载更多 appends the next page by cursor until there is no more', async () => {
    listMock.mockResolvedValueOnce(page([summary(30), summary(29)], 'c-29')).mockResolvedValueOnce(page([summary(29), summary(28)], null));

    render(<HandlingList />);
    await screen.findByText('#30');
    expect(screen.getByText('已显示 2 条，还有更多')).toBeInTheDocument();

    fireEvent.click(screen.getByText('加载更多'));
    await settle();

    expect(listMock).toHaveBeenLastCalledWith({ view: 'inbox', cursor: 'c-29' });
    expect(shownIds()).toEqual(['#30', '#29', '#28']);
    expect(screen.queryByText('加载更多')).not.toBeInTheDocument();
    expect(screen.getByText('没有更多了')).toBeInTheDocument();
  });

  it('a failed 加载更多 keeps the list and says why', async () => {
    const toast = jest.spyOn(Taro, 'showToast');
    listMock.mockResolvedValueOnce(page([summary(30)], 'c-30')).mockRejectedValueOnce(new ApiError({ statusCode: 0, code: 'NETWORK', message: '网络不可用，请检查网络后重试' }));

    render(<HandlingList />);
    await screen.findByText('#30');
    fireEvent.click(screen.getByText('加载更多'));
    await settle();

    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络不可用，请检查网络后重试' }));
    expect(shownIds()).toEqual(['#30']);
    expect(screen.getByText('加载更多')).toBeInTheDocument();
  });

  it('an empty inbox says what will appear; a failure shows the API message with 重试', async () => {
    listMock.mockRejectedValueOnce(new ApiError({ statusCode: 503, code: 'DB_UNAVAILABLE', message: '服务暂时不可用，请稍后重试' })).mockResolvedValueOnce(page([]));

    render(<HandlingList />);

    expect(await screen.findByText('服务暂时不可用，请稍后重试')).toBeInTheDocument();
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('暂时没有工单')).toBeInTheDocument();
    expect(screen.getByText('居民提交的报事报修会出现在这里，请及时受理。')).toBeInTheDocument();
  });

  it('opens a ticket, and shows the list afresh when coming back from it', async () => {
    const navigate = jest.spyOn(Taro, 'navigateTo');
    listMock.mockResolvedValueOnce(page([summary(12)])).mockResolvedValueOnce(page([summary(12, { state: 'accepted' })]));

    render(<HandlingList />);
    fireEvent.click(await screen.findByText('#12'));
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/work/pages/ticket/index?id=12' });

    act(() => triggerDidShow());
    await settle();
    expect(within(screen.getByText('#12').closest('.handling-item') as HTMLElement).getByText('已受理')).toBeInTheDocument();
  });
});

describe('我的派单 (staff)', () => {
  it('a staff member gets the tickets assigned to them, with the states of their work', async () => {
    getMeMock.mockResolvedValue(meWith([STAFF_ROLE], '刘师傅'));
    listMock.mockResolvedValue(page([summary(40, { state: 'assigned' })]));

    render(<HandlingList />);

    expect(await screen.findByText('#40')).toBeInTheDocument();
    expect(listMock).toHaveBeenCalledWith({ view: 'assigned', cursor: undefined });
    expect(screen.queryByText('待受理', { selector: '.chip' })).not.toBeInTheDocument();
    fireEvent.click(chip('办理中'));
    await settle();
    expect(listMock).toHaveBeenLastCalledWith({ view: 'assigned', state: 'in_progress', cursor: undefined });
  });

  it('a staff member who opens the inbox link still gets only their own list', async () => {
    getMeMock.mockResolvedValue(meWith([STAFF_ROLE], '刘师傅'));
    setRouterParams({ view: 'inbox' });
    listMock.mockResolvedValue(page([]));

    render(<HandlingList />);

    expect(await screen.findByText('项目经理转办给您的工单会出现在这里。')).toBeInTheDocument();
    expect(listMock).toHaveBeenCalledWith({ view: 'assigned', cursor: undefined });
    expect(listMock).not.toHaveBeenCalledWith(expect.objectContaining({ view: 'inbox' }));
  });

  it('a resident has no handling list', async () => {
    getMeMock.mockResolvedValue(meWith([{ role: 'resident', communityId: 1, scopeName: '锦绣花园' }], '张阿姨'));

    render(<HandlingList />);

    expect(await screen.findByText('您没有处理工单的身份')).toBeInTheDocument();
    expect(listMock).not.toHaveBeenCalled();
  });
});
