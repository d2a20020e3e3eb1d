// Instructions per inbox call, counted by valgrind's callgrind: the API (this checkout, and `--baseline <rev>` as
// built at that revision) beside the HTTP floor (bench/http-floor.mjs) replaying the very statements the API sent.
// On this small shared machine CPU time per call moves by ±10 % between identical runs; instructions move by a few
// per cent (timers and garbage collection still vary: the floor 2,458–2,572 k), so a change of five per cent shows.
// Instructions are not time: they leave out the kernel (socket writes, alike for both) and what memory costs (the
// young generation's size alone moved the API's CPU per call by up to 30 %, one way or the other, between processes
// run side by side: see "Runtime flags" in the README). Use both benches.
//   node bench/instructions.mjs [--tickets 10000] [--calls 1000] [--warmup 1500] [--baseline <rev>]
// Needs the database bench/tickets.mjs seeds (wuye_bench_<tickets>, with its bench.manager) and valgrind.
import http from 'node:http';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, arg, baselineBuild, build, capture, dbUrl, sql, startApi, startFloor } from './lib.mjs';

const db = `wuye_bench_${arg('tickets', 10000)}`;
const calls = Number(arg('calls', 1000));
const warmup = Number(arg('warmup', 1500));
const baselineRev = arg('baseline');
if (!(await sql('SHOW DATABASES LIKE ?', [db])).length) throw new Error(`${db} is missing: run bench/tickets.mjs first (it seeds it)`);
build();
const baselineRoot = baselineRev ? baselineBuild(baselineRev) : null;

// Shedding far off: under valgrind every call is some fifty times slower.
const env = { DB_URL: dbUrl(db), DB_POOL_SIZE: '10', RATE_LIMIT_WRITES_PER_MINUTE: '100000', SHED_EVENT_LOOP_DELAY_MS: '60000', SHED_DB_WAIT_MS: '60000', SHED_CALL_WAIT_MS: '60000', SHED_HEAP_USED_MB: '0' };
const signIn = async (base) =>
  `Bearer ${(await (await fetch(`${base}/api/v1/auth/dev`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: 'bench.manager' }) })).json()).accessToken}`;

// The statements of one inbox call, for the floor to replay.
const plain = await startApi(env);
const statements = await (async () => {
  const headers = { Authorization: await signIn(plain.base) };
  const inbox = () => fetch(`${plain.base}/api/v1/tickets?view=inbox`, { headers }).then((r) => r.arrayBuffer());
  await inbox();
  return capture(db, inbox);
})().finally(plain.stop);

/** Instructions per call of the process `start` runs under callgrind (instrumentation on only while counting). */
async function measure(name, start) {
  const out = mkdtempSync(join(tmpdir(), 'wuye-callgrind-'));
  const server = await start(['valgrind', '--tool=callgrind', '--smc-check=all-non-file', '--instr-atstart=no', `--callgrind-out-file=${out}/cg.%p`]);
  const url = server.api ? `${server.base}/api/v1/tickets?view=inbox` : `${server.base}/`;
  const headers = server.api ? { Authorization: await signIn(server.base) } : {};
  const refused = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  // Under valgrind a database connection can take long enough that a call is refused (503): it is made again, and
  // the count of those is printed (a refused call costs less than an answer; a handful in a thousand moves nothing).
  const once = () =>
    new Promise((resolve, reject) => {
      const req = http.request(url, { headers, agent }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => (res.statusCode === 200 ? resolve(true) : res.statusCode === 503 ? resolve(body) : reject(new Error(`${name} answered ${res.statusCode} ${body.slice(0, 200)}`))));
      });
      req.on('error', reject);
      req.end();
    });
  const get = async () => {
    for (let answer = await once(); answer !== true; answer = await once()) refused.push(JSON.parse(answer).code);
  };
  const burst = async (n) => {
    let left = n;
    const worker = async () => {
      while (left-- > 0) await get();
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
  };
  await burst(warmup);
  // valgrind takes a command when the process runs (it cannot interrupt one asleep in epoll here): calls keep coming
  // until it has. Those made while instrumentation is being switched off are counted in. It names its command pipe
  // after $HOST, which the API's environment sets.
  const controlEnv = { ...process.env };
  if (server.api) controlEnv.HOST = '127.0.0.1';
  let extra = 0;
  const control = async (...command) => {
    let done = false;
    const answered = new Promise((resolve, reject) => execFile('callgrind_control', [...command, String(server.pid)], { env: controlEnv }, (e) => ((done = true), e ? reject(e) : resolve())));
    while (!done) {
      await get();
      if (command[1] === 'off') extra++;
    }
    await answered;
  };
  await control('-i', 'on');
  await burst(calls);
  await control('-i', 'off');
  await control('-d');
  await server.stop();
  let total = 0;
  for (const f of readdirSync(out)) total += Number(readFileSync(join(out, f), 'utf8').match(/^totals: (\d+)/m)?.[1] ?? 0);
  if (refused.length) console.log(`${name}: ${refused.length} calls refused and made again (${[...new Set(refused)].join(', ')})`);
  return total / (calls + extra);
}

const floor = await measure('floor', (launcher) => startFloor(db, statements, { launcher }));
const apiOf = (root) => async (launcher) => {
  const started = await startApi(env, { root, launcher, onLine: () => undefined });
  return { ...started, api: true, pid: started.child.pid };
};
const api = await measure('API', apiOf(REPO));
const base = baselineRoot ? await measure(`baseline ${baselineRev}`, apiOf(baselineRoot)) : null;
const k = (x) => `${Math.round(x / 1000).toLocaleString('en')} k`;
console.log(`Instructions per inbox call (${db}, ${statements.length} statements, ${calls} calls after ${warmup}; callgrind, user space)`);
console.log(`  floor     ${k(floor)}`);
console.log(`  API       ${k(api)}   API/floor ${(api / floor).toFixed(2)}`);
if (base) console.log(`  baseline  ${k(base)}   its API/floor ${(base / floor).toFixed(2)}   this/baseline ${(api / base).toFixed(3)}`);
