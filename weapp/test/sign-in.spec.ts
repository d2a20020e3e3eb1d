/**
 * @jest-environment jsdom
 */
// The launch signs in through WeChat without asking (wx.login → POST /auth/wechat). A malformed answer to that
// call must not leave the resident signed out with no reason: the page says the sign-in failed, and 重试 works.
import { MALFORMED, RESIDENT, routesFor } from './support/fixtures';
import { launch } from './support/miniprogram';

describe('the WeChat sign-in at launch', () => {
  const app = launch({ '*': {} });

  it('answered with {} says why it failed, and 重试 signs in once the API answers properly', async () => {
    const me = app.open('pages/me/index');

    await me.waitForText(`登录没有成功 ${MALFORMED}`);
    app.api.set(routesFor(RESIDENT));
    await me.fire('notice-action');
    await me.waitForText('手机号 139****1234');
    expect(app.api.calls.filter((call) => call.path === '/api/v1/auth/wechat')).toHaveLength(2);
    me.close();
    expect(app.errors).toEqual([]);
  });
});
