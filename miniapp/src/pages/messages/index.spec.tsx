import { act, fireEvent, render, screen } from '@testing-library/react';
import type { NotificationView } from '@wuye/contracts';
import Taro from '../../../test/stubs/taro';
import { fakeApi, flush } from '../../../test/support/fake-api';
import { setTokens } from '../../services/session';
import Messages from './index';

const note = (id: number, overrides: Partial<NotificationView> = {}): NotificationView => ({
  id,
  kind: 'ticket_resolved',
  title: '您的报事有了处理结果',
  body: `#${id} 电梯：已更换按钮面板`,
  ticketId: id,
  read: false,
  createdAt: '2026-11-28T05:00:00.000Z',
  ...overrides,
});

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
