import { fireEvent, render, screen } from '@testing-library/react';
import type { AnnouncementView } from '@wuye/contracts';
import Taro, { setRouterParams } from '../../../../../test/stubs/taro';
import { fakeApi, JINXIU_OWNER, reply } from '../../../../../test/support/fake-api';
import { staffMe } from '../../../../../test/support/render';
import { setTokens } from '../../../../services/session';
import AnnouncementDetail from './index';

const MANAGER = staffMe(3, '陈经理', [{ role: 'manager', communityId: 1, companyId: 1, scopeName: '锦绣花园' }]);
const view = (overrides: Partial<AnnouncementView> = {}): AnnouncementView => ({
  id: 4,
  communityId: 1,
  communityName: '锦绣花园',
  title: '二次供水水箱清洗停水通知',
  body: '本周六 9:00–15:00 3栋、5栋停水，请提前储水。',
  attachments: [],
  pinned: true,
  postedBy: 'property',
  expiresOn: '2026-12-12',
  current: true,
  withdrawn: false,
  createdAt: '2026-12-05T01:30:00.000Z',
  readCount: null,
  actions: { withdraw: false },
  ...overrides,
});
const CARD = { kind: 'announcement', id: 4, title: '锦绣花园 小区公告：二次供水水箱清洗停水通知', communityId: 1, communityName: '锦绣花园', canOpen: true };

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
  setRouterParams({ id: '4' });
});

describe('公告 detail', () => {
  it('a resident reads it in full, with who posted it and until when; no read count, no 撤回; the app says it was read', async () => {
    const server = fakeApi({ 'GET /api/v1/me': JINXIU_OWNER, 'GET /api/v1/announcements/4': view(), 'GET /api/v1/share-cards/announcement/4': CARD, 'POST /api/v1/announcements/4/read': null });
    render(<AnnouncementDetail />);
    expect(await screen.findByText(/本周六 9:00–15:00/)).toBeInTheDocument();
    expect(screen.getByText('置顶')).toBeInTheDocument();
    expect(screen.getByText(/锦绣花园 · 物业服务中心 · 2026-12-05 发布 · 有效期至 2026-12-12/)).toBeInTheDocument();
    expect(screen.queryByText(/已读/)).not.toBeInTheDocument();
    expect(screen.queryByText('撤回公告')).not.toBeInTheDocument();
    // H5: the share card's link is copied for the owners' group.
    expect(await screen.findByText('复制链接')).toBeInTheDocument();
    expect(server.to('POST /api/v1/announcements/4/read')).toHaveLength(1);
  });

  it('the manager sees how many read it (never who) and may withdraw it after confirming', async () => {
    const server = fakeApi({
      'GET /api/v1/me': MANAGER,
      'GET /api/v1/announcements/4': view({ readCount: 1, actions: { withdraw: true } }),
      'GET /api/v1/share-cards/announcement/4': CARD,
      'POST /api/v1/announcements/4/withdraw': view({ readCount: 1, withdrawn: true, current: false }),
    });
    const modal = jest.spyOn(Taro, 'showModal');
    render(<AnnouncementDetail />);
    expect(await screen.findByText('已读 1 人')).toBeInTheDocument();
    fireEvent.click(screen.getByText('撤回公告'));
    expect(await screen.findByText('已撤回')).toBeInTheDocument();
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '撤回公告' }));
    expect(server.to('POST /api/v1/announcements/4/withdraw')).toHaveLength(1);
    expect(screen.queryByText('撤回公告')).not.toBeInTheDocument();
  });

  it('a resident of another estate opening a shared link is told what it is and how to get in', async () => {
    fakeApi({
      'GET /api/v1/me': JINXIU_OWNER,
      'GET /api/v1/announcements/4': reply(404, { code: 'NOT_FOUND', message: '未找到该公告，或您无权查看' }),
      'GET /api/v1/share-cards/announcement/4': { ...CARD, canOpen: false },
    });
    render(<AnnouncementDetail />);
    expect(await screen.findByText('锦绣花园的小区公告，绑定本小区房屋后查看')).toBeInTheDocument();
  });
});
