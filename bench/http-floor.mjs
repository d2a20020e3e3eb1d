// The least any HTTP service can do for a request that runs these statements: Node's own HTTP server, no framework,
// replaying the statements (a JSON file of strings, argv[2]) on one pooled connection of a mysql2 pool
// (DB_URL, DB_POOL_SIZE), answering the last SELECT's rows as JSON. Started by tickets.mjs beside the API, so
// the run shows how much of "API vs bare driver" is the HTTP hop itself on this machine.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { createPool } from 'mysql2/promise';

const statements = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const url = new URL(process.env.DB_URL);
const pool = createPool({
  host: url.hostname,
  port: Number(url.port || 3306),
  user: decodeURIComponent(url.username),
  password: decodeURIComponent(url.password),
  database: url.pathname.slice(1),
  connectionLimit: Number(process.env.DB_POOL_SIZE ?? 10),
});
const listing = statements.findIndex((q) => /ORDER BY/i.test(q));

const server = http.createServer(async (_req, res) => {
  const conn = await pool.getConnection();
  let items;
  try {
    for (const [i, q] of statements.entries()) {
      const [rows] = await conn.query(q);
      if (i === listing) items = rows;
    }
  } finally {
    conn.release();
  }
  const body = JSON.stringify({ items });
  res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
