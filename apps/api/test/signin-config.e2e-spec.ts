import { randomBytes } from 'node:crypto';
import { DEVELOPMENT_SECRETS } from '../src/config';
import { AuthSession } from '../src/modules/identity/auth-session.entity';
import { User } from '../src/modules/identity/user.entity';
import { Ticket } from '../src/modules/tickets/ticket.entity';
import { createTestApp, TestApp } from './support/app';
import { createEstate, createResident, createUser, Estate, roleIn } from './support/fixtures';
import { report } from './support/tickets';

/** Secrets as an operator generates them: production starts with these. */
const PRODUCTION = {
  NODE_ENV: 'production',
  AUTH_JWT_SECRET: randomBytes(48).toString('base64'),
  PHONE_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
  FILE_URL_SECRET: randomBytes(48).toString('base64'),
};

describe('production settings', () => {
  it('/api/docs is off in production unless API_DOCS turns it on (rule: docs off in production)', async () => {
    const off = await createTestApp(PRODUCTION);
    try {
      for (const path of ['/api/docs', '/api/docs-json']) expect((await off.http().get(path).expect(404)).body.code).toBe('ROUTE_NOT_FOUND');
    } finally {
      await off.close();
    }
    const on = await createTestApp({ ...PRODUCTION, API_DOCS: 'true' });
    try {
      const docs = await on.http().get('/api/docs-json').expect(200);
      expect(docs.body.paths['/api/v1/tickets']).toBeDefined();
      // Even with the docs on, there is no development sign-in to document.
      expect(Object.keys(docs.body.paths).filter((p) => p.includes('/auth/dev'))).toEqual([]);
    } finally {
      await on.close();
    }
  });

  // The control: the test above starts production with PRODUCTION's generated secrets.
  it.each([
    ['AUTH_JWT_SECRET', 'the published development value', DEVELOPMENT_SECRETS.jwt, 'is a development value published in this repository'],
    ['AUTH_JWT_SECRET', 'the published value in capitals', DEVELOPMENT_SECRETS.jwt.toUpperCase(), 'is a development value published in this repository'],
    ['FILE_URL_SECRET', 'the published development value', DEVELOPMENT_SECRETS.fileUrl, 'is a development value published in this repository'],
    ['FILE_URL_SECRET', 'a long run of one character', 'x'.repeat(48), 'is too weak (too few different characters)'],
    ['FILE_URL_SECRET', 'a hand-made phrase', 'wuye-file-url-secret-for-production-2026', 'is too weak (it contains a placeholder word)'],
    ['FILE_URL_SECRET', 'a short one', randomBytes(12).toString('base64'), 'must be at least 32 characters long'],
  ])('production refuses to start with %s set to %s, saying which setting and why (rule: no development or weak secrets)', async (setting, _what, value, problem) => {
    await expect(createTestApp({ ...PRODUCTION, [setting]: value })).rejects.toThrow(`Invalid setting ${setting}: ${problem}`);
  });

  it('development sign-in never answers in production, even with its routes mounted (rule: no dev sign-in in production)', async () => {
    // Mounted: the app starts outside production, then the environment says production.
    const t = await createTestApp({ NODE_ENV: 'development' });
    const saved = process.env.NODE_ENV;
    try {
      await createUser(t.db, [{ role: 'platform_admin' }]).then(({ user }) => t.db.getRepository(User).update(user.id, { devKey: 'admin' }));
      await t.http().post('/api/v1/auth/dev').send({ user: 'admin' }).expect(200);
      process.env.NODE_ENV = 'production';
      for (const res of [await t.http().post('/api/v1/auth/dev').send({ user: 'admin' }), await t.http().get('/api/v1/auth/dev/users')]) {
        expect([res.status, res.body.code, res.body.accessToken]).toEqual([404, 'ROUTE_NOT_FOUND', undefined]);
      }
    } finally {
      process.env.NODE_ENV = saved;
      await t.close();
    }
  });
});

describe('accounts and sessions', () => {
  let t: TestApp;
  let estate: Estate;
  beforeAll(async () => {
    t = await createTestApp();
    estate = await createEstate(t.db);
  });
  afterAll(() => t.close());

  const signInFully = async (devKey: string) => {
    const user = await t.db.getRepository(User).findOneByOrFail({ devKey });
    const { AuthService } = await import('../src/modules/identity/auth.service');
    return t.app.get(AuthService).issueTokens(user.id);
  };

  it('disabling an account ends its sessions at once and refuses its refresh tokens (rule: disable ends sessions)', async () => {
    const admin = await t.signInAs({ role: 'platform_admin' });
    const staff = await createUser(t.db, [roleIn(estate).manager]);
    const phone = await signInFully(staff.devKey);
    const tablet = await signInFully(staff.devKey);
    const bearer = (tokens: { accessToken: string }) => ({ Authorization: `Bearer ${tokens.accessToken}` });
    await t.http().get('/api/v1/me').set(bearer(phone)).expect(200);

    const disabled = await t.http().post(`/api/v1/users/${staff.user.id}/disable`).set(admin).send({ reason: '离职' }).expect(200);
    expect(disabled.body).toEqual({ id: staff.user.id, disabled: true });
    // Every session ended in the same step, before anyone presents a token.
    expect((await t.db.getRepository(AuthSession).findBy({ userId: staff.user.id })).map((s) => s.revokedAt !== null)).toEqual([true, true]);
    for (const session of [phone, tablet]) {
      expect((await t.http().get('/api/v1/me').set(bearer(session)).expect(401)).body.code).toBe('UNAUTHENTICATED');
      expect((await t.http().post('/api/v1/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401)).body.code).toBe('UNAUTHENTICATED');
    }

    // Enabled again, the old sessions stay over: the user signs in anew.
    await t.http().post(`/api/v1/users/${staff.user.id}/enable`).set(admin).expect(200);
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: phone.refreshToken }).expect(401);
    await t.http().get('/api/v1/me').set(bearer(await signInFully(staff.devKey))).expect(200);
  });

  it('refuses refresh tokens of an account disabled in the database, and an admin disabling themselves (rule: disable ends sessions)', async () => {
    const resident = await createResident(t.db, estate.houses[0]);
    const tokens = await signInFully(resident.devKey);
    await t.db.getRepository(User).update(resident.user.id, { disabledAt: new Date() });
    expect((await t.http().post('/api/v1/auth/refresh').send({ refreshToken: tokens.refreshToken }).expect(401)).body.message).toBe('账号已停用，请联系物业或平台');
    const admin = await createUser(t.db, [{ role: 'platform_admin' }]);
    const self = await t.http().post(`/api/v1/users/${admin.user.id}/disable`).set(await t.signIn(admin.devKey)).send({}).expect(409);
    expect(self.body.code).toBe('CANNOT_DISABLE_SELF');
    expect((await t.db.getRepository(User).findOneByOrFail({ id: admin.user.id })).disabledAt).toBeNull();
    // Only platform admins disable accounts.
    const manager = await t.signInAs(roleIn(estate).manager);
    await t.http().post(`/api/v1/users/${resident.user.id}/enable`).set(manager).expect(403);
  });
});

describe('identifiers', () => {
  let t: TestApp;
  let estate: Estate;
  let resident: { Authorization: string };
  beforeAll(async () => {
    t = await createTestApp();
    estate = await createEstate(t.db);
    resident = await t.signIn((await createResident(t.db, estate.houses[0])).devKey);
  });
  afterAll(() => t.close());

  it('compares idempotency keys exactly, case included, on this engine (rule: idempotency keys case-sensitive)', async () => {
    const first = await report(t, resident, { communityId: estate.community.id, description: '一楼大堂灯坏了', place: '1栋' }, { 'Idempotency-Key': 'Report-AbCd-0001' }).expect(201);
    const replay = await report(t, resident, { communityId: estate.community.id, description: '一楼大堂灯坏了', place: '1栋' }, { 'Idempotency-Key': 'Report-AbCd-0001' }).expect(201);
    expect([replay.body.id, replay.headers['idempotent-replayed']]).toEqual([first.body.id, 'true']);
    // Another submission whose key differs only in case is another ticket, not a replay of the first.
    const other = await report(t, resident, { communityId: estate.community.id, description: '二楼走廊灯也坏了', place: '1栋' }, { 'Idempotency-Key': 'report-abcd-0001' }).expect(201);
    expect(other.body.id).not.toBe(first.body.id);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect(other.body.description).toBe('二楼走廊灯也坏了');
    const keys = (await t.db.getRepository(Ticket).findBy({ communityId: estate.community.id })).map((k) => k.idempotencyKey).sort();
    expect(keys).toEqual(['Report-AbCd-0001', 'report-abcd-0001']);
  });

  it.each(['1e3', '0x10', '%207', '+7', '07', '7.0', '-7', '7%20', '%EF%BC%97', '1_0', '0', '2147483648', '99999999999'])(
    'refuses the ticket id %s in a path: only plain decimals (rule: plain decimal ticket ids; Open311: not found)',
    async (id) => {
      const ticket = await report(t, resident, { communityId: estate.community.id, description: '门禁失灵' }).expect(201);
      const before = await t.db.getRepository(Ticket).findOneByOrFail({ id: ticket.body.id });
      for (const [where, res] of [
        ['GET ticket', await t.http().get(`/api/v1/tickets/${id}`).set(resident)],
        ['POST transition', await t.http().post(`/api/v1/tickets/${id}/transitions`).set(resident).send({ action: 'cancel', version: before.version })],
      ] as const) {
        expect([where, res.status, res.body.code]).toEqual([where, 400, 'VALIDATION_FAILED']);
      }
      // GeoReport v2 (issue 19): a malformed id is an unknown one: 404 at its URL, nothing in a list.
      const single = await t.http().get(`/open311/v2/requests/${id}.json?jurisdiction_id=${estate.community.code}`);
      expect([single.status, single.body[0]?.code]).toEqual([404, 404]);
      // In a query string "+" is a space and parameters are trimmed, as everywhere: only the other forms there.
      if (!['%207', '+7', '7%20'].includes(id)) {
        await t.http().get(`/open311/v2/requests.json?jurisdiction_id=${estate.community.code}&service_request_id=${id}`).expect(200, []);
      }
      expect(await t.db.getRepository(Ticket).findOneByOrFail({ id: ticket.body.id })).toEqual(before);
    },
  );

  it('takes the plain decimal id (the control for the refusals above)', async () => {
    const ticket = await report(t, resident, { communityId: estate.community.id, description: '楼道灯不亮', place: '2栋' }).expect(201);
    await t.http().get(`/api/v1/tickets/${ticket.body.id}`).set(resident).expect(200);
    await t.http().get(`/open311/v2/requests/${ticket.body.id}.json?jurisdiction_id=${estate.community.code}`).expect(200);
    const list = await t.http().get(`/open311/v2/requests.json?jurisdiction_id=${estate.community.code}&service_request_id=${ticket.body.id}`).expect(200);
    expect(list.body).toHaveLength(1);
  });
});
