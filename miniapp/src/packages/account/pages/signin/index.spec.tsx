import { fireEvent, render, screen } from '@testing-library/react';
import Taro, { setRouterParams, type StubRequestOptions, type StubResponse } from '../../../../../test/stubs/taro';
import { getAccessToken } from '../../../../services/session';
import SignIn from './index';
import { settle } from '../../../../../test/support/render';

const ACCOUNTS = [
  { key: 'manager.jinxiu', displayName: '锦绣花园 陈经理', roles: ['项目经理'] },
  { key: 'resident.new', displayName: '新用户 小周', roles: [] },
];

function mockApi(handler: (options: StubRequestOptions) => StubResponse) {
  return jest.spyOn(Taro, 'request').mockImplementation(async (options) => handler(options));
}

describe('登录 (H5 demo-account picker)', () => {
  it('lists the demo accounts with their role labels; a tap signs in and restarts the app on 我的', async () => {
    const reLaunch = jest.spyOn(Taro, 'reLaunch');
    const api = mockApi((options) =>
      options.url.endsWith('/api/v1/auth/dev/users')
        ? { statusCode: 200, data: ACCOUNTS }
        : { statusCode: 200, data: { accessToken: 'a-1', refreshToken: 'r-1', expiresIn: 900 } },
    );

    render(<SignIn />);

    expect(await screen.findByText('锦绣花园 陈经理')).toBeInTheDocument();
    expect(screen.getByText('项目经理')).toBeInTheDocument();
    expect(screen.getByText('尚未绑定房屋')).toBeInTheDocument();
    fireEvent.click(screen.getByText('新用户 小周'));
    await settle();

    expect(api.mock.calls[1][0]).toMatchObject({ method: 'POST', data: { user: 'resident.new' } });
    expect(getAccessToken()).toBe('a-1');
    expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/me/index' });
  });

  it('returns to the page that sent the user here', async () => {
    const reLaunch = jest.spyOn(Taro, 'reLaunch');
    setRouterParams({ redirect: encodeURIComponent('/packages/work/pages/bindings/index') });
    mockApi((options) =>
      options.url.endsWith('/api/v1/auth/dev/users')
        ? { statusCode: 200, data: ACCOUNTS }
        : { statusCode: 200, data: { accessToken: 'a-1', refreshToken: 'r-1', expiresIn: 900 } },
    );

    render(<SignIn />);
    fireEvent.click(await screen.findByText('锦绣花园 陈经理'));
    await settle();

    expect(reLaunch).toHaveBeenCalledWith({ url: '/packages/work/pages/bindings/index' });
  });

  it('without development sign-in (404) tells the user to open the mini-program in WeChat', async () => {
    mockApi(() => ({ statusCode: 404, data: { statusCode: 404, code: 'ROUTE_NOT_FOUND', message: '接口不存在' } }));

    render(<SignIn />);

    expect(await screen.findByText('请在微信中打开物业通')).toBeInTheDocument();
    expect(document.querySelectorAll('.dev-account')).toHaveLength(0);
  });
});
