import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { MeetingItemView, MeetingView } from '@wuye/contracts';
import { setRouterParams } from '../../../../../test/stubs/taro';
import { fakeApi, flush, reply } from '../../../../../test/support/fake-api';
import { setTokens } from '../../../../services/session';
import MeetingPage from './index';

const ITEM: MeetingItemView = {
  id: 21,
  meetingId: 5,
  communityId: 1,
  communityName: '锦绣花园',
  text: '物业两周内更换3栋电梯门机',
  ownerParty: 'property',
  ownerName: '陈经理',
  deadlineAt: '2026-12-05T10:00:00.000Z',
  state: 'open',
  overdueAt: null,
  ticketId: 38,
  questionId: null,
  rectificationId: null,
  version: 1,
  timeline: [{ id: 1, action: 'agreed', actionLabel: '议定', actorName: '南门社区 赵书记', note: null, at: '2026-11-20T09:00:00.000Z' }],
  can: { done: true, verify: false, return: false },
  blocked: {},
};
const MEETING: MeetingView = {
  id: 5,
  communityId: 1,
  communityName: '锦绣花园',
  communities: [{ id: 1, name: '锦绣花园' }],
  officeName: '南门社区',
  kind: 'four_party',
  heldOn: '2026-11-20',
  attendees: [
    { party: 'community_party', name: '赵书记' },
    { party: 'property', name: '陈经理' },
  ],
  minutes: '讨论了3栋电梯问题',
  signInPhotos: [],
  agenda: [{ text: '电梯：3栋电梯三天两头坏', ticketId: 38 }],
  items: [ITEM],
  createdAt: '2026-11-20T09:00:00.000Z',
  can: { addItems: false },
};

const click = (selector: string) =>
  act(async () => {
    fireEvent.click(document.querySelector(selector) as HTMLElement);
    await flush();
  });

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
  setRouterParams({ id: '5' });
});

describe('联席会议', () => {
  it('shows the meeting and offers the manager exactly 已落实, which needs what was done', async () => {
    const server = fakeApi({ 'GET /api/v1/meetings/5': MEETING });
    render(<MeetingPage />);
    expect(await screen.findByText('物业两周内更换3栋电梯门机')).toBeInTheDocument();
    expect(screen.getByText('期限 2026-12-05 18:00')).toBeInTheDocument();
    expect(screen.getByText('讨论了3栋电梯问题')).toBeInTheDocument();
    expect(document.querySelector('.mt-step-verify')).toBeNull();

    await click('.mt-step-done');
    await click('.mt-panel-submit');
    expect(screen.getByText('请填写落实情况')).toBeInTheDocument();
    expect(server.to('POST /api/v1/meeting-items/21/transitions')).toHaveLength(0);

    fireEvent.change(document.querySelector('.mt-panel-text') as HTMLElement, { target: { value: '门机已更换' } });
    server.set({ 'POST /api/v1/meeting-items/21/transitions': { ...ITEM, state: 'done', version: 2, can: { done: false, verify: false, return: false } } });
    await click('.mt-panel-submit');
    expect(server.to('POST /api/v1/meeting-items/21/transitions')[0].data).toEqual({ action: 'done', version: 1, note: '门机已更换' });
    expect(screen.getByText('待核验')).toBeInTheDocument();
    expect(document.querySelector('.mt-step-done')).toBeNull();
  });

  it('offers the office 核验 and 退回; when someone else acted first it says so and shows the item as it is now', async () => {
    const done = { ...ITEM, state: 'done' as const, version: 2, can: { done: false, verify: true, return: true } };
    const server = fakeApi({ 'GET /api/v1/meetings/5': { ...MEETING, items: [done] }, 'POST /api/v1/meeting-items/21/transitions': reply(409, { code: 'STALE_VERSION', message: '议定项目刚被他人处理过，请刷新后再操作' }) });
    render(<MeetingPage />);
    await screen.findByText('物业两周内更换3栋电梯门机');
    expect(document.querySelector('.mt-step-done')).toBeNull();
    await click('.mt-step-verify');
    server.set({ 'GET /api/v1/meetings/5': { ...MEETING, items: [{ ...done, state: 'verified', version: 3, can: { done: false, verify: false, return: false } }] } });
    await click('.mt-panel-submit');
    expect(server.to('POST /api/v1/meeting-items/21/transitions')[0].data).toEqual({ action: 'verify', version: 2 });
    expect(screen.getByText('议定项目刚被他人处理过，请刷新后再操作')).toBeInTheDocument();
    expect(screen.getByText('已核验')).toBeInTheDocument();
  });

  it('shows a 协调委员会 over two estates with each item’s estate, and the reporter’s 核验 disabled with the reason', async () => {
    const reason = '报落实的人不能核验同一事项，请由社区其他工作人员或街道（乡镇）核验';
    const party = { ...ITEM, id: 22, communityId: 2, communityName: '翠湖苑', ownerParty: 'estate_party' as const, text: '党支部组织楼道清理', state: 'done' as const, can: { done: false, verify: false, return: true }, blocked: { verify: reason } };
    const server = fakeApi({ 'GET /api/v1/meetings/5': { ...MEETING, kind: 'coordination', communities: [{ id: 1, name: '锦绣花园' }, { id: 2, name: '翠湖苑' }], items: [ITEM, party] } });
    render(<MeetingPage />);
    expect(await screen.findByText('涉及小区：锦绣花园、翠湖苑')).toBeInTheDocument();
    expect(screen.getByText('翠湖苑')).toBeInTheDocument();
    expect(screen.getByText(reason)).toBeInTheDocument();
    const verify = document.querySelector('.mt-step-verify') as HTMLElement;
    expect(verify).toBeDisabled();
    await click('.mt-step-verify');
    expect(document.querySelector('.mt-panel-verify')).toBeNull();
    expect(server.to('POST /api/v1/meeting-items/22/transitions')).toHaveLength(0);
    // 退回 stays the reporter's to take.
    await click('.mt-step-return');
    expect(document.querySelector('.mt-panel-return')).not.toBeNull();
  });

  it('追加议定事项: the office adds items to a meeting on record; a retry after a failure carries the same key, the next form a new one', async () => {
    const ADDED: MeetingItemView = { ...ITEM, id: 22, text: '更换楼道灯', ownerParty: 'committee', ownerName: '周主任', ticketId: null, timeline: [] };
    const server = fakeApi({ 'GET /api/v1/meetings/5': { ...MEETING, can: { addItems: true } } });
    render(<MeetingPage />);
    await screen.findByText('物业两周内更换3栋电梯门机');
    await click('.mt-add-items');
    // Numbered on from the items the meeting has.
    expect(screen.getByText('第 2 项')).toBeInTheDocument();
    await click('.mt-add-items-submit');
    expect(screen.getByText('请填写第 2 个议定事项')).toBeInTheDocument();
    fireEvent.change(document.querySelector('.mt-add-items-form .mt-item-text') as HTMLElement, { target: { value: '更换楼道灯' } });
    fireEvent.click(within(document.querySelector('.mt-add-items-form .mt-item-parties') as HTMLElement).getByText('业委会/业主代表'));
    fireEvent.input(document.querySelector('.mt-add-items-form .mt-item-owner') as HTMLElement, { target: { value: '周主任' }, detail: { value: '周主任' } });
    expect(server.to('POST /api/v1/meetings/5/items')).toHaveLength(0);

    server.set({ 'POST /api/v1/meetings/5/items': reply(503, { code: 'DB_UNAVAILABLE', message: '服务暂时不可用，请稍后再试' }) });
    await click('.mt-add-items-submit');
    expect(screen.getByText('服务暂时不可用，请稍后再试')).toBeInTheDocument();
    server.set({ 'POST /api/v1/meetings/5/items': { ...MEETING, items: [ITEM, ADDED], can: { addItems: true } } });
    await click('.mt-add-items-submit');
    const [first, second] = server.to('POST /api/v1/meetings/5/items');
    expect(second.data).toEqual({ items: [{ text: '更换楼道灯', ownerParty: 'committee', ownerName: '周主任', deadline: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }] });
    expect(second.header['Idempotency-Key']).toBe(first.header['Idempotency-Key']);
    // The meeting as the API answered it: the new item is listed, the form closed.
    expect(screen.getByText('更换楼道灯')).toBeInTheDocument();
    expect(document.querySelector('.mt-add-items-form')).toBeNull();

    await click('.mt-add-items');
    fireEvent.change(document.querySelector('.mt-add-items-form .mt-item-text') as HTMLElement, { target: { value: '清理消防通道' } });
    fireEvent.input(document.querySelector('.mt-add-items-form .mt-item-owner') as HTMLElement, { target: { value: '陈经理' }, detail: { value: '陈经理' } });
    await click('.mt-add-items-submit');
    expect(server.to('POST /api/v1/meetings/5/items')[2].header['Idempotency-Key']).not.toBe(first.header['Idempotency-Key']);
  });

  it('offers 追加议定事项 only to those who keep the meeting', async () => {
    fakeApi({ 'GET /api/v1/meetings/5': MEETING });
    render(<MeetingPage />);
    await screen.findByText('物业两周内更换3栋电梯门机');
    expect(document.querySelector('.mt-add-items')).toBeNull();
  });

  it('proposes, for a meeting long past, the last deadline the API allows (180 days after it), not two weeks from today', async () => {
    const server = fakeApi({ 'GET /api/v1/meetings/5': { ...MEETING, heldOn: '2026-01-02', can: { addItems: true } }, 'POST /api/v1/meetings/5/items': MEETING });
    render(<MeetingPage />);
    await screen.findByText('物业两周内更换3栋电梯门机');
    await click('.mt-add-items');
    expect(screen.getByText('2026-07-01')).toBeInTheDocument();
    fireEvent.change(document.querySelector('.mt-add-items-form .mt-item-text') as HTMLElement, { target: { value: '补充：更换楼道灯' } });
    fireEvent.input(document.querySelector('.mt-add-items-form .mt-item-owner') as HTMLElement, { target: { value: '陈经理' }, detail: { value: '陈经理' } });
    await click('.mt-add-items-submit');
    expect((server.to('POST /api/v1/meetings/5/items')[0].data as { items: { deadline: string }[] }).items[0].deadline).toBe('2026-07-01');
  });
});
