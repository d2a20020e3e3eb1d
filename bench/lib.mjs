// Helpers shared by the benchmarks: MariaDB databases, the built API as a process, latency percentiles.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConnection } from 'mysql2/promise';

export const REPO = resolve(fileURLToPath(import.meta.url), '../..');
export const SERVER = process.env.BENCH_DB_SERVER ?? 'mysql://root@127.0.0.1:3306';

export function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

export function build() {
  const r = spawnSync('node', ['scripts/nx.mjs', 'run-many', '-t', 'build', '-p', '@wuye/contracts', '@wuye/api'], { cwd: REPO, stdio: 'inherit' });
  if (r.status !== 0) process.exit(1);
}

export async function sql(query, params = [], database) {
  const url = new URL(SERVER);
  const conn = await createConnection({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password), database });
  try {
    const [rows] = await conn.query(query, params);
    return rows;
  } finally {
    await conn.end();
  }
}

export const dbUrl = (name) => `${SERVER}/${name}`;

/** The statements the API sent to `db` while `action` ran (MariaDB general log, the API's connections only). */
export async function capture(db, action) {
  const url = new URL(SERVER);
  const admin = await createConnection({ host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) });
  try {
    const [threads] = await admin.query('SELECT id FROM information_schema.PROCESSLIST WHERE db = ?', [db]);
    const ids = threads.map((t) => Number(t.id));
    await admin.query("SET GLOBAL log_output = 'TABLE'");
    await admin.query('TRUNCATE mysql.general_log');
    await admin.query('SET GLOBAL general_log = 1');
    try {
      await action();
    } finally {
      await admin.query('SET GLOBAL general_log = 0');
    }
    const [rows] = await admin.query("SELECT thread_id, CONVERT(argument USING utf8mb4) AS q FROM mysql.general_log WHERE command_type = 'Query' ORDER BY event_time", []);
    return rows.filter((r) => ids.includes(Number(r.thread_id))).map((r) => r.q).filter((q) => !/^SELECT 1$/i.test(q.trim()));
  } finally {
    await admin.end();
  }
}

export async function freePort() {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/** The V8 flags a build of the API ships with (nodeFlags of its apps/api/package.json: the image's command and `npm start` pass them). */
const shippedNodeFlags = (root) => JSON.parse(readFileSync(join(root, 'apps/api/package.json'), 'utf8')).nodeFlags ?? [];

/**
 * Starts `node apps/api/dist/main.js` (of this checkout, or of `root`: baselineBuild) against a database; resolves when /api/health answers.
 * Each build runs with the V8 flags it shipped with (a baseline with its own: before and after are the product as
 * it was run); BENCH_API_NODE_FLAGS replaces them for every build, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` for a
 * CPU profile written when it stops, or an empty value for Node's defaults.
 * With `onLine`, each line the process prints goes to it instead of this terminal. `launcher`: a command to run it
 * under, e.g. valgrind and its options (bench/instructions.mjs).
 */
export async function startApi(env, { onLine, root = REPO, launcher = [] } = {}) {
  const port = await freePort();
  const flags = process.env.BENCH_API_NODE_FLAGS === undefined ? shippedNodeFlags(root) : process.env.BENCH_API_NODE_FLAGS.split(' ').filter(Boolean);
  const [command, ...args] = [...launcher, process.execPath, ...flags, join(root, 'apps/api/dist/main.js')];
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', SEED_DEMO: 'false', JOBS_INTERVAL_SECONDS: '0', DATA_DIR: mkdtempSync(join(tmpdir(), 'wuye-bench-')), ...env, PORT: String(port), HOST: '127.0.0.1' },
    // onLine: the caller reads the log lines (and counts them) instead of seeing them.
    stdio: ['ignore', onLine ? 'pipe' : 'inherit', onLine ? 'pipe' : 'inherit'],
  });
  if (onLine) for (const stream of [child.stdout, child.stderr]) createInterface({ input: stream }).on('line', onLine);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600 && child.exitCode === null; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { base, child, stop: () => new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); }) };
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill('SIGKILL');
  throw new Error('API did not start');
}

/** bench/http-floor.mjs replaying `statements` on `db` (under `launcher`, if given); its base URL, pid and a stop function. */
export async function startFloor(db, statements, { pool = 10, launcher = [] } = {}) {
  const file = join(mkdtempSync(join(tmpdir(), 'wuye-floor-')), 'statements.json');
  writeFileSync(file, JSON.stringify(statements));
  const [command, ...args] = [...launcher, process.execPath, join(REPO, 'bench/http-floor.mjs'), file];
  const child = spawn(command, args, { env: { ...process.env, DB_URL: dbUrl(db), DB_POOL_SIZE: String(pool) }, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    child.stdout.once('data', (d) => resolve(Number(String(d).trim())));
    child.once('exit', (code) => reject(new Error(`http-floor.mjs exited with ${code}`)));
  });
  return { base: `http://127.0.0.1:${port}`, pid: child.pid, stop: () => new Promise((r) => { child.once('exit', r); child.kill('SIGTERM'); }) };
}

export function percentiles(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
  return { n: s.length, p50: at(50), p95: at(95), p99: at(99), max: s[s.length - 1] };
}

/** Times `count` sequential GETs after `warm` untimed ones; milliseconds. */
export async function timeGets(url, headers, count = 60, warm = 5) {
  for (let i = 0; i < warm; i++) await (await fetch(url, { headers })).arrayBuffer();
  const samples = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
    samples.push(performance.now() - t0);
  }
  return percentiles(samples);
}

/**
 * A MariaDB database `wuye_bench_<tickets>` filled by the scale generator (kept between runs: with `reuse` an
 * already filled one is used as it is, unless earlier runs' creations grew it by more than a fifth).
 */
export async function prepare(tickets, communities, reuse) {
  const name = `wuye_bench_${tickets}`;
  const exists = (await sql('SHOW DATABASES LIKE ?', [name])).length > 0;
  if (exists && reuse) {
    // Each run adds the tickets it creates: past a fifth more than asked for, the size is no longer the one named.
    const [{ n }] = await sql('SELECT COUNT(*) AS n FROM ticket', [], name);
    if (Number(n) >= tickets && Number(n) <= tickets * 1.2) return name;
  }
  await sql(`DROP DATABASE IF EXISTS \`${name}\``);
  await sql(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const started = Date.now();
  const r = spawnSync(process.execPath, [join(REPO, 'apps/api/dist/scripts/seed-scale.js'), '--communities', String(communities), '--owners', String(communities * 20), '--tickets', String(tickets)], {
    cwd: REPO,
    env: { ...process.env, DB_URL: dbUrl(name) },
    stdio: 'inherit',
  });
  if (r.status !== 0) process.exit(1);
  console.log(`seeded ${name} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return name;
}

/**
 * The API as built at another git revision, for a before/after comparison in one run: a checkout of `rev` in
 * node_modules/.cache/wuye-bench/baseline-<rev> (out of the way of Nx, jest and eslint), using this checkout's installed packages except its own libs/contracts, built once.
 * Returns its root, to pass to startApi.
 */
export function baselineBuild(rev) {
  const sha = spawnSync('git', ['rev-parse', '--short', rev], { cwd: REPO, encoding: 'utf8' }).stdout.trim();
  if (!sha) throw new Error(`no such revision: ${rev}`);
  const root = join(REPO, 'node_modules/.cache/wuye-bench', `baseline-${sha}`);
  if (existsSync(join(root, 'apps/api/dist/main.js'))) return root;
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const archive = spawnSync('git', ['archive', sha], { cwd: REPO, maxBuffer: 1 << 30 });
  spawnSync('tar', ['-x', '-C', root], { input: archive.stdout });
  // Every installed package of this checkout, but @wuye/* from the baseline's own tree.
  const modules = join(root, 'node_modules');
  mkdirSync(join(modules, '@wuye'), { recursive: true });
  for (const entry of readdirSync(join(REPO, 'node_modules'))) if (entry !== '@wuye' && entry !== '.cache') symlinkSync(join(REPO, 'node_modules', entry), join(modules, entry));
  symlinkSync(join(root, 'libs/contracts'), join(modules, '@wuye/contracts'));
  const tsc = join(REPO, 'node_modules/typescript/bin/tsc');
  for (const project of ['libs/contracts/tsconfig.json', 'apps/api/tsconfig.build.json']) {
    const r = spawnSync(process.execPath, [tsc, '-p', join(root, project)], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`baseline ${sha} did not build (${project})`);
  }
  return root;
}
