import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { PATH_METADATA } from '@nestjs/common/constants';
import { ACCESS_RULE } from '../src/modules/identity/access.decorators';
import { createTestApp, TestApp } from './support/app';
import { fingerprint } from './support/fingerprint';
import { MATRIX, type MatrixCase } from './support/matrix-cases';
import { buildMatrixWorld, type MatrixWorld, documentedRoutes } from './support/matrix-world';

/**
 * Walks every route of the API as every kind of caller scoped to another estate, and proves they read nothing
 * of estate A and change nothing. Then proves someone entitled can make the very same requests.
 */
describe('authorization matrix', () => {
  let t: TestApp;
  let w: MatrixWorld;
  let routes: string[];

  beforeAll(async () => {
    t = await createTestApp();
    w = await buildMatrixWorld(t);
    routes = await documentedRoutes(t);
  }, 120_000);
  afterAll(() => t.close());

  const send = (key: string, c: MatrixCase, auth: object) => {
    const [method, template] = key.split(' ');
    const params = c.path?.(w) ?? {};
    const url = template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));
    let req = t.http()[method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete'](url).set(auth as Record<string, string>);
    if (c.query) req = req.query(c.query(w));
    if (c.file) return req.attach('file', Buffer.from(c.file.content), c.file.name);
    return c.body ? req.send(c.body(w)) : req;
  };

  const leaks = (c: MatrixCase, text: string) =>
    c.noLeakCheck ? [] : [...w.markers.personal, ...(c.kind === 'scoped' ? w.markers.scoped : [])].filter((m) => text.includes(m));

  it('has a case for every route, and no case for a route that does not exist', () => {
    expect(routes.filter((r) => !MATRIX[r])).toEqual([]);
    expect(Object.keys(MATRIX).filter((k) => !routes.includes(k))).toEqual([]);
  });

  it('declares an access rule on every route handler (a route without one fails here)', () => {
    const discovery = new DiscoveryService(t.app.get(ModulesContainer));
    const scanner = new MetadataScanner();
    const reflector = t.app.get(Reflector);
    const missing: string[] = [];
    for (const wrapper of discovery.getControllers()) {
      const { instance, metatype } = wrapper;
      if (!instance || !metatype) continue;
      for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const handler = instance[name];
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        if (!reflector.getAllAndOverride(ACCESS_RULE, [handler, metatype])) missing.push(`${metatype.name}.${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('lets no caller from another estate read or change anything of estate A', async () => {
    const before = await fingerprint(t.db);
    const failures: string[] = [];
    for (const [key, c] of Object.entries(MATRIX)) {
      if (c.kind === 'own') continue;
      for (const [who, auth] of Object.entries(w.intruders)) {
        const res = await send(key, c, auth);
        if (res.status >= 500 && !c.allowStatus?.includes(res.status)) failures.push(`${who} ${key}: ${res.status} ${res.text.slice(0, 200)}`);
        else if (c.kind === 'scoped' && res.status >= 200 && res.status < 300 && leaks(c, res.text).length) {
          failures.push(`${who} ${key}: ${res.status} shows ${leaks(c, res.text).join(', ')}`);
        } else if (c.kind === 'scoped' && !(res.status < 300 || [401, 403, 404].includes(res.status))) {
          failures.push(`${who} ${key}: answered ${res.status} ${res.body?.code} (expected 401/403/404 or a harmless 2xx)`);
        } else if (c.kind === 'public' && leaks(c, res.text).length) {
          failures.push(`${who} ${key}: public answer shows ${leaks(c, res.text).join(', ')}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await fingerprint(t.db)).toEqual(before);
  });

  it('answers each caller’s own-account routes with nothing of estate A', async () => {
    const failures: string[] = [];
    const ordered = Object.entries(MATRIX).filter(([, c]) => c.kind === 'own').sort(([, a], [, b]) => Number(a.last ?? false) - Number(b.last ?? false));
    for (const [key, c] of ordered) {
      for (const [who, auth] of Object.entries(w.intruders)) {
        const res = await send(key, c, auth);
        if (res.status >= 500 && !c.allowStatus?.includes(res.status)) failures.push(`${who} ${key}: ${res.status}`);
        if (leaks(c, res.text).length) failures.push(`${who} ${key}: shows ${leaks(c, res.text).join(', ')}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('lets those entitled make the same requests (the cases are real, not malformed)', async () => {
    const failures: string[] = [];
    const ordered = Object.entries(MATRIX).filter(([, c]) => c.insider).sort(([, a], [, b]) => Number(a.last ?? false) - Number(b.last ?? false));
    for (const [key, c] of ordered) {
      const res = await send(key, c, w.insiders[c.insider as keyof MatrixWorld['insiders']]);
      const ok = c.insiderStatus ? res.status === c.insiderStatus : res.status >= 200 && res.status < 300;
      if (!ok) failures.push(`${c.insider} ${key}: ${res.status} ${res.body?.code ?? ''} ${res.body?.message ?? ''}`);
    }
    expect(failures).toEqual([]);
  });
});
