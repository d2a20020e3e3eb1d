import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { load } from 'js-yaml';
import { FakeS3 } from '../support/fake-s3';
import { API_ROOT, NODE_FLAGS, startApi, type ApiProcess } from '../support/process';
import { startPrivateMariaDb, startPrivateRedis, type PrivateMariaDb } from '../support/private-services';

/**
 * What can be verified of docker/ without a Docker engine: the compose file's configuration (every service it
 * refers to exists, both replicas are configured alike, every required secret is asked for and documented,
 * nginx proxies to the replicas), and the image's start command run directly with the compose file's settings,
 * its service hosts mapped to servers of this test on loopback.
 */
jest.setTimeout(180_000);

const DOCKER = path.resolve(__dirname, '../../../../docker');
type Service = { image?: string; build?: unknown; environment?: Record<string, string>; depends_on?: Record<string, unknown> | string[]; command?: unknown };

/** docker compose's interpolation: ${VAR}, ${VAR:-default}, ${VAR:?error} (an unset required one throws). */
function interpolate(text: string, vars: Record<string, string>): string {
  return text.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_, name: string, op: string | undefined, arg: string) => {
    if (vars[name]) return vars[name];
    if (op === '-') return arg;
    if (op === '?') throw new Error(`${name}: ${arg}`);
    return '';
  });
}

function envExample(): Record<string, string> {
  const lines = fs.readFileSync(path.join(DOCKER, '.env.example'), 'utf8').split('\n');
  return Object.fromEntries(lines.filter((l) => /^\w+=/.test(l)).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

describe('docker/ deployment files', () => {
  const raw = fs.readFileSync(path.join(DOCKER, 'compose.yml'), 'utf8');
  const example = envExample();
  // What an operator fills in: the example's values, secrets generated as the comments say.
  const filled = { ...example, AUTH_JWT_SECRET: randomBytes(48).toString('base64'), PHONE_ENCRYPTION_KEY: randomBytes(32).toString('hex'), FILE_URL_SECRET: randomBytes(48).toString('base64'), MINIO_ROOT_PASSWORD: randomBytes(16).toString('hex') };
  const compose = load(interpolate(raw, filled)) as { services: Record<string, Service & { '<<'?: Service }> };
  // YAML merge keys (<<: *api), which compose applies and js-yaml leaves as they are.
  const services = Object.fromEntries(Object.entries(compose.services).map(([name, { '<<': base, ...own }]) => [name, { ...base, ...own } as Service]));
  const replicas = Object.keys(services).filter((name) => /^api-\d+$/.test(name));

  it('asks for every secret it needs in .env.example, and refuses to start without them', () => {
    const required = [...raw.matchAll(/\$\{(\w+):\?/g)].map((m) => m[1]);
    expect(required.filter((name) => !(name in example))).toEqual([]);
    expect(() => interpolate(raw, {})).toThrow(/set MYSQL_PASSWORD|set AUTH_JWT_SECRET/);
  });

  it('runs two identical stateless replicas wired to MySQL, Redis and S3-compatible storage of the same file', () => {
    expect(replicas).toEqual(['api-1', 'api-2']);
    const [one, two] = replicas.map((r) => services[r]);
    expect(one.environment).toEqual(two.environment);
    const env = one.environment as Record<string, string>;
    expect(env.NODE_ENV).toBe('production');
    expect(new URL(env.DB_URL).hostname).toBe('mysql');
    expect(new URL(env.REDIS_URL).hostname).toBe('redis');
    expect(env.STORAGE_DRIVER).toBe('s3');
    expect(new URL(env.STORAGE_S3_ENDPOINT).hostname).toBe('minio');
    for (const host of ['mysql', 'redis', 'minio']) expect(services[host]).toBeDefined();
    for (const [name, service] of Object.entries(services)) {
      const deps = Array.isArray(service.depends_on) ? service.depends_on : Object.keys(service.depends_on ?? {});
      expect(deps.filter((d) => !services[d]).map((d) => `${name} → ${d}`)).toEqual([]);
    }
  });

  it('has nginx proxy /api and /open311 to every replica on the port the image listens on', () => {
    const nginx = fs.readFileSync(path.join(DOCKER, 'nginx.conf'), 'utf8');
    const upstream = [...nginx.matchAll(/^\s*server\s+([\w-]+):(\d+)/gm)].map((m) => `${m[1]}:${m[2]}`);
    const dockerfile = fs.readFileSync(path.join(DOCKER, 'api.Dockerfile'), 'utf8');
    const port = /ENV [^\n]*PORT=(\d+)/.exec(dockerfile)?.[1];
    expect(upstream).toEqual(replicas.map((r) => `${r}:${port}`));
    expect(nginx).toMatch(/location \/api\/ \{[^}]*proxy_pass http:\/\/wuye_api/);
    expect(nginx).toMatch(/location \/open311\/ \{[^}]*proxy_pass http:\/\/wuye_api/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/api\/health/m);
  });

  it('runs the API with the V8 flags it ships with, in the image and under npm start', () => {
    const dockerfile = fs.readFileSync(path.join(DOCKER, 'api.Dockerfile'), 'utf8');
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)?.[1] ?? '[]') as string[];
    expect(NODE_FLAGS).toContain('--max-semi-space-size=32');
    expect(cmd).toEqual(['node', ...NODE_FLAGS, 'apps/api/dist/main.js']);
    const pkg = JSON.parse(fs.readFileSync(path.join(API_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe(['node', ...NODE_FLAGS, 'dist/main.js'].join(' '));
  });

  describe('the image’s command with the compose settings', () => {
    let db: PrivateMariaDb;
    let redis: { url: string; destroy(): Promise<void> };
    let s3: FakeS3;
    let api: ApiProcess;

    beforeAll(async () => {
      [db, redis, s3] = await Promise.all([startPrivateMariaDb(), startPrivateRedis(), new FakeS3().start()]);
      const env = { ...(services['api-1'].environment as Record<string, string>) };
      // The compose hosts, mapped to this test's servers on loopback.
      env.DB_URL = db.url;
      env.REDIS_URL = redis.url;
      env.STORAGE_S3_ENDPOINT = s3.endpoint;
      api = await startApi({ ...env, LOG_LEVEL: 'info' }, 120_000);
    }, 180_000);
    afterAll(async () => {
      if (api?.child.exitCode === null) api.child.kill('SIGKILL');
      await Promise.all([redis?.destroy(), db?.destroy(), s3?.stop()]);
    });

    it('migrates the empty database, answers health, keeps development sign-in off, and logs JSON lines with request ids', async () => {
      expect((await fetch(`${api.baseUrl}/api/health`)).status).toBe(200);
      const config = await fetch(`${api.baseUrl}/api/v1/client-config`);
      expect(config.status).toBe(200);
      const dev = await fetch(`${api.baseUrl}/api/v1/auth/dev`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: 'resident.jinxiu' }) });
      expect(dev.status).toBe(404);
      const requestId = config.headers.get('x-request-id');
      await new Promise((r) => setTimeout(r, 200));
      const lines = api
        .output()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      const logged = lines.find((l) => JSON.stringify(l).includes(String(requestId)));
      expect(logged).toBeDefined();
    });
  });
});
