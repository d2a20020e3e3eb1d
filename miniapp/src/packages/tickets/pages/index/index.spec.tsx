import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro, { setRouterParams, triggerDidShow, triggerNetworkStatus } from '../../../../../test/stubs/taro';
import { JINXIU_OWNER, NO_NETWORK, fakeApi, flush, ticketSummary, ticketView, type Route } from '../../../../../test/support/fake-api';
import { pendingReports, queueReport } from '../../../../services/outbox';
import { setTokens } from '../../../../services/session';
import TicketsHome from './index';

const page = (items: ReturnType<typeof ticketSummary>[], nextCursor: string | null = null) => ({ items, nextCursor });
const cards = () => Array.from(document.querySelectorAll('.ticket-card .ticket-summary')).map((e) => e.textContent);

function api(routes: Record<string, Route> = {}) {
  return fakeApi({ 'GET /api/v1/me': JINXIU_OWNER, 'GET /api/v1/tickets': page([]), ...routes });
}

const waitingReport = (photos: string[] = []) =>
  queueReport(
    JINXIU_OWNER.id,
    { input: { communityId: 1, kind: 'repair', categoryCode: 'hygiene', description: '车库积水', place: 'B2' }, communityName: '锦绣花园', categoryName: '环境卫生' },
    photos.map((localPath) => ({ localPath, uploadId: null })),
  );

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
});

describe('随手拍 home: 我的报事 and the board', () => {
  it('lists the resident’s tickets with state and overdue badges; 加载更多 pages by cursor', async () => {
    const server = api({
      'GET /api/v1/tickets': (call) =>
        call.query.cursor === 'c2' ? page([ticketSummary(3, { state: 'closed' })]) : page([ticketSummary(1, { overdue: true }), ticketSummary(2, { state: 'resolved' })], 'c2'),
    });
    render(<TicketsHome />);

    expect(await screen.findByText('3栋电梯按钮失灵 #1')).toBeInTheDocument();
    expect(screen.getAllByText('受理超时')).toHaveLength(1);
    expect(screen.getByText('已反馈', { selector: '.ticket-state' })).toBeInTheDocument();
    await act(async () => {
      fireEvent.click(screen.getByText('加载更多'));
      await flush();
    });
    expect(cards()).toEqual(['3栋电梯按钮失灵 #1', '3栋电梯按钮失灵 #2', '3栋电梯按钮失灵 #3']);
    expect(server.to('GET /api/v1/tickets').at(-1)?.query).toEqual({ view: 'mine', cursor: 'c2', limit: '10' });
    expect(screen.queryByText('加载更多')).not.toBeInTheDocument();
  });

  it('a ticket’s photo, linked by path, loads from the API’s host (the mini-program has no origin of its own)', async () => {
    process.env.TARO_APP_API_BASE = 'https://wuye.example.cn';
    try {
      api({ 'GET /api/v1/tickets': page([ticketSummary(1, { thumbnailUrl: '/api/v1/files/t.jpg?sig=1' })]) });
      render(<TicketsHome />);
      await screen.findByText('3栋电梯按钮失灵 #1');
      expect(document.querySelector('.ticket-thumb')?.getAttribute('src')).toBe('https://wuye.example.cn/api/v1/files/t.jpg?sig=1');
    } finally {
      delete process.env.TARO_APP_API_BASE;
    }
  });

  it('the state chips ask the API for those states and say when there are none', async () => {
    const server = api({ 'GET /api/v1/tickets': (call) => (call.query.state ? page([]) : page([ticketSummary(1)])) });
    render(<TicketsHome />);
    await screen.findByText('3栋电梯按钮失灵 #1');

    await act(async () => {
      fireEvent.click(screen.getByText('处理中'));
      await flush();
    });
    expect(server.to('GET /api/v1/tickets').at(-1)?.query).toEqual({ view: 'mine', state: 'accepted,assigned,in_progress', limit: '10' });
    expect(screen.getByText('没有“处理中”的报事。')).toBeInTheDocument();
    expect(cards()).toEqual([]);
  });

  it('tapping a ticket opens its detail page', async () => {
    api({ 'GET /api/v1/tickets': page([ticketSummary(12)]) });
    const navigate = jest.spyOn(Taro, 'navigateTo');
    render(<TicketsHome />);

    fireEvent.click(await screen.findByText('3栋电梯按钮失灵 #12'));
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/tickets/pages/detail/index?id=12' });
  });

  it('the board shows the estate’s public tickets with masked reporters', async () => {
    const server = api({ 'GET /api/v1/tickets': (call) => (call.query.view === 'community' ? page([ticketSummary(5, { reporter: '3栋业主' })]) : page([])) });
    render(<TicketsHome />);
    await screen.findByText('您还没有报过事。看到小区里的问题，拍张照片报给物业吧。');

    await act(async () => {
      fireEvent.click(screen.getByText('小区公告板'));
      await flush();
    });
    expect(screen.getByText(/3栋业主 · 锦绣花园/)).toBeInTheDocument();
    expect(server.to('GET /api/v1/tickets').at(-1)?.query).toEqual({ view: 'community', communityId: '1', limit: '10' });
  });

  it('`?view=community` opens the board', async () => {
    setRouterParams({ view: 'community' });
    const server = api();
    render(<TicketsHome />);
    await screen.findByText('小区里暂时没有公开的报事。');
    expect(server.to('GET /api/v1/tickets')[0].query.view).toBe('community');
  });

  it('a report made offline shows 待发送 and is sent once, with its key, when the network returns', async () => {
    let online = false;
    const server = api({
      'POST /api/v1/uploads': () => (online ? { id: 77, url: 'u', thumbnailUrl: 't', width: 1, height: 1, bytes: 1 } : NO_NETWORK),
      'POST /api/v1/tickets': () => (online ? ticketView(70, { description: '车库积水' }) : NO_NETWORK),
      'GET /api/v1/tickets': () => (online ? page([ticketSummary(70, { summary: '车库积水' })]) : page([])),
    });
    const queued = waitingReport(['blob:photo-1']);
    render(<TicketsHome />);

    const waiting = (await screen.findByText('待发送')).closest('.outbox-item') as HTMLElement;
    expect(waiting).toHaveTextContent('车库积水');
    expect(waiting).toHaveTextContent('1 张照片');
    expect(waiting).toHaveTextContent('已保存在手机上，有网络时会自动发送。');
    // Tried once as the page showed: no connection, so it stays.
    expect(pendingReports(JINXIU_OWNER.id)).toHaveLength(1);

    online = true;
    await act(async () => {
      triggerNetworkStatus(true);
      await flush();
    });

    expect(screen.queryByText('待发送')).not.toBeInTheDocument();
    expect(cards()).toEqual(['车库积水']);
    const filed = server.to('POST /api/v1/tickets');
    // The first try stopped at the photo (no connection); the report itself went exactly once, with its key.
    expect(server.to('POST /api/v1/uploads')).toHaveLength(2);
    expect(filed.map((c) => c.header['Idempotency-Key'])).toEqual([queued.key]);
    expect(filed.at(-1)?.data).toMatchObject({ description: '车库积水', photoIds: [77] });
    expect(pendingReports(JINXIU_OWNER.id)).toEqual([]);

    // The network flapping again sends nothing more.
    await act(async () => {
      triggerNetworkStatus(true);
      triggerDidShow();
      await flush();
    });
    expect(server.to('POST /api/v1/tickets')).toHaveLength(1);
  });

  it('a report whose answer was lost is sent again with the same key (the API answers the same ticket)', async () => {
    let attempts = 0;
    const server = api({ 'POST /api/v1/tickets': () => (++attempts === 1 ? NO_NETWORK : ticketView(72)) });
    const queued = waitingReport();
    render(<TicketsHome />);
    await screen.findByText('待发送');
    await act(async () => {
      triggerNetworkStatus(true);
      await flush();
    });
    expect(server.to('POST /api/v1/tickets').map((c) => c.header['Idempotency-Key'])).toEqual([queued.key, queued.key]);
    expect(screen.queryByText('待发送')).not.toBeInTheDocument();
  });

  it('offline from the start (no /me), the signed-in user’s waiting reports still show and go when the network returns', async () => {
    // A token like the API's: its payload names the user (sub 16).
    const payload = Buffer.from(JSON.stringify({ sub: JINXIU_OWNER.id, sid: 'f', iat: 1, exp: 2 })).toString('base64url');
    setTokens({ accessToken: `eyJhbGciOiJIUzI1NiJ9.${payload}.sig`, refreshToken: 'refresh' });
    let online = false;
    const server = api({
      'GET /api/v1/me': () => (online ? JINXIU_OWNER : NO_NETWORK),
      'GET /api/v1/tickets': () => (online ? page([ticketSummary(73, { summary: '车库积水' })]) : NO_NETWORK),
      'POST /api/v1/tickets': () => (online ? ticketView(73) : NO_NETWORK),
    });
    waitingReport();
    render(<TicketsHome />);

    expect(await screen.findByText('待发送')).toBeInTheDocument();
    expect(screen.getByText(/没能加载您的信息/)).toBeInTheDocument();
    online = true;
    await act(async () => {
      triggerNetworkStatus(true);
      await flush();
    });
    expect(screen.queryByText('待发送')).not.toBeInTheDocument();
    expect(server.to('POST /api/v1/tickets')).toHaveLength(2);
    expect(pendingReports(JINXIU_OWNER.id)).toEqual([]);
  });

  it('a photo uploaded before the connection dropped is not uploaded again', async () => {
    let uploads = 0;
    const server = api({
      'POST /api/v1/uploads': () => (++uploads === 1 ? { id: 81, url: 'u', thumbnailUrl: 't', width: 1, height: 1, bytes: 1 } : uploads === 2 ? NO_NETWORK : { id: 82, url: 'u', thumbnailUrl: 't', width: 1, height: 1, bytes: 1 }),
      'POST /api/v1/tickets': ticketView(71),
    });
    waitingReport(['blob:a', 'blob:b']);
    render(<TicketsHome />);
    await screen.findByText('待发送');
    await act(async () => {
      triggerNetworkStatus(true);
      await flush();
    });

    expect(server.to('POST /api/v1/uploads').map((c) => (c.data as { filePath: string }).filePath)).toEqual(['blob:a', 'blob:b', 'blob:b']);
    expect(server.to('POST /api/v1/tickets').map((c) => (c.data as { photoIds: number[] }).photoIds)).toEqual([[81, 82]]);
  });

  it('a waiting report the API refuses stays with its reason until the resident deletes it', async () => {
    api({ 'POST /api/v1/tickets': { __reply: true, status: 422, body: { code: 'INVALID_CATEGORY', message: '请选择本小区的工单分类' } } });
    waitingReport();
    render(<TicketsHome />);

    expect(await screen.findByText('没有提交成功：请选择本小区的工单分类')).toBeInTheDocument();
    await act(async () => {
      fireEvent.click(screen.getByText('删除'));
      await flush();
    });
    expect(screen.queryByText('待发送')).not.toBeInTheDocument();
    expect(pendingReports(JINXIU_OWNER.id)).toEqual([]);
  });

  it('another account’s waiting reports are neither shown nor sent', async () => {
    const server = api();
    queueReport(99, { input: { communityId: 1, kind: 'repair', categoryCode: 'hygiene', description: '别人的报事' }, communityName: '锦绣花园', categoryName: '环境卫生' }, []);
    render(<TicketsHome />);
    await screen.findByText('您还没有报过事。看到小区里的问题，拍张照片报给物业吧。');
    expect(screen.queryByText('待发送')).not.toBeInTheDocument();
    expect(server.to('POST /api/v1/tickets')).toHaveLength(0);
  });

  it('without a house there is no report button but a way to bind one', async () => {
    api({ 'GET /api/v1/me': { ...JINXIU_OWNER, houses: [] } });
    render(<TicketsHome />);

    expect(await screen.findByText('绑定房屋后才能报事。请在“我的”中申请绑定房屋。')).toBeInTheDocument();
    expect(screen.queryByText('随手拍 · 我要报事')).not.toBeInTheDocument();
  });

  it('when the list fails it shows the API’s message with 重试', async () => {
    api({ 'GET /api/v1/tickets': NO_NETWORK });
    render(<TicketsHome />);

    expect(await screen.findByText('没能加载工单')).toBeInTheDocument();
    expect(screen.getByText('网络不可用，请检查网络后重试')).toBeInTheDocument();
  });
});
