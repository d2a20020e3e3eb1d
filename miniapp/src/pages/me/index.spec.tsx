import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { BindingView, MeView, MyHouse, RoleScope } from '@wuye/contracts';
import { setPhoneNumberAnswer } from '../../../test/stubs/components';
import Taro, { triggerDidShow, triggerPullDownRefresh } from '../../../test/stubs/taro';
import { removeBinding } from '../../services/bindings';
import { bindPhone, getMe, renameMe } from '../../services/me';
import { getAccessToken, setTokens } from '../../services/session';
import { ApiError } from '../../services/http';
import Me from './index';

jest.mock('../../services/me');
jest.mock('../../services/bindings');
const getMeMock = jest.mocked(getMe);
const removeBindingMock = jest.mocked(removeBinding);
const bindPhoneMock = jest.mocked(bindPhone);
const renameMeMock = jest.mocked(renameMe);

const binding = (id: number, overrides: Partial<BindingView> = {}): BindingView => ({
  id,
  houseId: 100 + id,
  houseLabel: '3栋1单元1201',
  communityId: 1,
  communityName: '锦绣花园',
  relation: 'owner',
  state: 'approved',
  reason: null,
  createdAt: '2026-11-28T06:00:00.000Z',
  decidedAt: null,
  ...overrides,
});

const member = (id: number, name: string, overrides: Partial<BindingView> = {}): BindingView =>
  binding(id, { relation: 'family', applicant: { id: 50 + id, displayName: name }, applicantNote: null, ...overrides });

const me = (overrides: Partial<MeView> = {}): MeView => ({
  id: 16,
  displayName: '张阿姨',
  phone: '139****1234',
  roles: [{ role: 'resident', communityId: 1, scopeName: '锦绣花园' }],
  houses: [],
  wechat: false,
  ...overrides,
});

const ownerHouse: MyHouse = {
  ...binding(1),
  household: [member(2, '张小明'), member(3, '租户 小王', { relation: 'tenant', state: 'pending', houseLabel: '3栋1单元1201' })],
};

const houseCard = (label: string) => screen.getByText(label).closest('.house-card') as HTMLElement;
const workspaceTitles = () => Array.from(document.querySelectorAll('.me-workspaces .link-title')).map((el) => el.firstChild?.textContent);

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
});

afterEach(() => {
  // Declared as always set (Taro sets it at build time); under jest it is unset unless a test picks a platform.
  Reflect.deleteProperty(process.env, 'TARO_ENV');
});

describe('我的 houses', () => {
  it('shows each house with its state: 已绑定, 待审核, and 未通过 with the reason', async () => {
    getMeMock.mockResolvedValue(
      me({
        houses: [
          { ...binding(1), household: [] },
          binding(4, { houseLabel: '5栋2单元0602', relation: 'tenant', state: 'pending' }),
          binding(5, { houseLabel: '1栋1单元0101', relation: 'family', state: 'rejected', reason: '与产权登记不符' }),
        ],
      }),
    );

    render(<Me />);

    await screen.findByText('锦绣花园 3栋1单元1201');
    const approved = houseCard('锦绣花园 3栋1单元1201');
    expect(within(approved).getByText('已绑定')).toBeInTheDocument();
    expect(within(approved).getByText(/^业主 · 申请于 2026-11-28$/)).toBeInTheDocument();
    expect(within(approved).getByText('暂无其他成员')).toBeInTheDocument();
    const pending = houseCard('锦绣花园 5栋2单元0602');
    expect(within(pending).getByText('待审核')).toBeInTheDocument();
    expect(within(pending).getByText(/^租户/)).toBeInTheDocument();
    const rejected = houseCard('锦绣花园 1栋1单元0101');
    expect(within(rejected).getByText('未通过')).toBeInTheDocument();
    expect(within(rejected).getByText('未通过：与产权登记不符')).toBeInTheDocument();
    expect(within(approved).getByText('解除绑定')).toBeInTheDocument();
    expect(within(pending).getByText('撤回申请')).toBeInTheDocument();
    expect(within(rejected).getByText('删除记录')).toBeInTheDocument();
  });

  it('clears a rejected request after confirming, and the list no longer shows it', async () => {
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false });
    const rejected = binding(5, { houseLabel: '1栋1单元0101', relation: 'family', state: 'rejected', reason: '与产权登记不符' });
    getMeMock.mockResolvedValueOnce(me({ houses: [rejected] })).mockResolvedValueOnce(me({ houses: [] }));
    removeBindingMock.mockResolvedValue({ ...rejected, state: 'removed' });

    render(<Me />);
    await screen.findByText('锦绣花园 1栋1单元0101');
    fireEvent.click(within(houseCard('锦绣花园 1栋1单元0101')).getByText('删除记录'));

    expect(await screen.findByText(/还没有绑定房屋/)).toBeInTheDocument();
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '删除记录', content: expect.stringContaining('未通过的申请') }));
    expect(removeBindingMock).toHaveBeenCalledWith(5);
  });

  it('says there is no house yet and opens the binding form and the invitation page', async () => {
    const navigate = jest.spyOn(Taro, 'navigateTo');
    getMeMock.mockResolvedValue(me({ roles: [], houses: [] }));

    render(<Me />);

    expect(await screen.findByText(/还没有绑定房屋/)).toBeInTheDocument();
    expect(document.querySelector('.me-roles')).toBeNull();
    fireEvent.click(screen.getByText('申请绑定房屋'));
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/account/pages/bind/index' });
    fireEvent.click(screen.getByText('输入邀请码'));
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/account/pages/invite/index' });
  });

  it('lets an owner remove a household member after confirming, then shows the household without them', async () => {
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false });
    getMeMock
      .mockResolvedValueOnce(me({ houses: [ownerHouse] }))
      .mockResolvedValueOnce(me({ houses: [{ ...ownerHouse, household: [ownerHouse.household![1]] }] }));
    removeBindingMock.mockResolvedValue(member(2, '张小明', { state: 'removed' }));

    render(<Me />);

    const household = (await screen.findByText('家庭成员和租户')).closest('.household') as HTMLElement;
    expect(within(household).getByText('张小明 · 家属 · 已绑定')).toBeInTheDocument();
    expect(within(household).getByText('租户 小王 · 租户 · 待审核')).toBeInTheDocument();
    fireEvent.click(within(screen.getByText('张小明 · 家属 · 已绑定').closest('.household-member') as HTMLElement).getByText('移除'));

    expect(await screen.findByText('租户 小王 · 租户 · 待审核')).toBeInTheDocument();
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '移除成员', content: expect.stringContaining('张小明（家属）') }));
    expect(removeBindingMock).toHaveBeenCalledWith(2);
    expect(screen.queryByText('张小明 · 家属 · 已绑定')).not.toBeInTheDocument();
    expect(getMeMock).toHaveBeenCalledTimes(2);
  });

  it('removes nobody when the owner cancels the confirmation', async () => {
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: false, cancel: true });
    getMeMock.mockResolvedValue(me({ houses: [ownerHouse] }));

    render(<Me />);
    fireEvent.click(within((await screen.findByText('张小明 · 家属 · 已绑定')).closest('.household-member') as HTMLElement).getByText('移除'));
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });

    expect(removeBindingMock).not.toHaveBeenCalled();
    expect(screen.getByText('张小明 · 家属 · 已绑定')).toBeInTheDocument();
  });

  it('reloads on pull-down refresh and when shown again (back from the binding form)', async () => {
    const stop = jest.spyOn(Taro, 'stopPullDownRefresh');
    getMeMock
      .mockResolvedValueOnce(me())
      .mockResolvedValueOnce(me({ houses: [binding(7, { houseLabel: '2栋1单元0101', state: 'pending' })] }))
      .mockResolvedValueOnce(me({ houses: [binding(7, { houseLabel: '2栋1单元0101', state: 'approved' })] }));

    render(<Me />);
    await screen.findByText(/还没有绑定房屋/);

    act(() => triggerDidShow());
    expect(await screen.findByText('待审核')).toBeInTheDocument();
    act(() => triggerPullDownRefresh());
    expect(await screen.findByText('已绑定')).toBeInTheDocument();
    expect(stop).toHaveBeenCalled();
  });
});

describe('我的 roles', () => {
  const manager: RoleScope = { role: 'manager', communityId: 1, companyId: 1, scopeName: '锦绣花园' };
  const committee: RoleScope = { role: 'committee', communityId: 2, scopeName: '阳光新城' };
  const resident: RoleScope = { role: 'resident', communityId: 2, scopeName: '阳光新城' };

  it('shows a single role with its scope, without a switcher', async () => {
    getMeMock.mockResolvedValue(me());

    render(<Me />);

    const roles = (await screen.findByText('我的身份')).closest('.me-roles') as HTMLElement;
    expect(within(roles).getByText('居民 · 锦绣花园')).toBeInTheDocument();
    expect(within(roles).queryByText('当前身份')).not.toBeInTheDocument();
    expect(within(roles).queryByText('切换')).not.toBeInTheDocument();
    expect(workspaceTitles()).toEqual(['报事报修', '小区公示', '业主表决', '满意度测评', '星级与信用', '小区检查', '小区联席会']);
  });

  it('switches the current role, puts its workspace first, and remembers the choice', async () => {
    getMeMock.mockResolvedValue(me({ roles: [resident, manager, committee] }));

    const { unmount } = render(<Me />);

    // Without a choice the work role comes first.
    const current = (await screen.findByText('当前身份')).closest('.role-row') as HTMLElement;
    expect(within(current).getByText('项目经理 · 锦绣花园')).toBeInTheDocument();
    expect(workspaceTitles()).toEqual(['物业工作台', '绑定审核', '小区公告', '检查与整改', '隐患排查', '联席会议', '报事报修', '小区公示', '业主表决', '满意度测评', '星级与信用', '小区检查', '小区联席会', '业委会']);

    fireEvent.click(screen.getByText('业委会委员 · 阳光新城'));
    expect(within(screen.getByText('当前身份').closest('.role-row') as HTMLElement).getByText('业委会委员 · 阳光新城')).toBeInTheDocument();
    expect(workspaceTitles()[0]).toBe('业委会');

    unmount();
    render(<Me />);
    const remembered = (await screen.findByText('当前身份')).closest('.role-row') as HTMLElement;
    expect(within(remembered).getByText('业委会委员 · 阳光新城')).toBeInTheDocument();
    expect(workspaceTitles().slice(0, 2)).toEqual(['业委会', '绑定审核']);
  });
});

describe('我的 name', () => {
  it('asks a new WeChat account for a name reviewers can recognise, and saves it', async () => {
    getMeMock.mockResolvedValue(me({ displayName: '微信用户' }));
    renameMeMock.mockResolvedValue(me({ displayName: '3栋 王阿姨' }));

    render(<Me />);
    expect(await screen.findByText(/物业审核绑定时会看到/)).toBeInTheDocument();
    fireEvent.click(screen.getByText('修改称呼'));
    fireEvent.click(screen.getByText('保存'));
    expect(screen.getByText('请填写称呼')).toBeInTheDocument();
    expect(renameMeMock).not.toHaveBeenCalled();

    fireEvent.change(document.querySelector('.me-name-input') as HTMLElement, { target: { value: ' 3栋 王阿姨 ' } });
    fireEvent.click(screen.getByText('保存'));

    expect(await screen.findByText('3栋 王阿姨')).toHaveClass('me-name');
    expect(renameMeMock).toHaveBeenCalledWith('3栋 王阿姨');
    expect(screen.queryByText(/物业审核绑定时会看到/)).not.toBeInTheDocument();
  });
});

describe('我的 phone number', () => {
  it('on WeChat offers the phone button once when none is on file, and shows the masked number it gets', async () => {
    process.env.TARO_ENV = 'weapp';
    getMeMock.mockResolvedValue(me({ phone: null, wechat: true }));
    bindPhoneMock.mockResolvedValue(me({ phone: '138****0000', wechat: true }));
    setPhoneNumberAnswer({ errMsg: 'getPhoneNumber:ok', code: 'phone-code' });

    const { unmount } = render(<Me />);
    fireEvent.click(await screen.findByText('使用微信手机号'));

    expect(await screen.findByText('手机号 138****0000')).toBeInTheDocument();
    expect(bindPhoneMock).toHaveBeenCalledWith('phone-code');
    expect(screen.queryByText('使用微信手机号')).not.toBeInTheDocument();

    // Refused or not, it is not asked again on this phone.
    unmount();
    getMeMock.mockResolvedValue(me({ phone: null, wechat: true }));
    render(<Me />);
    await screen.findByText('未绑定手机号');
    expect(screen.queryByText('使用微信手机号')).not.toBeInTheDocument();
  });

  it('is not offered in the H5 build, nor when the server cannot reach WeChat', async () => {
    getMeMock.mockResolvedValue(me({ phone: null, wechat: true }));
    const { unmount } = render(<Me />);
    await screen.findByText('未绑定手机号');
    expect(screen.queryByText('使用微信手机号')).not.toBeInTheDocument();
    unmount();

    process.env.TARO_ENV = 'weapp';
    getMeMock.mockResolvedValue(me({ phone: null, wechat: false }));
    render(<Me />);
    await screen.findByText('未绑定手机号');
    expect(screen.queryByText('使用微信手机号')).not.toBeInTheDocument();
  });
});

describe('我的 session', () => {
  it('signs out: the tokens go and the page offers 登录', async () => {
    const api = jest.spyOn(Taro, 'request').mockResolvedValue({ statusCode: 204, data: '' });
    getMeMock.mockResolvedValue(me());

    render(<Me />);
    fireEvent.click(await screen.findByText('退出登录'));

    expect(await screen.findByText('您还没有登录')).toBeInTheDocument();
    expect(api.mock.calls[0][0]).toMatchObject({ method: 'POST', url: expect.stringContaining('/api/v1/auth/logout') });
    expect(getAccessToken()).toBeNull();
  });

  it('on H5 without a session, 登录 opens the demo-account picker', async () => {
    const navigate = jest.spyOn(Taro, 'navigateTo');
    localStorage.clear();
    Taro.clearStorageSync();

    render(<Me />);
    fireEvent.click(screen.getByText('登录'));

    expect(navigate).toHaveBeenCalledWith({ url: '/packages/account/pages/signin/index' });
    expect(getMeMock).not.toHaveBeenCalled();
  });

  it('on WeChat shows why the silent sign-in failed, and 重试 signs in and loads the page', async () => {
    process.env.TARO_ENV = 'weapp';
    Taro.clearStorageSync();
    const login = jest
      .spyOn(Taro, 'login')
      .mockResolvedValueOnce({ code: 'wx-code-1', errMsg: 'login:ok' })
      .mockResolvedValueOnce({ code: 'wx-code-2', errMsg: 'login:ok' });
    const api = jest
      .spyOn(Taro, 'request')
      .mockResolvedValueOnce({ statusCode: 503, data: { statusCode: 503, code: 'WECHAT_UNAVAILABLE', message: '微信服务暂时不可用，请稍后重试' } })
      .mockResolvedValueOnce({ statusCode: 200, data: { accessToken: 'a', refreshToken: 'r', expiresIn: 900 } });
    getMeMock.mockResolvedValue(me());
    const { signInSilently } = await import('../../services/auth');

    render(<Me />);
    act(() => signInSilently());

    expect(await screen.findByText('登录没有成功')).toBeInTheDocument();
    expect(screen.getByText('微信服务暂时不可用，请稍后重试')).toBeInTheDocument();
    fireEvent.click(screen.getByText('重试'));

    expect(await screen.findByText('张阿姨')).toBeInTheDocument();
    expect(login).toHaveBeenCalledTimes(2);
    expect(api.mock.calls[1][0]).toMatchObject({ method: 'POST', data: { code: 'wx-code-2' } });
    expect(getAccessToken()).toBe('a');
  });

  it('shows the error with 重试 when 我的 cannot be loaded', async () => {
    getMeMock
      .mockRejectedValueOnce(new ApiError({ statusCode: 503, code: 'DB_UNAVAILABLE', message: '服务繁忙，请稍后再试' }))
      .mockResolvedValueOnce(me());

    render(<Me />);
    expect(await screen.findByText('服务繁忙，请稍后再试')).toBeInTheDocument();
    fireEvent.click(screen.getByText('重试'));

    expect(await screen.findByText('张阿姨')).toBeInTheDocument();
  });
});
