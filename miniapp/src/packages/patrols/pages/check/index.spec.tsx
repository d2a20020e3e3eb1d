import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro, { setRouterParams } from '../../../../../test/stubs/taro';
import { NO_NETWORK, fakeApi, flush } from '../../../../../test/support/fake-api';
import { patrolChecks } from '../../../../services/patrols';
import { setTokens } from '../../../../services/session';
import PatrolCheckPage from './index';

const STAFF_ID = 16;
const click = (selector: string) =>
  act(async () => {
    fireEvent.click(document.querySelector(selector) as HTMLElement);
    await flush();
  });

beforeEach(() => {
  Taro.clearStorageSync();
  // A token like the API's: its payload names the user.
  const payload = Buffer.from(JSON.stringify({ sub: STAFF_ID, sid: 'f', iat: 1, exp: 2 })).toString('base64url');
  setTokens({ accessToken: `eyJhbGciOiJIUzI1NiJ9.${payload}.sig`, refreshToken: 'refresh' });
  setRouterParams({ pointId: '5', planId: '2', name: encodeURIComponent('水泵房') });
  process.env.TARO_ENV = 'weapp';
});
afterEach(() => {
  Reflect.deleteProperty(process.env, 'TARO_ENV');
});

describe('巡检打卡', () => {
  it('a normal check goes at once with its plan and the time it was made', async () => {
    const server = fakeApi({ 'POST /api/v1/patrol-checks': { id: 1, ticketId: null } });
    render(<PatrolCheckPage />);
    expect(screen.getByText('水泵房')).toBeInTheDocument();
    fireEvent.click(screen.getByText('正常'));
    await click('.pt-submit');
    const [sent] = server.to('POST /api/v1/patrol-checks');
    expect(sent.data).toMatchObject({ pointId: 5, planId: 2, result: 'normal', photoIds: [] });
    expect(Date.now() - Date.parse((sent.data as { checkedAt: string }).checkedAt)).toBeLessThan(60_000);
    expect(sent.header['Idempotency-Key']).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });

  it('an abnormal check needs what is wrong and a photo; offline it waits on the phone and is sent once later', async () => {
    const server = fakeApi({ 'POST /api/v1/uploads': NO_NETWORK, 'POST /api/v1/patrol-checks': NO_NETWORK });
    jest.spyOn(Taro, 'chooseMedia').mockResolvedValue({ tempFiles: [{ tempFilePath: 'wxfile://tmp/p.jpg', size: 1000 }] });
    jest.spyOn(Taro, 'saveFile').mockResolvedValue({ savedFilePath: 'wxfile://usr/p.jpg' });
    render(<PatrolCheckPage />);
    fireEvent.click(screen.getByText('异常'));
    await click('.pt-submit');
    expect(screen.getByText('请写明发现的问题')).toBeInTheDocument();
    fireEvent.input(document.querySelector('.pt-note') as HTMLElement, { target: { value: '水泵漏水' }, detail: { value: '水泵漏水' } });
    await click('.pt-submit');
    expect(screen.getByText('巡检异常，请至少拍一张现场照片')).toBeInTheDocument();
    await click('.photo-picker-camera');
    await click('.pt-submit');

    const [waiting] = patrolChecks.pending(STAFF_ID);
    expect(waiting).toMatchObject({ pointName: '水泵房', input: { pointId: 5, result: 'abnormal', note: '水泵漏水' }, photos: [{ localPath: 'wxfile://usr/p.jpg', uploadId: null }] });
    server.set({ 'POST /api/v1/uploads': { id: 88, url: 'u', thumbnailUrl: 't', width: 1, height: 1, bytes: 1 }, 'POST /api/v1/patrol-checks': { id: 3, ticketId: 40 } });
    expect(await patrolChecks.flush(STAFF_ID)).toBe(1);
    expect(await patrolChecks.flush(STAFF_ID)).toBe(0);
    const posts = server.to('POST /api/v1/patrol-checks');
    expect(posts).toHaveLength(1);
    expect(posts[0].data).toMatchObject({ photoIds: [88], checkedAt: waiting.input.checkedAt });
    expect(posts[0].header['Idempotency-Key']).toBe(waiting.key);
  });
});
