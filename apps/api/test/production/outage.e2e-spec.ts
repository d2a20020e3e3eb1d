import { createConnection } from 'mysql2/promise';
import { startApi, type ApiProcess } from '../support/process';
import { startPrivateMariaDb, type PrivateMariaDb } from '../support/private-services';

/**
 * MariaDB dies in the middle of a load of ticket submissions: the API answers 503 with Retry-After (never a 500,
 * never a hang), recovers by itself when the database is back, and every submission that got a 2xx is in the
 * database exactly once (clients retry with the same Idempotency-Key).
 */
jest.setTimeout(180_000);

describe('a database outage under load', () => {
  let db: PrivateMariaDb;
  let api: ApiProcess;

  beforeAll(async () => {
    db = await startPrivateMariaDb();
    api = await startApi({ DB_URL: db.url, SEED_DEMO: 'true', NODE_ENV: 'development', DB_POOL_SIZE: '5', RATE_LIMIT_WRITES_PER_MINUTE: '100000' }, 120_000);
  }, 180_000);
  afterAll(async () => {
    if (api?.child.exitCode === null) api.child.kill('SIGKILL');
    await db?.destroy();
  });

  it('answers 503 while the database is down, recovers by itself, and loses or doubles nothing', async () => {
    const signIn = await fetch(`${api.baseUrl}/api/v1/auth/dev`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: 'resident.jinxiu' }) });
    const headers = { Authorization: `Bearer ${((await signIn.json()) as { accessToken: string }).accessToken}`, 'Content-Type': 'application/json' };
    const statuses: number[] = [];
    const accepted = new Map<string, number>(); // key → ticket id from a 2xx
    const submit = async (key: string) => {
      const started = Date.now();
      const res = await fetch(`${api.baseUrl}/api/v1/tickets`, {
        method: 'POST',
        headers: { ...headers, 'Idempotency-Key': key },
        body: JSON.stringify({ communityId: 1, kind: 'repair', categoryCode: 'facility', description: `断库测试 ${key}`, photoIds: [], place: '地库' }),
        signal: AbortSignal.timeout(15_000),
      });
      const elapsed = Date.now() - started;
      statuses.push(res.status);
      expect(elapsed).toBeLessThan(12_000); // never a hang
      if (res.status === 503) expect(res.headers.get('retry-after')).toBeTruthy();
      if (res.ok) {
        const { id } = (await res.json()) as { id: number };
        const earlier = accepted.get(key);
        if (earlier !== undefined) expect(id).toBe(earlier); // a retry returns the same ticket
        accepted.set(key, id);
      } else {
        await res.arrayBuffer();
      }
      return res.status;
    };

    const keys = Array.from({ length: 60 }, (_, i) => `outage-${i}-${Date.now().toString(36)}`);
    let next = 0;
    let outage = false;
    const worker = async () => {
      while (next < keys.length) {
        const key = keys[next++];
        await submit(key);
        await new Promise((r) => setTimeout(r, 40));
      }
    };
    const load = Promise.all([worker(), worker(), worker()]);
    await new Promise((r) => setTimeout(r, 600));
    await db.stop();
    outage = true;
    await new Promise((r) => setTimeout(r, 2500));
    await db.start();
    await load;
    expect(outage).toBe(true);

    expect(statuses.some((s) => s === 503)).toBe(true);
    expect(statuses.filter((s) => s >= 500 && s !== 503)).toEqual([]);

    // Back by itself: health is green again without a restart.
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && (await fetch(`${api.baseUrl}/api/health`).then((r) => r.status).catch(() => 0)) !== 200) {
      await new Promise((r) => setTimeout(r, 300));
    }
    expect((await fetch(`${api.baseUrl}/api/health`)).status).toBe(200);

    // The client retries what failed, with the same keys: now everything goes in.
    for (const key of keys.filter((k) => !accepted.has(k))) expect(await submit(key)).toBe(201);
    // And retrying what already succeeded changes nothing.
    for (const key of keys.slice(0, 5)) await submit(key);

    const conn = await createConnection(db.url);
    const [rows] = (await conn.query("SELECT idempotency_key AS k, COUNT(*) AS n FROM ticket WHERE description LIKE '断库测试 %' GROUP BY idempotency_key")) as unknown as [{ k: string; n: number }[]];
    await conn.end();
    expect(rows).toHaveLength(keys.length);
    expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
    for (const key of accepted.keys()) expect(rows.find((r) => r.k === key)).toBeDefined();
  }, 120_000);
});
