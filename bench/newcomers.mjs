// A newcomer every 250 ms: a fresh connection, one call, then hang up, as a user opening the app does. Run by
// bench/load.mjs as its own process beside the load generator, so that what it measures is the server's (the kernel's
// accept queue, the event loop) and not the load generator's own busy loop: autocannon's 1,600 connections share
// one event loop, and a first call there also waits for that loop to get to it.
//   node bench/newcomers.mjs <url> <authorization> <seconds>
// Prints one JSON line: how many came, their answers by status, the slowest connect and answer. Each call carries
// X-Newcomer: <n>, so a probe in the API can find it; NEWCOMERS_LOG=<file> writes each call's times there.
import { get } from 'node:http';

const [url, authorization, seconds] = process.argv.slice(2);
const results = [];
let seq = 0;
const one = () =>
  new Promise((resolve) => {
    const started = performance.now();
    const at = Date.now();
    const n = ++seq;
    let connected = null;
    const req = get(url, { agent: false, headers: { Authorization: authorization, Connection: 'close', 'X-Newcomer': String(n) } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ n, at, status: res.statusCode, connectMs: connected, answerMs: performance.now() - started }));
    });
    req.on('socket', (socket) => socket.on('connect', () => (connected = performance.now() - started)));
    req.setTimeout(60_000, () => req.destroy());
    req.on('error', () => resolve({ status: 0, connectMs: connected, answerMs: performance.now() - started }));
  });

const until = Date.now() + Number(seconds) * 1000;
const pending = [];
while (Date.now() < until) {
  pending.push(one().then((r) => results.push(r)));
  await new Promise((r) => setTimeout(r, 250));
}
await Promise.all(pending);
const statuses = {};
for (const r of results) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
const answers = results.filter((r) => r.status).map((r) => r.answerMs);
if (process.env.NEWCOMERS_LOG) (await import('node:fs')).writeFileSync(process.env.NEWCOMERS_LOG, results.map((r) => JSON.stringify(r)).join('\n'));
console.log(
  JSON.stringify({
    newcomers: results.length,
    statuses,
    slowestConnectMs: Math.max(0, ...results.map((r) => r.connectMs ?? Infinity)),
    slowestAnswerMs: Math.max(0, ...answers),
    over2s: results.filter((r) => !r.status || r.answerMs > 2000).length,
  }),
);
