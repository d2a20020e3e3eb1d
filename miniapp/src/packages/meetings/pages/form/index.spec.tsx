import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { addDays, shanghaiDate, type MeView } from '@wuye/contracts';
import Taro from '../../../../../test/stubs/taro';
import { fakeApi, flush, reply } from '../../../../../test/support/fake-api';
import { setTokens } from '../../../../services/session';
import MeetingForm from './index';

const OFFICE: MeView = { id: 7, displayName: '赵书记', phone: null, roles: [{ role: 'community_office', areaId: 4, scopeName: '南门社区' }], houses: [], wechat: false };
const REFERRAL = { id: 3, escalationId: 4, ticketId: 38, communityId: 1, to: 'meeting', subject: '电梯：3栋电梯三天两头坏', note: null, meetingId: null, createdAt: '' };

const api = (more = {}) =>
  fakeApi({
    'GET /api/v1/me': OFFICE,
    'GET /api/v1/communities': { items: [{ id: 1, name: '锦绣花园' }], nextCursor: null },
    'GET /api/v1/meeting-agenda': { tickets: [REFERRAL], questions: [], rectifications: [] },
    'POST /api/v1/meetings': { id: 5 },
    ...more,
  });
const type = (selector: string, value: string, n = 0) => fireEvent.input(document.querySelectorAll(selector)[n] as HTMLElement, { target: { value }, detail: { value } });
const submit = () =>
  act(async () => {
    fireEvent.click(document.querySelector('.mt-submit') as HTMLElement);
    await flush();
  });

beforeEach(() => setTokens({ accessToken: 'access', refreshToken: 'refresh' }));

describe('记录联席会', () => {
  it('puts a referred ticket on the agenda, links the agreed item to it, and records the meeting once with its key', async () => {
    const server = api();
    const redirect = jest.spyOn(Taro, 'redirectTo');
    render(<MeetingForm />);
    fireEvent.click(await screen.findByText('电梯：3栋电梯三天两头坏'));
    await submit();
    expect(screen.getByText('请填写参会人员')).toBeInTheDocument();
    type('.mt-attendee-name', '赵书记');
    fireEvent.change(document.querySelector('.mt-minutes-text') as HTMLElement, { target: { value: '讨论电梯问题' } });
    fireEvent.change(document.querySelector('.mt-item-text') as HTMLElement, { target: { value: '更换门机' } });
    await submit();
    expect(screen.getByText('请填写第 1 个议定事项的责任人')).toBeInTheDocument();
    type('.mt-item-owner', '陈经理');
    fireEvent.click(within(document.querySelector('.mt-item-tickets') as HTMLElement).getByText('电梯：3栋电梯三天两头坏'));

    server.set({ 'POST /api/v1/meetings': reply(503, { code: 'DB_UNAVAILABLE', message: '服务暂时不可用，请稍后再试' }) });
    await submit();
    expect(screen.getByText('服务暂时不可用，请稍后再试')).toBeInTheDocument();
    server.set({ 'POST /api/v1/meetings': { id: 5 } });
    await submit();
    const [first, second] = server.to('POST /api/v1/meetings');
    expect(second.data).toEqual({
      communityId: 1,
      kind: 'four_party',
      heldOn: shanghaiDate(),
      attendees: [{ party: 'community_party', name: '赵书记' }],
      minutes: '讨论电梯问题',
      signInPhotoIds: [],
      agenda: [{ text: '电梯：3栋电梯三天两头坏', ticketId: 38 }],
      items: [{ text: '更换门机', ownerParty: 'property', ownerName: '陈经理', deadline: addDays(shanghaiDate(), 14), ticketId: 38 }],
    });
    expect(server.to('GET /api/v1/meeting-agenda')[0].query).toEqual({ communityIds: '1' });
    // The retry carries the first attempt's key: the API records the meeting once.
    expect(second.header['Idempotency-Key']).toBe(first.header['Idempotency-Key']);
    expect(redirect).toHaveBeenLastCalledWith({ url: '/packages/meetings/pages/meeting/index?id=5' });
  });

  it('records a 协调委员会 over two estates, its agenda drawn from an owners’ question and a rectification order, each item of its estate', async () => {
    const server = api({
      'GET /api/v1/communities': { items: [{ id: 1, name: '锦绣花园' }, { id: 2, name: '翠湖苑' }], nextCursor: null },
      'GET /api/v1/meeting-agenda': (call: { query: Record<string, string> }) => ({
        tickets: [],
        questions: call.query.communityIds === '1,2' ? [{ id: 11, communityId: 2, communityName: '翠湖苑', disclosureTitle: '2026-Q3 公共收益公示', text: '停车收入为什么下降了？', answered: true, meetingNote: null }] : [],
        rectifications: [{ id: 7, communityId: 1, communityName: '锦绣花园', itemText: '消防通道畅通', state: 'open', overdue: true }],
      }),
    });
    render(<MeetingForm />);
    await screen.findByText('消防通道畅通');
    // A 四方联席会 is one estate's: the others are offered once it is a 协调委员会.
    expect(screen.queryByText('涉及的其他小区（点选）')).toBeNull();
    await act(async () => {
      fireEvent.click(within(document.querySelector('.mt-kinds') as HTMLElement).getByText('协调委员会会议'));
      await flush();
    });
    await act(async () => {
      fireEvent.click(within(document.querySelector('.mt-covered') as HTMLElement).getByText('翠湖苑'));
      await flush();
    });
    expect(server.to('GET /api/v1/meeting-agenda').at(-1)?.query).toEqual({ communityIds: '1,2' });
    expect(screen.getByText('公示质询（已回复） · 翠湖苑')).toBeInTheDocument();
    expect(screen.getByText('整改单（逾期） · 锦绣花园')).toBeInTheDocument();
    fireEvent.click(screen.getByText('2026-Q3 公共收益公示：停车收入为什么下降了？'));
    fireEvent.click(screen.getByText('消防通道畅通'));
    type('.mt-attendee-name', '赵书记');
    fireEvent.change(document.querySelector('.mt-minutes-text') as HTMLElement, { target: { value: '两小区共同议题' } });
    fireEvent.change(document.querySelector('.mt-item-text') as HTMLElement, { target: { value: '公示停车收入明细' } });
    type('.mt-item-owner', '陈经理');
    // Choosing the question as the item's source makes it an item of the question's estate.
    fireEvent.click(within(document.querySelector('.mt-item-tickets') as HTMLElement).getByText('2026-Q3 公共收益公示：停车收入为什么下降了？'));
    expect(within(document.querySelector('.mt-item-estates') as HTMLElement).getByText('翠湖苑')).toHaveClass('chip-selected');
    await submit();
    expect(server.to('POST /api/v1/meetings')[0].data).toMatchObject({
      communityId: 1,
      communityIds: [1, 2],
      kind: 'coordination',
      agenda: [
        { text: '业主质询：停车收入为什么下降了？', questionId: 11 },
        { text: '整改单：消防通道畅通', rectificationId: 7 },
      ],
      items: [{ text: '公示停车收入明细', communityId: 2, questionId: 11 }],
    });
  });
});
