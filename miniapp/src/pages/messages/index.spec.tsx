import { act, fireEvent, render, screen } from '@testing-library/react';
import { NOTIFICATION_TARGETS, notificationPage, type NotificationView } from '@wuye/contracts';
import * as routes from '../../routes';
import Taro from '../../../test/stubs/taro';
import { fakeApi, flush } from '../../../test/support/fake-api';
import { setTokens } from '../../services/session';
import Messages from './index';

const note = (id: number, overrides: Partial<NotificationView> = {}): NotificationView => {
  const shown = { id, kind: 'ticket_resolved', title: '您的报事有了处理结果', body: `#${id} 电梯：已更换按钮面板`, ticketId: id, disclosureId: null, read: false, createdAt: '2026-11-28T05:00:00.000Z', ...overrides };
  return { ...shown, page: notificationPage(shown) };
};

describe('消息', () => {
  beforeEach(() => setTokens({ accessToken: 'access', refreshToken: 'refresh' }));

  it('lists notifications with the unread count; tapping one marks it read and opens its ticket', async () => {
    const server = fakeApi({
      'GET /api/v1/notifications': { items: [note(7), note(8, { read: true, title: '您的报事已受理' })], nextCursor: null },
      'GET /api/v1/notifications/unread-count': { unread: 1 },
      'POST /api/v1/notifications/7/read': undefined,
    });
    const badge = jest.spyOn(Taro, 'setTabBarBadge');
    const navigate = jest.spyOn(Taro, 'navigateTo');
    render(<Messages />);

    expect(await screen.findByText('1 条未读')).toBeInTheDocument();
    expect(badge).toHaveBeenCalledWith({ index: 1, text: '1' });
    expect(screen.getAllByText('未读')).toHaveLength(1);
    await act(async () => {
      fireEvent.click(screen.getByText('您的报事有了处理结果'));
      await flush();
    });
    expect(server.to('POST /api/v1/notifications/7/read')).toHaveLength(1);
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/tickets/pages/detail/index?id=7' });
    expect(screen.queryByText('未读')).not.toBeInTheDocument();
    expect(screen.queryByText('1 条未读')).not.toBeInTheDocument();
  });

  it('opens the page where the reader acts: 受理 for a new ticket, 开始办理 for a 派单, the review for a disclosure', async () => {
    fakeApi({
      'GET /api/v1/notifications': {
        items: [
          note(1, { kind: 'ticket_new', title: '新工单：电梯', ticketId: 31, read: true }),
          note(2, { kind: 'ticket_assigned', title: '新的派单', ticketId: 32, read: true }),
          note(3, { kind: 'disclosure_review', title: '有公示待审核', ticketId: null, disclosureId: 41, read: true }),
          note(4, { kind: 'disclosure_question', title: '业主对公示提出质询', ticketId: null, disclosureId: 42, read: true }),
        ],
        nextCursor: null,
      },
      'GET /api/v1/notifications/unread-count': { unread: 0 },
    });
    const navigate = jest.spyOn(Taro, 'navigateTo');
    render(<Messages />);
    for (const title of ['新工单：电梯', '新的派单', '有公示待审核', '业主对公示提出质询']) fireEvent.click(await screen.findByText(title));
    expect(navigate.mock.calls.map(([options]) => options.url)).toEqual([
      '/packages/work/pages/ticket/index?id=31',
      '/packages/work/pages/ticket/index?id=32',
      '/packages/review/pages/detail/index?id=41',
      '/packages/disclosures/pages/manage/index?tab=questions',
    ]);
  });

  it('every page a notification opens is a page of the app', () => {
    const pages: unknown[] = Object.values(routes).filter((route) => typeof route === 'string');
    const missing = Object.entries(NOTIFICATION_TARGETS).filter(([, target]) => [target.page, target.otherwise ?? target.page].some((page) => !pages.includes(`/${page}`)));
    expect(missing).toEqual([]);
  });

  it('says what will appear here when there is nothing yet', async () => {
    fakeApi({ 'GET /api/v1/notifications': { items: [], nextCursor: null }, 'GET /api/v1/notifications/unread-count': { unread: 0 } });
    render(<Messages />);
    expect(await screen.findByText('暂无消息')).toBeInTheDocument();
  });

  it('signed out, it offers the sign-in instead', () => {
    Taro.clearStorageSync();
    render(<Messages />);
    expect(screen.getByText('您还没有登录')).toBeInTheDocument();
  });
});
