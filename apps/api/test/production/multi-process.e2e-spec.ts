import { createConnection } from 'mysql2/promise';
import { startApi, type ApiProcess } from '../support/process';
import { startPrivateMariaDb, startPrivateRedis, type PrivateMariaDb } from '../support/private-services';

/** Two API processes on one MariaDB and one Redis: what one does, the other sees; jobs run once; limits hold. */
jest.setTimeout(180_000);

describe('two API processes', () => {
  let db: PrivateMariaDb;
  let redis: { url: string; destroy(): Promise<void> };
  let one: ApiProcess;
  let two: ApiProcess;

  beforeAll(async () => {
    db = await startPrivateMariaDb();
    redis = await startPrivateRedis();
    const env = { DB_URL: db.url, REDIS_URL: redis.url, SEED_DEMO: 'true', NODE_ENV: 'development', JOBS_INTERVAL_SECONDS: '1', RATE_LIMIT_SIGNIN_PER_MINUTE: '1000' };
    // Started together on an empty database: migrations and the demo seed take turns (named locks).
    [one, two] = await Promise.all([startApi(env, 120_000), startApi(env, 120_000)]);
  }, 180_000);
  afterAll(async () => {
    for (const api of [one, two]) if (api && api.child.exitCode === null) api.child.kill('SIGKILL');
    await redis?.destroy();
    await db?.destroy();
  });

  const query = async (sql: string, params: unknown[] = []) => {
    const conn = await createConnection(db.url);
    try {
      return (await conn.query(sql, params))[0] as Record<string, unknown>[];
    } finally {
      await conn.end();
    }
  };
  const signIn = async (api: ApiProcess, user: string) => {
    const res = await fetch(`${api.baseUrl}/api/v1/auth/dev`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user }) });
    expect(res.status).toBe(200);
    return { Authorization: `Bearer ${((await res.json()) as { accessToken: string }).accessToken}`, 'Content-Type': 'application/json' };
  };

  it('seeded the demo county once although both started on the empty database', async () => {
    const [{ n }] = await query('SELECT COUNT(*) AS n FROM community');
    expect(Number(n)).toBe(12);
  });

  it('keeps every ticket created through either process, and either process shows them', async () => {
    const onOne = await signIn(one, 'resident.jinxiu');
    const onTwo = await signIn(two, 'resident.jinxiu'); // tokens are valid on both: nothing lives in one process
    const ids: number[] = [];
    await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const api = i % 2 ? two : one;
        const res = await fetch(`${api.baseUrl}/api/v1/tickets`, {
          method: 'POST',
          headers: { ...(i % 2 ? onTwo : onOne), 'Idempotency-Key': `multi-${i}-abcdefgh` },
          body: JSON.stringify({ communityId: 1, kind: 'repair', categoryCode: 'facility', description: `多进程工单 ${i}`, photoIds: [], place: '1号门' }),
        });
        const body = (await res.json()) as { id: number };
        if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(body)}\n${(i % 2 ? two : one).output().slice(-3000)}`);
        ids.push(body.id);
      }),
    );
    const rows = await query("SELECT COUNT(*) AS n FROM ticket WHERE description LIKE '多进程工单%'");
    expect(Number(rows[0].n)).toBe(30);
    const fromTwo = await fetch(`${two.baseUrl}/api/v1/tickets/${ids[0]}`, { headers: onTwo });
    expect(fromTwo.status).toBe(200);
  });

  it('escalates an overdue ticket once, although both processes run the job every second', async () => {
    const resident = await signIn(one, 'resident.yangguang');
    const created = await fetch(`${one.baseUrl}/api/v1/tickets`, {
      method: 'POST',
      headers: resident,
      body: JSON.stringify({ communityId: 2, kind: 'repair', categoryCode: 'elevator', description: '电梯困人，超时测试', photoIds: [], place: '2栋' }),
    });
    const { id } = (await created.json()) as { id: number };
    await query('UPDATE ticket SET response_due_at = ? WHERE id = ?', [new Date(Date.now() - 60_000), id]);
    const deadline = Date.now() + 15_000;
    let escalations: Record<string, unknown>[] = [];
    while (Date.now() < deadline) {
      escalations = await query('SELECT * FROM escalation WHERE ticket_id = ?', [id]);
      if (escalations.length) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    await new Promise((r) => setTimeout(r, 3000)); // several more rounds on both processes
    expect(await query('SELECT id FROM escalation WHERE ticket_id = ?', [id])).toHaveLength(1);
    expect(await query("SELECT id FROM ticket_event WHERE ticket_id = ? AND action = 'escalated'", [id])).toHaveLength(1);
    const leases = await query("SELECT holder FROM job_lease WHERE name = 'tickets'");
    expect(leases).toHaveLength(1);
  });

  it('holds a rate limit across both processes (counters in Redis)', async () => {
    // Writes are limited per user: 120 a minute by default. Spend them across both processes.
    const user = await signIn(one, 'resident.family');
    const statuses: number[] = [];
    for (let i = 0; i < 124; i++) {
      const api = i % 2 ? two : one;
      const res = await fetch(`${api.baseUrl}/api/v1/me`, { method: 'PATCH', headers: user, body: JSON.stringify({ displayName: `张小明${i % 10}` }) });
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(120);
    expect(statuses.slice(120)).toEqual([429, 429, 429, 429]);
  });
});
