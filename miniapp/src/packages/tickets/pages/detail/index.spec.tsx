import { act, fireEvent, render, screen } from '@testing-library/react';
import type { TicketView } from '@wuye/contracts';
import Taro, { setRouterParams } from '../../../../../test/stubs/taro';
import { fakeApi, flush, reply, ticketView, type Route } from '../../../../../test/support/fake-api';
import { setTokens } from '../../../../services/session';
import TicketDetail from './index';

const resolved = (overrides: Partial<TicketView> = {}) =>
  ticketView(7, {
    state: 'resolved',
    version: 5,
    actions: ['close', 'reopen'],
    canRate: true,
    timeline: [
      { id: 1, action: 'created', actor: '张阿姨', fromState: null, toState: 'submitted', note: null, photos: [], at: '2026-11-28T02:00:00.000Z' },
      { id: 2, action: 'accept', actor: '项目经理 陈经理', fromState: 'submitted', toState: 'accepted', note: null, photos: [], at: '2026-11-28T02:10:00.000Z' },
      {
        id: 3,
        action: 'resolve',
        actor: '维修工 刘师傅',
        fromState: 'accepted',
        toState: 'resolved',
        note: '已更换按钮面板',
        photos: [{ id: 9, url: 'https://x/9.jpg', thumbnailUrl: 'https://x/9-t.jpg' }],
        at: '2026-11-28T05:00:00.000Z',
      },
    ],
    ...overrides,
  });

function api(ticket: TicketView, routes: Record<string, Route> = {}) {
  return fakeApi({ 'GET /api/v1/tickets/7': ticket, ...routes });
}

const tap = async (text: string) => {
  await act(async () => {
    fireEvent.click(screen.getByText(text));
    await flush();
  });
};

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
  setRouterParams({ id: '7' });
});

describe('报事详情', () => {
  it('shows the report, its deadlines, the feedback and the timeline, newest first', async () => {
    api(resolved({ overdue: true }));
    render(<TicketDetail />);

    expect(await screen.findByText('3栋1单元电梯按钮失灵，按了不亮')).toBeInTheDocument();
    expect(screen.getByText('已反馈', { selector: '.detail-head .ticket-state' })).toBeInTheDocument();
    expect(screen.getByText('办结超时')).toBeInTheDocument();
    expect(screen.getByText('受理时限：2026-11-28 10:30')).toBeInTheDocument();
    expect(screen.getByText('办结时限：2026-11-29 10:00')).toBeInTheDocument();
    expect(document.querySelector('.detail-feedback')).toHaveTextContent('已更换按钮面板');
    const steps = Array.from(document.querySelectorAll('.timeline-action')).map((e) => e.textContent);
    expect(steps).toEqual(['反馈结果', '受理', '提交报事']);
  });

  it('rates with stars, tags and a comment; the answer replaces the form with the rating', async () => {
    const server = api(resolved(), {
      'POST /api/v1/tickets/7/rating': resolved({ canRate: false, actions: [], state: 'closed', rating: { stars: 5, tags: ['响应及时'], comment: '师傅很负责', at: '2026-11-28T06:00:00.000Z' } }),
    });
    render(<TicketDetail />);
    await screen.findByText('评价处理结果');
    expect(screen.getByText('请先点选星级')).toBeDisabled();

    fireEvent.click(screen.getByLabelText('5 星'));
    fireEvent.click(screen.getByText('响应及时'));
    fireEvent.change(document.querySelector('.detail-comment-input') as HTMLElement, { target: { value: ' 师傅很负责 ' } });
    await tap('提交评价并办结');

    expect(server.to('POST /api/v1/tickets/7/rating')[0].data).toEqual({ stars: 5, tags: ['响应及时'], comment: '师傅很负责' });
    expect(screen.queryByText('评价处理结果')).not.toBeInTheDocument();
    expect(screen.getByText('5 星 · 非常满意')).toBeInTheDocument();
  });

  it('for an older resident: one row of five large stars, and one submit button that says it also closes the ticket', async () => {
    api(resolved());
    render(<TicketDetail />);
    await screen.findByText('评价处理结果');
    const stars = Array.from(document.querySelectorAll('.detail-stars .detail-star'));
    expect(stars.map((star) => star.textContent)).toEqual(['★', '★', '★', '★', '★']);
    fireEvent.click(screen.getByLabelText('4 星'));
    expect(document.querySelectorAll('.detail-star-on')).toHaveLength(4);
    expect(screen.getByText('满意')).toBeInTheDocument();
    // The rating is the one primary answer; 确认办结 and 不满意 are quieter choices under it, not rival buttons.
    expect(Array.from(document.querySelectorAll('.button-primary')).map((b) => b.textContent)).toEqual(['提交评价并办结']);
    const rating = document.querySelector('.detail-rate') as HTMLElement;
    expect(rating).toHaveTextContent('不评价，只确认办结');
    expect(rating).toHaveTextContent('不满意，重新办理');
  });

  it('reopens with a reason and the version the resident saw', async () => {
    const server = api(resolved(), { 'POST /api/v1/tickets/7/transitions': resolved({ state: 'accepted', actions: ['cancel'], canRate: false, version: 6 }) });
    render(<TicketDetail />);
    await screen.findByText('不满意，重新办理');
    await tap('不满意，重新办理');

    expect(screen.getByText('提交', { selector: '.detail-reason-submit' })).toBeDisabled();
    fireEvent.change(document.querySelector('.detail-reason-input') as HTMLElement, { target: { value: '按钮还是不亮' } });
    await tap('提交');

    expect(server.to('POST /api/v1/tickets/7/transitions')[0].data).toEqual({ action: 'reopen', version: 5, reason: '按钮还是不亮' });
    expect(screen.getByText('已受理', { selector: '.detail-head .ticket-state' })).toBeInTheDocument();
  });

  it('past the reopen limit it shows 重新办理 disabled with why, before anything is pressed, and offers 向社区申诉 instead', async () => {
    const capped = resolved({ reopenCount: 2, actions: ['close', 'complain'], blocked: { reopen: '已重新办理 2 次，如仍不满意，请向社区申诉', complain: undefined } });
    const server = api(capped, { 'POST /api/v1/tickets/7/transitions': resolved({ reopenCount: 2, actions: ['close'], escalated: true }) });
    render(<TicketDetail />);
    expect(await screen.findByText('已重新办理 2 次，如仍不满意，请向社区申诉')).toBeInTheDocument();
    expect(screen.getByText('不满意，重新办理')).toBeDisabled();
    await tap('不满意，重新办理');
    expect(document.querySelector('.detail-reason-input')).toBeNull();
    await tap('向社区申诉');
    fireEvent.change(document.querySelector('.detail-reason-input') as HTMLElement, { target: { value: '修了三次还是坏的' } });
    await tap('提交');
    expect(server.to('POST /api/v1/tickets/7/transitions')[0].data).toEqual({ action: 'complain', version: 5, reason: '修了三次还是坏的' });
  });

  it('a rating the API no longer takes is explained, with no form', async () => {
    api(resolved({ state: 'closed', actions: [], canRate: false, blocked: { rate: '工单办结已超过 14 天，不能再评价' } }));
    render(<TicketDetail />);
    expect(await screen.findByText('工单办结已超过 14 天，不能再评价')).toBeInTheDocument();
    expect(document.querySelector('.detail-rate')).toBeNull();
  });

  it('an internal ticket (内部报事) says it takes no rating, with no form, and can still be closed', async () => {
    api(resolved({ source: 'internal', actions: ['close'], canRate: false, blocked: { rate: '内部报事不参与评价' } }));
    render(<TicketDetail />);
    expect(await screen.findByText('内部报事不参与评价')).toBeInTheDocument();
    expect(document.querySelector('.detail-rate')).toBeNull();
    expect(screen.queryByText('评价处理结果')).not.toBeInTheDocument();
    expect(screen.getByText('确认办结')).toBeEnabled();
  });

  it('urging too soon shows the API’s refusal', async () => {
    api(ticketView(7, { canUrge: true, overdue: true }), {
      'POST /api/v1/tickets/7/urge': reply(429, { code: 'URGE_TOO_SOON', message: '一小时内只能催办一次，请 42 分钟后再试' }),
    });
    render(<TicketDetail />);
    await screen.findByText('催办');
    await tap('催办');
    expect(screen.getByText('一小时内只能催办一次，请 42 分钟后再试')).toBeInTheDocument();
  });

  it('a neighbour follows (我也遇到) and unfollows a public ticket', async () => {
    const neighbour = ticketView(7, { isReporter: false, reporter: '3栋业主' });
    const server = api(neighbour, {
      'POST /api/v1/tickets/7/follow': { ...neighbour, following: true, followerCount: 1 },
      'POST /api/v1/tickets/7/unfollow': { ...neighbour, following: false },
    });
    render(<TicketDetail />);
    await screen.findByText('报事人：3栋业主');
    await tap('我也遇到');
    expect(screen.getByText('1 位邻居也遇到了这个问题')).toBeInTheDocument();
    await tap('取消关注');
    expect(screen.getByText('我也遇到')).toBeInTheDocument();
    expect(server.to('POST /api/v1/tickets/7/follow')).toHaveLength(1);
    expect(server.to('POST /api/v1/tickets/7/unfollow')).toHaveLength(1);
  });

  it('the reporter cancels an open ticket after confirming; saying no sends nothing', async () => {
    const open = ticketView(7, { actions: ['cancel'] });
    const server = api(open, { 'POST /api/v1/tickets/7/transitions': { ...open, state: 'cancelled', actions: [] } });
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValueOnce({ confirm: false, cancel: true });
    render(<TicketDetail />);
    await screen.findByText('撤销报事');
    await tap('撤销报事');
    expect(server.to('POST /api/v1/tickets/7/transitions')).toHaveLength(0);

    modal.mockResolvedValueOnce({ confirm: true, cancel: false });
    await tap('撤销报事');
    expect(server.to('POST /api/v1/tickets/7/transitions')[0].data).toEqual({ action: 'cancel', version: 1 });
    expect(screen.getByText('已撤销', { selector: '.detail-head .ticket-state' })).toBeInTheDocument();
    expect(screen.queryByText('撤销报事')).not.toBeInTheDocument();
  });

  it('offers only what the API allows: a neighbour sees no rating, reopen or cancel', async () => {
    api(ticketView(7, { isReporter: false, visibility: 'public', state: 'resolved', actions: [], canRate: false }));
    render(<TicketDetail />);
    await screen.findByText('我也遇到');
    expect(screen.queryByText('评价处理结果')).not.toBeInTheDocument();
    expect(screen.queryByText('不满意，重新办理')).not.toBeInTheDocument();
    expect(screen.queryByText('撤销报事')).not.toBeInTheDocument();
  });

  it('a ticket out of reach shows the API’s message', async () => {
    fakeApi({ 'GET /api/v1/tickets/7': reply(404, { code: 'NOT_FOUND', message: '工单不存在' }) });
    render(<TicketDetail />);
    expect(await screen.findByText('工单不存在')).toBeInTheDocument();
  });
});
