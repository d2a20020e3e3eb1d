// Sustained load with a realistic mix, on one API process and on two (the client spreads requests over both, as
// nginx would): residents reading the board, their tickets and a ticket, reading notifications, reporting;
// managers reading the inbox and accepting new tickets. Prints request rate and p50/p99 per kind and overall.
// Then overload: far more connections than one process can serve (autocannon on the manager inbox over keep-alive
// connections, while residents keep reporting), on embedded SQLite and on MariaDB. Prints the calls served and
// their p99, the share shed (503), the 500s, the longest wait, and whether every accepted report is still there.
//   node bench/load.mjs [--case mixed|overload|all] [--seconds 30] [--users 32]
//                       [--overload-seconds 20] [--connections 400,1600] [--engines sqlite,mariadb] [--clients raw,app]
//                       [--shedding off] [--api <git revision>] [--warm-seconds 5]
// MariaDB database `wuye_load` (demo county, recreated each run); Redis at REDIS_URL (default 127.0.0.1:6379/5)
// holds the rate-limit counters both processes share. OVERLOAD_LOG=<file>: the API's log lines of the overload runs.
// --api: the API as built at that revision (with the V8 flags it shipped with), for a before/after on this machine.
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { Agent, get as httpGet } from 'node:http';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { REPO, arg, baselineBuild, build, dbUrl, percentiles, sql, startApi } from './lib.mjs';

const which = arg('case', 'all');
const seconds = Number(arg('seconds', 30));
const users = Number(arg('users', 32));
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/5';
build();
const root = arg('api') ? baselineBuild(arg('api')) : REPO;

const RESIDENTS = ['resident.jinxiu', 'resident.family', 'resident.tenant', 'resident.yangguang'];
const MANAGERS = ['manager.jinxiu', 'manager.yangguang'];
/** Share of each kind of request in the mix (sums to 100). */
const MIX = [
  ['board', 30],
  ['mine', 15],
  ['ticket', 15],
  ['notifications', 10],
  ['report', 10],
  ['inbox', 15],
  ['accept', 5],
];

async function runLoad(bases) {
  let turn = 0;
  const base = () => bases[turn++ % bases.length];
  const tokens = {};
  for (const user of [...RESIDENTS, ...MANAGERS]) {
    const res = await fetch(`${base()}/api/v1/auth/dev`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user }) });
    tokens[user] = { Authorization: `Bearer ${(await res.json()).accessToken}`, 'Content-Type': 'application/json' };
  }
  const me = {};
  for (const user of RESIDENTS) me[user] = await (await fetch(`${base()}/api/v1/me`, { headers: tokens[user] })).json();
  const samples = Object.fromEntries(MIX.map(([k]) => [k, []]));
  const statuses = {};
  let seq = 0;
  const pick = () => {
    let r = Math.random() * 100;
    for (const [kind, share] of MIX) if ((r -= share) < 0) return kind;
    return MIX[0][0];
  };
  const timed = async (kind, url, init) => {
    const t0 = performance.now();
    const res = await fetch(url, init);
    const body = await res.json().catch(() => null);
    samples[kind].push(performance.now() - t0);
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    return { res, body };
  };
  const one = async (vu) => {
    const resident = RESIDENTS[vu % RESIDENTS.length];
    const manager = MANAGERS[vu % MANAGERS.length];
    const communityId = me[resident].houses?.[0]?.communityId ?? 1;
    const kind = pick();
    switch (kind) {
      case 'board':
        return timed(kind, `${base()}/api/v1/tickets?view=community&communityId=${communityId}`, { headers: tokens[resident] });
      case 'mine':
        return timed(kind, `${base()}/api/v1/tickets?view=mine`, { headers: tokens[resident] });
      case 'ticket': {
        const list = await (await fetch(`${base()}/api/v1/tickets?view=community&communityId=${communityId}&limit=5`, { headers: tokens[resident] })).json();
        const id = list.items?.[Math.floor(Math.random() * list.items.length)]?.id;
        return id ? timed(kind, `${base()}/api/v1/tickets/${id}`, { headers: tokens[resident] }) : undefined;
      }
      case 'notifications':
        return timed(kind, `${base()}/api/v1/notifications`, { headers: tokens[resident] });
      case 'report':
        return timed(kind, `${base()}/api/v1/tickets`, {
          method: 'POST',
          headers: { ...tokens[resident], 'Idempotency-Key': `load-${Date.now()}-${vu}-${seq++}` },
          body: JSON.stringify({ communityId, kind: 'repair', categoryCode: 'facility', description: `压测：单元门禁失灵 ${seq}`, photoIds: [], place: '1单元' }),
        });
      case 'inbox':
        return timed(kind, `${base()}/api/v1/tickets?view=inbox`, { headers: tokens[manager] });
      case 'accept': {
        const inbox = await (await fetch(`${base()}/api/v1/tickets?view=inbox&state=submitted&limit=10`, { headers: tokens[manager] })).json();
        const t = inbox.items?.[Math.floor(Math.random() * inbox.items.length)];
        if (!t) return undefined;
        const detail = await (await fetch(`${base()}/api/v1/tickets/${t.id}`, { headers: tokens[manager] })).json();
        // Two managers racing for one ticket: one wins, the other gets 409 (counted, not an error).
        return timed(kind, `${base()}/api/v1/tickets/${t.id}/transitions`, { method: 'POST', headers: tokens[manager], body: JSON.stringify({ action: 'accept', note: '已受理', version: detail.version }) });
      }
    }
  };
  const until = Date.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: users }, async (_, vu) => {
      while (Date.now() < until) await one(vu);
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const all = Object.values(samples).flat();
  return {
    processes: bases.length,
    users,
    seconds: elapsed,
    requests: all.length,
    rate: all.length / elapsed,
    overall: percentiles(all),
    kinds: Object.fromEntries(Object.entries(samples).filter(([, s]) => s.length).map(([k, s]) => [k, percentiles(s)])),
    statuses,
  };
}

const results = [];
for (const processes of which === 'overload' ? [] : [1, 2]) {
  const db = 'wuye_load';
  await sql(`DROP DATABASE IF EXISTS ${db}`);
  await sql(`CREATE DATABASE ${db} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const env = { DB_URL: dbUrl(db), REDIS_URL: redisUrl, LOG_LEVEL: 'error', RATE_LIMIT_WRITES_PER_MINUTE: '100000', RATE_LIMIT_SIGNIN_PER_MINUTE: '100000', DB_POOL_SIZE: '10' };
  // The first process seeds the demo county; the second starts on the seeded database.
  const apis = [await startApi({ ...env, SEED_DEMO: 'true' }, { root })];
  if (processes === 2) apis.push(await startApi(env, { root }));
  try {
    results.push(await runLoad(apis.map((a) => a.base)));
  } finally {
    await Promise.all(apis.map((a) => a.stop()));
  }
}

const ms = (p) => `p50 ${p.p50.toFixed(1)} ms  p99 ${p.p99.toFixed(1)} ms`;
if (results.length) console.log(`\nMixed load, ${users} concurrent users, ${seconds} s per run (MariaDB, demo county)`);
for (const r of results) {
  console.log(`${r.processes} process${r.processes > 1 ? 'es' : ''}: ${r.rate.toFixed(0)} requests/s sustained, ${ms(r.overall)}  (${r.requests} timed requests; statuses ${JSON.stringify(r.statuses)})`);
  for (const [kind, p] of Object.entries(r.kinds)) console.log(`   ${kind.padEnd(14)} ${String(p.n).padStart(6)}  ${ms(p)}`);
}
if (results.length === 2) console.log(`two processes / one: ${(results[1].rate / results[0].rate).toFixed(2)}× the rate (on this 2-core machine the database and client share the cores)`);
mkdirSync(join(REPO, 'bench/results'), { recursive: true });
if (results.length) writeFileSync(join(REPO, `bench/results/load-${new Date().toISOString().slice(0, 10)}.json`), JSON.stringify(results, null, 2));

if (which !== 'mixed') {
  const overloadSeconds = Number(arg('overload-seconds', 20));
  const connectionCounts = String(arg('connections', '400,1600')).split(',').map(Number);
  const engines = String(arg('engines', 'sqlite,mariadb')).split(',');
  const clients = String(arg('clients', 'raw,app')).split(',');
  const rows = [];
  for (const engine of engines) rows.push(...(await overload(engine, connectionCounts, overloadSeconds, clients)));
  console.log(
    `\nOverload: manager inbox over keep-alive connections, ${overloadSeconds} s per run, one process, 4 residents reporting meanwhile, shedding ${arg('shedding', 'on')}.` +
      '\nraw: autocannon, each connection calls again the moment it has an answer (a 503 too); app: each waits Retry-After plus up to half' +
      '\nagain after a 503, as the mini-program does, through a proxy (X-Forwarded-For, pooled connections). Longest wait and over 2 s: calls on connections already open; first calls also' +
      '\nwait for the load generator to get to them and for the server to accept them. Newcomers: a separate process opening a fresh' +
      '\nconnection for one call every 250 ms (bench/newcomers.mjs), what a user opening the app meanwhile waits. No answer: calls that' +
      '\nfailed, and connections whose first call was still unanswered when the run ended.',
  );
  console.log('| database | connections | client | answers/s | served | served p99 | shed | 500s | no answer | longest wait | over 2 s | slowest first call | first calls over 2 s | newcomers: slowest connect / answer | newcomers over 2 s | reports accepted / lost | error lines |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.engine} | ${r.connections} | ${r.client} | ${r.rate.toFixed(0)} | ${r.served} | ${r.servedP99.toFixed(0)} ms | ${(r.shedShare * 100).toFixed(1)} % | ${r.errors500} | ${r.noAnswer} | ` +
        `${(r.longest / 1000).toFixed(2)} s | ${r.over2s} | ${(r.longestFirst / 1000).toFixed(2)} s | ${r.firstOver2s} of ${r.firstCalls} | ` +
        `${(r.newcomer.slowestConnectMs / 1000).toFixed(2)} / ${(r.newcomer.slowestAnswerMs / 1000).toFixed(2)} s | ${r.newcomer.over2s} of ${r.newcomer.newcomers} | ` +
        `${r.reports.accepted} / ${r.reports.lost} | ${r.errorLines} |`,
    );
  }
  writeFileSync(join(REPO, `bench/results/overload-${new Date().toISOString().slice(0, 10)}.json`), JSON.stringify(rows, null, 2));
}

/** What one overload run saw: answers by status, the waits of the calls served, the longest waits. */
function tally() {
  const statuses = {};
  const served = [];
  const t = { statuses, served, longest: 0, over2s: 0, longestFirst: 0, firstOver2s: 0, firstCalls: 0, noAnswer: 0 };
  /** `first`: the call opened its connection, so its wait includes the server accepting it. */
  t.add = (status, ms, first) => {
    if (status === 0) return void t.noAnswer++;
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status === 200) served.push(ms);
    if (first) {
      t.firstCalls++;
      t.longestFirst = Math.max(t.longestFirst, ms);
      if (ms > 2000) t.firstOver2s++;
      return;
    }
    t.longest = Math.max(t.longest, ms);
    if (ms > 2000) t.over2s++;
  };
  return t;
}

/** autocannon: every connection sends its next call the moment it has an answer, whatever the answer said. */
async function rawClients(url, authorization, connections, seconds, t) {
  const opened = new Set();
  const run = autocannon({ url, headers: { Authorization: authorization }, connections, duration: seconds, timeout: 60 });
  run.on('response', (client, status, _bytes, ms) => {
    t.add(status, ms, !opened.has(client));
    opened.add(client);
  });
  const result = await run;
  // A connection never answered in the whole run: its first call is still waiting (a server that lets some
  // connections in and starves the rest serves a low p99 to those it let in).
  t.noAnswer += result.errors + (connections - opened.size);
  return result.duration;
}

/**
 * As many users as connections, each waiting Retry-After plus up to half again after a 503, as the mini-program does,
 * and coming through a proxy as behind nginx: the users share the pooled connections, and each call names its user's
 * address in X-Forwarded-For (the API runs with TRUST_PROXY=1).
 */
async function appClients(url, authorization, connections, seconds, t) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const call = (user) =>
    new Promise((resolve) => {
      const started = performance.now();
      const req = httpGet(url, { agent, headers: { Authorization: authorization, 'X-Forwarded-For': `10.8.${user >> 8}.${user & 255}` } }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - started, first: !req.reusedSocket, retryAfter: Number(res.headers['retry-after'] ?? 1) }));
      });
      req.setTimeout(60_000, () => req.destroy());
      req.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    });
  const started = performance.now();
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async (_, user) => {
      while (Date.now() < until) {
        const answer = await call(user);
        t.add(answer.status, answer.ms, answer.first);
        if (answer.status === 503) await new Promise((r) => setTimeout(r, answer.retryAfter * 1000 * (1 + Math.random() / 2)));
      }
    }),
  );
  agent.destroy();
  return (performance.now() - started) / 1000;
}

/**
 * One API process on `engine` with the demo county; for each connection count and kind of client, that many inbox
 * calls in flight for `seconds` while four residents report (a shed report is kept and sent again afterwards with
 * the same Idempotency-Key, as the app's outbox does). Counts answers by status, the log lines at error level, and
 * checks that every report the API accepted can be read back.
 */
async function overload(engine, connectionCounts, seconds, clients) {
  const env = { LOG_LEVEL: 'warn', RATE_LIMIT_WRITES_PER_MINUTE: '100000', RATE_LIMIT_SIGNIN_PER_MINUTE: '100000', SEED_DEMO: 'true', TRUST_PROXY: '1' };
  // --shedding off: the same build with every shedding threshold off, to compare with.
  if (arg('shedding', 'on') === 'off') Object.assign(env, { SHED_EVENT_LOOP_DELAY_MS: '0', SHED_HEAP_USED_MB: '0', SHED_DB_WAIT_MS: '0', SHED_CALL_WAIT_MS: '0' });
  if (engine === 'mariadb') {
    await sql('DROP DATABASE IF EXISTS wuye_overload');
    await sql('CREATE DATABASE wuye_overload CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
    Object.assign(env, { DB_URL: dbUrl('wuye_overload'), DB_POOL_SIZE: '10' });
  } else {
    env.DB_URL = '';
  }
  let errorLines = 0;
  let errorSamples = [];
  let shedWhy = {};
  const api = await startApi(env, {
    root,
    onLine: (line) => {
      if (/"level":(50|60)/.test(line) && errorLines++ < 3) errorSamples.push(line.slice(0, 400));
      if (process.env.OVERLOAD_LOG) appendFileSync(process.env.OVERLOAD_LOG, `${line}\n`);
      // The API's warning once a second while it sheds: why, in a few words.
      const shed = /"reason":"([^"]+)"/.exec(line)?.[1]?.replace(/\d+/g, 'N');
      if (shed) shedWhy[shed] = (shedWhy[shed] ?? 0) + 1;
    },
  });
  const rows = [];
  try {
    const auth = async (user) => {
      const res = await fetch(`${api.base}/api/v1/auth/dev`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user }) });
      return `Bearer ${(await res.json()).accessToken}`;
    };
    const manager = await auth('manager.jinxiu');
    const resident = await auth('resident.jinxiu');
    const communityId = (await (await fetch(`${api.base}/api/v1/me`, { headers: { Authorization: resident } })).json()).houses[0].communityId;
    // A process that has served calls before: a fresh one runs its code unoptimised for its first seconds, and a row
    // would then show V8 warming up as well as the policy (SQLite, 400 raw connections, shedding on: served p99 0.74
    // and 0.76 s from cold, 0.58 and 0.55 s warmed). The first 2–3 s of a surge of 400 connections still run slower
    // after this (p50 0.41–0.55 s against 0.24 s later): that is the surge, which a warm process meets too. A busy day
    // meets a process that has been serving. --warm-seconds 0: from cold.
    const warmSeconds = Number(arg('warm-seconds', 5));
    if (warmSeconds > 0) await autocannon({ url: `${api.base}/api/v1/tickets?view=inbox`, headers: { Authorization: manager }, connections: 16, duration: warmSeconds });
    for (const connections of connectionCounts) {
      for (const client of clients) {
        errorLines = 0;
        errorSamples = [];
        shedWhy = {};
        const reports = reporting(api.base, resident, communityId, `${engine}${connections}${client}${Date.now().toString(36)}`);
        const t = tally();
        const url = `${api.base}/api/v1/tickets?view=inbox`;
        const newcomers = newcomersMeanwhile(url, manager, seconds);
        const duration = await (client === 'raw' ? rawClients : appClients)(url, manager, connections, seconds, t);
        const written = await reports.finish();
        const newcomer = await newcomers;
        const answers = Object.values(t.statuses).reduce((a, b) => a + b, 0);
        const row = {
          engine,
          connections,
          client,
          seconds: duration,
          rate: answers / duration,
          served: t.served.length,
          servedP99: t.served.length ? percentiles(t.served).p99 : 0,
          shedShare: answers ? (t.statuses[503] ?? 0) / answers : 0,
          errors500: Object.entries(t.statuses).filter(([s]) => Number(s) >= 500 && Number(s) !== 503).reduce((a, [, n]) => a + n, 0),
          noAnswer: t.noAnswer,
          longest: t.longest,
          over2s: t.over2s,
          longestFirst: t.longestFirst,
          firstOver2s: t.firstOver2s,
          firstCalls: t.firstCalls,
          newcomer,
          statuses: t.statuses,
          reports: written,
          errorLines,
          errorSamples,
          shedWhy,
        };
        rows.push(row);
        console.log(JSON.stringify(row));
        // Let the queues drain and the connections close before the next run.
        await new Promise((r) => setTimeout(r, 3000));
      }
    }
  } finally {
    await api.stop();
  }
  return rows;
}

/** bench/newcomers.mjs in its own process for the run: a fresh connection and one call every 250 ms. */
function newcomersMeanwhile(url, authorization, seconds) {
  return new Promise((resolve, reject) =>
    execFile(process.execPath, [join(REPO, 'bench/newcomers.mjs'), url, authorization, String(seconds)], (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout)))),
  );
}

/**
 * Four residents reporting in a loop while the overload runs. `finish()` stops them, sends what was not accepted
 * again with its own key until it is (as the outbox does), then reads every accepted ticket back.
 */
function reporting(base, token, communityId, tag) {
  const headers = { Authorization: token, 'Content-Type': 'application/json' };
  const accepted = new Map();
  const waiting = new Set();
  let stop = false;
  let n = 0;
  let shed = 0;
  const send = async (key) => {
    try {
      const res = await fetch(`${base}/api/v1/tickets`, {
        method: 'POST',
        headers: { ...headers, 'Idempotency-Key': key },
        body: JSON.stringify({ communityId, kind: 'repair', categoryCode: 'facility', description: `压测：单元门禁失灵 ${key}`, photoIds: [], place: '1单元' }),
      });
      const body = await res.json().catch(() => null);
      if (res.status === 201) {
        accepted.set(key, body.id);
        waiting.delete(key);
        return;
      }
      if (res.status === 503) shed++;
      waiting.add(key);
    } catch {
      waiting.add(key);
    }
  };
  const loops = Array.from({ length: 4 }, async (_, i) => {
    while (!stop) await send(`ovl-${tag}-${i}-${n++}`.slice(0, 64));
  });
  return {
    async finish() {
      stop = true;
      await Promise.all(loops);
      const resent = waiting.size;
      for (let round = 0; round < 20 && waiting.size; round++) {
        for (const key of [...waiting]) await send(key);
        if (waiting.size) await new Promise((r) => setTimeout(r, 1000));
      }
      let lost = 0;
      for (const id of accepted.values()) {
        // Read back as the app would: a busy answer is asked again after its Retry-After; only a 404 is a loss.
        let res = await fetch(`${base}/api/v1/tickets/${id}`, { headers });
        for (let i = 0; i < 20 && res.status === 503; i++) {
          await new Promise((r) => setTimeout(r, Number(res.headers.get('retry-after') ?? 1) * 1000));
          res = await fetch(`${base}/api/v1/tickets/${id}`, { headers });
        }
        if (res.status !== 200) lost++;
      }
      return { accepted: accepted.size, shed, resent, neverAccepted: waiting.size, lost };
    },
  };
}
