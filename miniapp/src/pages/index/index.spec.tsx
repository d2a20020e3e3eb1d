import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { DirectoryCommunity, Page } from '@wuye/contracts';
import Taro, { triggerPullDownRefresh } from '../../../test/stubs/taro';
import { listCommunities } from '../../services/directory';
import { ApiError, NETWORK_ERROR_MESSAGE } from '../../services/http';
import { setTokens } from '../../services/session';
import Home from './index';

jest.mock('../../services/directory');
const listCommunitiesMock = jest.mocked(listCommunities);

const community = (id: number, overrides: Partial<DirectoryCommunity> = {}): DirectoryCommunity => ({
  id,
  code: `C${id}`,
  name: `小区${id}`,
  address: `城关镇人民路${id}号`,
  areaName: '东门社区',
  townName: '城关镇',
  companyName: '安居物业服务有限公司',
  ...overrides,
});
const page = (items: DirectoryCommunity[], nextCursor: string | null = null): Page<DirectoryCommunity> => ({
  items,
  nextCursor,
});

const cardNames = () =>
  Array.from(document.querySelectorAll('.community-card .community-name')).map((element) => element.textContent);

describe('首页 community directory', () => {
  it('shows each community with its address, town · community office and property company', async () => {
    listCommunitiesMock.mockResolvedValueOnce(
      page([community(1, { name: '锦绣花园' }), community(2, { name: '桂花苑', companyName: null, townName: null })]),
    );

    render(<Home />);

    expect(screen.getByText('正在加载…')).toBeInTheDocument();
    const first = (await screen.findByText('锦绣花园')).closest('.community-card') as HTMLElement;
    expect(within(first).getByText('城关镇人民路1号')).toBeInTheDocument();
    expect(within(first).getByText('城关镇 · 东门社区')).toBeInTheDocument();
    expect(within(first).getByText('安居物业服务有限公司')).toBeInTheDocument();
    const second = screen.getByText('桂花苑').closest('.community-card') as HTMLElement;
    expect(within(second).getByText('东门社区')).toBeInTheDocument();
    expect(within(second).getByText('暂无物业')).toBeInTheDocument();
    expect(screen.queryByText('正在加载…')).not.toBeInTheDocument();
    expect(screen.queryByText('加载更多')).not.toBeInTheDocument();
  });

  it('loads the next page with the cursor when 加载更多 is tapped, and stops offering it at the end', async () => {
    listCommunitiesMock
      .mockResolvedValueOnce(page([community(1), community(2)], 'cursor-2'))
      .mockResolvedValueOnce(page([community(3)], null));

    render(<Home />);
    fireEvent.click(await screen.findByText('加载更多'));

    expect(await screen.findByText('小区3')).toBeInTheDocument();
    expect(cardNames()).toEqual(['小区1', '小区2', '小区3']);
    expect(listCommunitiesMock).toHaveBeenLastCalledWith('cursor-2');
    expect(screen.queryByText('加载更多')).not.toBeInTheDocument();
  });

  it('says so when the county has no communities yet', async () => {
    listCommunitiesMock.mockResolvedValueOnce(page([]));

    render(<Home />);

    expect(await screen.findByText('暂无小区')).toBeInTheDocument();
    expect(document.querySelectorAll('.community-card')).toHaveLength(0);
  });

  it('shows the error message with a 重试 button that loads the list again', async () => {
    listCommunitiesMock
      .mockRejectedValueOnce(new ApiError({ statusCode: 0, code: 'NETWORK', message: NETWORK_ERROR_MESSAGE }))
      .mockResolvedValueOnce(page([community(1, { name: '锦绣花园' })]));

    render(<Home />);

    expect(await screen.findByText(NETWORK_ERROR_MESSAGE)).toBeInTheDocument();
    expect(document.querySelectorAll('.community-card')).toHaveLength(0);
    fireEvent.click(screen.getByText('重试'));

    expect(await screen.findByText('锦绣花园')).toBeInTheDocument();
    expect(screen.queryByText(NETWORK_ERROR_MESSAGE)).not.toBeInTheDocument();
    expect(listCommunitiesMock).toHaveBeenCalledTimes(2);
  });

  it('replaces the list on pull-down refresh, and keeps it with a toast when the refresh fails', async () => {
    const stop = jest.spyOn(Taro, 'stopPullDownRefresh');
    const toast = jest.spyOn(Taro, 'showToast');
    listCommunitiesMock
      .mockResolvedValueOnce(page([community(1)]))
      .mockResolvedValueOnce(page([community(1), community(4, { name: '新录入小区' })]))
      .mockRejectedValueOnce(new ApiError({ statusCode: 503, code: 'DB_UNAVAILABLE', message: '服务繁忙，请稍后再试' }));

    render(<Home />);
    await screen.findByText('小区1');

    act(() => triggerPullDownRefresh());
    expect(await screen.findByText('新录入小区')).toBeInTheDocument();
    expect(stop).toHaveBeenCalledTimes(1);

    act(() => triggerPullDownRefresh());
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '服务繁忙，请稍后再试' }));
    expect(cardNames()).toEqual(['小区1', '新录入小区']);
    expect(stop).toHaveBeenCalledTimes(2);
  });
});

describe('首页 for a resident', () => {
  it('offers 随手拍 and 我的报事 one tap away', async () => {
    setTokens({ accessToken: 'access', refreshToken: 'refresh' });
    listCommunitiesMock.mockResolvedValue(page([]));
    jest.spyOn(Taro, 'request').mockImplementation(async (options) =>
      options.url.endsWith('/api/v1/me')
        ? { statusCode: 200, data: { id: 16, displayName: '张阿姨', phone: null, roles: [{ role: 'resident', communityId: 1, scopeName: '锦绣花园' }], houses: [], wechat: false } }
        : { statusCode: 404, data: {} },
    );
    const navigate = jest.spyOn(Taro, 'navigateTo');
    render(<Home />);

    fireEvent.click(await screen.findByText('随手拍'));
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/tickets/pages/report/index' });
    fireEvent.click(screen.getByText('我的报事'));
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/tickets/pages/index/index' });
  });
});
