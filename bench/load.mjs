// Sustained load with a realistic mix, on one API process and on two (the client spreads requests over both, as
// nginx would): residents reading the board, their tickets and a ticket, reading notifications, reporting;
// managers reading the inbox and accepting new tickets. Prints request rate and p50/p99 per kind and overall.
//   node bench/load.mjs [--seconds 30] [--users 32]
// MariaDB database `wuye_load` (demo county, recreated each run); Redis at REDIS_URL (default 127.0.0.1:6379/5)
// holds the rate-limit counters both processes share.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, arg, build, dbUrl, percentiles, sql, startApi } from './lib.mjs';

const seconds = Number(arg('seconds', 30));
const users = Number(arg('users', 32));
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/5';
build();

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
for (const processes of [1, 2]) {
  const db = 'wuye_load';
  await sql(`DROP DATABASE IF EXISTS ${db}`);
  await sql(`CREATE DATABASE ${db} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const env = { DB_URL: dbUrl(db), REDIS_URL: redisUrl, LOG_LEVEL: 'error', RATE_LIMIT_WRITES_PER_MINUTE: '100000', RATE_LIMIT_SIGNIN_PER_MINUTE: '100000', DB_POOL_SIZE: '10' };
  // The first process seeds the demo county; the second starts on the seeded database.
  const apis = [await startApi({ ...env, SEED_DEMO: 'true' })];
  if (processes === 2) apis.push(await startApi(env));
  try {
    results.push(await runLoad(apis.map((a) => a.base)));
  } finally {
    await Promise.all(apis.map((a) => a.stop()));
  }
}

const ms = (p) => `p50 ${p.p50.toFixed(1)} ms  p99 ${p.p99.toFixed(1)} ms`;
console.log(`\nMixed load, ${users} concurrent users, ${seconds} s per run (MariaDB, demo county)`);
for (const r of results) {
  console.log(`${r.processes} process${r.processes > 1 ? 'es' : ''}: ${r.rate.toFixed(0)} requests/s sustained, ${ms(r.overall)}  (${r.requests} timed requests; statuses ${JSON.stringify(r.statuses)})`);
  for (const [kind, p] of Object.entries(r.kinds)) console.log(`   ${kind.padEnd(14)} ${String(p.n).padStart(6)}  ${ms(p)}`);
}
if (results.length === 2) console.log(`two processes / one: ${(results[1].rate / results[0].rate).toFixed(2)}× the rate (on this 2-core machine the database and client share the cores)`);
mkdirSync(join(REPO, 'bench/results'), { recursive: true });
writeFileSync(join(REPO, `bench/results/load-${new Date().toISOString().slice(0, 10)}.json`), JSON.stringify(results, null, 2));
