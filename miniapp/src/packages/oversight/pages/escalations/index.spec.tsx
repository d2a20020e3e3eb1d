import { act, fireEvent, render, screen } from '@testing-library/react';
import type { EscalationView, TicketSummary } from '@wuye/contracts';
import Taro, { triggerDidShow } from '../../../../../test/stubs/taro';
import { ApiError } from '../../../../services/http';
import { referEscalation } from '../../../../services/meetings';
import { listEscalations } from '../../../../services/oversight';
import { setTokens } from '../../../../services/session';
import EscalationQueue from './index';
import { settle } from '../../../../../test/support/render';
import { escalationView } from '../../../../../test/support/fake-api';

jest.mock('../../../../services/oversight');
jest.mock('../../../../services/meetings');
const listMock = jest.mocked(listEscalations);
const referMock = jest.mocked(referEscalation);

const escalation = (id: number, ticketId: number, summary: string, extra: Partial<EscalationView> = {}): EscalationView =>
  escalationView(id, { id: ticketId, communityId: 2, communityName: '阳光新城', categoryName: '消防安全', summary, state: 'in_progress' } as TicketSummary, extra);

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
});

describe('督办队列', () => {
  it('lists the open escalations with reason, time and deadline; one opens its ticket', async () => {
    const navigate = jest.spyOn(Taro, 'navigateTo');
    listMock.mockResolvedValue({ items: [escalation(4, 38, '楼道灭火器过期了', { deadlineAt: '2026-12-01T10:00:00.000Z' }), escalation(3, 35, '希望增加快递柜', { reasonLabel: '超时未受理' })], nextCursor: null });

    render(<EscalationQueue />);

    expect(await screen.findByText('楼道灭火器过期了')).toBeInTheDocument();
    expect(listMock).toHaveBeenCalledWith({ state: 'open' });
    expect(screen.getByText('督办期限 2026-12-01 18:00')).toBeInTheDocument();
    expect(screen.getByText('超时未受理')).toBeInTheDocument();
    expect(screen.getByText('未设督办期限')).toBeInTheDocument();

    fireEvent.click(screen.getByText('楼道灭火器过期了'));
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/oversight/pages/ticket/index?id=38' });
    // Overdue rectification orders are the office's 督办 too: one tap away.
    fireEvent.click(screen.getByText('逾期整改单'));
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/inspections/pages/index/index?tab=overdue' });
  });

  it('coming back from a ticket whose 督办 was closed shows the queue as it is now; 已结束 lists the closed ones', async () => {
    listMock.mockResolvedValueOnce({ items: [escalation(4, 38, '楼道灭火器过期了')], nextCursor: null });
    render(<EscalationQueue />);
    await screen.findByText('楼道灭火器过期了');

    listMock.mockResolvedValueOnce({ items: [], nextCursor: null });
    act(() => triggerDidShow());
    await settle();
    expect(screen.getByText('没有待督办的工单')).toBeInTheDocument();

    listMock.mockResolvedValueOnce({ items: [escalation(4, 38, '楼道灭火器过期了', { state: 'closed', closingNote: '已更换灭火器' })], nextCursor: null });
    fireEvent.click(screen.getByText('已结束'));
    expect(await screen.findByText('结束：已更换灭火器')).toBeInTheDocument();
    expect(listMock).toHaveBeenLastCalledWith({ state: 'closed' });
  });

  it('sends a 督办 to the next joint meeting after the office confirms; the button is there only when the API offers it', async () => {
    listMock.mockResolvedValueOnce({ items: [escalation(4, 38, '楼道灭火器过期了', { canRefer: ['meeting', 'town', 'mediation'] }), escalation(3, 35, '希望增加快递柜', { canRefer: [], referredTo: ['meeting'] })], nextCursor: null });
    render(<EscalationQueue />);
    await screen.findByText('楼道灭火器过期了');
    expect(document.querySelectorAll('.ov-refer-meeting')).toHaveLength(1);
    // The tiers the API offers, each a button: the meeting, the town, mediation.
    expect(document.querySelectorAll('.ov-refer')).toHaveLength(3);
    expect(screen.getByText('已提交联席会')).toBeInTheDocument();

    const navigate = jest.spyOn(Taro, 'navigateTo');
    jest.spyOn(Taro, 'showModal').mockResolvedValueOnce({ confirm: false, cancel: true });
    fireEvent.click(document.querySelector('.ov-refer-meeting') as HTMLElement);
    await settle();
    expect(referMock).not.toHaveBeenCalled();
    // The button is not the row: tapping it does not open the ticket.
    expect(navigate).not.toHaveBeenCalledWith({ url: '/packages/oversight/pages/ticket/index?id=38' });

    jest.spyOn(Taro, 'showModal').mockResolvedValueOnce({ confirm: true, cancel: false });
    referMock.mockResolvedValueOnce({ id: 1, escalationId: 4, ticketId: 38, communityId: 2, communityName: '阳光新城', to: 'meeting', subject: '', note: null, meetingId: null, mediationId: null, createdAt: '' });
    listMock.mockResolvedValueOnce({ items: [escalation(4, 38, '楼道灭火器过期了', { canRefer: ['town', 'mediation'], referredTo: ['meeting'] })], nextCursor: null });
    fireEvent.click(document.querySelector('.ov-refer-meeting') as HTMLElement);
    await settle();
    expect(referMock).toHaveBeenCalledWith(4, 'meeting');
    expect(document.querySelector('.ov-refer-meeting')).toBeNull();
    expect(screen.getAllByText('已提交联席会')).toHaveLength(1);
    // Late agreed items are the office's 督办 too.
    fireEvent.click(screen.getByText('逾期议定事项'));
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/meetings/pages/index/index?tab=overdue' });
  });

  it('a failure shows the API’s message and a retry', async () => {
    listMock.mockRejectedValueOnce(new ApiError({ statusCode: 0, code: 'NETWORK', message: '网络不可用，请检查网络后重试' }));
    listMock.mockResolvedValueOnce({ items: [escalation(4, 38, '楼道灭火器过期了')], nextCursor: null });

    render(<EscalationQueue />);
    expect(await screen.findByText('网络不可用，请检查网络后重试')).toBeInTheDocument();
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('楼道灭火器过期了')).toBeInTheDocument();
  });
});
