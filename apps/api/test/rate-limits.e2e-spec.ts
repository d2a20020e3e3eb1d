import Redis from 'ioredis';
import { createTestApp } from './support/app';
import { createUser } from './support/fixtures';

describe('rate limits', () => {
  it('stop a flood of sign-ins from one address with 429 and Retry-After', async () => {
    const t = await createTestApp({ RATE_LIMIT_SIGNIN_PER_MINUTE: '3' });
    try {
      const { devKey } = await createUser(t.db, []);
      for (let i = 0; i < 3; i++) await t.http().post('/api/v1/auth/dev').send({ user: devKey }).expect(200);
      const res = await t.http().post('/api/v1/auth/dev').send({ user: devKey }).expect(429);
      expect(res.body).toMatchObject({ code: 'RATE_LIMITED', message: '操作太频繁，请稍后再试' });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });

  it('limit each user’s writes, not their reads, and not other users', async () => {
    const t = await createTestApp({ RATE_LIMIT_WRITES_PER_MINUTE: '2' });
    try {
      const a = await t.signInAs();
      const b = await t.signInAs();
      await t.http().patch('/api/v1/me').set(a).send({ displayName: '一' }).expect(200);
      await t.http().patch('/api/v1/me').set(a).send({ displayName: '二' }).expect(200);
      await t.http().patch('/api/v1/me').set(a).send({ displayName: '三' }).expect(429);
      await t.http().get('/api/v1/me').set(a).expect(200);
      await t.http().patch('/api/v1/me').set(b).send({ displayName: '乙' }).expect(200);
    } finally {
      await t.close();
    }
  });

  it('hold across processes when kept in Redis', async () => {
    const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/15';
    const probe = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0 });
    await probe.connect();
    await probe.flushdb();
    await probe.quit();
    const env = { REDIS_URL: redisUrl, RATE_LIMIT_SIGNIN_PER_MINUTE: '4' };
    const one = await createTestApp(env);
    const two = await createTestApp(env);
    try {
      const { devKey } = await createUser(one.db, []);
      const { devKey: devKey2 } = await createUser(two.db, []);
      await one.http().post('/api/v1/auth/dev').send({ user: devKey }).expect(200);
      await two.http().post('/api/v1/auth/dev').send({ user: devKey2 }).expect(200);
      await one.http().post('/api/v1/auth/dev').send({ user: devKey }).expect(200);
      await two.http().post('/api/v1/auth/dev').send({ user: devKey2 }).expect(200);
      await one.http().post('/api/v1/auth/dev').send({ user: devKey }).expect(429);
      await two.http().post('/api/v1/auth/dev').send({ user: devKey2 }).expect(429);
    } finally {
      await one.close();
      await two.close();
    }
  });
});
