// Tickets through the API beside a bare mysql2 client issuing the very same SQL, in the same run:
//  - creation throughput (POST /api/v1/tickets, `--concurrency` at a time), and
//  - the manager's inbox (GET /api/v1/tickets?view=inbox) latency p50/p95/p99,
// at 10 thousand and at 1 million tickets in MariaDB. Targets: the API within 2× of the bare driver; the inbox at
// 1 million within 1.5× of 10 thousand.
//   node bench/tickets.mjs [--small 10000] [--large 1000000] [--communities 500] [--create 2000] [--concurrency 16] [--reuse]
//
// "The same SQL": MariaDB's general log records every statement the API sends for one request; the bare client
// replays that sequence (transaction included) with its own pool of the same size, varying only the unique key.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection, createPool } from 'mysql2/promise';
import { REPO, SERVER, arg, build, dbUrl, percentiles, prepare, sql, startApi } from './lib.mjs';

const sizes = [Number(arg('small', 10000)), Number(arg('large', 1000000))];
const communities = Number(arg('communities', 500));
const creations = Number(arg('create', 2000));
const concurrency = Number(arg('concurrency', 16));
const inboxSamples = Number(arg('samples', 200));
const POOL = 10;
const reuse = process.argv.includes('--reuse');
build();

const server = new URL(SERVER);
const connect = (database) =>
  createConnection({ host: server.hostname, port: Number(server.port || 3306), user: decodeURIComponent(server.username), password: decodeURIComponent(server.password), database, multipleStatements: false });

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

/** The statements the API sent to `db` while `action` ran (MariaDB general log, the API's connections only). */
async function capture(db, action) {
  const admin = await connect();
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

async function replay(pool, statements, vary = (q) => q) {
  const conn = await pool.getConnection();
  try {
    for (const q of statements) await conn.query(vary(q));
  } finally {
    conn.release();
  }
}

async function throughput(total, parallel, one) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < total) await one(next++);
    }),
  );
  return total / ((performance.now() - started) / 1000);
}

async function latencies(count, one, warm = 10) {
  for (let i = 0; i < warm; i++) await one();
  const samples = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await one();
    samples.push(performance.now() - t0);
  }
  return percentiles(samples);
}

const results = [];
const run = Date.now().toString(36);
for (const size of sizes) {
  const db = await prepare(size, communities, reuse);
  const { communityId, categoryCode } = await accounts(db);
  const api = await startApi({ DB_URL: dbUrl(db), DB_POOL_SIZE: String(POOL), RATE_LIMIT_WRITES_PER_MINUTE: '100000', LOG_LEVEL: 'warn' });
  const pool = createPool({ host: server.hostname, port: Number(server.port || 3306), user: decodeURIComponent(server.username), password: decodeURIComponent(server.password), database: db, connectionLimit: POOL });
  try {
    const signIn = async (user) => `Bearer ${(await (await fetch(`${api.base}/api/v1/auth/dev`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user }) })).json()).accessToken}`;
    const manager = { Authorization: await signIn('bench.manager') };
    const resident = { Authorization: await signIn('bench.resident'), 'Content-Type': 'application/json' };

    // The inbox: first page, newest first, as the manager opens it.
    const inboxUrl = `${api.base}/api/v1/tickets?view=inbox`;
    const getInbox = async () => {
      const res = await fetch(inboxUrl, { headers: manager });
      const body = await res.json();
      if (!res.ok || !body.items?.length) throw new Error(`inbox answered ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    };
    const inboxSql = await capture(db, getInbox);
    const inboxApi = await latencies(inboxSamples, getInbox);
    const inboxBare = await latencies(inboxSamples, () => replay(pool, inboxSql));

    // Creation: one captured, then `creations` through each path with the same concurrency.
    const body = (i) => JSON.stringify({ communityId, kind: 'repair', categoryCode, description: `压测报事 ${run} ${i}`, photoIds: [], place: '3栋大堂' });
    const create = async (i, key = `bench-${run}-${size}-${i}`) => {
      const res = await fetch(`${api.base}/api/v1/tickets`, { method: 'POST', headers: { ...resident, 'Idempotency-Key': key }, body: body(i) });
      if (res.status !== 201) throw new Error(`create answered ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    };
    const captureKey = `bench-${run}-${size}-capture`;
    const createSql = await capture(db, () => create(-1, captureKey));
    if (!createSql.some((q) => q.includes(captureKey))) throw new Error('the captured creation does not carry its idempotency key');
    const createApi = await throughput(creations, concurrency, (i) => create(i));
    const createBare = await throughput(creations, concurrency, (i) => replay(pool, createSql, (q) => q.replaceAll(captureKey, `bare-${run}-${size}-${i}`)));

    const [{ n }] = await sql('SELECT COUNT(*) AS n FROM ticket', [], db);
    results.push({ tickets: Number(n), statements: { inbox: inboxSql.length, create: createSql.length }, inboxApi, inboxBare, createApi, createBare });
  } finally {
    await pool.end();
    await api.stop();
  }
}

const ms = (p) => `p50 ${p.p50.toFixed(1)}  p95 ${p.p95.toFixed(1)}  p99 ${p.p99.toFixed(1)} ms`;
console.log(`\nTickets through the API vs bare mysql2 replaying the same SQL (MariaDB, pool ${POOL}, ${concurrency} concurrent creators)`);
for (const r of results) {
  console.log(`${r.tickets.toLocaleString('en')} tickets`);
  console.log(`  inbox   API  ${ms(r.inboxApi)}`);
  console.log(`          bare ${ms(r.inboxBare)}   (${r.statements.inbox} statements)  API/bare p95 ${(r.inboxApi.p95 / r.inboxBare.p95).toFixed(2)}`);
  console.log(`  create  API  ${r.createApi.toFixed(0)}/s   bare ${r.createBare.toFixed(0)}/s   (${r.statements.create} statements)  bare/API ${(r.createBare / r.createApi).toFixed(2)}`);
}
const [small, large] = results;
console.log(`inbox p95 at ${large.tickets.toLocaleString('en')} / at ${small.tickets.toLocaleString('en')}: ${(large.inboxApi.p95 / small.inboxApi.p95).toFixed(2)} (target ≤ 1.5); API within 2× of bare: targets above`);
mkdirSync(join(REPO, 'bench/results'), { recursive: true });
writeFileSync(join(REPO, `bench/results/tickets-${new Date().toISOString().slice(0, 10)}.json`), JSON.stringify(results, null, 2));
