import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { BindingView, DirectoryCommunity, DirectoryHouse } from '@wuye/contracts';
import Taro from '../../../../../test/stubs/taro';
import { requestBinding } from '../../../../services/bindings';
import { listBuildings, listHouses, searchCommunities } from '../../../../services/directory';
import { ApiError } from '../../../../services/http';
import { setTokens } from '../../../../services/session';
import BindHouse from './index';

jest.mock('../../../../services/directory');
jest.mock('../../../../services/bindings');
const searchMock = jest.mocked(searchCommunities);
const buildingsMock = jest.mocked(listBuildings);
const housesMock = jest.mocked(listHouses);
const requestMock = jest.mocked(requestBinding);

const community = (id: number, name: string): DirectoryCommunity => ({
  id,
  code: `C${id}`,
  name,
  address: `城关镇${name}路 ${id} 号`,
  areaName: '南门社区',
  townName: '城关镇',
  companyName: '清河万家物业服务有限公司',
});

const house = (id: number, unit: string, floor: number, number: string): DirectoryHouse => ({
  id,
  label: `2栋${unit}${number}`,
  unit,
  floor,
  number,
});

const created: BindingView = {
  id: 9,
  houseId: 73,
  houseLabel: '2栋1单元0101',
  communityId: 1,
  communityName: '锦绣花园',
  relation: 'owner',
  state: 'pending',
  reason: null,
  createdAt: '2026-11-28T06:00:00.000Z',
  decidedAt: null,
};

const chip = (container: string, text: string) =>
  within(document.querySelector(container) as HTMLElement).getByText(text, { selector: '.chip' });

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
  searchMock.mockResolvedValue({ items: [community(1, '锦绣花园'), community(2, '阳光新城')], nextCursor: null });
  buildingsMock.mockResolvedValue([
    { id: 1, name: '1栋' },
    { id: 2, name: '2栋' },
  ]);
  housesMock.mockResolvedValue([
    house(73, '1单元', 1, '0101'),
    house(74, '1单元', 1, '0102'),
    house(109, '2单元', 1, '0101'),
    house(110, '2单元', 1, '0102'),
  ]);
});

/** Estate → building → unit → room → relation, as a resident taps through the form. */
async function walkTo2栋1单元0101(relation: '业主' | '家属' | '租户') {
  render(<BindHouse />);
  fireEvent.click(await screen.findByText('锦绣花园'));
  fireEvent.click(await screen.findByText('2栋'));
  fireEvent.click(await screen.findByText('1单元'));
  fireEvent.click(chip('.bind-houses', '0101'));
  fireEvent.click(screen.getByText(relation));
}

describe('申请绑定房屋', () => {
  it('walks estate, building and room, and submits the house, the relation and the note', async () => {
    const switchTab = jest.spyOn(Taro, 'switchTab');
    requestMock.mockResolvedValue(created);

    await walkTo2栋1单元0101('业主');
    expect(buildingsMock).toHaveBeenCalledWith(1);
    expect(housesMock).toHaveBeenCalledWith(2);
    // Rooms of the chosen unit only: 1单元 has 0101 (id 73) and 0102; 2单元's 0101 is id 109.
    expect(document.querySelectorAll('.bind-house')).toHaveLength(2);
    fireEvent.change(document.querySelector('.bind-note-input') as HTMLElement, { target: { value: '  产权证：周晓  ' } });
    expect(screen.getByText('申请绑定：锦绣花园 2栋1单元0101，身份 业主')).toBeInTheDocument();
    fireEvent.click(screen.getByText('提交申请'));

    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(requestMock).toHaveBeenCalledWith({ houseId: 73, relation: 'owner', note: '产权证：周晓' });
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' });
  });

  it('sends no note when none was written, and the relation the resident chose', async () => {
    requestMock.mockResolvedValue({ ...created, relation: 'tenant' });

    await walkTo2栋1单元0101('租户');
    fireEvent.click(screen.getByText('提交申请'));
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });

    expect(requestMock).toHaveBeenCalledWith({ houseId: 73, relation: 'tenant' });
  });

  it('cannot be submitted before the relation is chosen', async () => {
    render(<BindHouse />);
    fireEvent.click(await screen.findByText('锦绣花园'));
    fireEvent.click(await screen.findByText('2栋'));
    fireEvent.click(await screen.findByText('1单元'));
    fireEvent.click(chip('.bind-houses', '0102'));

    const submit = screen.getByText('请选择您的身份');
    expect(submit).toBeDisabled();
    fireEvent.click(submit);
    expect(requestMock).not.toHaveBeenCalled();
  });

  it("shows the API's message when the house was asked for already (409), and stays on the form", async () => {
    const switchTab = jest.spyOn(Taro, 'switchTab');
    requestMock.mockRejectedValue(new ApiError({ statusCode: 409, code: 'BINDING_EXISTS', message: '您已申请或已绑定这套房屋' }));

    await walkTo2栋1单元0101('业主');
    fireEvent.click(screen.getByText('提交申请'));

    expect(await screen.findByText('您已申请或已绑定这套房屋')).toHaveClass('form-error');
    expect(switchTab).not.toHaveBeenCalled();
    expect(screen.getByText('提交申请')).not.toBeDisabled();
  });

  it('searches estates by name', async () => {
    render(<BindHouse />);
    await screen.findByText('锦绣花园');
    expect(searchMock).toHaveBeenLastCalledWith('', undefined);

    searchMock.mockResolvedValueOnce({ items: [], nextCursor: null });
    fireEvent.change(document.querySelector('.bind-search-input') as HTMLElement, { target: { value: '翠湖' } });
    fireEvent.click(screen.getByText('搜索'));

    expect(await screen.findByText('没有找到名称包含“翠湖”的小区，请换个关键词。')).toBeInTheDocument();
    expect(searchMock).toHaveBeenLastCalledWith('翠湖', undefined);
  });

  it('without a session (H5) the form is replaced by the sign-in picker, which comes back here', async () => {
    const redirect = jest.spyOn(Taro, 'redirectTo');
    Taro.clearStorageSync();

    render(<BindHouse />);
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });

    expect(redirect).toHaveBeenCalledWith({ url: `/packages/account/pages/signin/index?redirect=${encodeURIComponent('/packages/account/pages/bind/index')}` });
    expect(searchMock).not.toHaveBeenCalled();
  });

  it('changing the estate clears the building and room chosen before', async () => {
    await walkTo2栋1单元0101('业主');
    fireEvent.click(screen.getByText('更换'));
    fireEvent.click(await screen.findByText('阳光新城'));

    expect(await screen.findByText('2. 选择楼栋')).toBeInTheDocument();
    expect(buildingsMock).toHaveBeenLastCalledWith(2);
    expect(screen.queryByText('3. 选择房号')).not.toBeInTheDocument();
    expect(screen.queryByText('提交申请')).not.toBeInTheDocument();
  });
});
