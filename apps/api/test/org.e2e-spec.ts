import { creditCodeCheckChar } from '@wuye/contracts';
import { AuditEntry } from '../src/modules/identity/audit-entry.entity';
import { Area } from '../src/modules/org/area.entity';
import { PropertyCompany } from '../src/modules/org/property-company.entity';
import { createTestApp, TestApp } from './support/app';
import { createArea, createCommunity, createEstate, createUser, creditCode, unique, roleIn } from './support/fixtures';

describe('organisation administration', () => {
  let t: TestApp;
  let admin: { Authorization: string };
  beforeAll(async () => {
    t = await createTestApp();
    const { devKey } = await createUser(t.db, [{ role: 'platform_admin' }]);
    admin = await t.signIn(devKey);
  });
  afterAll(() => t.close());

  describe('property companies and the unified social credit code', () => {
    it.each([
      ['91350100M000100Y43', 'the standard’s own example'],
      ['9144030071526726XG', 'a real company (Shenzhen)'],
      ['91330100716105852F', 'a real company (Hangzhou)'],
    ])('accepts %s (%s)', async (code) => {
      // Each real code only once per database: clear it first if an earlier run of this case left it.
      await t.db.getRepository(PropertyCompany).delete({ creditCode: code });
      const res = await t.http().post('/api/v1/companies').set(admin).send({ name: unique('物业'), creditCode: code }).expect(201);
      expect(res.body).toMatchObject({ creditCode: code });
    });

    it('accepts a code typed in lower case and stores it upper case', async () => {
      const code = creditCode();
      const res = await t.http().post('/api/v1/companies').set(admin).send({ name: unique('物业'), creditCode: code.toLowerCase() }).expect(201);
      expect(res.body.creditCode).toBe(code);
    });

    it.each([
      ['91350100M000100Y44', 'check_digit', '校验位'],
      ['91350100M000100Y4', 'length', '18位'],
      ['91350100M000100YI3', 'characters', '大写字母'],
      ['91350100M0001O0Y43', 'characters', '大写字母'],
    ])('refuses %s (%s) and stores nothing', async (code, problem, words) => {
      const before = await t.db.getRepository(PropertyCompany).count();
      const res = await t.http().post('/api/v1/companies').set(admin).send({ name: unique('物业'), creditCode: code }).expect(422);
      expect(res.body).toMatchObject({ code: 'INVALID_CREDIT_CODE', details: { field: 'creditCode', problem } });
      expect(res.body.message).toContain(words);
      expect(await t.db.getRepository(PropertyCompany).count()).toBe(before);
    });

    it('refuses a second company with the same code', async () => {
      const code = creditCode();
      await t.http().post('/api/v1/companies').set(admin).send({ name: unique('物业'), creditCode: code }).expect(201);
      const res = await t.http().post('/api/v1/companies').set(admin).send({ name: unique('物业'), creditCode: code }).expect(409);
      expect(res.body.code).toBe('ALREADY_EXISTS');
    });

    it('updates a company and records who changed what', async () => {
      const created = await t.http().post('/api/v1/companies').set(admin).send({ name: unique('物业'), creditCode: creditCode() }).expect(201);
      const res = await t.http().patch(`/api/v1/companies/${created.body.id}`).set(admin).send({ contactPhone: '0571-8888 1234' }).expect(200);
      expect(res.body.contactPhone).toBe('0571-8888 1234');
      const audit = await t.db.getRepository(AuditEntry).findOneByOrFail({ entityType: 'company', entityId: created.body.id, action: 'company.update' });
      expect(audit.before).toMatchObject({ contactPhone: null });
      expect(audit.after).toMatchObject({ contactPhone: '0571-8888 1234' });
    });

    it('lets nobody but a platform admin create companies', async () => {
      const estate = await createEstate(t.db);
      const { devKey } = await createUser(t.db, [roleIn(estate).companyAdmin]);
      const res = await t.http().post('/api/v1/companies').set(await t.signIn(devKey)).send({ name: unique('物业'), creditCode: creditCode() }).expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
    });
  });

  describe('areas', () => {
    it('builds county → town → community office, and refuses levels out of order', async () => {
      const county = await t.http().post('/api/v1/areas').set(admin).send({ code: unique('X'), name: '测试县', level: 'county' }).expect(201);
      const town = await t.http().post('/api/v1/areas').set(admin).send({ code: unique('X'), name: '测试镇', level: 'town', parentId: county.body.id }).expect(201);
      await t.http().post('/api/v1/areas').set(admin).send({ code: unique('X'), name: '测试社区', level: 'community_office', parentId: town.body.id }).expect(201);

      const skipped = await t.http().post('/api/v1/areas').set(admin).send({ code: unique('X'), name: '错层社区', level: 'community_office', parentId: county.body.id }).expect(422);
      expect(skipped.body.code).toBe('INVALID_AREA_PARENT');
      const orphan = await t.http().post('/api/v1/areas').set(admin).send({ code: unique('X'), name: '无上级镇', level: 'town' }).expect(422);
      expect(orphan.body.message).toContain('上级');

      const children = await t.http().get(`/api/v1/areas?parentId=${county.body.id}`).set(admin).expect(200);
      expect(children.body.items.map((a: { name: string }) => a.name)).toEqual(['测试镇']);
    });
  });

  describe('communities', () => {
    it('must belong to a community office', async () => {
      const county = await createArea(t.db, 'county', null);
      const town = await createArea(t.db, 'town', county);
      const res = await t.http().post('/api/v1/communities').set(admin).send({ code: unique('C'), name: '错挂小区', areaId: town.id }).expect(422);
      expect(res.body.code).toBe('INVALID_AREA_PARENT');
    });

    it('shows each role only the communities of its scope, and 404 for the others', async () => {
      const a = await createEstate(t.db);
      const b = await createEstate(t.db, { county: a.county }); // same county, other town
      const managerA = await createUser(t.db, [roleIn(a).manager]);
      const townRegulatorA = await createUser(t.db, [roleIn(a).townRegulator]);
      const countyRegulator = await createUser(t.db, [roleIn(a).countyRegulator]);

      const seenBy = async (devKey: string) => {
        const res = await t.http().get(`/api/v1/communities?areaId=${a.county.id}`).set(await t.signIn(devKey)).expect(200);
        return res.body.items.map((c: { id: number }) => c.id).sort();
      };
      expect(await seenBy(managerA.devKey)).toEqual([a.community.id]);
      expect(await seenBy(townRegulatorA.devKey)).toEqual([a.community.id]);
      expect(await seenBy(countyRegulator.devKey)).toEqual([a.community.id, b.community.id].sort());

      const other = await t.http().get(`/api/v1/communities/${b.community.id}`).set(await t.signIn(managerA.devKey)).expect(404);
      expect(other.body.code).toBe('NOT_FOUND');
      const own = await t.http().get(`/api/v1/communities/${a.community.id}`).set(await t.signIn(managerA.devKey)).expect(200);
      expect(own.body).toMatchObject({ name: a.community.name, company: { id: a.company.id }, areaName: a.office.name, townName: a.town.name });
    });

    it('pages through a long list with a cursor, without gaps or repeats', async () => {
      const county = await createArea(t.db, 'county', null);
      const town = await createArea(t.db, 'town', county);
      const office = await createArea(t.db, 'community_office', town);
      const made = [];
      for (let i = 0; i < 7; i++) made.push((await createCommunity(t.db, office)).id);
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const query: string = `/api/v1/communities?areaId=${office.id}&limit=3${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await t.http().get(query).set(admin).expect(200);
        expect(res.body.items.length).toBeLessThanOrEqual(3);
        seen.push(...res.body.items.map((c: { id: number }) => c.id));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(made);
      const bad = await t.http().get('/api/v1/communities?cursor=not-a-cursor').set(admin).expect(400);
      expect(bad.body.code).toBe('BAD_CURSOR');
    });

    it('appear in the public directory with their company, without signing in', async () => {
      const estate = await createEstate(t.db);
      const res = await t.http().get(`/api/v1/directory/communities?q=${encodeURIComponent(estate.community.name)}`).expect(200);
      expect(res.body.items).toEqual([
        {
          id: estate.community.id,
          code: estate.community.code,
          name: estate.community.name,
          address: null,
          areaName: estate.office.name,
          townName: estate.town.name,
          companyName: estate.company.name,
        },
      ]);
    });
  });

  describe('service contracts and hand-over', () => {
    it('moves access from the old company to the new one the moment the contract ends', async () => {
      const estate = await createEstate(t.db);
      const oldManager = await t.signInAs(roleIn(estate).manager);
      const oldAdmin = await t.signInAs(roleIn(estate).companyAdmin);
      const newCompany = await t.http().post('/api/v1/companies').set(admin).send({ name: unique('新物业'), creditCode: creditCode() }).expect(201);
      const newManager = await t.signIn((await createUser(t.db, [{ role: 'manager', communityId: estate.community.id, companyId: newCompany.body.id }])).devKey);
      const path = `/api/v1/communities/${estate.community.id}`;

      await t.http().get(path).set(oldManager).expect(200);
      await t.http().get(`${path}/houses`).set(oldAdmin).expect(200);
      // A manager whose company holds no contract here holds no manager grant at all yet.
      expect((await t.http().get(path).set(newManager).expect(403)).body.code).toBe('FORBIDDEN');

      // A second contract may not overlap the one in force.
      const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
      const overlap = await t.http().post('/api/v1/contracts').set(admin).send({ communityId: estate.community.id, companyId: newCompany.body.id, startsOn: today, serviceGrade: '二级' }).expect(409);
      expect(overlap.body.code).toBe('CONTRACT_OVERLAP');

      const ended = await t.http().post(`/api/v1/contracts/${estate.contract.id}/end`).set(admin).send({ reason: 'reselected', note: '业主大会改选' }).expect(200);
      expect(ended.body).toMatchObject({ status: 'terminated', endReason: 'reselected', endsOn: today });
      await t.http().post(`/api/v1/contracts/${estate.contract.id}/end`).set(admin).send({ reason: 'terminated' }).expect(409);

      expect((await t.http().get(path).set(oldManager).expect(403)).body.code).toBe('FORBIDDEN');
      // The company admin is still an admin (of other estates), but this one is out of reach: 404.
      expect((await t.http().get(`${path}/houses`).set(oldAdmin).expect(404)).body.code).toBe('NOT_FOUND');

      const started = await t.http().post('/api/v1/contracts').set(admin).send({ communityId: estate.community.id, companyId: newCompany.body.id, startsOn: today, serviceGrade: '一级', feeStandards: [{ propertyType: 'residence', pricePerM2MonthFen: 260 }] }).expect(201);
      expect(started.body).toMatchObject({ status: 'active', companyName: newCompany.body.name });
      const now = await t.http().get(path).set(newManager).expect(200);
      expect(now.body.company).toEqual({ id: newCompany.body.id, name: newCompany.body.name });

      // History keeps both, the old company still sees its own (ended) contract.
      const history = await t.http().get(`/api/v1/contracts?communityId=${estate.community.id}`).set(admin).expect(200);
      expect(history.body.items.map((c: { status: string }) => c.status)).toEqual(['active', 'terminated']);
      const theirs = await t.http().get(`/api/v1/contracts?communityId=${estate.community.id}`).set(oldAdmin).expect(200);
      expect(theirs.body.items).toEqual([expect.objectContaining({ id: estate.contract.id, status: 'terminated' })]);
    });

    it('refuses a contract that ends before it starts, or an impossible date', async () => {
      const estate = await createEstate(t.db);
      const backwards = await t.http().post('/api/v1/contracts').set(admin).send({ communityId: estate.community.id, companyId: estate.company.id, startsOn: '2030-02-01', endsOn: '2030-01-01', serviceGrade: '二级' }).expect(422);
      expect(backwards.body.message).toContain('结束日期');
      const impossible = await t.http().post('/api/v1/contracts').set(admin).send({ communityId: estate.community.id, companyId: estate.company.id, startsOn: '2030-02-30', serviceGrade: '二级' }).expect(400);
      expect(impossible.body.details[0].field).toBe('startsOn');
    });
  });

  it('keeps a check digit function that agrees with real codes', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
  });

  it('counts areas in the database as created through the API', async () => {
    expect(await t.db.getRepository(Area).count()).toBeGreaterThan(0);
  });
});
