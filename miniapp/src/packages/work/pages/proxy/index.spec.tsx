import { act, fireEvent, render, screen } from '@testing-library/react';
import { DEFAULT_TICKET_CATEGORIES } from '@wuye/contracts';
import Taro, { setRouterParams } from '../../../../../test/stubs/taro';
import { NO_NETWORK, fakeApi, flush, ticketView } from '../../../../../test/support/fake-api';
import { setTokens } from '../../../../services/session';
import ProxyReport from './index';

const type = (selector: string, value: string) => fireEvent.change(document.querySelector(selector) as HTMLElement, { target: { value } });
const submit = async () => {
  await act(async () => {
    fireEvent.click(document.querySelector('.proxy-submit') as HTMLElement);
    await flush();
  });
};
const channels = () => Array.from(document.querySelectorAll('.proxy-channel')).map((el) => el.textContent);

beforeEach(() => {
  setTokens({ accessToken: 'access-1', refreshToken: 'refresh-1' });
});

describe('代报', () => {
  it('files a 12345 call with the caller, and opens the new ticket; nothing goes before the caller is given', async () => {
    setRouterParams({ communityId: '1', name: encodeURIComponent('锦绣花园') });
    const server = fakeApi({ 'GET /api/v1/communities/1/ticket-categories': DEFAULT_TICKET_CATEGORIES, 'POST /api/v1/tickets/on-behalf': ticketView(91, { source: '12345' }) });
    const redirect = jest.spyOn(Taro, 'redirectTo');
    render(<ProxyReport />);
    expect(channels()).toEqual(['12345热线', '信访', '来访', '电话', '物业投诉直通车']);
    fireEvent.click(await screen.findByText('设施故障'));
    type('.proxy-description', '3栋楼道灯不亮');
    type('.proxy-place', '3栋楼道');
    await submit();
    expect(screen.getByText('请填写反映人的姓名')).toBeInTheDocument();
    type('.proxy-caller-name', '王先生');
    type('.proxy-caller-phone', '123');
    await submit();
    expect(screen.getByText('请填写反映人的手机号，或带区号的座机号')).toBeInTheDocument();
    expect(server.to('POST /api/v1/tickets/on-behalf')).toHaveLength(0);

    type('.proxy-caller-phone', '139 8765 4321');
    await submit();
    expect(server.to('POST /api/v1/tickets/on-behalf')[0].data).toEqual({
      communityId: 1,
      kind: 'repair',
      categoryCode: 'facility',
      description: '3栋楼道灯不亮',
      place: '3栋楼道',
      photoIds: [],
      channel: '12345',
      callerName: '王先生',
      callerPhone: '139 8765 4321',
    });
    expect(redirect).toHaveBeenCalledWith({ url: '/packages/work/pages/ticket/index?id=91' });
  });

  it('sends again with the same key after an answer was lost, so the call is filed once', async () => {
    setRouterParams({ communityId: '1' });
    const server = fakeApi({ 'GET /api/v1/communities/1/ticket-categories': DEFAULT_TICKET_CATEGORIES, 'POST /api/v1/tickets/on-behalf': NO_NETWORK });
    render(<ProxyReport />);
    fireEvent.click(await screen.findByText('设施故障'));
    type('.proxy-description', '3栋楼道灯不亮');
    type('.proxy-place', '3栋楼道');
    type('.proxy-caller-name', '王先生');
    type('.proxy-caller-phone', '13987654321');
    await submit();
    server.set({ 'POST /api/v1/tickets/on-behalf': ticketView(93, { source: '12345' }) });
    await submit();
    const [first, second] = server.to('POST /api/v1/tickets/on-behalf');
    expect(first.header['Idempotency-Key']).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(second.header['Idempotency-Key']).toBe(first.header['Idempotency-Key']);
  });

  it('lets the community office file its own inspection’s finding, with no caller to give', async () => {
    setRouterParams({ communityId: '1', inspection: '1' });
    const server = fakeApi({ 'GET /api/v1/communities/1/ticket-categories': DEFAULT_TICKET_CATEGORIES, 'POST /api/v1/tickets/on-behalf': ticketView(92, { source: 'inspection' }) });
    render(<ProxyReport />);
    expect(channels()).toContain('检查发现');
    fireEvent.click(screen.getByText('检查发现'));
    expect(document.querySelector('.proxy-caller-name')).toBeNull();
    fireEvent.click(await screen.findByText('设施故障'));
    type('.proxy-description', '消防通道堆放杂物');
    type('.proxy-place', '5栋消防通道');
    await submit();
    expect(server.to('POST /api/v1/tickets/on-behalf')[0].data).toMatchObject({ channel: 'inspection', description: '消防通道堆放杂物' });
    expect(server.to('POST /api/v1/tickets/on-behalf')[0].data).not.toHaveProperty('callerName');
  });
});
