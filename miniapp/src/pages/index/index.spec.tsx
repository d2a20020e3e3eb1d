import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { DirectoryCommunity, Page } from '@wuye/contracts';
import Taro, { triggerPullDownRefresh } from '../../../test/stubs/taro';
import { listCommunities } from '../../services/directory';
import { ApiError, NETWORK_ERROR_MESSAGE } from '../../services/http';
import { setTokens } from '../../services/session';
import { JINXIU_OWNER, fakeApi, ticketSummary } from '../../../test/support/fake-api';
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

describe('首页 for a resident with a house', () => {
  it('shows their own estate first: open reports, the newest 公示 and the 物业 number, before the county directory', async () => {
    setTokens({ accessToken: 'access', refreshToken: 'refresh' });
    listCommunitiesMock.mockResolvedValue(page([community(9, { name: '桂花苑' })]));
    fakeApi({
      'GET /api/v1/me': JINXIU_OWNER,
      'GET /api/v1/communities/1': {
        id: 1, code: 'JXHY', name: '锦绣花园', address: null, areaId: 3, areaName: '南门社区', townName: '城关镇', lat: null, long: null,
        company: { id: 1, name: '清河万家物业服务有限公司', contactPhone: '0571-8888 1234' },
      },
      'GET /api/v1/tickets': { items: [ticketSummary(7, { summary: '3栋电梯按钮失灵', state: 'accepted' })], nextCursor: null },
      'GET /api/v1/communities/1/disclosures': {
        items: [{ id: 5, communityId: 1, type: 'shared_cost', period: '2026-Q4', title: '2026年第四季度公摊', state: 'published', version: 1, totals: {}, publishedAt: '2026-11-20T02:00:00.000Z', boardUntil: null, hash: null, openQuestions: 0 }],
        nextCursor: null,
      },
    });
    const navigate = jest.spyOn(Taro, 'navigateTo');
    render(<Home />);

    const estate = (await screen.findByText('锦绣花园')).closest('.home-estate') as HTMLElement;
    expect(within(estate).getByText(/3栋电梯按钮失灵/)).toBeInTheDocument();
    expect(within(estate).getByText(/公摊费用 · 2026年第4季度 · 2026-11-20公示/)).toBeInTheDocument();
    expect(within(estate).getByText(/清河万家物业服务有限公司 · 0571-8888 1234/)).toBeInTheDocument();
    expect(within(estate).queryByText(/2026-Q4/)).not.toBeInTheDocument();
    // The estate card comes before the directory heading on the page.
    await screen.findByText('桂花苑');
    const directory = screen.getByText('小区名录');
    expect(estate.compareDocumentPosition(directory) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    fireEvent.click(within(estate).getByText(/3栋电梯按钮失灵/));
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/tickets/pages/detail/index?id=7' });
  });
});

describe('首页 小区公告', () => {
  it('shows the estate’s current announcements first, pinned ones marked; a tap opens the announcement', async () => {
    setTokens({ accessToken: 'access', refreshToken: 'refresh' });
    listCommunitiesMock.mockResolvedValue(page([]));
    const summary = (id: number, title: string, pinned: boolean) => ({ id, communityId: 1, title, pinned, postedBy: 'property', expiresOn: null, current: true, withdrawn: false, createdAt: '2026-12-05T01:30:00.000Z', readCount: null });
    const server = fakeApi({
      'GET /api/v1/me': JINXIU_OWNER,
      'GET /api/v1/communities/1/announcements': { items: [summary(4, '停水通知', true), summary(3, '电梯年检', false)], nextCursor: null },
      'GET /api/v1/communities/1': { id: 1, code: 'JXHY', name: '锦绣花园', address: null, areaId: 3, areaName: '南门社区', townName: '城关镇', lat: null, long: null, company: null },
      'GET /api/v1/tickets': { items: [], nextCursor: null },
      'GET /api/v1/communities/1/disclosures': { items: [], nextCursor: null },
    });
    const navigate = jest.spyOn(Taro, 'navigateTo');
    render(<Home />);

    const card = (await screen.findByText('停水通知')).closest('.home-announcements') as HTMLElement;
    expect(Array.from(card.querySelectorAll('.home-announcement')).map((row) => row.textContent)).toEqual(['置顶停水通知›', '电梯年检›']);
    // Before 随手拍 and the estate card.
    const estate = (await screen.findByText('锦绣花园')).closest('.home-estate') as HTMLElement;
    expect(card.compareDocumentPosition(estate) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(card.compareDocumentPosition(screen.getByText('随手拍')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // The API gives only the current ones (expired and withdrawn stay off the home page).
    expect(server.to('GET /api/v1/communities/1/announcements')[0].query).toEqual({ limit: '5' });

    fireEvent.click(within(card).getByText('停水通知'));
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/announcements/pages/detail/index?id=4' });
  });
});

describe('首页 满意度测评', () => {
  const campaign = (id: number, toAnswer: number) => ({ id, areaId: 1, areaName: '清河县', title: `测评${id}`, year: 2026, opensOn: '2026-12-01', closesOn: '2026-12-31', minAnswers: 10, state: 'open', toAnswer });
  const estateRoutes = {
    'GET /api/v1/me': JINXIU_OWNER,
    'GET /api/v1/communities/1/announcements': { items: [], nextCursor: null },
    'GET /api/v1/communities/1': { id: 1, code: 'JXHY', name: '锦绣花园', address: null, areaId: 3, areaName: '南门社区', townName: '城关镇', lat: null, long: null, company: null },
    'GET /api/v1/tickets': { items: [], nextCursor: null },
    'GET /api/v1/communities/1/disclosures': { items: [], nextCursor: null },
  };

  it('asks a resident to answer an open campaign their house has not answered; a tap opens the answer page', async () => {
    setTokens({ accessToken: 'access', refreshToken: 'refresh' });
    listCommunitiesMock.mockResolvedValue(page([]));
    const server = fakeApi({ ...estateRoutes, 'GET /api/v1/surveys': { items: [campaign(5, 1), campaign(6, 0)], nextCursor: null } });
    const navigate = jest.spyOn(Taro, 'navigateTo');
    render(<Home />);
    const card = (await screen.findByText('满意度测评进行中')).closest('.home-surveys') as HTMLElement;
    expect(Array.from(card.querySelectorAll('.home-survey')).map((row) => row.firstChild?.firstChild?.textContent)).toEqual(['测评5']);
    expect(server.to('GET /api/v1/surveys')[0].query).toMatchObject({ communityId: '1', open: 'true' });
    fireEvent.click(within(card).getByText('测评5'));
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/surveys/pages/answer/index?id=5' });
  });

  it('shows nothing once every house has answered', async () => {
    setTokens({ accessToken: 'access', refreshToken: 'refresh' });
    listCommunitiesMock.mockResolvedValue(page([]));
    fakeApi({ ...estateRoutes, 'GET /api/v1/surveys': { items: [campaign(6, 0)], nextCursor: null } });
    render(<Home />);
    await screen.findByText('锦绣花园');
    expect(screen.queryByText('满意度测评进行中')).toBeNull();
  });
});
