import { shanghaiDate } from '@wuye/contracts';
import { RoleAssignment } from '../src/modules/identity/role-assignment.entity';
import { ServiceContract } from '../src/modules/org/service-contract.entity';
import { CreditEvent } from '../src/modules/oversight/credit-event.entity';
import { createTestApp, TestApp } from './support/app';
import { createCommunity, createCompany, createContract, createEstate, createUser, Estate } from './support/fixtures';

type Auth = { Authorization: string };
const at = (day: string) => new Date(`${day}T09:00:00+08:00`);

/** Oversight records nobody inside an estate can bend: who a credit event names. */
describe('oversight records', () => {
  let t: TestApp;
  let county: Auth;
  let estate: Estate;
  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    estate = await createEstate(t.db);
    county = await t.signIn((await createUser(t.db, [{ role: 'regulator', areaId: estate.county.id }])).devKey);
  });
  afterAll(() => t.close());

  const credit = (body: object) => t.http().post('/api/v1/credit-events').set(county).send({ kind: 'interview', reason: '约谈项目经理', ...body });
  const events = () => t.db.getRepository(CreditEvent).countBy({ companyId: estate.company.id });

  describe('a credit event names a manager only if they managed that company’s estate on the event date', () => {
    it('accepts the manager of that day, and refuses one who started later, left earlier, or managed elsewhere', async () => {
      // 王 managed it from 2024-03-01 until revoked on 2025-06-30; 李 from 2025-07-01.
      const wang = await createUser(t.db, [{ role: 'manager', communityId: estate.community.id, companyId: estate.company.id }]);
      await t.db.getRepository(RoleAssignment).update({ userId: wang.user.id }, { createdAt: at('2024-03-01'), revokedAt: at('2025-06-30') });
      const li = await createUser(t.db, [{ role: 'manager', communityId: estate.community.id, companyId: estate.company.id }]);
      await t.db.getRepository(RoleAssignment).update({ userId: li.user.id }, { createdAt: at('2025-07-01') });
      // 赵 has managed another estate of the same company all along.
      const neighbour = await createCommunity(t.db, estate.office);
      await createContract(t.db, neighbour, estate.company);
      const zhao = await createUser(t.db, [{ role: 'manager', communityId: neighbour.id, companyId: estate.company.id }]);
      await t.db.getRepository(RoleAssignment).update({ userId: zhao.user.id }, { createdAt: at('2020-01-01') });
      const base = { companyId: estate.company.id, communityId: estate.community.id };

      await credit({ ...base, managerUserId: wang.user.id, occurredOn: '2025-06-30' }).expect(201);
      await credit({ ...base, managerUserId: li.user.id, occurredOn: '2025-07-01' }).expect(201);
      for (const [who, day] of [
        [wang, '2025-07-01'],
        [wang, '2024-02-29'],
        [li, '2025-06-30'],
        [zhao, '2025-06-30'],
      ] as const) {
        const refused = await credit({ ...base, managerUserId: who.user.id, occurredOn: day }).expect(422);
        expect(refused.body).toMatchObject({ code: 'MANAGER_NOT_IN_CHARGE', details: { field: 'managerUserId' } });
      }
      // A manager named without the estate is refused too; nothing was recorded by any refusal.
      expect((await credit({ companyId: estate.company.id, managerUserId: li.user.id, occurredOn: shanghaiDate() }).expect(422)).body.details).toMatchObject({ field: 'communityId' });
      expect(await events()).toBe(2);

      // The form's list of managers follows the same rule, day by day.
      const on = async (day: string) => (await t.http().get(`/api/v1/communities/${estate.community.id}/managers?companyId=${estate.company.id}&on=${day}`).set(county).expect(200)).body.map((m: { id: number }) => m.id);
      expect(await on('2025-06-30')).toEqual([wang.user.id]);
      expect(await on('2025-07-01')).toEqual([li.user.id]);
      expect(await on('2024-01-15')).toEqual([]);
    });

    it('refuses a manager for a day their company did not serve the estate (contract history)', async () => {
      // The company served until its contract ended on 2025-12-31; a new company took over the next day.
      await t.db.getRepository(ServiceContract).update(estate.contract.id, { endsOn: '2025-12-31', terminatedAt: at('2025-12-31') });
      const successor = await createCompany(t.db);
      await createContract(t.db, estate.community, successor, '2026-01-01');
      const old = await createUser(t.db, [{ role: 'manager', communityId: estate.community.id, companyId: estate.company.id }]);
      await t.db.getRepository(RoleAssignment).update({ userId: old.user.id }, { createdAt: at('2023-01-01') });
      const base = { companyId: estate.company.id, communityId: estate.community.id, managerUserId: old.user.id };

      await credit({ ...base, occurredOn: '2025-12-31' }).expect(201);
      expect((await credit({ ...base, occurredOn: '2026-01-01' }).expect(422)).body.code).toBe('MANAGER_NOT_IN_CHARGE');
      // Named against the successor company, the old manager never managed for it.
      expect((await credit({ ...base, companyId: successor.id, occurredOn: '2025-12-31' }).expect(422)).body.code).toBe('MANAGER_NOT_IN_CHARGE');
      expect(await events()).toBe(1);
    });
  });

});
