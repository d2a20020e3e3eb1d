import { fireEvent, render, screen } from '@testing-library/react';
import Taro, { setRouterParams } from '../../../../../test/stubs/taro';
import { fakeApi, reply } from '../../../../../test/support/fake-api';
import { staffMe } from '../../../../../test/support/render';
import { setTokens } from '../../../../services/session';
import PostAnnouncement from './index';

const MANAGER = staffMe(3, '陈经理', [{ role: 'manager', communityId: 1, companyId: 1, scopeName: '锦绣花园' }]);
const typeInto = (selector: string, value: string) => fireEvent.input(document.querySelector(selector) as Element, { detail: { value }, target: { value } });

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
  setRouterParams({ communityId: '1', name: encodeURIComponent('锦绣花园') });
});

describe('发布公告', () => {
  it('asks for a title and text before sending anything', async () => {
    const server = fakeApi({ 'GET /api/v1/me': MANAGER });
    render(<PostAnnouncement />);
    fireEvent.click(await screen.findByText('发布并通知居民'));
    expect(screen.getByText('请填写公告标题')).toBeInTheDocument();
    expect(server.to('POST /api/v1/communities/1/announcements')).toHaveLength(0);
  });

  it('posts title, text and 置顶 to the estate, then opens the announcement', async () => {
    const server = fakeApi({ 'GET /api/v1/me': MANAGER, 'POST /api/v1/communities/1/announcements': { id: 12 } });
    const redirect = jest.spyOn(Taro, 'redirectTo');
    render(<PostAnnouncement />);
    expect(await screen.findByText('发布到 锦绣花园')).toBeInTheDocument();
    typeInto('.an-post-title', '停水通知');
    typeInto('.an-post-body', '周六停水，请储水。');
    fireEvent.click(screen.getByText('置顶'));
    fireEvent.click(screen.getByText('发布并通知居民'));
    await screen.findByText('发布并通知居民');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(server.to('POST /api/v1/communities/1/announcements')[0].data).toEqual({ title: '停水通知', body: '周六停水，请储水。', pinned: true, attachmentIds: [] });
    // No expiry chosen: the field is left out (the API takes a date or nothing).
    expect(server.to('POST /api/v1/communities/1/announcements')[0].data).not.toHaveProperty('expiresOn', null);
    expect(redirect).toHaveBeenCalledWith({ url: '/packages/announcements/pages/detail/index?id=12' });
  });

  it('shows why the API refused it and keeps what was written', async () => {
    fakeApi({ 'GET /api/v1/me': MANAGER, 'POST /api/v1/communities/1/announcements': reply(422, { code: 'VALIDATION_FAILED', message: '截止日期不能早于今天' }) });
    render(<PostAnnouncement />);
    await screen.findByText('发布到 锦绣花园');
    typeInto('.an-post-title', '停水通知');
    typeInto('.an-post-body', '周六停水。');
    fireEvent.click(screen.getByText('发布并通知居民'));
    expect(await screen.findByText('截止日期不能早于今天')).toBeInTheDocument();
    expect((document.querySelector('.an-post-title') as HTMLInputElement).value).toBe('停水通知');
  });
});
