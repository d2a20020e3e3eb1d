import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { InspectionTemplateView, MeView } from '@wuye/contracts';
import Taro from '../../../../../test/stubs/taro';
import { NO_NETWORK, fakeApi, flush, type Route } from '../../../../../test/support/fake-api';
import { inspectionDrafts } from '../../../../services/inspections';
import { setTokens } from '../../../../services/session';
import InspectionForm from './index';

const OFFICE: MeView = { id: 7, displayName: '赵书记', phone: null, roles: [{ role: 'community_office', areaId: 4, scopeName: '南门社区' }], houses: [], wechat: false };
const TEMPLATE: InspectionTemplateView = {
  id: 3,
  areaId: 1,
  areaName: '清河县',
  name: '季度检查表',
  items: [
    { code: 'i1', section: 'fire', text: '消防通道畅通', weight: 10 },
    { code: 'i2', section: 'cleaning', text: '垃圾日产日清', weight: 5 },
    { code: 'i3', section: 'greening', text: '绿化修剪及时', weight: 20 },
  ],
  updatedAt: '2026-11-01T00:00:00.000Z',
  can: { edit: false },
};

const api = (routes: Record<string, Route> = {}) =>
  fakeApi({
    'GET /api/v1/me': OFFICE,
    'GET /api/v1/communities': { items: [{ id: 1, name: '锦绣花园' }], nextCursor: null },
    'GET /api/v1/inspection-templates': [TEMPLATE],
    'POST /api/v1/uploads': { id: 501, url: 'u', thumbnailUrl: 't', width: 1, height: 1, bytes: 1 },
    'POST /api/v1/inspections': { id: 40 },
    ...routes,
  });

const item = (n: number) => document.querySelectorAll('.insp-item')[n - 1] as HTMLElement;
const mark = (n: number, result: '合格' | '不合格' | '不适用') => fireEvent.click(within(item(n)).getByText(result));
const submit = () =>
  act(async () => {
    fireEvent.click(document.querySelector('.insp-submit') as HTMLElement);
    await flush();
  });

beforeEach(() => {
  Taro.clearStorageSync();
  setTokens({ accessToken: 'access', refreshToken: 'refresh' });
});
afterEach(() => {
  Reflect.deleteProperty(process.env, 'TARO_ENV');
});

describe('新建检查', () => {
  it('shows the score as items are marked and says what is missing before anything is sent', async () => {
    const server = api();
    const redirect = jest.spyOn(Taro, 'redirectTo');
    render(<InspectionForm />);
    await screen.findByText('季度检查表');
    expect(screen.getByText('—')).toBeInTheDocument();

    mark(1, '合格');
    mark(2, '不合格');
    mark(3, '不适用');
    // 10 of the 15 applicable weight passed.
    expect(screen.getByText('66.7 分')).toBeInTheDocument();
    await submit();
    expect(screen.getByText('第 2 项不合格，请写明问题')).toBeInTheDocument();
    expect(server.to('POST /api/v1/inspections')).toHaveLength(0);

    fireEvent.change(item(2).querySelector('.insp-item-note textarea, textarea.insp-item-note') as HTMLElement, { target: { value: '垃圾桶满溢' } });
    await submit();
    const [sent] = server.to('POST /api/v1/inspections');
    expect(sent.data).toMatchObject({
      communityId: 1,
      templateId: 3,
      kind: 'quarterly',
      inspectors: ['赵书记'],
      results: [
        { code: 'i1', result: 'pass', photoIds: [] },
        { code: 'i2', result: 'fail', note: '垃圾桶满溢', rectifyDays: 15, photoIds: [] },
        { code: 'i3', result: 'na', photoIds: [] },
      ],
    });
    expect(sent.header['Idempotency-Key']).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(redirect).toHaveBeenCalledWith({ url: '/packages/inspections/pages/inspection/index?id=40' });
  });

  it('offline, keeps the inspection with its photo on the phone (待发送), then sends it once with the same key', async () => {
    process.env.TARO_ENV = 'weapp';
    const server = api({ 'POST /api/v1/uploads': NO_NETWORK, 'POST /api/v1/inspections': NO_NETWORK });
    jest.spyOn(Taro, 'chooseMedia').mockResolvedValue({ tempFiles: [{ tempFilePath: 'wxfile://tmp/b.jpg', size: 300_000 }] });
    jest.spyOn(Taro, 'saveFile').mockResolvedValue({ savedFilePath: 'wxfile://usr/b.jpg' });
    const modal = jest.spyOn(Taro, 'showModal');
    render(<InspectionForm />);
    await screen.findByText('季度检查表');
    mark(1, '不合格');
    mark(2, '合格');
    mark(3, '合格');
    fireEvent.change(item(1).querySelector('textarea') as HTMLElement, { target: { value: '消防通道堆放杂物' } });
    await act(async () => {
      fireEvent.click(item(1).querySelector('.photo-picker-add') as HTMLElement);
      await flush();
    });
    await submit();

    const [waiting] = inspectionDrafts.pending(OFFICE.id);
    expect(waiting).toMatchObject({ communityName: '锦绣花园', error: null, photos: [{ localPath: 'wxfile://usr/b.jpg', uploadId: null }] });
    expect(waiting.input.results[0]).toMatchObject({ code: 'i1', result: 'fail', photoSlots: [0] });
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存，待发送' }));

    // The network is back: the photo goes up, then the inspection, with the key it was given at 提交.
    server.set({ 'POST /api/v1/uploads': { id: 777, url: 'u', thumbnailUrl: 't', width: 1, height: 1, bytes: 1 }, 'POST /api/v1/inspections': { id: 41 } });
    expect(await inspectionDrafts.flush(OFFICE.id)).toBe(1);
    expect(await inspectionDrafts.flush(OFFICE.id)).toBe(0);
    const posts = server.to('POST /api/v1/inspections');
    // Offline the photo could not go up, so nothing was posted then; once back, one post with the draft's key.
    expect(posts.map((p) => p.header['Idempotency-Key'])).toEqual([waiting.key]);
    expect(posts[0].data).toMatchObject({ results: [{ code: 'i1', photoIds: [777] }, { code: 'i2', photoIds: [] }, { code: 'i3', photoIds: [] }] });
    expect(inspectionDrafts.pending(OFFICE.id)).toEqual([]);
  });
});
