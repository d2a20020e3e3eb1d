// County overview and per-company statistics at 50 thousand and at 5 million tickets in MariaDB: p95 latency and
// the ratio between the two. Target: p95 under 300 ms and a ratio under 2.
//   node bench/oversight.mjs [--large 5000000] [--small 50000] [--communities 1500] [--reuse]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, arg, build, dbUrl, prepare, sql, startApi, timeGets } from './lib.mjs';

const sizes = [Number(arg('small', 50000)), Number(arg('large', 5000000))];
const communities = Number(arg('communities', 1500));
const reuse = process.argv.includes('--reuse');
build();

const results = [];
for (const tickets of sizes) {
  const name = await prepare(tickets, communities, reuse);
  // A platform admin for the development sign-in (the bulk seed has no accounts).
  await sql("INSERT IGNORE INTO app_user (display_name, dev_key) VALUES ('压测管理员', 'bench.admin')", [], name);
  const [{ id: adminId }] = await sql("SELECT id FROM app_user WHERE dev_key = 'bench.admin'", [], name);
  await sql("INSERT INTO role_assignment (user_id, role) SELECT ?, 'platform_admin' FROM DUAL WHERE NOT EXISTS (SELECT 1 FROM role_assignment WHERE user_id = ? AND role = 'platform_admin')", [adminId, adminId], name);
  const [{ id: countyId }] = await sql("SELECT id FROM area WHERE level = 'county' ORDER BY id LIMIT 1", [], name);
  const api = await startApi({ DB_URL: dbUrl(name), DB_POOL_SIZE: '10' });
  try {
    const token = (await (await fetch(`${api.base}/api/v1/auth/dev`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: 'bench.admin' }) })).json()).accessToken;
    const headers = { Authorization: `Bearer ${token}` };
    const to = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
    const from = new Date(Date.now() + 8 * 3600e3 - 365 * 86400e3).toISOString().slice(0, 10);
    const overview = await timeGets(`${api.base}/api/v1/stats/overview?areaId=${countyId}&from=${from}&to=${to}`, headers);
    const companies = await timeGets(`${api.base}/api/v1/stats/companies?areaId=${countyId}&from=${from}&to=${to}`, headers);
    const [{ n: ticketRows }] = await sql('SELECT COUNT(*) AS n FROM ticket', [], name);
    const [{ n: rollupRows }] = await sql('SELECT COUNT(*) AS n FROM ticket_rollup', [], name);
    results.push({ tickets: Number(ticketRows), rollupRows: Number(rollupRows), communities, overview, companies });
  } finally {
    await api.stop();
  }
}

const fmt = (p) => `p50 ${p.p50.toFixed(1)} ms  p95 ${p.p95.toFixed(1)} ms  p99 ${p.p99.toFixed(1)} ms`;
console.log('\nCounty overview and per-company statistics (one county of 150 estates, a year of tickets), MariaDB');
for (const r of results) {
  console.log(`${String(r.tickets).padStart(9)} tickets (${r.rollupRows} rollup rows)`);
  console.log(`   overview   ${fmt(r.overview)}`);
  console.log(`   companies  ${fmt(r.companies)}`);
}
const [small, large] = results;
const ratio = (k) => large[k].p95 / small[k].p95;
console.log(`p95 ratio ${large.tickets}/${small.tickets}: overview ${ratio('overview').toFixed(2)}, companies ${ratio('companies').toFixed(2)} (target < 2; p95 target < 300 ms)`);
mkdirSync(join(REPO, 'bench/results'), { recursive: true });
writeFileSync(join(REPO, `bench/results/oversight-${new Date().toISOString().slice(0, 10)}.json`), JSON.stringify(results, null, 2));
