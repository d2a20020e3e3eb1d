import { fireEvent, render, screen, within } from '@testing-library/react';
import type { TicketView } from '@wuye/contracts';
import { ticket } from '../../../../../test/handling-fixtures';
import Taro, { setRouterParams } from '../../../../../test/stubs/taro';
import { getTicket, listAssignees, revealContactPhone, transitionTicket } from '../../../../services/tickets';
import { ApiError } from '../../../../services/http';
import { setTokens } from '../../../../services/session';
import HandlingTicket from './index';
import { settle } from '../../../../../test/support/render';

jest.mock('../../../../services/tickets', () => ({
  ...jest.requireActual('../../../../services/tickets'),
  getTicket: jest.fn(),
  transitionTicket: jest.fn(),
  listAssignees: jest.fn(),
  revealContactPhone: jest.fn(),
}));
const getMock = jest.mocked(getTicket);
const transitionMock = jest.mocked(transitionTicket);
const assigneesMock = jest.mocked(listAssignees);

const actionButtons = () => Array.from(document.querySelectorAll('.ticket-action')).map((el) => el.textContent);
const panel = () => document.querySelector('.ticket-panel') as HTMLElement;
const typeInto = (selector: string, value: string) => fireEvent.change(panel().querySelector(selector) as HTMLElement, { target: { value } });
const shownState = () => document.querySelector('.ticket-head .ticket-state')?.textContent;

const ACCEPTED = ticket({
  state: 'accepted',
  version: 2,
  actions: ['assign', 'resolve'],
  timeline: [
    ...ticket().timeline,
    { id: 2, action: 'accept', actor: '项目经理 陈经理', fromState: 'submitted', toState: 'accepted', note: '马上安排', photos: [], at: '2026-11-28T02:10:00.000Z' },
  ],
});

beforeEach(() => {
  setTokens({ accessToken: 'access-1', refreshToken: 'refresh-1' });
  setRouterParams({ id: '42' });
});

describe('办理工单: what is shown', () => {
  it('staff call the reporter: the full number is asked for only at the tap, then dialled', async () => {
    getMock.mockResolvedValue({ ...ACCEPTED, contact: { name: '张阿姨', phoneMasked: '138****1234', canReveal: true } });
    jest.mocked(revealContactPhone).mockResolvedValue({ phone: '13812341234' });
    const dial = jest.spyOn(Taro, 'makePhoneCall');
    render(<HandlingTicket />);
    await screen.findByText('张阿姨 138****1234');
    expect(revealContactPhone).not.toHaveBeenCalled();
    fireEvent.click(within(document.querySelector('.ticket-contact') as HTMLElement).getByText('拨打'));
    await settle();
    expect(revealContactPhone).toHaveBeenCalledWith(42);
    expect(dial).toHaveBeenCalledWith({ phoneNumber: '13812341234' });
  });

  it('shows the report, its photos, the reporter with masked phone, deadlines and the timeline', async () => {
    getMock.mockResolvedValue(ACCEPTED);

    render(<HandlingTicket />);

    expect(await screen.findByText('3栋1单元电梯按钮失灵，按了不亮，老人上下楼不方便')).toBeInTheDocument();
    expect(getMock).toHaveBeenCalledWith(42);
    expect(screen.getByText('张阿姨 138****1234')).toBeInTheDocument();
    expect(screen.getByText('3栋1单元大堂')).toBeInTheDocument();
    expect(within(document.querySelector('.ticket-response-due') as HTMLElement).getByText('2026-11-28 10:30')).toBeInTheDocument();
    expect(within(document.querySelector('.ticket-resolution-due') as HTMLElement).getByText('2026-11-29 10:00')).toBeInTheDocument();
    expect(document.querySelector('.ticket-photos img')).toHaveAttribute('src', 'http://127.0.0.1:3000/api/v1/files/a-thumb.jpg?sig=1');
    const events = Array.from(document.querySelectorAll('.timeline-event')).map((el) => el.textContent);
    // Newest first, as residents and offices read it.
    expect(events[events.length - 1]).toContain('提交报事');
    expect(events[events.length - 2]).toMatch(/受理已受理项目经理 陈经理 · 2026-11-28 10:10马上安排/);
  });

  it('a photo opens in the viewer with all photos of the report', async () => {
    const preview = jest.spyOn(Taro, 'previewImage');
    getMock.mockResolvedValue(ACCEPTED);

    render(<HandlingTicket />);
    await screen.findByText('#42 · 报修');
    fireEvent.click(document.querySelector('.ticket-photos img') as HTMLElement);

    expect(preview).toHaveBeenCalledWith({ current: 'http://127.0.0.1:3000/api/v1/files/a.jpg?sig=1', urls: ['http://127.0.0.1:3000/api/v1/files/a.jpg?sig=1'] });
  });

  it.each<[string, Partial<TicketView>, string[]]>([
    ['a new ticket, to the manager', { state: 'submitted', actions: ['accept', 'reject'] }, ['受理', '不予受理']],
    ['an accepted ticket, to the manager', { state: 'accepted', actions: ['assign', 'resolve'] }, ['转办', '反馈结果']],
    ['an assigned ticket, to its staff member', { state: 'assigned', actions: ['start', 'resolve'] }, ['开始办理', '反馈结果']],
    ['a ticket in progress, to its staff member', { state: 'in_progress', actions: ['resolve'] }, ['反馈结果']],
  ])('offers exactly the actions the API allows: %s', async (_case, answer, labels) => {
    getMock.mockResolvedValue(ticket(answer));

    render(<HandlingTicket />);
    await screen.findByText('#42 · 报修');

    expect(actionButtons()).toEqual(labels);
  });

  it('with no action allowed (e.g. resolved, or another staff member’s ticket) it says so and offers no button', async () => {
    getMock.mockResolvedValue(ticket({ state: 'resolved', actions: [] }));

    render(<HandlingTicket />);

    expect(await screen.findByText('工单已反馈，您现在没有需要办理的操作。')).toBeInTheDocument();
    expect(actionButtons()).toEqual([]);
  });

  it('a ticket outside the user’s estates answers 404: its message is shown', async () => {
    getMock.mockRejectedValue(new ApiError({ statusCode: 404, code: 'NOT_FOUND', message: '工单不存在' }));

    render(<HandlingTicket />);

    expect(await screen.findByText('工单不存在')).toBeInTheDocument();
  });
});

describe('办理工单: the steps', () => {
  it('受理 with a note for the reporter sends the shown version and shows the answer', async () => {
    getMock.mockResolvedValue(ticket());
    transitionMock.mockResolvedValue(ACCEPTED);

    render(<HandlingTicket />);
    fireEvent.click(await screen.findByText('受理'));
    typeInto('.ticket-panel-text', ' 马上安排 ');
    fireEvent.click(screen.getByText('确认受理'));
    await settle();

    expect(transitionMock).toHaveBeenCalledWith(42, { action: 'accept', note: '马上安排', version: 1 });
    expect(shownState()).toBe('已受理');
    expect(actionButtons()).toEqual(['转办', '反馈结果']);
  });

  it('不予受理 needs a reason before anything is sent', async () => {
    getMock.mockResolvedValue(ticket());
    transitionMock.mockResolvedValue(ticket({ state: 'rejected', actions: [], version: 2 }));

    render(<HandlingTicket />);
    fireEvent.click(await screen.findByText('不予受理'));
    fireEvent.click(screen.getByText('确认不予受理'));
    expect(screen.getByText('请填写原因')).toBeInTheDocument();
    expect(transitionMock).not.toHaveBeenCalled();

    typeInto('.ticket-panel-text', '属于业主户内设施');
    fireEvent.click(screen.getByText('确认不予受理'));
    await settle();

    expect(transitionMock).toHaveBeenCalledWith(42, { action: 'reject', reason: '属于业主户内设施', version: 1 });
    expect(shownState()).toBe('不予受理');
  });

  it('a refused step keeps the form and shows the API message', async () => {
    const toast = jest.spyOn(Taro, 'showToast');
    getMock.mockResolvedValue(ticket());
    transitionMock.mockRejectedValue(new ApiError({ statusCode: 422, code: 'CONTENT_RISKY', message: '内容含有违规信息，请修改后再提交' }));

    render(<HandlingTicket />);
    fireEvent.click(await screen.findByText('不予受理'));
    typeInto('.ticket-panel-text', '不处理');
    fireEvent.click(screen.getByText('确认不予受理'));
    await settle();

    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '内容含有违规信息，请修改后再提交' }));
    expect(panel()).toBeInTheDocument();
    expect(screen.getByText('确认不予受理')).not.toBeDisabled();
  });

  it('转办: the picker lists the estate’s staff with the tickets each has open; the chosen one is sent', async () => {
    getMock.mockResolvedValue(ACCEPTED);
    assigneesMock.mockResolvedValue([
      { id: 8, displayName: '陈经理', title: null, role: 'manager', openTickets: 0 },
      { id: 9, displayName: '刘师傅', title: '维修工', role: 'staff', openTickets: 3 },
      { id: 10, displayName: '黄阿姨', title: '保洁', role: 'staff', openTickets: 0 },
    ]);
    transitionMock.mockResolvedValue(ticket({ state: 'assigned', assignee: '物业员工 刘师傅', actions: ['assign', 'start', 'resolve'], version: 3 }));

    render(<HandlingTicket />);
    fireEvent.click(await screen.findByText('转办'));

    const options = (await screen.findAllByText(/（/, { selector: '.assignee-option' })).map((el) => el.textContent);
    expect(options).toEqual(['陈经理（项目经理） · 空闲', '刘师傅（维修工） · 手头 3 单', '黄阿姨（保洁） · 空闲']);
    expect(assigneesMock).toHaveBeenCalledWith(1);

    fireEvent.click(screen.getByText('确认转办'));
    expect(screen.getByText('请选择处理人，或填写外部单位名称')).toBeInTheDocument();

    fireEvent.click(screen.getByText('刘师傅（维修工） · 手头 3 单'));
    expect(screen.getByText('刘师傅（维修工） · 手头 3 单')).toHaveClass('chip-selected');
    fireEvent.click(screen.getByText('确认转办'));
    await settle();

    expect(transitionMock).toHaveBeenCalledWith(42, { action: 'assign', assigneeId: 9, version: 2 });
    expect(shownState()).toBe('已转办');
    expect(within(document.querySelector('.ticket-assignee') as HTMLElement).getByText('物业员工 刘师傅')).toBeInTheDocument();
  });

  it('转办 to an outside body sends its name instead of a staff member', async () => {
    getMock.mockResolvedValue(ACCEPTED);
    assigneesMock.mockResolvedValue([{ id: 9, displayName: '刘师傅', title: '维修工', role: 'staff', openTickets: 0 }]);
    transitionMock.mockResolvedValue(ticket({ state: 'assigned', assignee: '供电公司', actions: ['assign'], version: 3 }));

    render(<HandlingTicket />);
    fireEvent.click(await screen.findByText('转办'));
    fireEvent.click(await screen.findByText('外部单位'));
    typeInto('.assignee-external', ' 供电公司 ');
    fireEvent.click(screen.getByText('确认转办'));
    await settle();

    expect(transitionMock).toHaveBeenCalledWith(42, { action: 'assign', externalAssignee: '供电公司', version: 2 });
  });

  it('转办: when the staff list cannot load, the picker says why and 重试 loads it', async () => {
    getMock.mockResolvedValue(ACCEPTED);
    assigneesMock
      .mockRejectedValueOnce(new ApiError({ statusCode: 0, code: 'NETWORK', message: '网络不可用，请检查网络后重试' }))
      .mockResolvedValueOnce([{ id: 9, displayName: '刘师傅', title: '维修工', role: 'staff', openTickets: 0 }]);

    render(<HandlingTicket />);
    fireEvent.click(await screen.findByText('转办'));

    expect(await screen.findByText('网络不可用，请检查网络后重试')).toBeInTheDocument();
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('刘师傅（维修工） · 空闲')).toBeInTheDocument();
  });

  it('开始办理 by the assigned staff member', async () => {
    getMock.mockResolvedValue(ticket({ state: 'assigned', actions: ['start', 'resolve'], version: 3 }));
    transitionMock.mockResolvedValue(ticket({ state: 'in_progress', actions: ['resolve'], version: 4 }));

    render(<HandlingTicket />);
    fireEvent.click(await screen.findByText('开始办理'));
    fireEvent.click(screen.getByText('确认开始办理'));
    await settle();

    expect(transitionMock).toHaveBeenCalledWith(42, { action: 'start', version: 3 });
    expect(shownState()).toBe('办理中');
  });

  it('反馈结果: photos are chosen, uploaded with the bearer token, and sent with the note', async () => {
    getMock.mockResolvedValue(ticket({ state: 'in_progress', actions: ['resolve'], version: 4 }));
    const choose = jest.spyOn(Taro, 'chooseImage').mockResolvedValue({
      tempFilePaths: ['blob:one', 'blob:two'],
      tempFiles: [
        { path: 'blob:one', size: 300_000 },
        { path: 'blob:two', size: 280_000 },
      ],
    });
    let nextId = 700;
    const upload = jest.spyOn(Taro, 'uploadFile').mockImplementation(async () => ({
      statusCode: 201,
      data: JSON.stringify({ id: ++nextId, url: '/u.jpg', thumbnailUrl: '/t.jpg', width: 10, height: 10, bytes: 10 }),
    }));
    transitionMock.mockResolvedValue(ticket({ state: 'resolved', actions: [], version: 5 }));

    render(<HandlingTicket />);
    fireEvent.click(await screen.findByText('反馈结果'));

    typeInto('.ticket-panel-text', '已更换按钮面板，测试正常');
    fireEvent.click(screen.getByText('确认反馈结果'));
    expect(screen.getByText('请上传处理后的照片')).toBeInTheDocument();

    fireEvent.click(screen.getByText('＋ 添加照片（0/9）'));
    await settle();
    await settle();

    expect(choose).toHaveBeenCalledWith(expect.objectContaining({ count: 9 }));
    expect(upload).toHaveBeenCalledTimes(2);
    expect(upload).toHaveBeenCalledWith(
      expect.objectContaining({ url: 'http://127.0.0.1:3000/api/v1/uploads', filePath: 'blob:one', name: 'file', header: { Authorization: 'Bearer access-1' } }),
    );
    expect(screen.getAllByText('已上传')).toHaveLength(2);
    expect(screen.getByText('＋ 添加照片（2/9）')).toBeInTheDocument();

    fireEvent.click(screen.getByText('确认反馈结果'));
    await settle();

    expect(transitionMock).toHaveBeenCalledWith(42, { action: 'resolve', note: '已更换按钮面板，测试正常', photoIds: [701, 702], version: 4 });
    expect(shownState()).toBe('已反馈');
  });

  it('反馈结果: a refused upload says why; 重试 uploads it again; nothing is sent meanwhile', async () => {
    getMock.mockResolvedValue(ticket({ state: 'in_progress', actions: ['resolve'], version: 4 }));
    jest.spyOn(Taro, 'chooseImage').mockResolvedValue({ tempFilePaths: ['blob:big'], tempFiles: [{ path: 'blob:big', size: 12_000_000 }] });
    jest
      .spyOn(Taro, 'uploadFile')
      .mockResolvedValueOnce({ statusCode: 413, data: JSON.stringify({ statusCode: 413, code: 'FILE_TOO_LARGE', message: '照片不能超过 10 MB' }) })
      .mockResolvedValueOnce({ statusCode: 201, data: JSON.stringify({ id: 801, url: '/u.jpg', thumbnailUrl: '/t.jpg', width: 1, height: 1, bytes: 1 }) });

    render(<HandlingTicket />);
    fireEvent.click(await screen.findByText('反馈结果'));
    typeInto('.ticket-panel-text', '已处理');
    fireEvent.click(screen.getByText('＋ 添加照片（0/9）'));
    await settle();

    expect(screen.getByText('照片不能超过 10 MB')).toBeInTheDocument();
    fireEvent.click(screen.getByText('确认反馈结果'));
    expect(screen.getByText('还有照片没有上传完成')).toBeInTheDocument();
    expect(transitionMock).not.toHaveBeenCalled();

    fireEvent.click(screen.getByText('重试'));
    await settle();
    expect(screen.getByText('已上传')).toBeInTheDocument();
  });

  it('反馈结果: cancelling the photo picker is not an error', async () => {
    const toast = jest.spyOn(Taro, 'showToast');
    getMock.mockResolvedValue(ticket({ state: 'in_progress', actions: ['resolve'], version: 4 }));

    render(<HandlingTicket />);
    fireEvent.click(await screen.findByText('反馈结果'));
    fireEvent.click(screen.getByText('＋ 添加照片（0/9）'));
    await settle();

    expect(toast).not.toHaveBeenCalled();
    expect(screen.getByText('＋ 添加照片（0/9）')).toBeInTheDocument();
  });

  it('a stale version (409): says “工单已被他人更新，已刷新”, shows the ticket as it is now and its actions', async () => {
    const toast = jest.spyOn(Taro, 'showToast');
    const scroll = jest.spyOn(Taro, 'pageScrollTo');
    getMock.mockResolvedValueOnce(ticket()).mockResolvedValueOnce(ACCEPTED);
    transitionMock.mockRejectedValue(new ApiError({ statusCode: 409, code: 'STALE_VERSION', message: '工单刚被他人处理过，请刷新后再操作' }));

    render(<HandlingTicket />);
    fireEvent.click(await screen.findByText('不予受理'));
    typeInto('.ticket-panel-text', '重复报事');
    fireEvent.click(screen.getByText('确认不予受理'));
    await settle();

    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '工单已被他人更新，已刷新' }));
    expect(screen.getByText('工单已被他人更新，已刷新')).toHaveClass('ticket-stale');
    expect(scroll).toHaveBeenCalledWith(expect.objectContaining({ selector: '.ticket-stale' }));
    expect(getMock).toHaveBeenCalledTimes(2);
    expect(shownState()).toBe('已受理');
    expect(panel()).toBeNull();
    expect(actionButtons()).toEqual(['转办', '反馈结果']);
    expect(screen.getByText('马上安排')).toBeInTheDocument();
  });
});

describe('办理工单: a 代报 ticket and its return visit (回访)', () => {
  const VISIT_DUE = ticket({
    state: 'resolved',
    version: 5,
    source: '12345',
    reporter: '12345热线反映',
    reporterPhone: null,
    filedBy: '赵书记',
    returnVisit: 'due',
    returnVisitTries: 1,
    contact: { name: '王先生', phoneMasked: '139****4321', canReveal: true },
    actions: ['visit_satisfied', 'visit_dissatisfied'],
    blocked: { visit_unreachable: '今天已经回访过一次；3 次回访须在不同的日子，请明天再试' },
  });

  it('shows the channel, who filed it, the caller with the number masked, the visit so far and why a try waits', async () => {
    getMock.mockResolvedValue(VISIT_DUE);

    render(<HandlingTicket />);
    await screen.findByText('#42 · 报修');

    expect(document.querySelector('.ticket-source')?.textContent).toContain('12345热线');
    expect(document.querySelector('.ticket-filed-by')?.textContent).toContain('赵书记');
    expect(document.querySelector('.ticket-contact')?.textContent).toMatch(/反映人王先生139\*\*\*\*4321拨打/);
    expect(document.querySelector('.ticket-return-visit')?.textContent).toBe('回访待回访（已有 1/3 次未联系上）');
    expect(actionButtons()).toEqual(['回访：满意', '回访：不满意']);
    expect(document.querySelector('.ticket-blocked-visit_unreachable')?.textContent).toContain('请明天再试');
  });

  it('tells the manager, who may only reopen it, that the community office records the visit', async () => {
    getMock.mockResolvedValue({ ...VISIT_DUE, actions: ['visit_dissatisfied'], blocked: {} });

    render(<HandlingTicket />);
    await screen.findByText('#42 · 报修');

    expect(document.querySelector('.ticket-return-visit')?.textContent).toContain('待回访（已有 1/3 次未联系上），由社区回访并记录结果');
    expect(actionButtons()).toEqual(['回访：不满意']);
  });

  it('回访：不满意 needs the caller’s reason, then reopens the ticket', async () => {
    getMock.mockResolvedValue(VISIT_DUE);
    transitionMock.mockResolvedValue(ticket({ ...VISIT_DUE, state: 'accepted', returnVisit: 'dissatisfied', actions: ['assign', 'resolve'], blocked: {}, version: 6 }));

    render(<HandlingTicket />);
    fireEvent.click(await screen.findByText('回访：不满意'));
    expect(screen.getByText('不满意的原因（工单将重新办理）')).toBeInTheDocument();
    fireEvent.click(screen.getByText('确认回访：不满意'));
    expect(screen.getByText('请填写原因')).toBeInTheDocument();
    expect(transitionMock).not.toHaveBeenCalled();

    typeInto('.ticket-panel-text', '灯还是不亮');
    fireEvent.click(screen.getByText('确认回访：不满意'));
    await settle();

    expect(transitionMock).toHaveBeenCalledWith(42, { action: 'visit_dissatisfied', reason: '灯还是不亮', version: 5 });
    expect(shownState()).toBe('已受理');
    expect(document.querySelector('.ticket-return-visit')?.textContent).toContain('回访不满意');
  });
});
