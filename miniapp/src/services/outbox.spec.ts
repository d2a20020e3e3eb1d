import { JINXIU_OWNER, fakeApi, reply, ticketView } from '../../test/support/fake-api';
import { pendingReports, queueReport, sendReport } from './outbox';
import { setTokens } from './session';

/** A token like the API's: its payload names the signed-in user, whose waiting reports the outbox sends. */
function signInAs(userId: number) {
  const payload = Buffer.from(JSON.stringify({ sub: userId, sid: 's', iat: 1, exp: 2 })).toString('base64url');
  setTokens({ accessToken: `eyJhbGciOiJIUzI1NiJ9.${payload}.sig`, refreshToken: 'refresh' });
}

const report = () =>
  queueReport(
    JINXIU_OWNER.id,
    { input: { communityId: 1, kind: 'repair', categoryCode: 'hygiene', description: '车库积水', place: 'B2' }, communityName: '锦绣花园', categoryName: '环境卫生' },
    [],
  );

describe('随手拍 outbox when the server is busy', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.spyOn(Math, 'random').mockReturnValue(0);
    signInAs(JINXIU_OWNER.id);
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('keeps the report, tells the resident, and sends it again after Retry-After with the same Idempotency-Key', async () => {
    let busy = true;
    const server = fakeApi({
      'POST /api/v1/tickets': () => (busy ? reply(503, { code: 'SERVER_BUSY', message: '访问人数较多，请稍后重试' }, { 'Retry-After': '2' }) : ticketView(41)),
    });
    const entry = report();

    await expect(sendReport(entry.key)).resolves.toEqual({ status: 'waiting', message: '访问人数较多，请稍后重试' });
    expect(pendingReports(JINXIU_OWNER.id)).toEqual([expect.objectContaining({ key: entry.key, error: null })]);
    // Not sent again at once, nor before the server's Retry-After.
    await jest.advanceTimersByTimeAsync(1999);
    expect(server.to('POST /api/v1/tickets')).toHaveLength(1);

    busy = false;
    await jest.advanceTimersByTimeAsync(1);
    expect(server.to('POST /api/v1/tickets').map((c) => c.header['Idempotency-Key'])).toEqual([entry.key, entry.key]);
    expect(pendingReports(JINXIU_OWNER.id)).toEqual([]);
  });

  it('keeps trying while the server stays busy, one send at a time, and never files it twice', async () => {
    const server = fakeApi({
      'POST /api/v1/tickets': () => reply(503, { code: 'SERVER_BUSY', message: '访问人数较多，请稍后重试' }, { 'Retry-After': '2' }),
    });
    const entry = report();
    await sendReport(entry.key);
    await sendReport(entry.key); // the resident taps 重试 meanwhile: still one timer
    await jest.advanceTimersByTimeAsync(2000);
    expect(server.to('POST /api/v1/tickets')).toHaveLength(3);
    await jest.advanceTimersByTimeAsync(2000);
    expect(server.to('POST /api/v1/tickets')).toHaveLength(4);
    expect(new Set(server.to('POST /api/v1/tickets').map((c) => c.header['Idempotency-Key']))).toEqual(new Set([entry.key]));
    expect(pendingReports(JINXIU_OWNER.id)).toHaveLength(1);
  });
});
