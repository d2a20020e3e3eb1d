import { act, fireEvent, render, screen } from '@testing-library/react';
import { DEFAULT_TICKET_CATEGORIES } from '@wuye/contracts';
import Taro from '../../../../../test/stubs/taro';
import { JINXIU_OWNER, NO_NETWORK, fakeApi, flush, reply, ticketSummary, ticketView, type Route } from '../../../../../test/support/fake-api';
import { resetClientConfig } from '../../../../services/client-config';
import { pendingReports } from '../../../../services/outbox';
import { setTokens } from '../../../../services/session';
import ReportTicket from './index';

const CONFIG = { subscribeTemplates: { accepted: 'tmpl-accepted', resolved: 'tmpl-resolved', closed: null }, maxPhotos: 9, maxUploadBytes: 10 * 1024 * 1024 };

function api(routes: Record<string, Route> = {}) {
  return fakeApi({
    'GET /api/v1/me': JINXIU_OWNER,
    'GET /api/v1/client-config': CONFIG,
    'GET /api/v1/communities/1/ticket-categories': DEFAULT_TICKET_CATEGORIES,
    'GET /api/v1/tickets/similar': [],
    'POST /api/v1/uploads': (call: { data: unknown }) => ({ id: (call.data as { filePath: string }).filePath === 'wxfile://tmp/a.jpg' ? 501 : 502, url: 'u', thumbnailUrl: 't', width: 1, height: 1, bytes: 1 }),
    'POST /api/v1/tickets': ticketView(90),
    ...routes,
  });
}

const type = (selector: string, value: string) => {
  const field = document.querySelector(selector) as HTMLInputElement;
  fireEvent.change(field, { target: { value } });
};

async function fillValidReport() {
  fireEvent.click(await screen.findByText('电梯（紧急）'));
  type('.report-description-input', '3栋1单元电梯按钮失灵，按了不亮');
  type('.report-place-input', '3栋1单元大堂');
}

const submit = async () => {
  await act(async () => {
    fireEvent.click(document.querySelector('.report-submit') as HTMLElement);
    await flush();
  });
};

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
  resetClientConfig();
});

afterEach(() => {
  Reflect.deleteProperty(process.env, 'TARO_ENV');
});

describe('随手拍 report form', () => {
  it('says what is missing, one thing at a time, and sends nothing until the report is complete', async () => {
    const server = api();
    render(<ReportTicket />);
    await screen.findByText('电梯（紧急）');

    await submit();
    expect(screen.getByText('请选择问题类别')).toBeInTheDocument();
    fireEvent.click(screen.getByText('电梯（紧急）'));
    await submit();
    expect(screen.getByText('请描述一下问题')).toBeInTheDocument();
    type('.report-description-input', '   ');
    await submit();
    expect(screen.getByText('请描述一下问题')).toBeInTheDocument();
    type('.report-description-input', '电梯按钮失灵');
    await submit();
    expect(screen.getByText(/请填写问题所在的位置/)).toBeInTheDocument();

    expect(server.to('POST /api/v1/tickets')).toHaveLength(0);
  });

  it('an own-house repair needs no place and says it is private; it sends the house', async () => {
    const server = api();
    // H5: no subscribe-message request at all, and the report goes on.
    const subscribe = jest.spyOn(Taro, 'requestSubscribeMessage');
    render(<ReportTicket />);
    fireEvent.click(await screen.findByText('设施故障'));
    type('.report-description-input', '卫生间漏水');
    fireEvent.click(screen.getByText('我家里'));
    expect(screen.getByText('家中报修只有您和物业能看到。')).toBeInTheDocument();
    await submit();

    // Private: no similar tickets are offered, it goes straight to the API.
    expect(server.to('GET /api/v1/tickets/similar')).toHaveLength(0);
    expect(server.to('POST /api/v1/tickets')[0].data).toEqual({ communityId: 1, kind: 'repair', categoryCode: 'facility', description: '卫生间漏水', houseId: 101, photoIds: [] });
    expect(subscribe).not.toHaveBeenCalled();
  });

  it('takes at most 9 photos: the pickers ask only for the room left, then are switched off', async () => {
    process.env.TARO_ENV = 'weapp';
    api();
    const choose = jest
      .spyOn(Taro, 'chooseMedia')
      .mockResolvedValueOnce({ tempFiles: Array.from({ length: 7 }, (_, i) => ({ tempFilePath: `wxfile://tmp/${i}.jpg`, size: 1000 })) })
      .mockResolvedValueOnce({ tempFiles: [{ tempFilePath: 'wxfile://tmp/7.jpg', size: 1000 }, { tempFilePath: 'wxfile://tmp/8.jpg', size: 1000 }] });
    render(<ReportTicket />);
    await screen.findByText('电梯（紧急）');
    await act(async () => {
      fireEvent.click(screen.getByText('拍照'));
      await flush();
    });
    await act(async () => {
      fireEvent.click(screen.getByText('从相册选'));
      await flush();
    });

    expect(choose).toHaveBeenNthCalledWith(1, expect.objectContaining({ count: 9, sourceType: ['camera'], sizeType: ['compressed'] }));
    expect(choose).toHaveBeenNthCalledWith(2, expect.objectContaining({ count: 2, sourceType: ['album'] }));
    expect(document.querySelectorAll('.photo-shot')).toHaveLength(9);
    expect(screen.getByText('拍照')).toBeDisabled();
    expect(screen.getByText('从相册选')).toBeDisabled();
  });

  it('uploads the photos with the token, then files the report with an Idempotency-Key and opens it', async () => {
    process.env.TARO_ENV = 'weapp';
    const server = api();
    jest.spyOn(Taro, 'chooseMedia').mockResolvedValue({ tempFiles: [{ tempFilePath: 'wxfile://tmp/a.jpg', size: 300_000 }, { tempFilePath: 'wxfile://tmp/b.jpg', size: 200_000 }] });
    const subscribe = jest.spyOn(Taro, 'requestSubscribeMessage').mockRejectedValue({ errMsg: 'requestSubscribeMessage:fail user refused' });
    const redirect = jest.spyOn(Taro, 'redirectTo');
    render(<ReportTicket />);
    await fillValidReport();
    await act(async () => {
      fireEvent.click(screen.getByText('拍照'));
      await flush();
    });
    expect(document.querySelectorAll('.photo-shot')).toHaveLength(2);
    await submit();

    // Asked from the tap, with the configured templates; the refusal did not stop the report.
    expect(subscribe).toHaveBeenCalledWith(expect.objectContaining({ tmplIds: ['tmpl-accepted', 'tmpl-resolved'] }));
    const uploads = server.to('POST /api/v1/uploads');
    expect(uploads.map((c) => c.header.Authorization)).toEqual(['Bearer access', 'Bearer access']);
    const [filed] = server.to('POST /api/v1/tickets');
    expect(filed.data).toMatchObject({ communityId: 1, kind: 'repair', categoryCode: 'elevator', place: '3栋1单元大堂', photoIds: [501, 502] });
    expect(filed.header['Idempotency-Key']).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(redirect).toHaveBeenCalledWith({ url: '/packages/tickets/pages/detail/index?id=90' });
    expect(pendingReports(JINXIU_OWNER.id)).toEqual([]);
  });

  it('offers similar open tickets first; 我也遇到 follows one instead of filing again', async () => {
    const server = api({ 'GET /api/v1/tickets/similar': [ticketSummary(40, { reporter: '3栋业主', summary: '电梯按钮不亮' })], 'POST /api/v1/tickets/40/follow': ticketView(40, { following: true }) });
    const redirect = jest.spyOn(Taro, 'redirectTo');
    render(<ReportTicket />);
    await fillValidReport();
    await submit();

    expect(screen.getByText('附近已经有人反映过类似问题')).toBeInTheDocument();
    expect(screen.getByText('电梯按钮不亮')).toBeInTheDocument();
    expect(server.to('GET /api/v1/tickets/similar')[0].query).toEqual({ communityId: '1', categoryCode: 'elevator', place: '3栋1单元大堂' });
    await act(async () => {
      fireEvent.click(screen.getByText('我也遇到'));
      await flush();
    });
    expect(server.to('POST /api/v1/tickets/40/follow')).toHaveLength(1);
    expect(server.to('POST /api/v1/tickets')).toHaveLength(0);
    expect(redirect).toHaveBeenCalledWith({ url: '/packages/tickets/pages/detail/index?id=40' });
  });

  it('“不是同一个问题，继续提交” files the report after all', async () => {
    const server = api({ 'GET /api/v1/tickets/similar': [ticketSummary(40)] });
    const redirect = jest.spyOn(Taro, 'redirectTo');
    render(<ReportTicket />);
    await fillValidReport();
    await submit();
    expect(server.to('POST /api/v1/tickets')).toHaveLength(0);
    expect(screen.getByText('不是同一个问题，继续提交')).toBeInTheDocument();
    await submit();
    expect(server.to('GET /api/v1/tickets/similar')).toHaveLength(1);
    expect(server.to('POST /api/v1/tickets')).toHaveLength(1);
    expect(redirect).toHaveBeenCalledWith({ url: '/packages/tickets/pages/detail/index?id=90' });
  });

  it('shows the API’s refusal in the form and keeps nothing waiting', async () => {
    api({ 'POST /api/v1/tickets': reply(422, { code: 'INVALID_CATEGORY', message: '请选择本小区的工单分类' }) });
    render(<ReportTicket />);
    await fillValidReport();
    await submit();

    expect(screen.getByText('请选择本小区的工单分类')).toBeInTheDocument();
    expect(pendingReports(JINXIU_OWNER.id)).toEqual([]);
    expect(document.querySelector('.report-submit')).not.toBeDisabled();
  });

  it('without a connection the report is kept on the phone (待发送) with its photos and one key', async () => {
    process.env.TARO_ENV = 'weapp';
    const server = api({ 'GET /api/v1/tickets/similar': NO_NETWORK, 'POST /api/v1/uploads': NO_NETWORK, 'POST /api/v1/tickets': NO_NETWORK });
    jest.spyOn(Taro, 'chooseMedia').mockResolvedValue({ tempFiles: [{ tempFilePath: 'wxfile://tmp/a.jpg', size: 300_000 }] });
    jest.spyOn(Taro, 'saveFile').mockResolvedValue({ savedFilePath: 'wxfile://usr/a.jpg' });
    const modal = jest.spyOn(Taro, 'showModal');
    const redirect = jest.spyOn(Taro, 'redirectTo');
    render(<ReportTicket />);
    await fillValidReport();
    await act(async () => {
      fireEvent.click(screen.getByText('从相册选'));
      await flush();
    });
    await submit();

    const [waiting] = pendingReports(JINXIU_OWNER.id);
    expect(waiting).toMatchObject({ categoryName: '电梯', communityName: '锦绣花园', error: null, photos: [{ localPath: 'wxfile://usr/a.jpg', uploadId: null }] });
    expect(waiting.input).toMatchObject({ description: '3栋1单元电梯按钮失灵，按了不亮', place: '3栋1单元大堂' });
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存，待发送' }));
    expect(redirect).toHaveBeenCalledWith({ url: '/packages/tickets/pages/index/index' });
    expect(server.to('POST /api/v1/tickets')).toHaveLength(0);
  });

  it('without an approved house it explains how to get one', async () => {
    api({ 'GET /api/v1/me': { ...JINXIU_OWNER, houses: [] } });
    render(<ReportTicket />);
    expect(await screen.findByText('绑定房屋后才能报事。请在“我的”中申请绑定房屋。')).toBeInTheDocument();
    expect(document.querySelector('.report-submit')).toBeNull();
  });
});
