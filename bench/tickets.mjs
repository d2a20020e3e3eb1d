// Tickets through the API beside a bare mysql2 client issuing the very same SQL, in the same run:
//  - creation throughput (POST /api/v1/tickets, `--concurrency` at a time), and
//  - the manager's inbox (GET /api/v1/tickets?view=inbox) latency p50/p95/p99,
// at 10 thousand and at 1 million tickets in MariaDB. Targets: the inbox's API/floor (the HTTP floor below) ≤ 1.2 at
// p50 and ≤ 1.5 in CPU per call; the inbox at 1 million within 1.5× of 10 thousand. (The old "within 2× of the bare
// driver" is withdrawn: on this machine the framework-free HTTP floor alone is about 2×.)
//   node bench/tickets.mjs [--small 10000] [--large 1000000] [--communities 500] [--create 2000] [--concurrency 16]
//                          [--samples 4000] [--warmup 20000] [--reuse] [--baseline <git revision> [--baseline-first]] [--show-sql]
//
// --baseline: the API as built at that revision runs beside this one on the same database, in the same alternating
// blocks (before/after in one run): its inbox latency, CPU per call and creation rate are printed beside ours.
//
// "The same SQL": MariaDB's general log records every statement the API sends for one request; the bare client
// replays that sequence (transaction included) with its own pool of the same size, varying only the unique key.
//
// Beside them, the inbox's "HTTP floor" (bench/http-floor.mjs): Node's bare HTTP server replaying the same SQL, the
// least any HTTP service can add on this machine. API/floor is what the framework, the ORM and our code cost.
// Each inbox path also reports the CPU its process spent per call (the API's and the floor's server, the bench's own
// process for the bare driver): on a small, shared machine latency depends on scheduling, CPU time much less.
//
// Steady state, not start-up: every path is warmed first (a fresh API process's CPU per inbox call was still falling
// after 5,000 calls while V8 compiled the hot code; after 20,000 it holds), then inbox samples and creations are
// taken in alternating blocks of each path, so all meet the same machine. The API is called with Node's own HTTP
// client over keep-alive connections, so the figures are the API's, not a heavier client's.
import http from 'node:http';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPool } from 'mysql2/promise';
import { REPO, SERVER, arg, baselineBuild, build, capture, dbUrl, percentiles, prepare, sql, startApi, startFloor } from './lib.mjs';

const sizes = [Number(arg('small', 10000)), Number(arg('large', 1000000))];
const communities = Number(arg('communities', 500));
const creations = Number(arg('create', 2000));
const concurrency = Number(arg('concurrency', 16));
const inboxSamples = Number(arg('samples', 4000));
const warmup = Number(arg('warmup', 20000));
/** Timed blocks per path, inbox and creation: CPU time is read per block (in 10 ms ticks), so a block should last a second or so. */
const rounds = 6;
const POOL = 10;
const reuse = process.argv.includes('--reuse');
const showSql = process.argv.includes('--show-sql');
const baselineFirst = process.argv.includes('--baseline-first');
const baselineRev = arg('baseline', null);
build();
const baselineRoot = baselineRev ? baselineBuild(baselineRev) : null;

const server = new URL(SERVER);

/** A manager of the busiest estate, and one of its owners as reporter, with development sign-in keys. */
async function accounts(db) {
  const [{ community_id: communityId }] = await sql('SELECT community_id FROM ticket GROUP BY community_id ORDER BY COUNT(*) DESC LIMIT 1', [], db);
  const [{ company_id: companyId }] = await sql('SELECT company_id FROM service_contract WHERE community_id = ? AND terminated_at IS NULL ORDER BY id DESC LIMIT 1', [communityId], db);
  await sql("INSERT IGNORE INTO app_user (display_name, dev_key) VALUES ('压测项目经理', 'bench.manager')", [], db);
  const [{ id: managerId }] = await sql("SELECT id FROM app_user WHERE dev_key = 'bench.manager'", [], db);
  await sql('DELETE FROM role_assignment WHERE user_id = ?', [managerId], db);
  await sql("INSERT INTO role_assignment (user_id, role, community_id, company_id) VALUES (?, 'manager', ?, ?)", [managerId, communityId, companyId], db);
  const [{ user_id: residentId }] = await sql("SELECT user_id FROM house_binding WHERE community_id = ? AND state = 'approved' ORDER BY id LIMIT 1", [communityId], db);
  await sql("UPDATE app_user SET dev_key = NULL WHERE dev_key = 'bench.resident'", [], db);
  await sql("UPDATE app_user SET dev_key = 'bench.resident' WHERE id = ?", [residentId], db);
  // The estate's categories (its own settings or the defaults): one its tickets already use.
  const [{ category_code: categoryCode }] = await sql('SELECT category_code FROM ticket WHERE community_id = ? ORDER BY id DESC LIMIT 1', [communityId], db);
  return { communityId: Number(communityId), categoryCode };
}

async function replay(pool, statements, vary = (q) => q) {
  const conn = await pool.getConnection();
  try {
    for (const q of statements) await conn.query(vary(q));
  } finally {
    conn.release();
  }
}

/** Runs `one(i)` for i in [from, from + total), `parallel` at a time; returns the seconds it took. */
async function timed(from, total, parallel, one) {
  let next = from;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < from + total) await one(next++);
    }),
  );
  return (performance.now() - started) / 1000;
}

const TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;
/** CPU time (ms) a process has used so far, user and system: from /proc for another process, Node's own for this one. */
function cpuMs(pid) {
  if (pid === process.pid) {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  }
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
}

/**
 * Latency samples of several paths ({one, pid}), each run alone in turn in blocks of `count / rounds` calls, the
 * order reversed every round (a b c, c b a, …) after `warm` untimed calls of each taken in the same alternating
 * blocks: all meet the same machine over the run, none waits on another's work between its own calls, and each has
 * sat idle as long as the others before its first timed block. (Warmed all at once before the rounds, the first path
 * sat idle through every other path's warm-up, and V8 shrinks an idle process's young generation: its first timed
 * block cost up to twice the CPU of its later ones.) With each path's percentiles, the CPU its process (`pid`: the
 * server, or this process for the bare driver) spent per call: unlike latency, it does not depend on how the two
 * cores were scheduled.
 */
async function interleavedLatencies(count, warm, paths) {
  const block = Math.ceil(count / rounds);
  const inTurn = (round) => (round % 2 ? [...paths.entries()].reverse() : [...paths.entries()]);
  for (let round = 0; round * block < warm; round++) for (const [, { one }] of inTurn(round)) for (let i = 0; i < block; i++) await one();
  const samples = paths.map(() => []);
  const cpu = paths.map(() => 0);
  for (let round = 0; round < rounds; round++) {
    for (const [k, { one, pid }] of inTurn(round)) {
      const before = cpuMs(pid);
      for (let i = 0; i < block; i++) {
        const t0 = performance.now();
        await one();
        samples[k].push(performance.now() - t0);
      }
      cpu[k] += cpuMs(pid) - before;
    }
  }
  return samples.map((s, k) => ({ ...percentiles(s), cpuPerCall: cpu[k] / s.length }));
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
/** One HTTP request on a kept-alive connection: status and parsed JSON body. */
function request(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          resolve({ status: res.statusCode, body: text ? JSON.parse(text) : null, text });
        } catch (error) {
          reject(error);
        }
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const results = [];
const run = Date.now().toString(36);
for (const size of sizes) {
  const db = await prepare(size, communities, reuse);
  const { communityId, categoryCode } = await accounts(db);
  const apiEnv = { DB_URL: dbUrl(db), DB_POOL_SIZE: String(POOL), RATE_LIMIT_WRITES_PER_MINUTE: '100000', LOG_LEVEL: 'warn' };
  // --baseline-first: the baseline's process is started first (by default it is started second), to tell the order's
  // effect from the builds'.
  const first = baselineRoot && baselineFirst ? await startApi(apiEnv, { root: baselineRoot }) : null;
  const api = await startApi(apiEnv);
  const baseApi = baselineRoot ? (first ?? (await startApi(apiEnv, { root: baselineRoot }))) : null;
  const pool = createPool({ host: server.hostname, port: Number(server.port || 3306), user: decodeURIComponent(server.username), password: decodeURIComponent(server.password), database: db, connectionLimit: POOL });
  try {
    const signIn = async (user) => `Bearer ${(await request(`${api.base}/api/v1/auth/dev`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user }) })).body.accessToken}`;
    const manager = { Authorization: await signIn('bench.manager') };
    const resident = { Authorization: await signIn('bench.resident'), 'Content-Type': 'application/json' };

    // The inbox: first page, newest first, as the manager opens it.
    const inboxUrl = `${api.base}/api/v1/tickets?view=inbox`;
    const getInbox = async () => {
      const res = await request(inboxUrl, { headers: manager });
      if (res.status !== 200 || !res.body.items?.length) throw new Error(`inbox answered ${res.status} ${res.text.slice(0, 200)}`);
    };
    const inboxSql = await capture(db, getInbox);
    const floor = await startFloor(db, inboxSql, { pool: POOL });
    const getFloor = async () => {
      const res = await request(floor.base);
      if (res.status !== 200 || !res.body.items?.length) throw new Error(`the HTTP floor answered ${res.status} ${res.text.slice(0, 200)}`);
    };
    // The baseline signs in on its own server (same users, same database).
    const baseManager = baseApi ? { Authorization: `Bearer ${(await request(`${baseApi.base}/api/v1/auth/dev`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: 'bench.manager' }) })).body.accessToken}` } : null;
    const getBaseInbox = async () => {
      const res = await request(`${baseApi.base}/api/v1/tickets?view=inbox`, { headers: baseManager });
      if (res.status !== 200 || !res.body.items?.length) throw new Error(`the baseline inbox answered ${res.status} ${res.text.slice(0, 200)}`);
    };
    const [inboxApi, inboxFloor, inboxBare, inboxBase] = await interleavedLatencies(inboxSamples, warmup, [
      { one: getInbox, pid: api.child.pid },
      { one: getFloor, pid: floor.pid },
      { one: () => replay(pool, inboxSql), pid: process.pid },
      ...(baseApi ? [{ one: getBaseInbox, pid: baseApi.child.pid }] : []),
    ]).finally(floor.stop);

    // Creation: one captured, then `creations` through each path with the same concurrency.
    const body = (i) => JSON.stringify({ communityId, kind: 'repair', categoryCode, description: `压测报事 ${run} ${i}`, photoIds: [], place: '3栋大堂' });
    const create = async (i, key = `bench-${run}-${size}-${i}`) => {
      const res = await request(`${api.base}/api/v1/tickets`, { method: 'POST', headers: { ...resident, 'Idempotency-Key': key }, body: body(i) });
      if (res.status !== 201) throw new Error(`create answered ${res.status} ${res.text}`);
    };
    const captureKey = `bench-${run}-${size}-capture`;
    // The estate's first ticket (of the day) also writes its categories and today's rollup rows: one creation before
    // the capture, so the bare path replays a creation as it usually is, not that first one.
    await create(-2);
    const createSql = await capture(db, () => create(-1, captureKey));
    if (!createSql.some((q) => q.includes(captureKey))) throw new Error('the captured creation does not carry its idempotency key');
    if (showSql) console.log(`\nstatements of one inbox page:\n  ${inboxSql.join('\n  ')}\nstatements of one creation:\n  ${createSql.join('\n  ')}\n`);
    const createBareOne = (i) => replay(pool, createSql, (q) => q.replaceAll(captureKey, `bare-${run}-${size}-${i}`));
    // Warm both paths, then alternate rounds: creations per second over all timed rounds of each.
    const warmCreations = Math.min(creations, 300);
    await timed(-warmCreations, warmCreations, concurrency, (i) => create(i, `bench-${run}-${size}-warm${i}`));
    await timed(-warmCreations, warmCreations, concurrency, (i) => createBareOne(`warm${i}`));
    const baseResident = baseApi ? { Authorization: `Bearer ${(await request(`${baseApi.base}/api/v1/auth/dev`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: 'bench.resident' }) })).body.accessToken}`, 'Content-Type': 'application/json' } : null;
    const createBase = async (i) => {
      const res = await request(`${baseApi.base}/api/v1/tickets`, { method: 'POST', headers: { ...baseResident, 'Idempotency-Key': `base-${run}-${size}-${i}` }, body: body(i) });
      if (res.status !== 201) throw new Error(`the baseline create answered ${res.status} ${res.text}`);
    };
    if (baseApi) await timed(-warmCreations, warmCreations, concurrency, (i) => createBase(`warm${i}`));
    const seconds = { api: 0, bare: 0, base: 0 };
    const perRound = Math.ceil(creations / rounds);
    for (let r = 0; r < rounds; r++) {
      seconds.api += await timed(r * perRound, perRound, concurrency, (i) => create(i));
      seconds.bare += await timed(r * perRound, perRound, concurrency, createBareOne);
      if (baseApi) seconds.base += await timed(r * perRound, perRound, concurrency, createBase);
    }
    const createApi = (perRound * rounds) / seconds.api;
    const createBare = (perRound * rounds) / seconds.bare;
    const createBaseRate = baseApi ? (perRound * rounds) / seconds.base : null;

    const [{ n }] = await sql('SELECT COUNT(*) AS n FROM ticket', [], db);
    results.push({ tickets: Number(n), statements: { inbox: inboxSql.length, create: createSql.length }, inboxApi, inboxFloor, inboxBare, createApi, createBare, ...(baseApi ? { baseline: baselineRev, inboxBase, createBase: createBaseRate } : {}) });
  } finally {
    await pool.end();
    await api.stop();
    await baseApi?.stop();
  }
}

const ms = (p) => `p50 ${p.p50.toFixed(1)}  p95 ${p.p95.toFixed(1)}  p99 ${p.p99.toFixed(1)} ms`;
console.log(`\nTickets through the API vs bare mysql2 replaying the same SQL (MariaDB, pool ${POOL}, ${concurrency} concurrent creators, ${warmup} warm-up calls, ${inboxSamples} inbox samples each)`);
for (const r of results) {
  console.log(`${r.tickets.toLocaleString('en')} tickets`);
  const ratio = (a, b) => `p50 ${(a.p50 / b.p50).toFixed(2)}  p95 ${(a.p95 / b.p95).toFixed(2)}  p99 ${(a.p99 / b.p99).toFixed(2)}`;
  console.log(`  inbox   API   ${ms(r.inboxApi)}   API/bare ${ratio(r.inboxApi, r.inboxBare)}`);
  console.log(`          floor ${ms(r.inboxFloor)}   floor/bare ${ratio(r.inboxFloor, r.inboxBare)}   API/floor ${ratio(r.inboxApi, r.inboxFloor)}`);
  console.log(`          bare  ${ms(r.inboxBare)}   (${r.statements.inbox} statements)`);
  const cpu = (p) => `${p.cpuPerCall.toFixed(2)} ms`;
  console.log(`          CPU per call: API server ${cpu(r.inboxApi)}, floor server ${cpu(r.inboxFloor)}, bare client ${cpu(r.inboxBare)}   API/floor ${(r.inboxApi.cpuPerCall / r.inboxFloor.cpuPerCall).toFixed(2)}`);
  console.log(`  create  API  ${r.createApi.toFixed(0)}/s   bare ${r.createBare.toFixed(0)}/s   (${r.statements.create} statements)  bare/API ${(r.createBare / r.createApi).toFixed(2)}`);
  if (r.inboxBase) {
    console.log(`  baseline ${r.baseline}: inbox ${ms(r.inboxBase)}   its API/floor ${ratio(r.inboxBase, r.inboxFloor)}`);
    console.log(`          CPU per call ${cpu(r.inboxBase)}, its API/floor ${(r.inboxBase.cpuPerCall / r.inboxFloor.cpuPerCall).toFixed(2)}   this/baseline: p50 ${(r.inboxApi.p50 / r.inboxBase.p50).toFixed(2)}  CPU ${(r.inboxApi.cpuPerCall / r.inboxBase.cpuPerCall).toFixed(2)}`);
    console.log(`          create ${r.createBase.toFixed(0)}/s   this/baseline ${(r.createApi / r.createBase).toFixed(2)}`);
  }
}
const [small, large] = results;
console.log(`inbox p95 at ${large.tickets.toLocaleString('en')} / at ${small.tickets.toLocaleString('en')}: ${(large.inboxApi.p95 / small.inboxApi.p95).toFixed(2)} (target ≤ 1.5)`);
for (const r of results) {
  const p50 = r.inboxApi.p50 / r.inboxFloor.p50;
  const cpu = r.inboxApi.cpuPerCall / r.inboxFloor.cpuPerCall;
  const meets = p50 <= 1.2 && cpu <= 1.5;
  console.log(`inbox API/floor at ${r.tickets.toLocaleString('en')}: p50 ${p50.toFixed(2)} (target ≤ 1.2), CPU per call ${cpu.toFixed(2)} (target ≤ 1.5): ${meets ? 'meets the target' : 'misses the target'}`);
}
mkdirSync(join(REPO, 'bench/results'), { recursive: true });
writeFileSync(join(REPO, `bench/results/tickets-${new Date().toISOString().slice(0, 10)}.json`), JSON.stringify(results, null, 2));
