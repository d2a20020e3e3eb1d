import { createTestApp, TestApp } from './support/app';
import { fingerprint } from './support/fingerprint';
import { MATRIX, type MatrixCase } from './support/matrix-cases';
import { buildMatrixWorld, type MatrixWorld } from './support/matrix-world';

/**
 * Hostile input on every route of the OpenAPI document, sent by a caller entitled to the route (so it gets past
 * the access checks to the validation and the handlers): wrong types, oversized and deeply nested JSON, SQL and
 * script text, path traversal in ids and file names. Never a 5xx, malformed input changes nothing, and script
 * text never comes back as something a browser would run.
 */
jest.setTimeout(300_000);

const SCRIPT = '<script>alert("物业通")</script>';
const SQL = "1' OR '1'='1'; DROP TABLE ticket; --";
const HOSTILE_IDS = ['..%2F..%2Fetc%2Fpasswd', encodeURIComponent(SQL), '-1', '0', '1.5', '1e309', '99999999999999999999999', encodeURIComponent(SCRIPT), '%00'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Values of another type than `value`, and outright garbage. */
function wrongTypes(value: unknown): Json[] {
  if (typeof value === 'string') return [12345, { $gt: '' }, ['a'], 'x'.repeat(200_000)];
  if (typeof value === 'number') return ['12abc', SQL, -1e308, 1.000001, { n: 1 }, [value]];
  if (typeof value === 'boolean') return ['yes', 2];
  if (Array.isArray(value)) return ['not a list', [{ deep: [SCRIPT] }], Array.from({ length: 10_000 }, () => 1)];
  if (value && typeof value === 'object') return ['text', [1, 2], 7];
  return [SQL, { $ne: null }];
}

function deepJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Every malformed variant of a valid body: each field with each wrong type, then whole-body garbage. */
function malformedBodies(body: Record<string, unknown>): { label: string; raw?: string; json?: Json }[] {
  const out: { label: string; raw?: string; json?: Json }[] = [];
  for (const [field, value] of Object.entries(body)) {
    for (const bad of wrongTypes(value)) out.push({ label: `${field}=${JSON.stringify(bad).slice(0, 30)}`, json: { ...(body as Record<string, Json>), [field]: bad } });
  }
  out.push({ label: 'array body', json: [body as Json] });
  out.push({ label: 'string body', raw: JSON.stringify(SQL) });
  out.push({ label: 'deep JSON', raw: deepJson(5000) });
  out.push({ label: 'broken JSON', raw: '{"description": "未闭合' });
  out.push({ label: 'prototype pollution', raw: JSON.stringify(body).replace(/^\{/, '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}},') });
  return out;
}

describe('fuzzing every route', () => {
  let t: TestApp;
  let w: MatrixWorld;
  let routes: string[];
  const findings: string[] = [];
  let sent = 0;

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildMatrixWorld(t);
    const doc = (await t.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));
  }, 120_000);
  afterAll(() => t.close());

  const entitled = (c: MatrixCase) => (c.insider ? w.insiders[c.insider] : w.insiders.admin) as Record<string, string>;

  /** Sends one request and records anything wrong with the answer. */
  async function probe(key: string, c: MatrixCase, label: string, opts: { params?: Record<string, string | number>; query?: Record<string, unknown>; json?: Json; raw?: string; file?: { name: string; content: Buffer } }) {
    const [method, template] = key.split(' ');
    const params = opts.params ?? c.path?.(w) ?? {};
    const url = template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));
    let req = t.http()[method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete'](url).set(entitled(c));
    if (opts.query) req = req.query(opts.query as Record<string, string>);
    let res;
    if (opts.file) res = await req.attach('file', opts.file.content, opts.file.name);
    else if (opts.raw !== undefined) res = await req.set('Content-Type', 'application/json').send(opts.raw);
    else if (opts.json !== undefined) res = await req.send(opts.json as object);
    else res = await req;
    sent++;
    const where = `${key} [${label}]`;
    if (res.status >= 500 && !c.allowStatus?.includes(res.status)) findings.push(`${where}: ${res.status} ${res.text.slice(0, 160)}`);
    const type = String(res.headers['content-type'] ?? '');
    if (/html/i.test(type)) findings.push(`${where}: answered ${type}`);
    if (res.text?.includes('<script>') && res.headers['x-content-type-options'] !== 'nosniff') findings.push(`${where}: echoes a script without nosniff`);
    // Open311 answers errors in GeoReport v2's own shape, [{code, description}] or <errors><error>… for .xml; everything else in ours.
    const shaped = url.startsWith('/open311')
      ? /\.xml$/.test(url)
        ? /^<\?xml [^>]*>\s*<errors><error><code>\d{3}<\/code><description>[^<]+<\/description><\/error><\/errors>$/.test(res.text)
        : Array.isArray(res.body) && typeof res.body[0]?.description === 'string'
      : typeof res.body?.code === 'string' && typeof res.body?.message === 'string';
    if (res.status >= 400 && !shaped) findings.push(`${where}: ${res.status} without the error shape`);
    return res;
  }

  it('covers every route of the OpenAPI document', () => {
    expect(routes.filter((r) => !MATRIX[r])).toEqual([]);
  });

  it('answers malformed input with a 4xx and the error shape, and changes nothing', async () => {
    const before = await fingerprint(t.db, ['auth_session']);
    for (const key of routes) {
      const c = MATRIX[key];
      const [method] = key.split(' ');
      // Hostile ids in the path.
      for (const name of key.match(/\{(\w+)\}/g) ?? []) {
        for (const bad of HOSTILE_IDS) {
          const res = await probe(key, c, `${name}=${bad}`, { params: { ...(c.path?.(w) ?? {}), [name.slice(1, -1)]: bad }, json: c.body?.(w) as Json });
          if (method !== 'GET' && res.status < 400) findings.push(`${key} [${name}=${bad}]: accepted (${res.status})`);
        }
      }
      // Hostile query values on reads (lists and filters take them; they must refuse or ignore, never break).
      if (method === 'GET') {
        const query = c.query?.(w) ?? { cursor: '', state: '', type: '' };
        for (const field of Object.keys(query)) {
          for (const bad of [SQL, SCRIPT, 'x'.repeat(10_000), ['a', 'b']]) await probe(key, c, `?${field}`, { query: { ...query, [field]: bad } });
        }
        await probe(key, c, '?cursor=garbage', { query: { ...query, cursor: `${SQL}${'A'.repeat(500)}` } });
      }
      // Malformed bodies (only where the route reads a body: elsewhere a body is ignored, rightly).
      // A variant the route accepts (a PATCH taking null as "unchanged") must then have changed nothing.
      const body = c.body?.(w);
      if (body && !Array.isArray(body)) {
        const untouched = await fingerprint(t.db, ['auth_session']);
        for (const variant of malformedBodies(body as Record<string, unknown>)) {
          const res = await probe(key, c, variant.label, variant);
          if (res.status < 400 && JSON.stringify(await fingerprint(t.db, ['auth_session'])) !== JSON.stringify(untouched)) {
            findings.push(`${key} [${variant.label}]: accepted (${res.status}) and changed data`);
          }
        }
      }
      // Hostile files: traversal in the name, a script pretending to be a photo.
      if (c.file) {
        for (const [name, content] of [
          ['../../../../etc/passwd.jpg', Buffer.from('root:x:0:0')],
          [`${SCRIPT}.jpg`, Buffer.from(`<html>${SCRIPT}</html>`)],
          ['..\\..\\boot.ini.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])],
        ] as const) {
          const res = await probe(key, c, `file ${name}`, { file: { name, content } });
          if (res.status < 400) findings.push(`${key} [file ${name}]: accepted (${res.status})`);
        }
      }
    }
    expect(findings).toEqual([]);
    expect(sent).toBeGreaterThan(routes.length * 5);
    expect(await fingerprint(t.db, ['auth_session'])).toEqual(before);
  });

  it('stores script and SQL text as plain text and never serves it back as a page', async () => {
    findings.length = 0;
    for (const key of routes) {
      const c = MATRIX[key];
      const body = c.body?.(w) as Record<string, Json> | undefined;
      if (!body || Array.isArray(body) || c.last) continue;
      const strings = Object.entries(body).filter(([, v]) => typeof v === 'string' && !/^\d{4}-\d{2}/.test(v as string));
      for (const [field] of strings) await probe(key, c, `${field} as script/SQL text`, { json: { ...body, [field]: `${SCRIPT}${SQL}`.slice(0, 60) } });
    }
    expect(findings).toEqual([]);
    // The tickets table is still there, and what was stored reads back as the same text inside JSON.
    const rows = await t.db.query("SELECT description FROM ticket WHERE description LIKE '%<script>%'");
    for (const row of rows as { description: string }[]) expect(row.description.startsWith('<script>')).toBe(true);
    const board = await t.http().get('/api/v1/tickets').query({ view: 'community', communityId: w.A.communityId }).set(w.insiders.residentA as Record<string, string>);
    expect(board.headers['content-type']).toMatch(/application\/json/);
  });
});
