import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from '../support/process';

/**
 * docker/nginx.conf run by a real nginx (needs the `nginx` binary: Debian `nginx-light`), its two replicas stood in
 * for by servers of this test on loopback: what nginx does with a replica that sheds load (503 SERVER_BUSY with
 * Retry-After) and with one that is down. A shed call is not a failed replica: counted as one, three in ten seconds
 * took each replica out of the upstream for ten seconds, and nginx then answered every call with its own 502 page,
 * long after the replicas were serving again.
 */
jest.setTimeout(60_000);

const CONF = path.resolve(__dirname, '../../../../docker/nginx.conf');
const BUSY = { statusCode: 503, code: 'SERVER_BUSY', message: '访问人数较多，请稍后重试' };

interface Replica {
  server: Server;
  port: number;
  busy: boolean;
  calls: number;
}

async function replica(): Promise<Replica> {
  const r = { busy: false, calls: 0 } as Replica;
  r.server = createServer((_req, res) => {
    r.calls++;
    if (r.busy) {
      res.writeHead(503, { 'Content-Type': 'application/json; charset=utf-8', 'Retry-After': '2' });
      return res.end(JSON.stringify(BUSY));
    }
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ items: [], nextCursor: null }));
  });
  // nginx keeps its upstream connections open (keepalive 32): closing the server must not wait for them.
  r.server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => r.server.listen(0, '127.0.0.1', resolve));
  r.port = (r.server.address() as AddressInfo).port;
  return r;
}

describe('nginx in front of the replicas (docker/nginx.conf)', () => {
  let dir: string;
  let nginx: ChildProcess;
  let base: string;
  let one: Replica;
  let two: Replica;

  beforeAll(async () => {
    [one, two] = [await replica(), await replica()];
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-nginx-'));
    fs.mkdirSync(path.join(dir, 'html'));
    const port = await freePort();
    // The deployment's server block as written, its hosts and paths mapped to this test's.
    const site = fs
      .readFileSync(CONF, 'utf8')
      .replace(/server api-1:3000/, `server 127.0.0.1:${one.port}`)
      .replace(/server api-2:3000/, `server 127.0.0.1:${two.port}`)
      .replace(/listen 80;/, `listen 127.0.0.1:${port};`)
      .replace('/usr/share/nginx/html', path.join(dir, 'html'));
    fs.writeFileSync(
      path.join(dir, 'nginx.conf'),
      `daemon off;\nmaster_process off;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp {\n  access_log off;\n` +
        ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((k) => `  ${k}_temp_path ${dir}/${k};\n`).join('') +
        `${site}\n}\n`,
    );
    nginx = spawn('nginx', ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log')], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    nginx.stderr?.on('data', (d) => (stderr += d));
    base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      if (nginx.exitCode !== null || i > 100) throw new Error(`nginx did not start: ${stderr}${fs.existsSync(`${dir}/error.log`) ? fs.readFileSync(`${dir}/error.log`, 'utf8') : ''}`);
      if (await fetch(`${base}/api/health`).then(() => true, () => false)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    one.calls = two.calls = 0;
  });

  afterAll(async () => {
    nginx?.kill('SIGQUIT');
    for (const r of [one, two]) r?.server.closeAllConnections();
    await Promise.all([one, two].map((r) => r && new Promise((resolve) => r.server.close(resolve))));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const inbox = async () => {
    const res = await fetch(`${base}/api/v1/tickets?view=inbox`);
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.text()).slice(0, 300) };
  };

  it('hands each shed call to the app as it was answered (503 SERVER_BUSY, Retry-After), once, and keeps both replicas in the upstream', async () => {
    one.busy = two.busy = true;
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await inbox());
    expect(answers).toEqual(answers.map(() => ({ status: 503, retryAfter: '2', body: JSON.stringify(BUSY) })));
    // Each call reached one replica: a busy cluster is not sent every call twice.
    expect(one.calls + two.calls).toBe(8);
    expect(one.calls).toBeGreaterThan(0);
    expect(two.calls).toBeGreaterThan(0);
    // Once the replicas serve again, so does nginx: not its own 502 for the next ten seconds.
    one.busy = two.busy = false;
    expect((await inbox()).status).toBe(200);
    expect((await inbox()).status).toBe(200);
  });

  it('sends a call to the other replica when one is down (a rolling deploy, a crash)', async () => {
    one.server.closeAllConnections();
    await new Promise((resolve) => one.server.close(resolve));
    const before = two.calls;
    for (let i = 0; i < 4; i++) expect((await inbox()).status).toBe(200);
    expect(two.calls - before).toBe(4);
  });
});
