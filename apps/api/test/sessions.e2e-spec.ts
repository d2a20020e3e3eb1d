import { User } from '../src/modules/identity/user.entity';
import { createTestApp, TestApp } from './support/app';
import { createUser } from './support/fixtures';

describe('sessions: access and rotating refresh tokens', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ ACCESS_TOKEN_TTL: '60' });
  });
  afterAll(() => t.close());

  const start = async () => {
    const { devKey } = await createUser(t.db, [{ role: 'platform_admin' }]);
    return (await t.http().post('/api/v1/auth/dev').send({ user: devKey }).expect(200)).body as { accessToken: string; refreshToken: string };
  };
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  it('rotates: a refresh token works once and yields a new pair', async () => {
    const first = await start();
    const second = (await t.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    await t.http().get('/api/v1/me').set(bearer(second.accessToken)).expect(200);
  });

  it('revokes the whole session family when a used refresh token comes back (it was copied)', async () => {
    const first = await start();
    const second = (await t.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)).body;
    const replay = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    expect(replay.body.code).toBe('UNAUTHENTICATED');
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: second.refreshToken }).expect(401);
    await t.http().get('/api/v1/me').set(bearer(second.accessToken)).expect(401);
  });

  it('logs out: the access token and the refresh token stop working at once', async () => {
    const session = await start();
    await t.http().post('/api/v1/auth/logout').set(bearer(session.accessToken)).expect(204);
    const refused = await t.http().get('/api/v1/me').set(bearer(session.accessToken)).expect(401);
    expect(refused.body.message).toBe('登录已失效，请重新登录');
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
  });

  it('tells an expired access token apart, so the app knows to refresh', async () => {
    const short = await createTestApp({ ACCESS_TOKEN_TTL: '60' });
    try {
      const { devKey } = await createUser(short.db, []);
      const tokens = (await short.http().post('/api/v1/auth/dev').send({ user: devKey }).expect(200)).body;
      // Used once while valid (its checked signature is remembered), then too late.
      await short.http().get('/api/v1/me').set(bearer(tokens.accessToken)).expect(200);
      const realNow = Date.now;
      Date.now = () => realNow() + 61_000;
      try {
        const res = await short.http().get('/api/v1/me').set(bearer(tokens.accessToken)).expect(401);
        expect(res.body.code).toBe('TOKEN_EXPIRED');
      } finally {
        Date.now = realNow;
      }
    } finally {
      await short.close();
    }
  });

  it('refuses forged and malformed tokens', async () => {
    const session = await start();
    const [h, p] = session.accessToken.split('.');
    await t.http().get('/api/v1/me').set(bearer(`${h}.${p}.forged`)).expect(401);
    await t.http().get('/api/v1/me').set({ Authorization: 'Basic abc' }).expect(401);
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: 'nope' }).expect(401);
  });

  it('refuses a disabled account even with a valid token', async () => {
    const { user, devKey } = await createUser(t.db, []);
    const tokens = (await t.http().post('/api/v1/auth/dev').send({ user: devKey }).expect(200)).body;
    await t.db.getRepository(User).update(user.id, { disabledAt: new Date() });
    const refused = await t.http().get('/api/v1/me').set(bearer(tokens.accessToken)).expect(401);
    expect(refused.body.message).toBe('账号不可用，请重新登录');
  });
});
