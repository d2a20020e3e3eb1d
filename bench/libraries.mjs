// Our own request logging and rate limiting beside the maintained libraries they stand in for, on the same work:
// - request logging: none, ours (apps/api common/request-log.ts on a Fastify hook), pino-http on the same hook,
//   Fastify's own request logging; then in a Nest app, ours beside nestjs-pino (pino-http as Nest middleware, as
//   it installs itself); every line to /dev/null through the same pino;
// - rate limits in Nest on Fastify: our RateLimitGuard (memory counters) and @nestjs/throttler's ThrottlerGuard
//   (memory storage), both with limits never reached, on reads (which both skip) and on writes.
// Each variant is its own server process; autocannon drives them in alternating blocks (keep-alive, 10
// connections), and the CPU each server spent per call is read from /proc. Prints a table and writes
// bench/results/libraries-<date>.json.
//   node bench/libraries.mjs [--blocks 6] [--requests 20000]
// The compared libraries are installed into node_modules/.cache/wuye-bench/libraries on first run (not dependencies of the project).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { REPO, arg, build } from './lib.mjs';

const BLOCKS = Number(arg('blocks', '6'));
const REQUESTS = Number(arg('requests', '20000'));
const CACHE = join(REPO, 'node_modules/.cache/wuye-bench/libraries');
const LIBRARIES = ['pino-http@11', 'nestjs-pino@4', '@nestjs/throttler@6'];
const TICKS = Number(spawnSync('getconf', ['CLK_TCK']).stdout.toString().trim() || 100);

function install() {
  if (LIBRARIES.every((l) => existsSync(join(CACHE, 'node_modules', l.replace(/@[^@/]+$/, ''))))) return;
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(join(CACHE, 'package.json'), JSON.stringify({ name: 'bench-libraries', private: true }));
  // Peers (@nestjs/common, pino…) come from the project, above this folder: one copy of each, as in the API.
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--legacy-peer-deps', ...LIBRARIES], { cwd: CACHE, stdio: 'inherit' });
  if (r.status !== 0) process.exit(1);
}

const cpuTicks = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
};

async function start(variant) {
  const child = spawn(process.execPath, [join(REPO, 'bench/libraries-server.mjs'), variant, CACHE], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((res, rej) => {
    child.stdout.once('data', (d) => res(Number(String(d).trim())));
    child.once('exit', (code) => rej(new Error(`${variant} exited ${code}`)));
  });
  return { variant, child, url: `http://127.0.0.1:${port}/x`, cpu: 0, calls: 0, p50: [], p99: [] };
}

async function block(server, method, amount) {
  const before = cpuTicks(server.child.pid);
  const result = await autocannon({ url: server.url, method, connections: 10, amount, headers: { 'content-type': 'application/json' }, body: method === 'POST' ? '{"a":1}' : undefined });
  const spent = cpuTicks(server.child.pid) - before;
  if (result.non2xx || result.errors) throw new Error(`${server.variant}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  server.cpu += (spent / TICKS) * 1000;
  server.calls += result.requests.sent;
  server.p50.push(result.latency.p50);
  server.p99.push(result.latency.p99);
}

async function compare(title, variants, method) {
  const servers = [];
  for (const v of variants) servers.push(await start(v));
  try {
    for (const s of servers) await block(s, method, 2000); // warm-up, not counted
    for (const s of servers) Object.assign(s, { cpu: 0, calls: 0, p50: [], p99: [] });
    for (let b = 0; b < BLOCKS; b++) for (const s of b % 2 ? [...servers].reverse() : servers) await block(s, method, REQUESTS / BLOCKS);
  } finally {
    for (const s of servers) s.child.kill('SIGTERM');
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const base = servers[0].cpu / servers[0].calls;
  console.log(`\n${title} (${method}, ${REQUESTS} calls each)`);
  console.log('variant            CPU µs/call  vs first  p50 ms  p99 ms');
  const rows = servers.map((s) => {
    const perCall = (s.cpu / s.calls) * 1000;
    const row = { variant: s.variant, method, cpuMicrosPerCall: Math.round(perCall), vsFirst: Number((perCall / (base * 1000)).toFixed(2)), p50: median(s.p50), p99: median(s.p99) };
    console.log(`${row.variant.padEnd(18)} ${String(row.cpuMicrosPerCall).padStart(11)}  ${row.vsFirst.toFixed(2).padStart(8)}  ${String(row.p50).padStart(6)}  ${String(row.p99).padStart(6)}`);
    return row;
  });
  return rows;
}

build();
install();
const results = [
  ...(await compare('Request logging on Fastify', ['log:none', 'log:ours', 'log:pino-http', 'log:fastify'], 'GET')),
  ...(await compare('Request logging in Nest on Fastify', ['nestlog:ours', 'nestlog:nestjs-pino'], 'GET')),
  ...(await compare('Rate limits, reads (skipped by both)', ['limit:ours', 'limit:throttler'], 'GET')),
  ...(await compare('Rate limits, writes (counted by both)', ['limit:ours', 'limit:throttler'], 'POST')),
];
mkdirSync(join(REPO, 'bench/results'), { recursive: true });
writeFileSync(join(REPO, `bench/results/libraries-${new Date().toISOString().slice(0, 10)}.json`), JSON.stringify(results, null, 2));
