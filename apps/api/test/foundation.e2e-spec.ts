import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { createTestApp, TestApp } from './support/app';
import { createUser } from './support/fixtures';

describe('HTTP foundation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('reports health with the database checked', async () => {
    const res = await t.http().get('/api/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', database: 'up' });
  });

  it('serves the OpenAPI document and its UI', async () => {
    const json = await t.http().get('/api/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toEqual(expect.arrayContaining(['/api/v1/communities', '/api/health']));
    const ui = await t.http().get('/api/docs/').expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('answers an unknown route with the one error shape and a request id', async () => {
    const res = await t.http().get('/api/v1/nothing-here').expect(404);
    expect(res.body).toEqual({
      statusCode: 404,
      code: 'ROUTE_NOT_FOUND',
      message: expect.any(String),
      requestId: res.headers['x-request-id'],
    });
  });

  it('answers a URL the router cannot read with the one error shape, and Open311 with its own', async () => {
    const res = await t.http().get('/api/v1/tickets/%E0').expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', requestId: res.headers['x-request-id'] });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const open311 = await t.http().get('/open311/v2/requests/%E0.json').expect(400);
    expect(open311.body).toEqual([{ code: 400, description: expect.any(String) }]);
  });

  it('keeps a caller-supplied request id and echoes it', async () => {
    const res = await t.http().get('/api/health').set('X-Request-Id', 'trace-abc-123').expect(200);
    expect(res.headers['x-request-id']).toBe('trace-abc-123');
  });

  it('refuses malformed JSON with a readable message', async () => {
    const res = await t.http().post('/api/v1/auth/refresh').set('Content-Type', 'application/json').send('{"refreshToken": ').expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'MALFORMED_JSON' });
    expect(res.body.message).toMatch(/JSON/);
  });

  it('refuses unknown fields and wrong types with the field named', async () => {
    const res = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: 42 }).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.message).toContain('refreshToken');
    const extra = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: 'x', admin: true }).expect(400);
    expect(extra.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'admin' })]));
  });

  it('asks for sign-in on a protected route', async () => {
    const res = await t.http().get('/api/v1/communities').expect(401);
    expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' });
  });

  it('says when there is no H5 build yet instead of failing', async () => {
    const res = await t.http().get('/').expect(200);
    expect(res.text).toContain('npm run build:h5');
  });
});

describe('the H5 build served beside the API', () => {
  let t: TestApp;
  let webRoot: string;
  beforeAll(async () => {
    webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-h5-'));
    fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>物业通 H5</title>');
    fs.mkdirSync(path.join(webRoot, 'js'));
    fs.writeFileSync(path.join(webRoot, 'js', 'app.js'), 'console.log(1)');
    fs.writeFileSync(path.join(webRoot, '.env'), 'SECRET=1');
    // Files that look like API paths must never answer in the API's place.
    fs.mkdirSync(path.join(webRoot, 'api', 'v1'), { recursive: true });
    fs.writeFileSync(path.join(webRoot, 'api', 'health'), 'a file');
    fs.writeFileSync(path.join(webRoot, 'api', 'v1', 'communities'), 'a file');
    t = await createTestApp({ WEB_ROOT: webRoot });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(webRoot, { recursive: true, force: true });
  });

  it('serves the pages revalidated each time and the scripts cached for an hour', async () => {
    const page = await t.http().get('/').expect(200);
    expect(page.text).toContain('物业通 H5');
    expect(page.headers['cache-control']).toBe('no-cache');
    const script = await t.http().get('/js/app.js').expect(200);
    expect(script.headers['cache-control']).toBe('public, max-age=3600');
  });

  it('never serves hidden files, and answers a refusal of the file server in the one error shape', async () => {
    const hidden = await t.http().get('/.env').expect(404);
    expect(hidden.body).toMatchObject({ code: 'ROUTE_NOT_FOUND', requestId: hidden.headers['x-request-id'] });
    const pastTheEnd = await t.http().get('/js/app.js').set('Range', 'bytes=99999-').expect(416);
    expect(pastTheEnd.body).toMatchObject({ statusCode: 416, code: expect.any(String), requestId: pastTheEnd.headers['x-request-id'] });
  });

  it('leaves /api to the API even where a file of that name exists', async () => {
    const health = await t.http().get('/api/health').expect(200);
    expect(health.body).toMatchObject({ status: 'ok' });
    const list = await t.http().get('/api/v1/communities').expect(401);
    expect(list.body.code).toBe('UNAUTHENTICATED');
  });

  it('answers JSON without an ETag: API calls are never revalidated', async () => {
    const health = await t.http().get('/api/health').expect(200);
    expect(health.headers.etag).toBeUndefined();
  });
});

describe('the request log', () => {
  let t: TestApp;
  const lines: { level?: number; msg?: string; req?: { id?: string; method?: string; url?: string }; res?: { statusCode?: number }; userId?: number }[] = [];
  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n')) if (line) lines.push(JSON.parse(line));
        done();
      },
    });
    t = await createTestApp({ LOG_LEVEL: 'info' }, { logDestination: sink });
  });
  afterAll(() => t.close());

  /** The line logged for this request id (lines are written when the answer is done, so wait a little). */
  const lineFor = async (requestId: string) => {
    for (let i = 0; i < 100; i++) {
      const line = lines.find((l) => l.req?.id === requestId);
      if (line) return line;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`no log line for ${requestId}`);
  };

  it('writes one line per answer with its request id, status and the signed-in caller, and no header', async () => {
    const { user, devKey } = await createUser(t.db, []);
    await t.http().get('/api/v1/me').set(await t.signIn(devKey)).set('X-Request-Id', 'log-me-1').expect(200);
    const line = await lineFor('log-me-1');
    expect(line).toMatchObject({ level: 30, msg: 'request completed', req: { method: 'GET', url: '/api/v1/me' }, res: { statusCode: 200 }, userId: user.id });
    expect(JSON.stringify(line)).not.toMatch(/Bearer|authorization/i);
    await t.http().get('/api/v1/nothing-here').set('X-Request-Id', 'log-404-1').expect(404);
    expect(await lineFor('log-404-1')).toMatchObject({ level: 40, res: { statusCode: 404 } });
  });

  it('writes a line for a client that hangs up before the answer', async () => {
    const server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const socket = net.connect(port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    // A body announced as 1000 bytes, of which a few arrive before the phone loses its signal.
    socket.write('POST /api/v1/auth/refresh HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nX-Request-Id: log-abort-1\r\n\r\n{"refresh');
    await new Promise((r) => setTimeout(r, 100));
    socket.destroy();
    expect(await lineFor('log-abort-1')).toMatchObject({ level: 40, msg: 'request aborted', req: { method: 'POST', url: '/api/v1/auth/refresh' } });
  });
});
