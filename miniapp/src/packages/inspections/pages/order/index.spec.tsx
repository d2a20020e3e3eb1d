import { act, fireEvent, render, screen } from '@testing-library/react';
import type { RectificationView } from '@wuye/contracts';
import Taro, { setRouterParams } from '../../../../../test/stubs/taro';
import { fakeApi, flush, reply } from '../../../../../test/support/fake-api';
import { setTokens } from '../../../../services/session';
import RectificationPage from './index';

const ORDER: RectificationView = {
  id: 9,
  inspectionId: 4,
  communityId: 1,
  communityName: '锦绣花园',
  companyId: 1,
  companyName: '清河万家物业',
  section: 'fire',
  itemText: '消防通道畅通',
  state: 'open',
  deadlineAt: '2026-12-05T10:00:00.000Z',
  overdueAt: null,
  version: 1,
  updatedAt: '2026-11-20T02:00:00.000Z',
  note: '消防通道堆放杂物',
  photos: [],
  inspectedOn: '2026-11-20',
  inspectionKind: 'quarterly',
  timeline: [{ id: 1, action: 'issued', actionLabel: '下发整改', actorName: '南门社区 赵书记', fromState: null, toState: 'open', note: null, photos: [], at: '2026-11-20T02:00:00.000Z' }],
  can: { reply: true, verify: false, return: false },
};

const click = (selector: string) =>
  act(async () => {
    fireEvent.click(document.querySelector(selector) as HTMLElement);
    await flush();
  });

afterEach(() => {
  Reflect.deleteProperty(process.env, 'TARO_ENV');
});

beforeEach(() => {
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
  setRouterParams({ id: '9' });
});

describe('整改单', () => {
  it('offers exactly the steps the API allows, and a reply needs text and a photo', async () => {
    const server = fakeApi({ 'GET /api/v1/rectifications/9': ORDER, 'POST /api/v1/uploads': { id: 61, url: 'u', thumbnailUrl: 't', width: 1, height: 1, bytes: 1 } });
    render(<RectificationPage />);
    expect(await screen.findByText('问题：消防通道堆放杂物')).toBeInTheDocument();
    expect(screen.getByText('整改期限 2026-12-05 18:00')).toBeInTheDocument();
    expect(document.querySelector('.insp-step-verify')).toBeNull();
    expect(document.querySelector('.insp-step-return')).toBeNull();

    await click('.insp-step-reply');
    fireEvent.change(document.querySelector('.insp-panel-text') as HTMLElement, { target: { value: '已清理' } });
    await click('.insp-panel-submit');
    expect(screen.getByText('请上传整改后的照片')).toBeInTheDocument();
    expect(server.to('POST /api/v1/rectifications/9/reply')).toHaveLength(0);

    process.env.TARO_ENV = 'weapp';
    jest.spyOn(Taro, 'chooseMedia').mockResolvedValue({ tempFiles: [{ tempFilePath: 'wxfile://tmp/r.jpg', size: 1000 }] });
    await click('.photo-picker-add');
    server.set({ 'POST /api/v1/rectifications/9/reply': { ...ORDER, state: 'replied', version: 2, can: { reply: false, verify: false, return: false } } });
    await click('.insp-panel-submit');
    expect(server.to('POST /api/v1/rectifications/9/reply')[0].data).toEqual({ version: 1, note: '已清理', photoIds: [61] });
    expect(screen.getByText('待销号')).toBeInTheDocument();
    expect(document.querySelector('.insp-step-reply')).toBeNull();
  });

  it('shows the office 销号 and 退回; when someone else acted first it says so and shows the order as it is now', async () => {
    const replied = { ...ORDER, state: 'replied' as const, version: 2, can: { reply: false, verify: true, return: true } };
    const server = fakeApi({ 'GET /api/v1/rectifications/9': replied, 'POST /api/v1/rectifications/9/return': reply(409, { code: 'STALE_VERSION', message: '整改单刚被他人处理过，请刷新后再操作' }) });
    render(<RectificationPage />);
    await screen.findByText('问题：消防通道堆放杂物');
    expect(document.querySelector('.insp-step-reply')).toBeNull();

    await click('.insp-step-return');
    await click('.insp-panel-submit');
    expect(screen.getByText('请填写退回原因')).toBeInTheDocument();
    fireEvent.change(document.querySelector('.insp-panel-text') as HTMLElement, { target: { value: '仍有杂物' } });
    server.set({ 'GET /api/v1/rectifications/9': { ...replied, state: 'verified', version: 3, can: { reply: false, verify: false, return: false } } });
    await click('.insp-panel-submit');
    expect(screen.getByText('整改单刚被他人处理过，请刷新后再操作')).toBeInTheDocument();
    expect(screen.getByText('已销号')).toBeInTheDocument();
  });
});
