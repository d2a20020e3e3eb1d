import { createConnection, type Connection } from 'mysql2/promise';
import { startApi, type ApiProcess } from '../support/process';
import { startPrivateMariaDb, type PrivateMariaDb } from '../support/private-services';

/**
 * Every pooled MariaDB connection taken (here: both, held by calls that wait on a table lock): calls that
 * would queue too long are shed at once, and a call refused by the pool's full queue is a busy server, 503
 * SERVER_BUSY with Retry-After and a warning line, never a 500. Nothing waits for ever: the lock is released.
 */
jest.setTimeout(180_000);

interface Answer {
  status: number;
  retryAfter: string | null;
  body: { code?: string; message?: string };
}

describe('a database with every connection taken', () => {
  let db: PrivateMariaDb;
  let api: ApiProcess | undefined;
  let lock: Connection | undefined;

  beforeAll(async () => {
    db = await startPrivateMariaDb();
  }, 120_000);
  afterEach(async () => {
    await lock?.end().catch(() => undefined);
    lock = undefined;
    if (api?.child.exitCode === null) {
      api.child.kill('SIGTERM');
      await api.exited;
    }
  });
  afterAll(() => db?.destroy());

  async function startWith(env: Record<string, string>) {
    api = await startApi(
      // Two connections: start-up holds one for the migration lock while migrating on the other.
      { DB_URL: db.url, SEED_DEMO: 'true', NODE_ENV: 'development', LOG_LEVEL: 'warn', DB_POOL_SIZE: '2', RATE_LIMIT_SIGNIN_PER_MINUTE: '100000', ...env },
      120_000,
    );
    const res = await fetch(`${api.baseUrl}/api/v1/auth/dev`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: 'manager.jinxiu' }) });
    const headers = { Authorization: `Bearer ${((await res.json()) as { accessToken: string }).accessToken}` };
    const inbox = async (): Promise<Answer> => {
      const answer = await fetch(`${(api as ApiProcess).baseUrl}/api/v1/tickets?view=inbox`, { headers });
      return { status: answer.status, retryAfter: answer.headers.get('retry-after'), body: (await answer.json()) as Answer['body'] };
    };
    expect((await inbox()).status).toBe(200);
    return { api, inbox };
  }

  /** Holds a write lock on the ticket table from a connection of the test's own, so inbox calls wait. */
  async function lockTickets() {
    lock = await createConnection({ host: '127.0.0.1', port: db.port, user: 'root', database: 'wuye' });
    await lock.query('LOCK TABLES ticket WRITE');
    return async () => void (await lock?.query('UNLOCK TABLES'));
  }

  const busy = { status: 503, retryAfter: '2', body: expect.objectContaining({ statusCode: 503, code: 'SERVER_BUSY', message: '访问人数较多，请稍后重试' }) };

  it('refuses a call past the full queue with 503 SERVER_BUSY, logged as a warning, not a 500', async () => {
    const { api: process, inbox } = await startWith({ DB_POOL_QUEUE_LIMIT: '2', SHED_DB_WAIT_MS: '0' });
    const unlock = await lockTickets();
    const answers: Answer[] = [];
    const calls = Array.from({ length: 8 }, () => inbox().then((a) => answers.push(a)));
    // Two calls hold the connections, two wait for one, the others are refused at once.
    while (answers.length < 3) await new Promise((r) => setTimeout(r, 20));
    expect(answers.slice(0, 3)).toEqual([busy, busy, busy].map((b) => expect.objectContaining(b)));
    await unlock();
    await Promise.all(calls);
    // The call that held the connection and those that waited for it are served once the lock goes.
    expect(answers.filter((a) => a.status !== 200)).toEqual(answers.filter((a) => a.status !== 200).map(() => expect.objectContaining(busy)));
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(1);
    expect(process.output()).toContain('every database connection is taken and the queue for one is full');
    expect(process.output()).toMatch(/"level":40,.*"code":"SERVER_BUSY"/);
    expect(process.output()).not.toMatch(/"level":(50|60)/);
  });

  it('sheds new calls at once while the oldest waiting one has waited past SHED_DB_WAIT_MS, and serves again after', async () => {
    const { api: process, inbox } = await startWith({ SHED_DB_WAIT_MS: '100' });
    const unlock = await lockTickets();
    // Two hold the connections, one waits for them.
    const admitted: Promise<Answer>[] = [inbox(), inbox(), inbox()];
    // A call a tenth of a second until one is shed; those let in before that wait for the lock like the first.
    let shed: Answer | undefined;
    for (let i = 0; i < 100 && !shed; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const probe = inbox();
      const first = await Promise.race([probe, new Promise<null>((r) => setTimeout(() => r(null), 50))]);
      if (first?.status === 503) shed = first;
      else admitted.push(probe);
    }
    expect(shed).toEqual(expect.objectContaining(busy));
    await unlock();
    expect((await Promise.all(admitted)).map((a) => a.status)).toEqual(admitted.map(() => 200));
    let after = await inbox();
    for (let i = 0; i < 50 && after.status === 503; i++) after = await new Promise((r) => setTimeout(r, 100)).then(inbox);
    expect(after.status).toBe(200);
    // The count of shed calls is written once a second.
    for (let i = 0; i < 30 && !process.output().includes('shedding load'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(process.output()).toMatch(/shedding load: \d+ calls answered 503 SERVER_BUSY in the last second \(database connections: a call waited over 100 ms, or the queue is nearly full\)/);
    expect(process.output()).not.toMatch(/"level":(50|60)/);
  });
});
