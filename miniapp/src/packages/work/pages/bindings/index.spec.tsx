import { fireEvent, render, screen, within } from '@testing-library/react';
import type { BindingView, CommunityView, Page, RoleScope } from '@wuye/contracts';
import Taro, { setRouterParams } from '../../../../../test/stubs/taro';
import { approveBinding, listPendingBindings, rejectBinding } from '../../../../services/bindings';
import { ApiError } from '../../../../services/http';
import { getMe } from '../../../../services/me';
import { listScopedCommunities } from '../../../../services/roles';
import { setTokens } from '../../../../services/session';
import BindingReview from './index';
import { settle, staffMe } from '../../../../../test/support/render';

jest.mock('../../../../services/bindings');
jest.mock('../../../../services/me');
jest.mock('../../../../services/roles');
const listMock = jest.mocked(listPendingBindings);
const approveMock = jest.mocked(approveBinding);
const rejectMock = jest.mocked(rejectBinding);
const getMeMock = jest.mocked(getMe);
const scopedMock = jest.mocked(listScopedCommunities);

const MANAGER: RoleScope = { role: 'manager', communityId: 1, companyId: 1, scopeName: '锦绣花园' };

const request = (id: number, name: string, houseLabel: string, overrides: Partial<BindingView> = {}): BindingView => ({
  id,
  houseId: 70 + id,
  houseLabel,
  communityId: 1,
  communityName: '锦绣花园',
  relation: 'owner',
  state: 'pending',
  reason: null,
  createdAt: '2026-11-28T06:05:00.000Z',
  decidedAt: null,
  applicant: { id: 20 + id, displayName: name },
  applicantNote: null,
  contested: false,
  can: { approve: true, reject: true },
  blocked: {},
  ...overrides,
});

const page = (items: BindingView[], nextCursor: string | null = null): Page<BindingView> => ({ items, nextCursor });
const estateView = (id: number, name: string): CommunityView => ({ id, code: `C${id}`, name, areaId: 3, areaName: '南门社区', townName: '城关镇', address: null, lat: null, long: null, company: { id: 1, name: '万家物业', contactPhone: null }, contract: null });
const me = (roles: RoleScope[]) => staffMe(8, '陈经理', roles);

const XIAOZHOU = request(5, '新用户 小周', '2栋1单元0101', { applicantNote: '产权证：周晓' });
const XIAOLI = request(6, '李四', '4栋2单元0302', { relation: 'tenant' });

const item = (name: string) => screen.getByText(name).closest('.review-item') as HTMLElement;
const findItem = async (name: string) => (await screen.findByText(name)).closest('.review-item') as HTMLElement;
const shownApplicants = () => Array.from(document.querySelectorAll('.review-applicant')).map((el) => el.textContent);

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
  getMeMock.mockResolvedValue(me([MANAGER]));
});

describe('绑定审核', () => {
  it('lists the pending requests with house, relation, applicant, note and time (Asia/Shanghai)', async () => {
    listMock.mockResolvedValue(page([XIAOZHOU, XIAOLI]));

    render(<BindingReview />);

    const first = await findItem('新用户 小周');
    expect(within(first).getByText('锦绣花园 2栋1单元0101')).toBeInTheDocument();
    expect(within(first).getByText('业主')).toBeInTheDocument();
    expect(within(first).getByText('备注：产权证：周晓')).toBeInTheDocument();
    expect(within(first).getByText('2026-11-28 14:05')).toBeInTheDocument();
    expect(within(item('李四')).getByText('租户')).toBeInTheDocument();
    expect(listMock).toHaveBeenCalledWith(1, undefined);
  });

  it('通过: after the confirmation the request is approved and leaves the list', async () => {
    const modal = jest.spyOn(Taro, 'showModal');
    listMock.mockResolvedValue(page([XIAOZHOU, XIAOLI]));
    approveMock.mockResolvedValue({ ...XIAOZHOU, state: 'approved' });

    render(<BindingReview />);
    fireEvent.click(within(await findItem('新用户 小周')).getByText('通过'));
    await settle();

    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('新用户 小周 是 锦绣花园 2栋1单元0101 的业主') }));
    expect(approveMock).toHaveBeenCalledWith(5);
    expect(shownApplicants()).toEqual(['李四']);
  });

  it('通过 cancelled: nothing is sent and the request stays', async () => {
    jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: false, cancel: true });
    listMock.mockResolvedValue(page([XIAOZHOU]));

    render(<BindingReview />);
    fireEvent.click(await screen.findByText('通过'));
    await settle();

    expect(approveMock).not.toHaveBeenCalled();
    expect(shownApplicants()).toEqual(['新用户 小周']);
  });

  it('驳回 asks for a reason, refuses to send without one, then sends it and removes the request', async () => {
    listMock.mockResolvedValue(page([XIAOZHOU, XIAOLI]));
    rejectMock.mockResolvedValue({ ...XIAOLI, state: 'rejected', reason: '租赁合同已到期' });

    render(<BindingReview />);
    const li = await findItem('李四');
    fireEvent.click(within(li).getByText('驳回'));
    fireEvent.click(within(li).getByText('确认驳回'));

    expect(within(li).getByText('请填写驳回原因，申请人会看到')).toBeInTheDocument();
    expect(rejectMock).not.toHaveBeenCalled();

    fireEvent.change(li.querySelector('.review-reason') as HTMLElement, { target: { value: '   ' } });
    fireEvent.click(within(li).getByText('确认驳回'));
    expect(rejectMock).not.toHaveBeenCalled();

    fireEvent.change(li.querySelector('.review-reason') as HTMLElement, { target: { value: ' 租赁合同已到期 ' } });
    fireEvent.click(within(li).getByText('确认驳回'));
    await settle();

    expect(rejectMock).toHaveBeenCalledWith(6, '租赁合同已到期');
    expect(shownApplicants()).toEqual(['新用户 小周']);
  });

  it('when another reviewer decided first (409) it says so and shows the list again as it is now', async () => {
    const toast = jest.spyOn(Taro, 'showToast');
    listMock.mockResolvedValueOnce(page([XIAOZHOU, XIAOLI])).mockResolvedValueOnce(page([XIAOLI]));
    approveMock.mockRejectedValue(new ApiError({ statusCode: 409, code: 'BINDING_ALREADY_DECIDED', message: '该申请已被处理，请刷新' }));

    render(<BindingReview />);
    fireEvent.click(within(await findItem('新用户 小周')).getByText('通过'));
    await settle();

    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '该申请已被处理，请刷新' }));
    expect(listMock).toHaveBeenCalledTimes(2);
    expect(shownApplicants()).toEqual(['李四']);
  });

  it('a reviewer of several estates chooses one; the estate asked for in the link comes first', async () => {
    getMeMock.mockResolvedValue(me([MANAGER, { role: 'committee', communityId: 2, scopeName: '阳光新城' }]));
    setRouterParams({ communityId: '2' });
    listMock.mockImplementation(async (communityId) =>
      communityId === 2 ? page([request(7, '老李', '2栋1单元0301', { communityId: 2, communityName: '阳光新城' })]) : page([XIAOZHOU]),
    );

    render(<BindingReview />);

    expect(await screen.findByText('老李')).toBeInTheDocument();
    expect(screen.getByText('阳光新城', { selector: '.chip' })).toHaveClass('chip-selected');
    fireEvent.click(screen.getByText('锦绣花园', { selector: '.chip' }));

    expect(await screen.findByText('新用户 小周')).toBeInTheDocument();
    expect(listMock).toHaveBeenLastCalledWith(1, undefined);
    expect(screen.queryByText('老李')).not.toBeInTheDocument();
  });

  it('says so when the user reviews no estate', async () => {
    getMeMock.mockResolvedValue(me([{ role: 'staff', communityId: 1, companyId: 1, scopeName: '锦绣花园', title: '维修工' }]));

    render(<BindingReview />);

    expect(await screen.findByText('您没有审核绑定的权限')).toBeInTheDocument();
    expect(listMock).not.toHaveBeenCalled();
  });

  it('says before anything is pressed why a request is not the reviewer’s to decide, and disables its buttons', async () => {
    const own = request(8, '陈经理', '6栋1单元0501', { can: { approve: false, reject: false }, blocked: { approve: '这是您自己提交的申请，须由其他审核人处理', reject: '这是您自己提交的申请，须由其他审核人处理' } });
    const contested = request(9, '王五', '3栋1单元1201', {
      contested: true,
      can: { approve: false, reject: false },
      blocked: { approve: '这套房屋已有业主，新的业主申请须由社区（村）审核', reject: '这套房屋已有业主，新的业主申请须由社区（村）审核' },
    });
    listMock.mockResolvedValue(page([own, contested, XIAOLI]));

    render(<BindingReview />);

    const mine = await findItem('陈经理');
    expect(within(mine).getByText('这是您自己提交的申请，须由其他审核人处理')).toBeInTheDocument();
    expect(within(mine).getByText('通过')).toBeDisabled();
    expect(within(mine).getByText('驳回')).toBeDisabled();
    const theirs = item('王五');
    expect(within(theirs).getByText('这套房屋已有业主：新的业主申请由社区（村）审核，现有业主已收到通知。')).toBeInTheDocument();
    expect(within(theirs).getByText('这套房屋已有业主，新的业主申请须由社区（村）审核')).toBeInTheDocument();
    expect(within(theirs).getByText('通过')).toBeDisabled();
    fireEvent.click(within(theirs).getByText('通过'));
    await settle();
    expect(approveMock).not.toHaveBeenCalled();
    expect(within(item('李四')).getByText('通过')).not.toBeDisabled();
  });

  it('a community office reviews the estates of its area, from the API (it holds no estate role)', async () => {
    getMeMock.mockResolvedValue(me([{ role: 'community_office', areaId: 3, scopeName: '南门社区' }]));
    scopedMock.mockResolvedValue({ items: [estateView(1, '锦绣花园'), estateView(2, '阳光新城')], nextCursor: null });
    listMock.mockResolvedValue(page([request(9, '王五', '3栋1单元1201', { contested: true })]));

    render(<BindingReview />);

    expect(await screen.findByText('王五')).toBeInTheDocument();
    expect(listMock).toHaveBeenCalledWith(1, undefined);
    expect(within(item('王五')).getByText('通过')).not.toBeDisabled();
    expect(Array.from(document.querySelectorAll('.review-estate')).map((el) => el.textContent)).toEqual(['锦绣花园', '阳光新城']);
  });
});
