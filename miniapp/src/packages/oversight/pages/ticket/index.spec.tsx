import { fireEvent, render, screen, within } from '@testing-library/react';
import { addDays, shanghaiDate, type EscalationView,  type RoleScope, type TicketEventView, type TicketView } from '@wuye/contracts';
import Taro, { setRouterParams } from '../../../../../test/stubs/taro';
import { ApiError } from '../../../../services/http';
import { getMe } from '../../../../services/me';
import { closeEscalation, commentOnEscalation, listEscalations, setEscalationDeadline } from '../../../../services/oversight';
import { getTicket } from '../../../../services/tickets';
import { setTokens } from '../../../../services/session';
import OversightTicket from './index';
import { settle, staffMe } from '../../../../../test/support/render';

jest.mock('../../../../services/me');
jest.mock('../../../../services/oversight');
jest.mock('../../../../services/tickets');
const getMeMock = jest.mocked(getMe);
const ticketMock = jest.mocked(getTicket);
const listMock = jest.mocked(listEscalations);
const commentMock = jest.mocked(commentOnEscalation);
const deadlineMock = jest.mocked(setEscalationDeadline);
const closeMock = jest.mocked(closeEscalation);

const OFFICE: RoleScope = { role: 'community_office', areaId: 3, scopeName: '南门社区' };
const REGULATOR: RoleScope = { role: 'regulator', areaId: 1, scopeName: '清河县' };
const me = (roles: RoleScope[]) => staffMe(4, '南门社区 赵书记', roles);

const event = (id: number, action: string, actor: string, note: string | null, at: string): TicketEventView => ({ id, action, actor, fromState: 'in_progress', toState: 'in_progress', note, photos: [], at });

const TIMELINE: TicketEventView[] = [
  { id: 184, action: 'created', actor: '1栋业主', fromState: null, toState: 'submitted', note: null, photos: [], at: '2026-11-27T22:32:22.843Z' },
  { id: 185, action: 'accept', actor: '项目经理 阳光新城 何经理', fromState: 'submitted', toState: 'accepted', note: null, photos: [], at: '2026-11-27T22:48:52.969Z' },
  event(188, 'escalated', '系统', '已提请社区督办：超时未办结', '2026-11-29T01:56:34.336Z'),
];

const TICKET: TicketView = {
  blocked: {},
  id: 38,
  communityId: 2,
  communityName: '阳光新城',
  kind: 'hazard',
  categoryCode: 'fire',
  categoryName: '消防安全',
  emergency: true,
  summary: '楼道灭火器过期了，压力表在红区',
  state: 'in_progress',
  visibility: 'public',
  reporter: '1栋业主',
  place: '1栋楼道',
  thumbnailUrl: null,
  createdAt: '2026-11-27T22:32:22.843Z',
  responseDueAt: '2026-11-27T23:02:22.843Z',
  resolutionDueAt: '2026-11-28T22:32:22.843Z',
  overdue: true,
  escalated: true,
  followerCount: 0,
  version: 1,
  description: '楼道灭火器过期了，压力表在红区',
  photos: [],
  house: null,
  lat: null,
  long: null,
  assignee: '物业员工 阳光新城 维修 李师傅',
  reporterPhone: null,
  rating: null,
  reopenCount: 0,
  returnVisitTries: 0,
  returnVisitTriedOn: null,
  filedBy: null,
  returnVisit: null,
  contact: null,
  timeline: TIMELINE,
  actions: [],
  canRate: false,
  canUrge: false,
  following: false,
  isReporter: false,
  heldForReview: false,
  source: 'app',
};

const ESCALATION: EscalationView = {
  id: 4,
  reason: 'resolution_overdue',
  reasonLabel: '超时未办结',
  state: 'open',
  deadlineAt: null,
  createdAt: '2026-11-29T01:56:34.000Z',
  closedAt: null,
  closingNote: null,
  communityId: 2,
  communityName: '阳光新城',
  officeName: '南门社区',
  canHandle: true,
  ticket: TICKET,
};

const noteField = () => document.querySelector('.ov-escalation-note') as HTMLElement;
const actions = () => Array.from(document.querySelectorAll('.timeline-action')).map((el) => el.textContent);

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
  setRouterParams({ id: '38' });
  ticketMock.mockResolvedValue(TICKET);
  listMock.mockImplementation(async (options) => ({ items: options?.state === 'open' ? [ESCALATION] : [], nextCursor: null }));
});

describe('oversight ticket view', () => {
  it('shows what, where, the deadlines (Asia/Shanghai), overdue and 督办 marks and the timeline; a regulator reads who handles the 督办', async () => {
    getMeMock.mockResolvedValue(me([REGULATOR]));
    listMock.mockResolvedValue({ items: [{ ...ESCALATION, canHandle: false }], nextCursor: null });

    render(<OversightTicket />);

    expect(await screen.findByText('楼道灭火器过期了，压力表在红区')).toBeInTheDocument();
    expect(screen.getByText('响应期限：2026-11-28 07:02')).toBeInTheDocument();
    expect(screen.getByText('办结期限：2026-11-29 06:32')).toBeInTheDocument();
    expect(screen.getByText('逾期')).toBeInTheDocument();
    expect(screen.getByText('督办中', { selector: '.ticket-escalated' })).toBeInTheDocument();
    expect(screen.getByText('处理人：物业员工 阳光新城 维修 李师傅')).toBeInTheDocument();
    expect(actions()).toEqual(['提交报事', '受理', '转社区督办']);
    expect(screen.getByText('已提请社区督办：超时未办结')).toBeInTheDocument();
    // The county regulator is told whose 督办 it is, and is offered nothing the API would refuse.
    expect(screen.getByText(/由南门社区督办/)).toBeInTheDocument();
    expect(document.querySelector('.ov-escalation-form')).toBeNull();
    expect(screen.queryByText('发送督办意见')).not.toBeInTheDocument();
  });

  it('an office comments: an empty note is refused, a note is sent and shows on the timeline', async () => {
    getMeMock.mockResolvedValue(me([OFFICE]));
    commentMock.mockResolvedValue(ESCALATION);

    render(<OversightTicket />);
    const panel = (await screen.findByText('社区督办')).closest('.ov-escalation') as HTMLElement;
    expect(within(panel).getByText('原因：超时未办结')).toBeInTheDocument();
    expect(within(panel).getByText('督办期限：未设定')).toBeInTheDocument();
    expect(listMock).toHaveBeenCalledWith({ state: 'open', ticketId: 38, limit: 1 });

    fireEvent.click(within(panel).getByText('发送督办意见'));
    expect(within(panel).getByText('请填写督办意见或选择新的期限')).toBeInTheDocument();
    expect(commentMock).not.toHaveBeenCalled();

    ticketMock.mockResolvedValue({ ...TICKET, timeline: [...TIMELINE, event(190, 'office_comment', '社区 赵书记', '请物业三日内修复并反馈', '2026-11-29T02:10:00.000Z')] });
    fireEvent.change(noteField(), { target: { value: ' 请物业三日内修复并反馈 ' } });
    fireEvent.click(within(panel).getByText('发送督办意见'));
    await settle();

    expect(commentMock).toHaveBeenCalledWith(4, '请物业三日内修复并反馈');
    expect(actions()).toEqual(['提交报事', '受理', '转社区督办', '督办意见']);
    expect(screen.getByText('请物业三日内修复并反馈', { selector: '.timeline-note' })).toBeInTheDocument();
    expect(noteField()).toHaveValue('');
  });

  it('sets the chosen deadline (18:00 of the day, by a quick choice or the date picker) with the opinion in one send', async () => {
    getMeMock.mockResolvedValue(me([OFFICE]));
    deadlineMock.mockImplementation(async () => {
      // From now on the queue holds the escalation with its deadline.
      const next = { ...ESCALATION, deadlineAt: '2027-01-15T10:00:00.000Z' };
      listMock.mockResolvedValue({ items: [next], nextCursor: null });
      return next;
    });
    const threeDays = addDays(shanghaiDate(), 3);

    render(<OversightTicket />);
    await screen.findByText('社区督办');
    fireEvent.change(noteField(), { target: { value: '请物业在期限内修复' } });
    fireEvent.click(screen.getByText('3天后'));
    expect(screen.getByText(`将设为 ${threeDays} 18:00`)).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('picker-date'), { target: { value: '2027-01-15' } });
    expect(screen.getByText('将设为 2027-01-15 18:00')).toBeInTheDocument();
    fireEvent.click(screen.getByText('发送并设定期限'));
    await settle();

    expect(deadlineMock).toHaveBeenCalledWith(4, '2027-01-15T18:00:00+08:00', '请物业在期限内修复');
    expect(commentMock).not.toHaveBeenCalled();
    expect(screen.getByText('督办期限：2027-01-15 18:00')).toBeInTheDocument();
  });

  it('closing the escalation needs a note and a confirmation; afterwards the panel says it ended', async () => {
    getMeMock.mockResolvedValue(me([OFFICE]));
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValueOnce({ confirm: false, cancel: true });
    const closed: EscalationView = { ...ESCALATION, state: 'closed', closedAt: '2026-11-29T03:00:00.000Z', closingNote: '已现场核实更换灭火器' };
    closeMock.mockImplementation(async () => {
      // Closed: the ticket's escalation is no longer among the open ones, but among the closed.
      listMock.mockImplementation(async (options) => ({ items: options?.state === 'closed' ? [closed] : [], nextCursor: null }));
      return closed;
    });

    render(<OversightTicket />);
    await screen.findByText('社区督办');
    fireEvent.click(screen.getByText('结束督办'));
    await settle();
    expect(screen.getByText('请填写结束督办的说明')).toBeInTheDocument();
    expect(modal).not.toHaveBeenCalled();

    fireEvent.change(noteField(), { target: { value: '已现场核实更换灭火器' } });
    fireEvent.click(screen.getByText('结束督办'));
    await settle();
    expect(modal).toHaveBeenCalledTimes(1);
    expect(closeMock).not.toHaveBeenCalled();

    ticketMock.mockResolvedValue({ ...TICKET, escalated: false, timeline: [...TIMELINE, event(191, 'escalation_closed', '社区 赵书记', '督办结束：已现场核实更换灭火器', '2026-11-29T03:00:00.000Z')] });
    fireEvent.click(screen.getByText('结束督办'));
    await settle();

    expect(closeMock).toHaveBeenCalledWith(4, '已现场核实更换灭火器');
    expect(screen.getByText('已结束')).toBeInTheDocument();
    expect(screen.getByText('2026-11-29 11:00 结束：已现场核实更换灭火器')).toBeInTheDocument();
    expect(actions()).toContain('督办结束');
    expect(document.querySelector('.ov-escalation-form')).toBeNull();
  });

  it('a refusal (someone closed it first) is shown in the API’s words', async () => {
    getMeMock.mockResolvedValue(me([OFFICE]));
    commentMock.mockRejectedValue(new ApiError({ statusCode: 409, code: 'ESCALATION_CLOSED', message: '该督办已经结束' }));

    render(<OversightTicket />);
    await screen.findByText('社区督办');
    fireEvent.change(noteField(), { target: { value: '请尽快处理' } });
    fireEvent.click(screen.getByText('发送督办意见'));
    await settle();

    expect(screen.getByText('该督办已经结束')).toBeInTheDocument();
    expect(noteField()).toHaveValue('请尽快处理');
  });
});
