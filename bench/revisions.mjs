// CPU per inbox call of several API builds side by side on one database, in alternating rounds: which revision, or
// which V8 flags, made the inbox cost more. Each build is started as bench/lib.mjs startApi does (a revision is built
// once under node_modules/.cache/wuye-bench); `rev@--flag,--flag` runs it with those node flags instead of the shipped
// ones. The user (PROBE_USER, default bench.manager) must exist with a development key: wuye_overload (bench/load.mjs)
// has manager.jinxiu, wuye_bench_* (bench/tickets.mjs) bench.manager. With ALLOC_OUT=<dir> and
// BENCH_API_NODE_FLAGS='--require <file that starts HeapProfiler sampling on SIGUSR2>' it samples allocations after warm-up.
//   node bench/revisions.mjs <database> <calls per round> <rounds> HEAD ee5d5ef HEAD@--max-semi-space-size=16 …
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { baselineBuild, dbUrl, startApi } from './lib.mjs';

const [db, callsArg, roundsArg, ...revs] = process.argv.slice(2);
const calls = Number(callsArg), rounds = Number(roundsArg);
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
const get = (url, headers) => new Promise((resolve, reject) => {
  const req = http.request(url, { headers, agent }, (res) => { const c = []; res.on('data', (d) => c.push(d)); res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(c).toString() })); });
  req.on('error', reject); req.end();
});
const post = async (url, body) => (await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json();
const cpu = (pid) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const env = { DB_URL: dbUrl(db), DB_POOL_SIZE: '10', RATE_LIMIT_WRITES_PER_MINUTE: '100000', LOG_LEVEL: 'warn' };
const apis = [];
for (const spec of revs) {
  const [rev, flags] = spec.split('@');
  if (flags !== undefined) process.env.BENCH_API_NODE_FLAGS = flags.split(',').join(' ');
  const api = await startApi(env, rev === 'HEAD' ? {} : { root: baselineBuild(rev) });
  const token = (await post(`${api.base}/api/v1/auth/dev`, { user: process.env.PROBE_USER ?? 'bench.manager' })).accessToken;
  apis.push({ rev: spec, api, headers: { Authorization: `Bearer ${token}` }, cpu: [], ms: [] });
}
const burst = async (a, n) => {
  let left = n;
  const worker = async () => { while (left-- > 0) { const r = await get(`${a.api.base}/api/v1/tickets?view=inbox`, a.headers); if (r.status !== 200) throw new Error(`${a.rev}: ${r.status} ${r.text.slice(0, 200)}`); } };
  await Promise.all([worker(), worker(), worker(), worker()]);
};
for (const a of apis) { const r = await get(`${a.api.base}/api/v1/tickets?view=inbox`, a.headers); console.log(a.rev, 'bytes', r.text.length, 'items', JSON.parse(r.text).items.length, Object.keys(JSON.parse(r.text).items[0]).join(',')); await burst(a, 1500); }
if (process.env.ALLOC_OUT) for (const a of apis) process.kill(a.api.child.pid, 'SIGUSR2');
await new Promise((r) => setTimeout(r, 500));
for (let r = 0; r < rounds; r++) {
  for (const a of r % 2 ? [...apis].reverse() : apis) {
    const c0 = cpu(a.api.child.pid), t0 = performance.now();
    await burst(a, calls);
    a.cpu.push((cpu(a.api.child.pid) - c0) / calls); a.ms.push((performance.now() - t0) / calls);
  }
}
const med = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
for (const a of apis) console.log(`${a.rev.padEnd(10)} CPU/call median ${med(a.cpu).toFixed(3)} ms  (${a.cpu.map((x) => x.toFixed(2)).join(' ')})  wall/call ${med(a.ms).toFixed(3)} ms`);
for (const a of apis) await a.api.stop();
process.exit(0);
