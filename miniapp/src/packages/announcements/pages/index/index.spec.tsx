import { fireEvent, render, screen } from '@testing-library/react';
import Taro, { setRouterParams } from '../../../../../test/stubs/taro';
import { fakeApi } from '../../../../../test/support/fake-api';
import { staffMe } from '../../../../../test/support/render';
import { setTokens } from '../../../../services/session';
import AnnouncementsHome from './index';

const summary = (id: number, title: string, more: object = {}) => ({ id, communityId: 1, title, pinned: false, postedBy: 'property', expiresOn: null, current: true, withdrawn: false, createdAt: '2026-12-05T01:30:00.000Z', readCount: 0, ...more });

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
  setRouterParams({});
});

describe('小区公告 for those who post', () => {
  it('lists every announcement of the estate with its read count and state; 发布公告 opens the form', async () => {
    const server = fakeApi({
      'GET /api/v1/me': staffMe(3, '陈经理', [{ role: 'manager', communityId: 1, companyId: 1, scopeName: '锦绣花园' }]),
      'GET /api/v1/communities/1/announcements': {
        items: [summary(4, '停水通知', { pinned: true, readCount: 12 }), summary(2, '消防演练', { current: false, readCount: 30 }), summary(1, '业委会换届', { postedBy: 'committee', readCount: null })],
        nextCursor: null,
      },
    });
    const navigate = jest.spyOn(Taro, 'navigateTo');
    render(<AnnouncementsHome />);
    expect(await screen.findByText('已读 12 人')).toBeInTheDocument();
    expect(screen.getByText('已过期')).toBeInTheDocument();
    expect(screen.getByText('已读 30 人')).toBeInTheDocument();
    // Another side's announcement: no count.
    expect(screen.getAllByText(/已读/)).toHaveLength(2);
    expect(server.to('GET /api/v1/communities/1/announcements')[0].query).toEqual({ all: 'true' });
    fireEvent.click(screen.getByText('发布公告'));
    expect(navigate).toHaveBeenLastCalledWith({ url: `/packages/announcements/pages/post/index?communityId=1&name=${encodeURIComponent('锦绣花园')}` });
  });

  it('tells a resident that announcements are posted by the estate’s manager, committee or office', async () => {
    fakeApi({ 'GET /api/v1/me': staffMe(5, '张阿姨', [{ role: 'resident', communityId: 1, scopeName: '锦绣花园' }]) });
    render(<AnnouncementsHome />);
    expect(await screen.findByText('您没有发布公告的身份')).toBeInTheDocument();
  });

  it('a community office reaches the estate its oversight page linked, and only with that link', async () => {
    setRouterParams({ communityId: '2', name: encodeURIComponent('阳光新城') });
    const server = fakeApi({ 'GET /api/v1/me': staffMe(6, '赵书记', [{ role: 'community_office', areaId: 3, scopeName: '南门社区' }]), 'GET /api/v1/communities/2/announcements': { items: [], nextCursor: null } });
    render(<AnnouncementsHome />);
    expect(await screen.findByText('阳光新城还没有发布过公告。')).toBeInTheDocument();
    expect(server.to('GET /api/v1/communities/2/announcements')).toHaveLength(1);
  });
});

