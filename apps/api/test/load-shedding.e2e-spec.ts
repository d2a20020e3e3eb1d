import { createHash } from 'node:crypto';
import { Agent, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { Admission } from '../src/common/admission';
import { REFUSAL_INTERVAL_MS } from '../src/common/load-shedding';
import { AccessGuard } from '../src/modules/identity/access.guard';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { createTestApp, TestApp } from './support/app';
import { createEstate, createResident } from './support/fixtures';
import { report } from './support/tickets';

/**
 * Under pressure the API answers at once with 503 SERVER_BUSY and Retry-After instead of queueing calls until they
 * time out. Pressure is made certain here by a heap threshold of 1 MB (always exceeded); the thresholds themselves
 * and what they do to waiting times are measured by `node bench/load.mjs --case overload`, not by a test.
 */
describe('load shedding', () => {
  let t: TestApp;
  const lines: { level: number; msg?: string; shed?: number; req?: unknown }[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line));
        done();
      },
    });
    // Behind one proxy hop (nginx): calls with X-Forwarded-For came through it; calls without, straight from a client.
    t = await createTestApp({ SHED_HEAP_USED_MB: '1', LOG_LEVEL: 'info', WECHAT_MESSAGE_TOKEN: 'push-token', TRUST_PROXY: '1' }, { logDestination: sink });
    // The first sample of the heap is taken a quarter of a second after start; until then nothing is known.
    const server = t.app.getHttpAdapter().getInstance() as unknown as { memoryUsage(): { heapUsed: number } };
    while (server.memoryUsage().heapUsed === 0) await new Promise((r) => setTimeout(r, 20));
  });
  afterAll(() => t.close());

  it('answers an API call with 503 SERVER_BUSY, Retry-After and the one error shape, and does nothing', async () => {
    const estate = await createEstate(t.db);
    const resident = await t.signIn((await createResident(t.db, estate.houses[0])).devKey);

    const read = await t.http().get('/api/v1/me').set(resident).set('X-Request-Id', 'busy-read-1');
    expect(read.status).toBe(503);
    expect(read.headers['retry-after']).toBe('2');
    expect(read.headers['x-request-id']).toBe('busy-read-1');
    expect(read.body).toEqual({ statusCode: 503, code: 'SERVER_BUSY', message: '访问人数较多，请稍后重试', requestId: 'busy-read-1' });

    const write = await report(t, resident, { communityId: estate.community.id, place: '1栋门口' }, { 'Idempotency-Key': 'busy-write-1' });
    expect(write.status).toBe(503);
    expect(write.body.code).toBe('SERVER_BUSY');
    expect(await t.db.getRepository(Ticket).countBy({ communityId: estate.community.id })).toBe(0);
  });

  it("answers GeoReport callers in GeoReport's error list", async () => {
    const res = await t.http().get('/open311/v2/services.json');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('2');
    expect(res.body).toEqual([{ code: 503, description: '访问人数较多，请稍后重试' }]);
  });

  it("never sheds the health check, WeChat's message push or the app's page", async () => {
    await t.http().get('/api/health').expect(200);
    const [timestamp, nonce] = ['1700000000', 'n0nce'];
    const signature = createHash('sha1').update(['push-token', timestamp, nonce].sort().join('')).digest('hex');
    const verify = await t.http().get('/api/v1/wechat/events').query({ signature, timestamp, nonce, echostr: 'hello' });
    expect(verify.status).toBe(200);
    expect(verify.text).toBe('hello');
    const event = await t.http().post('/api/v1/wechat/events').query({ signature, timestamp, nonce }).send({ Event: 'wxa_media_check', trace_id: 'none' });
    expect(event.status).toBe(200);
    await t.http().get('/').expect(200);
  });

  it('logs one warning a second with how many calls were shed and why, not a line per call', async () => {
    lines.length = 0;
    const started = Date.now();
    for (let i = 0; i < 5; i++) await t.http().get('/api/v1/me').set('X-Request-Id', `busy-count-${i}`).expect(503);
    const summaries = () => lines.filter((l) => l.msg?.startsWith('shedding load:'));
    // On a busy machine the five calls may straddle two seconds, so two summaries.
    while (summaries().reduce((n, l) => n + (l.shed ?? 0), 0) < 5) await new Promise((r) => setTimeout(r, 50));
    expect(summaries().length).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / 1000) + 1);
    for (const summary of summaries()) {
      expect(summary).toMatchObject({ level: 40 });
      expect(summary.msg).toContain('heapUsedBytes');
    }
    expect(lines.filter((l) => JSON.stringify(l.req ?? '').includes('busy-count-'))).toEqual([]);
  });

  it('runs nothing of a call whose client hangs up while its refusal waits its turn', async () => {
    const resident = await t.signIn((await createResident(t.db, (await createEstate(t.db)).houses[0])).devKey);
    const server = t.app.getHttpServer() as Server;
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const call = (id: string, abortAfterMs?: number) =>
      new Promise<number>((resolve) => {
        const req = get({ host: '127.0.0.1', port, path: '/api/v1/me', agent, headers: { ...resident, 'X-Request-Id': id } }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        });
        req.on('error', () => resolve(0));
        if (abortAfterMs !== undefined) setTimeout(() => req.destroy(), abortAfterMs);
      });
    try {
      expect(await call('hang-up-1')).toBe(503);
      const checked = jest.spyOn(AccessGuard.prototype, 'canActivate');
      // Refused again within the second: its answer waits, and the client hangs up first.
      expect(await call('hang-up-2', 200)).toBe(0);
      await new Promise((r) => setTimeout(r, REFUSAL_INTERVAL_MS + 300));
      // Let through, the call would have gone on to sign-in checks and its handler, for nobody.
      expect(checked).not.toHaveBeenCalled();
      checked.mockRestore();
    } finally {
      agent.destroy();
    }
  });

  it('refuses a connection at most once a second, so a client calling again at once waits for its next refusal; a new connection, or a proxy’s, is refused at once', async () => {
    const server = t.app.getHttpServer() as Server;
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const call = (agent: Agent | false, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; ms: number; reused: boolean }>((resolve, reject) => {
        const started = performance.now();
        const req = get({ host: '127.0.0.1', port, path: '/api/v1/me', agent, headers }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, reused: req.reusedSocket }));
        });
        req.on('error', reject);
      });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect(await call(agent)).toMatchObject({ status: 503, reused: false });
      const [again, fresh] = await Promise.all([call(agent), call(false)]);
      expect(again).toMatchObject({ status: 503, reused: true });
      expect(again.ms).toBeGreaterThanOrEqual(REFUSAL_INTERVAL_MS - 100);
      expect(fresh.status).toBe(503);
      expect(fresh.ms).toBeLessThan(again.ms);
    } finally {
      agent.destroy();
    }
    // A trusted proxy's connection carries every user's calls: the next one, another user's, is heard at once.
    const proxy = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      expect(await call(proxy, { 'X-Forwarded-For': '203.0.113.7' })).toMatchObject({ status: 503, reused: false });
      const next = await call(proxy, { 'X-Forwarded-For': '198.51.100.20' });
      expect(next).toMatchObject({ status: 503, reused: true });
      expect(next.ms).toBeLessThan(REFUSAL_INTERVAL_MS / 2);
    } finally {
      proxy.destroy();
    }
  });
});

/**
 * Admission serves the first call of a newly opened connection before calls of connections it answered already
 * (that call waited for its connection to be accepted first: see Admission). Which calls are first on their
 * connection is told here; the order itself is the unit tests' (admission.spec.ts) and its effect is measured by
 * `node bench/load.mjs --case overload` (first calls over 2 s).
 */
describe('admission of a call first on its connection', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({});
  });
  afterAll(() => t.close());

  it('marks the first call of each connection, and not the calls after it on the same connection', async () => {
    const server = t.app.getHttpServer() as Server;
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const offered = jest.spyOn(Admission.prototype, 'offer');
    const call = (agent: Agent | false, path: string) =>
      new Promise<boolean>((resolve, reject) => {
        const req = get({ host: '127.0.0.1', port, path, agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(req.reusedSocket));
        });
        req.on('error', reject);
      });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const reused = [await call(agent, '/api/v1/directory/communities'), await call(agent, '/api/v1/directory/communities'), await call(agent, '/api/v1/directory/communities')];
      expect(reused).toEqual([false, true, true]);
      await call(false, '/api/v1/directory/communities');
      // Not offered at all: the health check is never queued.
      await call(false, '/api/health');
      expect(offered.mock.calls.map(([, firstOnConnection]) => firstOnConnection)).toEqual([true, false, false, true]);
    } finally {
      agent.destroy();
      offered.mockRestore();
    }
  });
});
